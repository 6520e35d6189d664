"""One build's blog as rendering sees it: URLs, strings, and what is kept of each post's HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.utils import get_relative_url

from .covers import CoverImage
from .excerpts import split_excerpt
from .i18n import Strings
from .model import Blog
from .pages import Plan
from .posts import Post

# Stands for "the path from this page to the site's root" in HTML rendered once and placed on
# many pages. A NUL cannot come out of an autoescaped template or Markdown, and keeps the HTML
# a one-byte-per-character string.
ROOT = "\x00blogposts-root\x00"


def place(html: str, page_url: str) -> str:
    """HTML rendered with ROOT-relative links, with its links made relative to `page_url`."""
    return html.replace(ROOT, get_relative_url("", page_url) + "/")


@dataclass
class BlogSite:
    """What rendering needs once the blog is planned: URLs, strings, the posts' HTML."""

    blog: Blog
    plan: Plan
    urls: dict[str, str]
    strings: dict[str, Strings]
    preview: bool
    show_reading_time: bool
    keep_whole_posts: bool = False
    html: dict[str, str] = field(default_factory=dict)
    excerpts: dict[str, tuple[str, bool]] = field(default_factory=dict)
    minutes: dict[str, int] = field(default_factory=dict)
    cards: dict[str, bytes] = field(default_factory=dict)
    feed_posts: set[str] = field(default_factory=set)
    lines: dict[str, bytes] = field(default_factory=dict)
    feeds: dict[str | None, list[dict[str, str]]] = field(default_factory=dict)
    covers: dict[str, CoverImage] = field(default_factory=dict)

    def keep(self, post: Post, html: str) -> tuple[str, bool]:
        """A post's excerpt, and whether there is more; kept (or the whole HTML) for its feeds.

        Listings keep each post's card instead (see `Renderer.card`).
        """
        excerpt = split_excerpt(html, post.summary)
        if post.src_uri in self.feed_posts:
            self.excerpts[post.src_uri] = excerpt
            if self.keep_whole_posts:
                self.html[post.src_uri] = html
        return excerpt

    def content_of(self, src_uri: str, whole: bool) -> str:
        """A post's whole HTML or its excerpt, as rendered."""
        if whole:
            return self.html.get(src_uri, "")
        return self.excerpts.get(src_uri, ("", False))[0]

    def url(self, src_uri: str, from_url: str | None) -> str:
        """The link from page URL `from_url` to the page built from `src_uri`.

        With `from_url` None, the link is ROOT-relative, for HTML shared by many pages.
        """
        if from_url is None:
            return ROOT + (self.urls[src_uri] or "./")
        return get_relative_url(self.urls[src_uri], from_url)

    def term_uri(self, lang: str, taxonomy: str, slug: str) -> str:
        """Source path of a term's first page."""
        return f"{self.plan.roots[lang]}/{taxonomy}/{slug}/index.md"
