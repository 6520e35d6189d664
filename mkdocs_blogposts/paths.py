"""Where generated pages live: the one place that turns a page's identity into a path.

A language's year, a term, page 3 of an index: every other module asks `Paths`, so moving
year pages means editing one method.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from .languages import url_segment
from .slugs import fit_slug, slugify


def _uri(*parts: object) -> str:
    return "/".join([*(str(part) for part in parts if part != ""), "index.md"])


@dataclass(frozen=True)
class Paths:
    """Where each generated page lives: 'blog/fr/2016/04/index.md' and its siblings."""

    blog_dir: str
    multilingual: bool
    site_folder: str = ""  # this build's folder of the site with mkdocs-static-i18n: 'fr'
    # Material's layout (material_options.py): 'archive/{date}', per taxonomy 'category/{slug}'
    # and the taxonomy's own slug rule; empty for ours.
    archive_url: str = ""
    term_urls: tuple[tuple[str, str], ...] = ()
    term_slugs: tuple[tuple[str, Callable[[str], str]], ...] = ()
    # Material without directory URLs names its pages 'blog/archive/2024.md' (-> 2024.html).
    flat: bool = False

    def _material(self, lang: str, path: str) -> str:
        """A page of Material's layout: 'blog/archive/2024/index.md', or '….md' when flat."""
        if self.flat:
            return posixpath.join(self.root(lang), f"{path}.md")
        return _uri(self.root(lang), path)

    def root(self, lang: str | None) -> str:
        """A language's folder: 'blog/fr', or 'blog' for a one-language blog and the landing."""
        if lang is None or not self.multilingual:
            return self.blog_dir
        return posixpath.join(self.blog_dir, url_segment(lang))

    def landing(self) -> str:
        """The blog's own page: the index of a one-language blog, the language choice else."""
        return _uri(self.blog_dir)

    def index(self, lang: str | None, number: int = 1) -> str:
        """A page of a language's recent posts."""
        return self.numbered(_uri(self.root(lang)), number)

    def archive(self, lang: str) -> str:
        """A language's archive overview."""
        return _uri(self.root(lang), "archive")

    def year(self, lang: str, year: int) -> str:
        """A language's page for one year."""
        if self.archive_url:
            return self._material(lang, self.archive_url.format(date=f"{year:04d}").strip("/"))
        return _uri(self.root(lang), year)

    def month(self, lang: str, year: int, month: int) -> str:
        """A language's page for one month."""
        year_page = self.year(lang, year)
        if year_page.endswith("/index.md"):
            return year_page.removesuffix("/index.md") + f"/{month:02d}/index.md"
        return year_page.removesuffix(".md") + f"/{month:02d}.md"

    def taxonomy(self, lang: str, taxonomy: str) -> str:
        """A taxonomy's overview of terms."""
        return _uri(self.root(lang), taxonomy)

    def term(self, lang: str, taxonomy: str, slug: str) -> str:
        """A term's page."""
        pattern = dict(self.term_urls).get(taxonomy)
        if pattern is not None:
            return self._material(lang, pattern.format(slug=slug, name=slug).strip("/"))
        return _uri(self.root(lang), taxonomy, slug)

    def term_slug(self, taxonomy: str, name: str, fit: bool = True) -> str:
        """A term's URL segment: Material's rule for its categories and authors, else ours;
        fitted into a file name as the term's page is (`model.terms_of` fits it, and says so,
        when given it unfitted)."""
        rule = dict(self.term_slugs).get(taxonomy)
        slug = (rule(name) if rule is not None else slugify(name)) or "term"
        return fit_slug(slug)[0] if fit else slug

    def series(self, lang: str, slug: str) -> str:
        """A series' page: where a `series` taxonomy's term page would be, so both agree."""
        return self.term(lang, "series", slug)

    @staticmethod
    def numbered(first: str, number: int) -> str:
        """Page `number` of a paginated listing whose first page is `first`."""
        if number == 1:
            return first
        if not first.endswith("index.md"):  # Material's flat pages: 'x.md' -> 'x/page/2.md'
            return f"{first.removesuffix('.md')}/page/{number}.md"
        return _uri(first.removesuffix("/index.md").removesuffix("index.md"), "page", number)

    def output(self, path: str) -> str:
        """Where a generated file or feed is written: 'fr/blog/feed.xml' in static-i18n's
        French build, whose pages keep 'blog/...' sources as the user's pages do."""
        return f"{self.site_folder}/{path}" if self.site_folder else path

    @staticmethod
    def folder(src_uri: str) -> str:
        """The folder of a generated page, where its feeds live."""
        if not src_uri.endswith("index.md"):
            return src_uri.removesuffix(".md")
        return posixpath.dirname(src_uri)
