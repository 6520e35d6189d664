"""Where generated pages live: the one place that turns a page's identity into a path.

A language's year, a term, page 3 of an index: every other module asks `Paths`, so moving
year pages means editing one method.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .languages import url_segment


def _uri(*parts: object) -> str:
    return "/".join(str(part) for part in parts if part != "") + "/index.md"


@dataclass(frozen=True)
class Paths:
    """Where each generated page lives: 'blog/fr/2016/04/index.md' and its siblings."""

    blog_dir: str
    multilingual: bool
    site_folder: str = ""  # this build's folder of the site with mkdocs-static-i18n: 'fr'

    def root(self, lang: str | None) -> str:
        """A language's folder: 'blog/fr', or 'blog' for a one-language blog and the landing."""
        if lang is None or not self.multilingual:
            return self.blog_dir
        return f"{self.blog_dir}/{url_segment(lang)}"

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
        return _uri(self.root(lang), year)

    def month(self, lang: str, year: int, month: int) -> str:
        """A language's page for one month."""
        return _uri(self.root(lang), year, f"{month:02d}")

    def taxonomy(self, lang: str, taxonomy: str) -> str:
        """A taxonomy's overview of terms."""
        return _uri(self.root(lang), taxonomy)

    def term(self, lang: str, taxonomy: str, slug: str) -> str:
        """A term's page."""
        return _uri(self.root(lang), taxonomy, slug)

    def series(self, lang: str, slug: str) -> str:
        """A series' page: where a `series` taxonomy's term page would be, so both agree."""
        return self.term(lang, "series", slug)

    @staticmethod
    def numbered(first: str, number: int) -> str:
        """Page `number` of a paginated listing whose first page is `first`."""
        if number == 1:
            return first
        return _uri(first.removesuffix("/index.md").removesuffix("index.md"), "page", number)

    def output(self, path: str) -> str:
        """Where a generated file or feed is written: 'fr/blog/feed.xml' in static-i18n's
        French build, whose pages keep 'blog/...' sources as the user's pages do."""
        return f"{self.site_folder}/{path}" if self.site_folder else path

    @staticmethod
    def folder(src_uri: str) -> str:
        """The folder of a generated page, where its feeds live."""
        return posixpath.dirname(src_uri)
