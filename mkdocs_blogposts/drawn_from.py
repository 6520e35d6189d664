"""What a page's additions are drawn from, as text, and which pages draw from each post:
how a `serve --dirty` build tells which pages' additions may have changed."""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from .listings import Kind, Listing
from .model import Post
from .render import Renderer


class DrawnFrom:
    """The inputs of a Renderer's additions, page by page."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.plan = renderer.plan
        self._posts: dict[int, str] = {}  # repr of each post, by identity: the plan holds them

    def page(self, src_uri: str, ours: bool, content: str) -> str:
        """What `Renderer.additions` draws a page from, as text: when it is the same as in
        the last build, so is what the page gets."""
        listing = self.plan.listings.get(src_uri)
        if listing is not None and (ours or self.plan.append_listings):
            return self.listing(listing)
        post = self.plan.posts.get(src_uri)
        return self.post(post, "<h1" not in content) if post is not None else ""

    def listing(self, listing: Listing) -> str:
        """What a listing's body is drawn from: the listing (its posts, pages, terms) and
        the cards it shows; links to other pages do not change while the build's files stay
        the same."""
        renderer = self.renderer
        lines = listing.kind in (Kind.ARCHIVE, Kind.TAXONOMY, Kind.SERIES) or (
            listing.kind is Kind.TERM and not listing.as_cards)
        cards = [renderer.extras(post) for post in listing.posts] if lines else [
            renderer.card(post) for post in listing.posts]
        months = repr(renderer.year_months(listing))  # a year page links to all its months
        return "\0".join([self._text(listing), months, *cards])

    def _text(self, value: object) -> str:
        """`repr` of a listing, each post's written once per build (a post is on many)."""
        if isinstance(value, Post):
            text = self._posts.get(id(value))
            if text is None:
                text = self._posts[id(value)] = repr(value)
            return text
        if isinstance(value, tuple):
            return "(" + ",".join(self._text(item) for item in value) + ")"
        if is_dataclass(value) and not isinstance(value, type):
            return type(value).__name__ + "(" + ",".join(
                self._text(getattr(value, name.name)) for name in fields(value)) + ")"
        return repr(value)

    def post(self, post: Post, show_title: bool) -> str:
        """What a post's header and footer are drawn from: the post, its neighbours,
        translations, series' parts and related posts, their reading times, and (Material's
        sites) authors and related links."""
        parts = self.renderer.reading.parts.get(post.src_uri, ())
        return "\0".join([str(show_title), *(part.series.name for part in parts),
                          *(self.renderer.view_key(other) for other in self.shown(post))])

    def shown(self, post: Post) -> list[Post]:
        """The posts a post's header and footer show: itself, its neighbours, translations,
        series' parts and related posts."""
        reading = self.renderer.reading
        newer, older = reading.neighbours.get(post.src_uri, (None, None))
        parts = reading.parts.get(post.src_uri, ())
        shown = [post, newer, older, *self.plan.blog.translations.get(post.src_uri, ()),
                 *(other for part in parts for other in part.series.posts),
                 *reading.related.get(post.src_uri, ())]
        return [other for other in shown if other]

    def readers(self) -> dict[str, set[str]]:
        """By post, the pages drawn from its HTML (its card, reading time or metadata):
        listings that show it, itself and the posts whose header or footer shows it."""
        found: dict[str, set[str]] = {}
        for listing in self.plan.listings.values():
            for post in (*listing.posts, *(p for term in listing.terms for p in term.posts)):
                found.setdefault(post.src_uri, set()).add(listing.src_uri)
        for post in self.plan.posts.values():
            for other in self.shown(post):
                found.setdefault(other.src_uri, set()).add(post.src_uri)
        return found
