"""Plan the generated pages: which listings exist, where they live, what they hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from .i18n import Strings
from .languages import url_segment
from .model import Blog, Term, by_month, by_year, terms_of
from .posts import Post


class Kind(str, Enum):
    """What a generated page lists."""

    LANDING = "landing"
    INDEX = "index"
    ARCHIVE = "archive"
    YEAR = "year"
    MONTH = "month"
    TAXONOMY = "taxonomy"
    TERM = "term"


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


@dataclass(frozen=True)
class PlanOptions:
    """The options that shape generated pages."""

    blog_dir: str
    per_page: int
    taxonomies: tuple[str, ...]
    landing_title: str
    months: bool = True
    nav_entries: frozenset[str] = frozenset({"index", "archive", "years"})


@dataclass
class Plan:
    """Every generated page, the nav entries per language, and messages to log."""

    listings: list[Listing] = field(default_factory=list)
    nav: dict[str | None, list[str]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    roots: dict[str, str] = field(default_factory=dict)
    counterparts: dict[str, dict[str, str]] = field(default_factory=dict)
    taxonomies: dict[str, list[Listing]] = field(default_factory=dict)


def link_counterparts(plan: Plan) -> None:
    """Match each language's generated page with the same page of the other languages."""
    groups: dict[str, dict[str, str]] = {}
    for listing in plan.listings:
        if listing.lang is None:
            continue
        relative = listing.src_uri[len(plan.roots[listing.lang]):]
        groups.setdefault(relative, {})[listing.lang] = listing.src_uri
    for versions in groups.values():
        for uri in versions.values():
            plan.counterparts[uri] = versions


def _uri(*parts: object) -> str:
    return "/".join(str(part) for part in parts if part != "") + "/index.md"


def language_root(blog_dir: str, lang: str, multilingual: bool) -> str:
    """The folder of a language's generated pages: 'blog/fr', or 'blog' for a one-language blog."""
    return "/".join(p for p in (blog_dir, url_segment(lang) if multilingual else "") if p)


def paginate(root: str, posts: Sequence[Post], per_page: int) -> list[tuple[str, tuple[Post, ...]]]:
    """Split posts into pages: 'root/index.md', 'root/page/2/index.md', ..."""
    chunks = [tuple(posts[i:i + per_page]) for i in range(0, len(posts), per_page)] or [()]
    return [
        (_uri(root) if number == 1 else _uri(root, "page", number), chunk)
        for number, chunk in enumerate(chunks, start=1)
    ]


def _paginated(root: str, posts: Sequence[Post], per_page: int, title: str, strings: Strings,
               in_nav: bool = False, **extra: object) -> list[Listing]:
    split = paginate(root, posts, per_page)
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


def plan_language(blog: Blog, lang: str, root: str, strings: Strings, options: PlanOptions,
                  plan: Plan) -> None:
    """Add one language's index, archive, year, month and taxonomy pages to `plan`."""
    posts = blog.listed[lang]
    per_page = options.per_page
    index = _paginated(root, posts, per_page, strings.get("recent_posts"), strings,
                       kind=Kind.INDEX, lang=lang, in_nav="index" in options.nav_entries)
    archive = Listing(_uri(root, "archive"), Kind.ARCHIVE, lang, strings.get("archive"),
                      posts, in_nav="archive" in options.nav_entries)
    plan.listings += [*index, archive]
    for taxonomy in options.taxonomies:
        terms, messages = terms_of(posts, taxonomy)
        plan.messages += messages
        if not terms:
            continue
        overview = Listing(_uri(root, taxonomy), Kind.TAXONOMY, lang,
                           taxonomy_title(strings, taxonomy), taxonomy=taxonomy,
                           terms=tuple(terms), in_nav="taxonomies" in options.nav_entries)
        plan.listings.append(overview)
        plan.taxonomies.setdefault(lang, []).append(overview)
        for term in terms:
            title = strings.get("term_title", taxonomy=taxonomy_title(strings, taxonomy),
                                term=term.name)
            # One page per term, listing every post by title: paginated cards duplicated the
            # index (a `section` of 440 posts made 44 pages) and grew with the blog.
            plan.listings.append(Listing(_uri(root, taxonomy, term.slug), Kind.TERM, lang, title,
                                         term.posts, taxonomy=taxonomy, term=term))
    for year, year_posts in by_year(posts).items():
        plan.listings.append(Listing(_uri(root, year), Kind.YEAR, lang, str(year), year_posts,
                                     year=year, in_nav="years" in options.nav_entries))
    for (year, month), month_posts in by_month(posts).items() if options.months else ():
        plan.listings.append(Listing(_uri(root, year, f"{month:02d}"), Kind.MONTH, lang,
                                     strings.month(year, month), month_posts, year=year,
                                     month=month))
    # Nav order: index, archive, taxonomy overviews, then the years.
    plan.nav[lang] = [listing.src_uri for listing in plan.listings
                      if listing.lang == lang and listing.in_nav]
    plan.roots[lang] = root


def plan_pages(blog: Blog, strings_for: dict[str, Strings], options: PlanOptions) -> Plan:
    """Every generated page of the blog, in nav order."""
    plan = Plan()
    if blog.multilingual:
        landing = Listing(_uri(options.blog_dir), Kind.LANDING, None, options.landing_title,
                          blog.all_listed()[:options.per_page], in_nav=True)
        plan.listings.append(landing)
        plan.nav[None] = [landing.src_uri]
    for lang in blog.languages:
        root = language_root(options.blog_dir, lang, blog.multilingual)
        plan_language(blog, lang, root, strings_for[lang], options, plan)
    link_counterparts(plan)
    return plan
