"""Found and shared: one build's covers, page metadata and sitemap, wired to the blog's data."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

from mkdocs.plugins import get_plugin_logger

from . import covers, metadata, sitemap
from .excerpts import plain_text
from .pages import Kind, Listing
from .posts import Post, Status
from .slugs import slugify

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from .config import BlogpostsConfig
    from .site import BlogSite

log = get_plugin_logger(__name__)

_DESCRIPTION_LENGTH = 300
_LISTED_IN_DATA = 100  # posts a listing names in its JSON-LD: an archive may hold thousands
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SPACES_RE = re.compile(r"\s+")
# Tags inside a line of text: dropped without a space, so that '<b>gras</b>.' reads 'gras.'.
_INLINE_TAG_RE = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|"
                            r"s|samp|small|span|strong|sub|sup|time|u|var)\b[^>]*>", re.IGNORECASE)


def text_of(content: str) -> str:
    """The readable text of some HTML, inline markup dropped without adding spaces."""
    return plain_text(_INLINE_TAG_RE.sub("", content))


def short_text(text: str, limit: int = _DESCRIPTION_LENGTH) -> str:
    """Text on one line, cut at a word boundary with an ellipsis when longer than `limit`."""
    line = _SPACES_RE.sub(" ", text).strip()
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(" ,;:.") + "…"


def word_count(content: str) -> int:
    """Words in some HTML's text (counted by substitution: no list of every word)."""
    return _WORD_RE.subn("", plain_text(content))[1]


def _head_bytes(file: File) -> tuple[bytes, int | None]:
    """The first bytes of a file (enough for its image size) and its length."""
    if file.abs_src_path is None:
        data = file.content_bytes
        return data[: 256 * 1024], len(data)
    try:
        with Path(file.abs_src_path).open("rb") as stream:
            return stream.read(256 * 1024), Path(file.abs_src_path).stat().st_size
    except OSError:
        return b"", None


@dataclass
class Discovery:
    """Covers, <head> metadata and the sitemap of one build."""

    options: BlogpostsConfig
    config: MkDocsConfig
    default_lang: str
    preview: bool
    site: BlogSite | None = None
    files: Files | None = None
    posts: dict[str, Post] = field(default_factory=dict)
    listings: dict[str, Listing] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    locs: dict[str, str] = field(default_factory=dict)
    versions: dict[str, dict[str, str]] = field(default_factory=dict)
    _by_url: dict[str, File] | None = None

    @property
    def site_url(self) -> str | None:
        """The site's URL ending in '/', or None."""
        return self.config.site_url.rstrip("/") + "/" if self.config.site_url else None

    def plan(self, site: BlogSite, files: Files, posts: dict[str, Post],
             listings: dict[str, Listing]) -> None:
        """Remember the planned blog; find every front-matter cover among the site's files."""
        self.site, self.files, self.posts, self.listings = site, files, posts, listings
        for post in posts.values():
            if post.cover is not None and post.src_uri in site.urls:
                site.covers[post.src_uri] = self._locate(post.cover, post)

    def _locate(self, cover: covers.Cover, post: Post) -> covers.CoverImage:
        if urlsplit(cover.src).scheme:
            return covers.external(cover)
        assert self.files is not None and self.site is not None
        for path in covers.candidates(cover.src, post.src_uri):
            file = self.files.get_file_from_path(path)
            if file is not None and not file.is_documentation_page():
                return covers.measured(file.url, cover.alt or "", *_head_bytes(file))
        log.warning(f"{post.src_uri}: cover image {cover.src!r} is not a file in docs_dir; "
                    "its path is used as written, relative to the post")
        return covers.unlocated(cover.src, cover.alt or "", self.site.urls[post.src_uri])

    def _file_at(self, url: str) -> File | None:
        if self._by_url is None:
            assert self.files is not None
            self._by_url = {f.url: f for f in self.files if not f.is_documentation_page()}
        return self._by_url.get(url)

    def note_post(self, post: Post, content: str, excerpt: str, page_url: str) -> None:
        """Keep what metadata needs of a post's HTML; its first image may become its cover."""
        # An excerpt of only an image or a heading has no text: the post's first words then.
        self.descriptions[post.src_uri] = short_text(
            post.summary or text_of(excerpt).strip() or text_of(content[:20_000]))
        self.words[post.src_uri] = word_count(content)
        assert self.site is not None
        if post.src_uri in self.site.covers or not self.options.cover_from_first_image:
            return
        found = covers.usable_first_image(covers.first_image(content))
        if found is None:
            return
        src, alt = html.unescape(found[0]), html.unescape(found[1])
        if urlsplit(src).scheme:
            image = covers.external(covers.Cover(src, alt))
        else:
            image = covers.unlocated(src, alt, page_url)
            if (file := self._file_at(image.url)) is not None:
                image = covers.measured(file.url, alt, *_head_bytes(file))
        self.site.covers[post.src_uri] = image

    def _absolute(self, src_uri: str) -> str | None:
        assert self.site is not None
        if self.site_url is None or src_uri not in self.site.urls:
            return None
        return self.site_url + self.site.urls[src_uri]

    def _absolute_image(self, src_uri: str) -> covers.CoverImage | None:
        assert self.site is not None
        return covers.absolute(self.site.covers.get(src_uri), self.site_url)

    def _person(self, name: str, lang: str) -> metadata.Person:
        assert self.site is not None
        for taxonomy in ("authors", "author"):
            if lang in self.site.plan.roots:
                url = self._absolute(self.site.term_uri(lang, taxonomy, slugify(name) or "term"))
                if url:
                    return metadata.Person(name, url)
        same = name == (self.config.site_author or "")
        return metadata.Person(name, self.site_url if same else None)

    def _canonical(self, post: Post) -> str | None:
        if post.canonical is None:
            return self._absolute(post.src_uri)
        if urlsplit(post.canonical).scheme:
            return post.canonical
        return urljoin(self.site_url, post.canonical) if self.site_url else None

    def article(self, post: Post, versions: dict[str, str]) -> metadata.Article:
        """A post as its metadata shows it."""
        authors = post.authors or ((self.config.site_author,) if self.config.site_author else ())
        sections = post.terms.get("section") or post.terms.get("categories") or ()
        others = [self.posts[uri] for lang, uri in versions.items()
                  if lang != post.lang and uri in self.posts and self._is_public(self.posts[uri])]
        return metadata.Article(
            title=post.title,
            description=self.descriptions.get(post.src_uri) or self.config.site_description or "",
            url=self._canonical(post), lang=post.lang, locale=metadata.og_locale(post.lang),
            alternate_locales=tuple(metadata.og_locale(other.lang) for other in others),
            published=post.date, modified=post.updated,
            authors=tuple(self._person(name, post.lang) for name in authors),
            section=sections[0] if sections else None, tags=post.terms.get("tags", ()),
            image=self._absolute_image(post.src_uri), word_count=self.words.get(post.src_uri, 0),
            noindex=post.status.is_preview,
        )

    def _is_public(self, post: Post) -> bool:
        return post.status is Status.PUBLISHED or (self.preview and post.status.is_preview)

    def collection(self, listing: Listing | None) -> metadata.Collection:
        """A generated page as its metadata shows it."""
        assert listing is not None
        lang = listing.lang or self.default_lang
        posts = listing.posts or tuple(p for term in listing.terms for p in term.posts)
        unique = {p.src_uri: p for p in posts}.values()
        named = sorted(unique, key=lambda p: p.sort_key)[:_LISTED_IN_DATA]
        blog_root = f"{self.options.blog_dir}/index.md"
        return metadata.Collection(
            title=listing.title, description=self.config.site_description, lang=lang,
            url=self._absolute(listing.src_uri), locale=metadata.og_locale(lang),
            is_blog=listing.kind in (Kind.LANDING, Kind.INDEX),
            posts=tuple((p.title, self._absolute(p.src_uri), p.date) for p in named),
            blog_url=self._absolute(blog_root), noindex=self._paginated_out(listing),
        )

    def _paginated_out(self, listing: Listing) -> bool:
        return self.options.noindex_paginated and listing.number > 1

    def edit_head(self, output: str, page: Page, versions: dict[str, str]) -> str:
        """Insert a post's or listing's metadata into its <head>; note its sitemap URL."""
        uri = page.file.src_uri
        post, listing = self.posts.get(uri), self.listings.get(uri)
        if post is None and (listing is None or page.file.generated_by != "blogposts"):
            return output  # not the blog's, or the user's own page at a listing's path
        self.locs[uri] = page.canonical_url or page.abs_url or ""
        self.versions[uri] = versions
        if not self.options.metadata:
            return output
        data = self.article(post, versions) if post else self.collection(listing)
        shared = metadata.Shared(self.config.site_name, self.site_url)
        return metadata.insert_block(output, metadata.head_block(data, shared, output))

    def _lastmod(self, uri: str) -> date | None:
        post = self.posts.get(uri)
        if post is not None:
            return max(post.updated or post.date, post.date).date()
        listing = self.listings[uri]
        posts = listing.posts or tuple(p for term in listing.terms for p in term.posts)
        moments: list[datetime] = [max(p.updated or p.date, p.date) for p in posts]
        return max(moments).date() if moments else None

    def sitemap_entries(self) -> tuple[dict[str, sitemap.Entry], set[str]]:
        """The blog's sitemap entries by URL, and the URLs the sitemap must leave out."""
        landing = self.locs.get(f"{self.options.blog_dir}/index.md")
        entries, dropped = {}, set()
        for uri, loc in self.locs.items():
            post, listing = self.posts.get(uri), self.listings.get(uri)
            # A post whose canonical URL is elsewhere is that page's copy: sitemaps list originals.
            if (post is not None and (post.status is not Status.PUBLISHED
                                      or self._canonical(post) not in (None, loc))) or (
                    listing is not None and self._paginated_out(listing)):
                dropped.add(loc)
                continue
            versions = self.versions.get(uri, {})
            alternates = {lang: self.locs[other] for lang, other in versions.items()
                          if other in self.locs}
            fallback = alternates.get(self.default_lang) or landing
            if len(alternates) > 1 and fallback:
                alternates["x-default"] = fallback
            entries[loc] = sitemap.Entry(self._lastmod(uri), alternates)
        return entries, dropped

    def write_sitemap(self) -> None:
        """Rewrite the sitemap MkDocs wrote (and its .gz) with the blog's dates and languages."""
        target = Path(self.config.site_dir) / "sitemap.xml"
        if not self.options.sitemap or not target.is_file() or not self.locs:
            return
        entries, dropped = self.sitemap_entries()
        try:
            text = sitemap.rewrite(target.read_text(encoding="utf-8"), entries, dropped)
        except ParseError as error:
            log.warning(f"sitemap.xml: not rewritten, MkDocs' file could not be read ({error})")
            return
        target.write_text(text, encoding="utf-8")
        packed = target.with_name("sitemap.xml.gz")
        if packed.is_file():
            mtime = sitemap.gzip_mtime(packed.read_bytes())
            packed.write_bytes(sitemap.gzipped(text, str(packed), mtime))
