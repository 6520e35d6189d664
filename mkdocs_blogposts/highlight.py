"""Which nav entry a blog page lights up when the page itself is not in the nav.

A month page lights its year, page 2 of a year its first page, a term its taxonomy's overview,
a post the year it was written in; failing those, the language's index, then the landing page.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from .listings import Kind, Listing
from .model import Post
from .paths import Paths

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from .plan import Plan


def _candidates(listing: Listing | None, post: Post | None, paths: Paths) -> list[str]:
    if post is not None:
        return [paths.year(post.lang, post.date.year), paths.index(post.lang)]
    assert listing is not None
    lang = listing.lang
    found = [listing.pages[0]] if listing.pages else []
    if lang is not None and listing.year is not None:
        found.append(paths.year(lang, listing.year))
    if lang is not None and listing.taxonomy is not None and listing.kind is not Kind.TAXONOMY:
        found.append(paths.taxonomy(lang, listing.taxonomy))
    return [*found, paths.index(lang), paths.landing()]


def nav_anchor(src_uri: str, listing: Listing | None, post: Post | None, paths: Paths,
               in_nav: Collection[str]) -> str | None:
    """The nav entry to mark as current for page `src_uri`, or None when it is in the nav."""
    if src_uri in in_nav or (listing is None and post is None):
        return None
    return next((uri for uri in _candidates(listing, post, paths) if uri in in_nav), None)


class NavLight:
    """Lights the nav entry nearest to a blog page out of the nav while that page is drawn.

    MkDocs clears only the page it draws, so `clear` (from on_post_page) clears this one.
    """

    def __init__(self) -> None:
        self.lit: Page | None = None
        self.nav_pages: dict[str, Page] = {}  # the nav's pages by source path, once per build

    def light(self, page: Page, nav: Navigation, plan: Plan) -> None:
        """Mark the entry that `page` is nearest to, if `page` is not in the nav itself."""
        if not self.nav_pages:
            self.nav_pages = {entry.file.src_uri: entry for entry in nav.pages}
        src_uri = page.file.src_uri
        anchor = nav_anchor(src_uri, plan.listings.get(src_uri), plan.posts.get(src_uri),
                            plan.paths, self.nav_pages)
        if anchor is not None:
            self.lit = self.nav_pages[anchor]
            self.lit.active = True

    def clear(self) -> None:
        """Unmark the entry lit for the page just drawn."""
        if self.lit is not None:
            self.lit.active = False
            self.lit = None
