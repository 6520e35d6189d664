"""Render generated pages and post decorations from the package's Jinja templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from .covers import relative_cover
from .dates import whole_minute_offset
from .excerpts import KeptHTML, relocate, rewrite_links
from .i18n import Strings
from .languages import is_rtl, language_name
from .listings import Kind, Listing
from .model import Post, Status, by_month, by_year
from .neighbours import LANGUAGE
from .plan import Plan
from .reading import Reading, plan_reading
from .series import Part

TEMPLATES_DIR = Path(__file__).parent / "templates"
# Stands for "the path from this page to the site's root" in HTML rendered once and placed on
# many pages. A NUL cannot come out of an autoescaped template or Markdown, and keeps the HTML
# a one-byte-per-character string.
ROOT = "\x00blogposts-root\x00"


def place(html: str, page_url: str) -> str:
    """HTML rendered with ROOT-relative links, with its links made relative to `page_url`."""
    return html.replace(ROOT, get_relative_url("", page_url) + "/")


def templates_stamp(theme_dirs: Sequence[str]) -> tuple[object, ...]:
    """What the blog's templates are made of: the folders searched and their files' times.

    Only names under 'blogposts/' are ours, so only those folders are looked at.
    """
    stamps: list[object] = [*theme_dirs]
    for folder in [*theme_dirs, str(TEMPLATES_DIR)]:
        ours = Path(folder, "blogposts")
        if ours.is_dir():
            stamps += sorted((str(p), p.stat().st_mtime_ns) for p in ours.rglob("*") if p.is_file())
    return tuple(stamps)


def template_environment(theme_dirs: Sequence[str]) -> jinja2.Environment:
    """Templates from the user's custom_dir and theme first, then the package's own."""
    loader = jinja2.FileSystemLoader([*theme_dirs, str(TEMPLATES_DIR)])
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        # A new environment is made whenever `templates_stamp` changes, so templates are never
        # stale; without this, every `include` of a card partial checks the file's time again.
        auto_reload=False,
    )


Views = tuple[dict[str, bytes], dict[str, bytes]]  # posts' cards and lines, by post


class Renderer:
    """Turns listings and posts into HTML fragments for the theme to wrap."""

    def __init__(self, env: jinja2.Environment, plan: Plan, kept: KeptHTML,
                 show_reading_time: bool, memo: dict[str, bytes] | None = None,
                 date_text: Callable[[datetime, Strings], str] | None = None,
                 reading: Reading | None = None) -> None:
        self.env = env
        self.date_text = date_text  # Material's post_date_format; our long date without it
        # Series, related posts, scoped neighbours; without them, previous/next in the language.
        self.reading = reading if reading is not None else plan_reading(plan.blog, 0, LANGUAGE)
        self.plan = plan
        self.kept = kept
        self.show_reading_time = show_reading_time
        # Each post's card and line, rendered once with ROOT-relative links and kept as UTF-8:
        # a str holding a single character beyond Latin-1 (’ or – are common) takes two or
        # four bytes for each of its characters.
        self._cards: dict[str, bytes] = {}
        self._lines: dict[str, bytes] = {}
        # Cards by what they are drawn from, kept across `serve --dirty` builds whose files
        # (hence links) stay the same.
        self.memo = memo
        # Each term's page (its slug, and its path if it has one), found once per term: every
        # view of a post shows its terms (its own page, its neighbours', translations', card).
        self._term_pages: dict[tuple[str, str, str], tuple[str, str | None]] = {}
        self._templates: dict[str, jinja2.Template] = {}
        self._months: dict[str, dict[int, list[tuple[str, int, int, int]]]] = {}

    def _template(self, name: str) -> jinja2.Template:
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(name)
        return template

    def _strings(self, lang: str | None) -> Strings:
        return self.plan.strings_for(lang)  # the landing page speaks the default language

    def url(self, src_uri: str, from_url: str | None) -> str:
        """The link from page URL `from_url` to the page built from `src_uri`.

        With `from_url` None, the link is ROOT-relative, for HTML shared by many pages.
        """
        if from_url is None:
            return ROOT + (self.plan.urls[src_uri] or "./")
        return get_relative_url(self.plan.urls[src_uri], from_url)

    def post_view(self, post: Post, page_url: str | None,
                  excerpt: tuple[str, bool] | None = None) -> dict[str, Any]:
        """Everything a template shows of one post, with links relative to `page_url`.

        With `page_url` None, links are ROOT-relative (see `place`).
        """
        strings = self._strings(post.lang)
        view: dict[str, Any] = {
            "title": post.title,
            "url": self.url(post.src_uri, page_url),
            "lang": post.lang,
            "lang_name": language_name(post.lang),
            "rtl": is_rtl(post.lang),
            "iso_date": whole_minute_offset(post.date).isoformat(),
            "date_text": self.date_text(post.date, strings) if self.date_text
            else strings.date(post.date),
            "is_draft": post.status in (Status.DRAFT, Status.FUTURE),
            "authors": ", ".join(post.authors),
            "people": self._people(post, page_url),
            "reading_text": "",
            "terms": self._terms(post, page_url),
            "fallback": post.lang not in self.plan.blog.listed,  # listed in another's blog
            "cover": relative_cover(
                self.kept.facts.cover(post.src_uri) if self.kept.facts else None,
                ROOT if page_url is None else get_relative_url("", page_url) + "/"),
        }
        minutes = post.reading_minutes or self.kept.minutes.get(post.src_uri)
        if self.show_reading_time and post.show_reading_time and minutes:
            view["reading_text"] = strings.get("min_read", minutes=strings.number(minutes))
        if excerpt is not None:
            post_url = self.plan.urls[post.src_uri]
            moved = rewrite_links(excerpt[0], lambda url: self._relocate(url, post_url, page_url))
            view["excerpt"] = Markup(moved)
            view["has_more"] = excerpt[1]
            view["read_more"] = strings.get("read_more")
        return view

    def _people(self, post: Post, page_url: str | None) -> list[dict[str, str]]:
        """The post's authors from the authors file: name, avatar, and profile or own URL."""
        people: list[dict[str, str]] = []
        for name in post.authors if self.plan.authors else ():
            author = self.plan.authors.get(name)
            if author is None:
                people.append({"name": name, "avatar": "", "url": "", "description": ""})
                continue
            profile = self.plan.paths.term(post.lang, "authors",
                                           self.plan.paths.term_slug("authors", name))
            url = self.url(profile, page_url) if profile in self.plan.urls else \
                self._link(author.url, page_url)
            people.append({"name": name, "avatar": self._link(author.avatar, page_url),
                           "url": url, "description": author.description})
        return people

    @staticmethod
    def _link(url: str, page_url: str | None) -> str:
        """A link of the authors file: absolute URLs as they are, paths from the site's root."""
        if not url or "://" in url or url.startswith("//"):
            return url
        path = url.lstrip("/")
        return ROOT + path if page_url is None else get_relative_url(path, page_url)

    def link_view(self, post: Post, page_url: str) -> dict[str, str]:
        """A post as a link with its date: all that series boxes and related lists show."""
        return {"title": post.title, "url": self.url(post.src_uri, page_url),
                "iso_date": post.date.isoformat(),
                "date_text": self._strings(post.lang).date(post.date)}

    @staticmethod
    def _relocate(url: str, post_url: str, page_url: str | None) -> str:
        if page_url is None:
            return ROOT + relocate(url, post_url, "")
        return relocate(url, post_url, page_url)

    def _terms(self, post: Post, page_url: str | None) -> list[dict[str, str]]:
        terms, seen = [], set()
        for taxonomy, names in post.terms.items():
            for name in names:
                slug, uri = self._term_page(post.lang, taxonomy, name)
                # `section: web` and `categories: [web]` make one chip, to the first page.
                if uri is not None and slug not in seen:
                    seen.add(slug)
                    terms.append({"taxonomy": taxonomy, "name": name,
                                  "url": self.url(uri, page_url)})
        return terms

    def _term_page(self, lang: str, taxonomy: str, name: str) -> tuple[str, str | None]:
        """A term's slug, and the source path of its page in `lang` if it has one."""
        key = (lang, taxonomy, name)
        found = self._term_pages.get(key)
        if found is None:
            slug = self.plan.paths.term_slug(taxonomy, name)  # as terms_of names its page
            uri = self.plan.paths.term(lang, taxonomy, slug)
            found = self._term_pages[key] = (slug, uri if uri in self.plan.urls else None)
        return found

    def _languages(self, current: str | None, page_url: str) -> list[dict[str, Any]]:
        blog = self.plan.blog
        if not blog.multilingual:
            return []
        return [
            {"tag": lang, "name": language_name(lang), "current": lang == current,
             "url": self.url(self.plan.paths.index(lang), page_url)}
            for lang in blog.languages
        ]

    def _base_context(self, lang: str | None, page_url: str) -> dict[str, Any]:
        strings = self._strings(lang)
        return {
            "t": strings.get,
            "languages": self._languages(lang, page_url),
            "feeds": [
                {**feed, "url": get_relative_url(feed["url"], page_url)}
                for feed in self.plan.feed_links(lang)
            ],
        }

    def render_listing(self, listing: Listing, page_url: str, show_title: bool = True) -> str:
        """The HTML body of a generated page (without its title: appended to the user's page)."""
        context = self._base_context(listing.lang, page_url)
        context["title"] = listing.title
        context["show_title"] = show_title
        context["taxonomies"] = self._taxonomy_links(listing, page_url)
        if listing.kind is Kind.ARCHIVE:
            context["years"] = self._archive_years(listing, page_url)
            template = "blogposts/archive.html"
        elif listing.kind is Kind.TERM and not listing.as_cards:
            context["years"] = [
                {"title": str(year), "anchor": f"y{year}",
                 "lines": [Markup(self.line(post)) for post in posts]}
                for year, posts in by_year(listing.posts).items()
            ]
            template = "blogposts/term.html"
        elif listing.kind is Kind.SERIES:
            context["lines"] = [Markup(self.line(post)) for post in listing.posts]
            template = "blogposts/series.html"
        elif listing.kind is Kind.TAXONOMY:
            context["terms"] = [
                {"name": term.name, "count": len(term.posts),
                 "url": self.url(self.plan.paths.term(listing.lang or "", term.taxonomy,
                                                      term.slug), page_url)}
                for term in listing.terms
            ]
            template = "blogposts/taxonomy.html"
        else:
            strings = self._strings(listing.lang)
            context.update(
                kind=listing.kind.value,
                cards=[Markup(self.card(post)) for post in listing.posts],
                subpages=self._subpages(listing, page_url),
                pagination=self._pagination(listing, page_url, strings),
            )
            template = "blogposts/listing.html"
        return place(self._template(template).render(context), page_url)

    def _taxonomy_links(self, listing: Listing, page_url: str) -> list[dict[str, Any]]:
        """Links to the language's taxonomy overviews ('Tags', 'Catégories'), but its own."""
        if listing.lang is None:
            return []
        overviews = (other for other in self.plan.layout.taxonomies.get(listing.lang, ())
                     if other.src_uri != listing.src_uri)
        return [{"title": overview.title, "url": self.url(overview.src_uri, page_url)}
                for overview in overviews if overview.src_uri in self.plan.urls]

    def additions(self, src_uri: str, ours: bool, page_url: str, content: str
                  ) -> tuple[str, str] | None:
        """What a page gets: a listing's body (and nothing after it), a post's header and
        footer, the listing after a user's page in its place (`Plan.append_listings`), or
        None. `ours` says the page is the generated one, not a user's in its place.
        """
        listing = self.plan.listings.get(src_uri)
        if listing is not None and ours:
            return self.render_listing(listing, page_url), ""
        if listing is not None and self.plan.append_listings:  # Material's own blog/index.md
            return "", self.render_listing(listing, page_url, show_title=False)
        post = self.plan.posts.get(src_uri)
        if post is None:
            return None
        return self.render_post_parts(post, page_url, "<h1" not in content)

    def view_key(self, post: Post) -> str:
        """What `post_view` draws a post from besides its excerpt and the plan's URLs: the
        post, its reading time, its cover (measured), its authors and related links."""
        cover = self.kept.facts.cover(post.src_uri) if self.kept.facts else None
        listed = post.lang in self.plan.blog.listed
        return f"{post!r}{self.kept.minutes.get(post.src_uri)}{cover!r}{listed}{self.extras(post)}"

    def views(self) -> Views:
        """The cards and lines rendered so far, by post."""
        return self._cards, self._lines

    def adopt(self, views: Views,
              src_uris: Iterable[str]) -> None:
        """Take these posts' cards and lines from a build of the same plan, whose HTML of
        them was the same."""
        cards, lines = views
        for src_uri in src_uris:
            if src_uri in cards:
                self._cards[src_uri] = cards[src_uri]
            if src_uri in lines:
                self._lines[src_uri] = lines[src_uri]

    def extras(self, post: Post) -> str:
        """What a post's views show besides the post itself (Material's sites): its authors'
        entries, with their profile pages if there are any, and its related links."""
        if not self.plan.authors and not self.plan.related:
            return ""
        return f"{self._people(post, None)!r}{self.plan.related.get(post.src_uri)!r}"

    def card(self, post: Post, excerpt: tuple[str, bool] = ("", False)) -> str:
        """A post's card on index, year and month pages (partials/post_card.html).

        Rendered once, when the post's HTML is ready (`excerpt`), with ROOT-relative links.
        """
        card = self._cards.get(post.src_uri)
        if card is None:
            key = f"{self.view_key(post)}{excerpt!r}"
            card = self.memo.get(key) if self.memo is not None else None
            if card is None:
                card = self._render_shared("blogposts/partials/post_card.html", post,
                                           self.post_view(post, None, excerpt))
            if self.memo is not None:
                self.memo[key] = card
            self._cards[post.src_uri] = card
        return card.decode()

    def line(self, post: Post) -> str:
        """A post's line on archive and term pages (partials/post_line.html), rendered once."""
        line = self._lines.get(post.src_uri)
        if line is None:
            line = self._lines[post.src_uri] = self._render_shared(
                "blogposts/partials/post_line.html", post, self.post_view(post, None))
        return line.decode()

    def _render_shared(self, template: str, post: Post, view: dict[str, Any]) -> bytes:
        context = {"t": self._strings(post.lang).get, "post": view}
        return self._template(template).render(context).encode()

    def _pagination(self, listing: Listing, page_url: str, strings: Strings) -> dict[str, Any]:
        pages, number = listing.pages, listing.number
        return {
            "pages": len(pages),
            "label": strings.get("page_of", page=strings.number(number),
                                 pages=strings.number(len(pages))),
            "newer_url": self.url(pages[number - 2], page_url) if number > 1 else "",
            "older_url": self.url(pages[number], page_url) if number < len(pages) else "",
        }

    def _subpages(self, listing: Listing, page_url: str) -> list[dict[str, Any]]:
        """A year page links to its months."""
        strings = self._strings(listing.lang)
        return [{"title": strings.month(year, month), "count": count,
                 "url": self.url(uri, page_url)}
                for uri, year, month, count in self.year_months(listing)]

    def year_months(self, listing: Listing) -> list[tuple[str, int, int, int]]:
        """A year page's months that have a page: (source path, year, month, posts), for
        every month of the year, not only those of this page of it."""
        if listing.kind is not Kind.YEAR or listing.lang is None or listing.year is None:
            return []
        return self._months_by_year(listing.lang).get(listing.year, [])

    def _months_by_year(self, lang: str) -> dict[int, list[tuple[str, int, int, int]]]:
        """A language's months that have a page, by year, made once per language: each page
        of each year asks (scanning every post for each was O(posts x year pages))."""
        months = self._months.get(lang)
        if months is None:
            months = self._months[lang] = {}
            for (year, month), posts in by_month(self.plan.blog.listed.get(lang, ())).items():
                uri = self.plan.paths.month(lang, year, month)
                if uri in self.plan.urls:
                    months.setdefault(year, []).append((uri, year, month, len(posts)))
        return months

    def _archive_years(self, listing: Listing, page_url: str) -> list[dict[str, Any]]:
        strings = self._strings(listing.lang)
        lang, paths = listing.lang or "", self.plan.paths
        years: dict[int, dict[str, Any]] = {}
        for (year, month), posts in by_month(listing.posts).items():
            entry = years.setdefault(year, {
                "title": str(year), "anchor": f"y{year}", "months": [],
                "url": self.url(paths.year(lang, year), page_url),
            })
            month_uri = paths.month(lang, year, month)
            entry["months"].append({
                "title": strings.month(year, month), "anchor": f"y{year}m{month:02d}",
                "url": self.url(month_uri, page_url) if month_uri in self.plan.urls else "",
                "lines": [Markup(self.line(post)) for post in posts],
            })
        return list(years.values())

    def render_post_parts(self, post: Post, page_url: str, show_title: bool
                          ) -> tuple[str, str]:
        """The header and footer added around a post's content.

        `show_title` adds the title as a heading: the mkdocs and readthedocs themes
        print none, and Material prints one only when the content has no <h1>.
        """
        context = self._base_context(post.lang, page_url)
        context["show_title"] = show_title
        newer, older = self.reading.neighbours.get(post.src_uri, (None, None))
        context.update(
            parts=[self._part_view(part, post, page_url)
                   for part in self.reading.parts.get(post.src_uri, ())],
            related=[self.link_view(other, page_url)
                     for other in self.reading.related.get(post.src_uri, ())],
            post=self.post_view(post, page_url),
            translations=[
                self.post_view(other, page_url)
                for other in self.plan.blog.translations.get(post.src_uri, ())
                if other.src_uri in self.plan.urls
            ] + [  # versions in the other builds of a site translated with mkdocs-static-i18n
                {"url": get_relative_url(url, page_url), "lang": lang,
                 "lang_name": language_name(lang)}
                for lang, url in self.plan.elsewhere.get(post.src_uri, {}).items()
            ],
            newer=self.post_view(newer, page_url) if newer else None,
            older=self.post_view(older, page_url) if older else None,
            links=[{"title": title, "url": self._link(url, page_url)}
                   for title, url in self.plan.related.get(post.src_uri, ())],
        )
        header = self._template("blogposts/post_header.html").render(context)
        footer = self._template("blogposts/post_footer.html").render(context)
        return header, footer

    def _part_view(self, part: Part, post: Post, page_url: str) -> dict[str, Any]:
        """The series box of one post: the series' page, every part, this one marked."""
        series = part.series
        strings = self._strings(post.lang)
        uri = self.plan.paths.series(post.lang, series.slug)
        return {
            "name": series.name,
            "url": self.url(uri, page_url) if uri in self.plan.urls else "",
            "label": strings.get("series_part", part=strings.number(part.number),
                                 parts=strings.number(len(series.posts))),
            "parts": [{"title": other.title, "url": self.url(other.src_uri, page_url),
                       "current": other.src_uri == post.src_uri} for other in series.posts],
            "previous": self.link_view(part.previous, page_url) if part.previous else None,
            "next": self.link_view(part.next, page_url) if part.next else None,
        }
