"""The plan of one build: the blog, its pages' URLs, its feeds and redirects, decided once.

`on_files` makes it; every later event only reads it. Paths come from `Paths`, URLs from
MkDocs' files once the generated ones are added, so nothing downstream writes a path itself.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote

from .covers import CoverImage
from .feeds import FORMATS, FeedSpec, choose_entries
from .i18n import Strings
from .languages import language_name
from .listings import Kind, Layout, Listing
from .material_authors import Author
from .model import Blog, Post
from .paths import Paths
from .redirects import Redirect


def plan_feeds(blog: Blog, layout: Layout, site_name: str, per_term: bool) -> list[FeedSpec]:
    """The whole blog's feeds, each language's, and with `per_term` each term's."""
    paths = layout.paths
    specs = []
    if blog.multilingual:
        specs.append(FeedSpec(paths.output(paths.blog_dir), site_name, None, paths.landing(),
                              blog.all_listed()))
    for lang in blog.languages:
        title = f"{site_name} ({language_name(lang)})" if blog.multilingual else site_name
        specs.append(FeedSpec(paths.output(paths.root(lang)), title, lang, paths.index(lang),
                              blog.listed[lang]))
    for listing in layout.listings if per_term else ():
        if listing.kind is Kind.TERM and listing.term is not None:
            specs.append(FeedSpec(paths.output(Paths.folder(listing.src_uri)),
                                  f"{site_name}: {listing.title}", listing.lang,
                                  listing.src_uri, listing.term.posts, per_term=True))
    return specs


def feed_path(spec: FeedSpec, name: str) -> str:
    """The file of a feed in one format: 'blog/feed.xml'."""
    return posixpath.join(spec.folder, FORMATS[name].file_name)


def assign_files(specs: Sequence[FeedSpec], formats: Sequence[str], taken: Collection[str]
                 ) -> tuple[list[FeedSpec], list[str]]:
    """Give each spec its file per format, leaving alone the paths the user's files occupy
    (a file there, or a folder a file needs: a page at 'blog/feed.xml/')."""
    assigned, kept = [], []
    for spec in specs:
        files = {}
        for name in formats:
            path = feed_path(spec, name)
            if path in taken:
                kept.append(f"{path}: your file is used instead of the generated feed")
            else:
                files[name] = path
        assigned.append(FeedSpec(spec.folder, spec.title, spec.lang, spec.home, spec.posts,
                                 files, spec.per_term))
    return assigned, kept


@dataclass(frozen=True)
class Plan:
    """One build's blog, decided once: later steps read it and write into nothing shared."""

    blog: Blog
    layout: Layout
    strings: Mapping[str, Strings]
    default_lang: str
    urls: Mapping[str, str]
    feeds: tuple[FeedSpec, ...] = ()
    feed_limit: int = 0
    redirects: tuple[Redirect, ...] = ()
    moved: Mapping[str, str] = field(default_factory=dict)
    # With mkdocs-static-i18n: each page's versions built by the other languages' builds.
    elsewhere: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    x_default: str | None = None  # the language of hreflang x-default, if not default_lang
    covers: Mapping[str, CoverImage] = field(default_factory=dict)  # front matter's, found
    generated: frozenset[str] = frozenset()  # listings the blog writes (no user's page there)
    authors: Mapping[str, Author] = field(default_factory=dict)  # by the name posts show
    related: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    append_listings: bool = False  # Material's: a user's page at a listing's place gets it

    @property
    def paths(self) -> Paths:
        """Where generated pages live."""
        return self.layout.paths

    @cached_property
    def listings(self) -> Mapping[str, Listing]:
        """Generated pages by source path."""
        return {listing.src_uri: listing for listing in self.layout.listings}

    @cached_property
    def posts(self) -> Mapping[str, Post]:
        """Every post, listed or not, by source path."""
        return {post.src_uri: post for post in self.blog.posts}

    @cached_property
    def feed_posts(self) -> frozenset[str]:
        """Posts some feed shows: only theirs is the HTML worth keeping."""
        return frozenset(post.src_uri for spec in self.feeds
                         for post in choose_entries(spec.posts, self.feed_limit))

    def strings_for(self, lang: str | None) -> Strings:
        """UI words of a language, or of the default language for the landing page."""
        return self.strings[lang or self.default_lang]

    def language_of(self, src_uri: str) -> str | None:
        """The language of a post or generated page; None for other pages."""
        post = self.posts.get(src_uri)
        if post is not None:
            return post.lang
        listing = self.listings.get(src_uri)
        return None if listing is None else listing.lang or self.default_lang

    def versions(self, src_uri: str) -> dict[str, str]:
        """Source paths of a post's or generated page's versions per language, itself included."""
        post = self.posts.get(src_uri)
        if post is None:
            return dict(self.layout.counterparts.get(src_uri, {}))
        others = self.blog.translations.get(src_uri, ())
        return {post.lang: src_uri, **{other.lang: other.src_uri for other in others}}

    def feed_links(self, lang: str | None) -> list[dict[str, str]]:
        """Links to a language's feeds (the whole blog's for None), from the site's root."""
        return self._language_feed_links.get(lang if self.blog.multilingual else None, [])

    @cached_property
    def _language_feed_links(self) -> Mapping[str | None, list[dict[str, str]]]:
        # Every page's head and body ask for them: made once per build, not twice a page.
        links: dict[str | None, list[dict[str, str]]] = {}
        for spec in self.feeds:
            lang = spec.lang if self.blog.multilingual else None
            if not spec.per_term and lang not in links:
                links[lang] = self._links(spec)
        return links

    def term_feed_links(self, src_uri: str) -> list[dict[str, str]]:
        """Links to the feeds of the term whose page `src_uri` is."""
        folder = self.paths.output(Paths.folder(src_uri))
        return [link for spec in self.feeds if spec.per_term and spec.folder == folder
                for link in self._links(spec)]

    def _links(self, spec: FeedSpec) -> list[dict[str, str]]:
        strings = self.strings_for(spec.lang)
        return [{"url": quote(path), "type": FORMATS[name].media_type,
                 "title": strings.get(FORMATS[name].label)}
                for name, path in spec.files.items()]
