"""Which listing pages the blog has and what each holds: index, archive, years, months, terms."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .i18n import Strings
from .model import Blog, Post, Term, by_month, by_year, pinned_first, terms_of
from .paths import Paths
from .series import TAXONOMY as SERIES
from .series import series_of


class Kind(str, Enum):
    """What a generated page lists."""

    LANDING = "landing"
    INDEX = "index"
    ARCHIVE = "archive"
    YEAR = "year"
    MONTH = "month"
    TAXONOMY = "taxonomy"
    TERM = "term"
    SERIES = "series"


@dataclass(frozen=True)
class Listing:
    """One generated page: its source path, title and the posts or terms it shows."""

    src_uri: str
    kind: Kind
    lang: str | None
    title: str
    posts: tuple[Post, ...] = ()
    number: int = 1
    pages: tuple[str, ...] = ()
    year: int | None = None
    month: int | None = None
    taxonomy: str | None = None
    term: Term | None = None
    terms: tuple[Term, ...] = ()
    in_nav: bool = False
    as_cards: bool = False  # a term page of cards, paginated (Material's category pages)


@dataclass(frozen=True)
class PlanOptions:
    """The options that shape generated pages."""

    blog_dir: str
    per_page: int
    taxonomies: tuple[str, ...]
    landing_title: str
    months: bool = True
    nav_entries: frozenset[str] = frozenset({"index", "archive", "years"})
    site_folder: str = ""
    # Material's layout (material_options.plan_options): whether there is an archive, where
    # its years and terms live, and how many posts per page of a year or term (None: one page).
    archive: bool = True
    archive_url: str = ""
    term_urls: tuple[tuple[str, str], ...] = ()
    term_slugs: tuple[tuple[str, Callable[[str], str]], ...] = ()
    year_per_page: int | None = None
    term_per_page: Mapping[str, int | None] = field(default_factory=dict)
    flat: bool = False
    archive_by_month: bool = False  # Material's archive_url_date_format 'yyyy/MM'
    archive_title: Callable[[Strings, int, int | None], str] | None = None  # its date format


@dataclass(frozen=True)
class Layout:
    """Every generated page in nav order, the nav entries per language, messages to log."""

    paths: Paths
    listings: tuple[Listing, ...]
    nav: Mapping[str | None, tuple[str, ...]]
    counterparts: Mapping[str, Mapping[str, str]]
    taxonomies: Mapping[str, tuple[Listing, ...]]
    messages: tuple[str, ...] = ()


def counterparts_of(listings: Sequence[Listing], paths: Paths) -> dict[str, dict[str, str]]:
    """Each language's generated page, matched with the same page of the other languages."""
    groups: dict[str, dict[str, str]] = {}
    for listing in listings:
        if listing.lang is not None:
            relative = listing.src_uri[len(paths.root(listing.lang)):]
            groups.setdefault(relative, {})[listing.lang] = listing.src_uri
    return {uri: versions for versions in groups.values() for uri in versions.values()}


def paginate(first: str, posts: Sequence[Post], per_page: int
             ) -> list[tuple[str, tuple[Post, ...]]]:
    """Split posts into pages: 'root/index.md', 'root/page/2/index.md', ..."""
    chunks = [tuple(posts[i:i + per_page]) for i in range(0, len(posts), per_page)] or [()]
    return [(Paths.numbered(first, number), chunk)
            for number, chunk in enumerate(chunks, start=1)]


def _paginated(first: str, posts: Sequence[Post], per_page: int, title: str, strings: Strings,
               in_nav: bool = False, **extra: object) -> list[Listing]:
    split = paginate(first, posts, per_page)
    uris = tuple(uri for uri, _ in split)
    listings = []
    for number, (uri, chunk) in enumerate(split, start=1):
        shown = title if number == 1 else (
            f"{title} – {strings.get('page_of', page=number, pages=len(split))}"
        )
        listings.append(Listing(uri, title=shown, posts=chunk, number=number, pages=uris,
                                in_nav=in_nav and number == 1,
                                **extra))  # type: ignore[arg-type]
    return listings


def taxonomy_title(strings: Strings, taxonomy: str) -> str:
    """'Tags', 'Étiquettes'; a taxonomy without a string is shown by its own name."""
    text = strings.get(f"taxonomy_{taxonomy}")
    return taxonomy.replace("_", " ").capitalize() if text == f"taxonomy_{taxonomy}" else text


def _taxonomy_pages(posts: Sequence[Post], lang: str, taxonomy: str, paths: Paths,
                    strings: Strings, in_nav: bool, per_page: int | None = None
                    ) -> tuple[list[Listing], list[str]]:
    """A taxonomy's overview, then one page per term listing all its posts by title."""
    terms, messages = terms_of(posts, taxonomy,
                               lambda name: paths.term_slug(taxonomy, name, fit=False))
    if not terms:
        return [], messages
    title = taxonomy_title(strings, taxonomy)
    pages = [Listing(paths.taxonomy(lang, taxonomy), Kind.TAXONOMY, lang, title,
                     taxonomy=taxonomy, terms=tuple(terms), in_nav=in_nav)]
    # One page per term: paginated cards duplicated the index (a `section` of 440 posts made
    # 44 pages) and grew with the blog.
    for term in terms:
        term_title = strings.get("term_title", taxonomy=title, term=term.name)
        if per_page is None:
            pages.append(Listing(paths.term(lang, taxonomy, term.slug), Kind.TERM, lang,
                                 term_title, term.posts, taxonomy=taxonomy, term=term))
        else:
            pages += _paginated(paths.term(lang, taxonomy, term.slug), pinned_first(term.posts),
                                per_page, term_title, strings, kind=Kind.TERM, lang=lang,
                                taxonomy=taxonomy, term=term, as_cards=True)
    return pages, messages


def _series_pages(posts: Sequence[Post], lang: str, paths: Paths, strings: Strings,
                  in_nav: bool) -> list[Listing]:
    """The overview of a language's series, then one page per series, parts oldest first."""
    series = series_of(posts)
    if not series:
        return []
    title = taxonomy_title(strings, SERIES)
    pages = [Listing(paths.taxonomy(lang, SERIES), Kind.TAXONOMY, lang, title,
                     taxonomy=SERIES, terms=tuple(series), in_nav=in_nav)]
    pages += [Listing(paths.series(lang, term.slug), Kind.SERIES, lang, term.name, term.posts,
                      taxonomy=SERIES, term=term)
              for term in series]
    return pages


def plan_language(blog: Blog, lang: str, paths: Paths, strings: Strings, options: PlanOptions
                  ) -> tuple[list[Listing], list[str]]:
    """One language's index, archive, taxonomy, year and month pages, and messages."""
    posts = blog.listed[lang]
    entries = options.nav_entries
    listings = _paginated(paths.index(lang), pinned_first(posts), options.per_page,
                          strings.get("recent_posts"), strings, kind=Kind.INDEX, lang=lang,
                          in_nav="index" in entries)
    if options.archive:
        listings.append(Listing(paths.archive(lang), Kind.ARCHIVE, lang, strings.get("archive"),
                                posts, in_nav="archive" in entries))
    messages: list[str] = []
    for taxonomy in options.taxonomies:
        pages, found = _taxonomy_pages(posts, lang, taxonomy, paths, strings,
                                       "taxonomies" in entries,
                                       options.term_per_page.get(taxonomy))
        listings += pages
        messages += found
    if SERIES not in options.taxonomies:  # else its term pages are the series pages
        listings += _series_pages(posts, lang, paths, strings, "taxonomies" in entries)
    if options.archive:
        listings += _year_pages(posts, lang, paths, strings, options)
    return listings, messages


def _year_pages(posts: Sequence[Post], lang: str, paths: Paths, strings: Strings,
                options: PlanOptions) -> list[Listing]:
    """A page per year and, with `months`, per month; Material's archive pages are paginated."""
    in_nav = "years" in options.nav_entries
    by_months = options.months and options.archive_by_month
    listings = []
    named = options.archive_title
    for year, year_posts in by_year(posts).items():
        title = named(strings, year, None) if named and not by_months else str(year)
        # Paginated (the corpus' 2007 has 179 posts), at per_page unless Material's says.
        listings += _dated(paths.year(lang, year), year_posts, strings, title,
                           None if by_months else options.year_per_page or options.per_page,
                           in_nav,
                           kind=Kind.YEAR, lang=lang, year=year)
    for (year, month), month_posts in by_month(posts).items() if options.months else ():
        title = named(strings, year, month) if named and by_months else \
            strings.month(year, month)
        listings += _dated(paths.month(lang, year, month), month_posts, strings, title,
                           options.year_per_page if by_months else None, False,
                           kind=Kind.MONTH, lang=lang, year=year, month=month)
    return listings


def _dated(uri: str, posts: Sequence[Post], strings: Strings, title: str,
           per_page: int | None, in_nav: bool, **extra: Any) -> list[Listing]:
    """One page of a year's or month's posts, or pages of `per_page` pinned ones first."""
    if per_page is None:
        return [Listing(uri, title=title, posts=tuple(posts), in_nav=in_nav, **extra)]
    return _paginated(uri, pinned_first(posts), per_page, title, strings, in_nav=in_nav,
                      **extra)


def plan_pages(blog: Blog, strings_for: Mapping[str, Strings], options: PlanOptions) -> Layout:
    """Every generated page of the blog, in nav order: index, archive, taxonomies, years."""
    paths = Paths(options.blog_dir, blog.multilingual, options.site_folder, options.archive_url,
                  options.term_urls, options.term_slugs, options.flat)
    listings: list[Listing] = []
    nav: dict[str | None, tuple[str, ...]] = {}
    messages: list[str] = []
    if blog.multilingual:
        listings.append(Listing(paths.landing(), Kind.LANDING, None, options.landing_title,
                                blog.all_listed()[:options.per_page], in_nav=True))
        nav[None] = (paths.landing(),)
    for lang in blog.languages:
        pages, found = plan_language(blog, lang, paths, strings_for[lang], options)
        listings += pages
        messages += found
        nav[lang] = tuple(page.src_uri for page in pages if page.in_nav)
    taxonomies = {lang: tuple(page for page in listings
                              if page.lang == lang and page.kind is Kind.TAXONOMY)
                  for lang in blog.languages}
    return Layout(paths, tuple(listings), nav, counterparts_of(listings, paths), taxonomies,
                  tuple(messages))
