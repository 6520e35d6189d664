"""What a blog page tells search engines and social networks: a post as an article, a
listing as a collection, drawn from the Plan and what was kept of posts' HTML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from . import covers, metadata
from .languages import og_locale
from .listings import Kind, Listing
from .model import Post, Status
from .plan import Plan
from .post_facts import PostFacts
from .slugs import slugify

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .config import BlogpostsConfig

_LISTED_IN_DATA = 100  # posts a listing names in its JSON-LD: an archive may hold thousands


@dataclass(frozen=True)
class SharingSettings:
    """The site's and the options' part in metadata and the sitemap."""

    site_url: str | None  # ending in '/', or None
    site_name: str
    site_author: str | None = None
    site_description: str | None = None
    metadata: bool = True
    sitemap: bool = True
    noindex_paginated: bool = False
    preview: bool = False

    @classmethod
    def of(cls, config: MkDocsConfig, options: BlogpostsConfig, preview: bool,
           language_build: bool) -> SharingSettings:
        """A build's settings; mkdocs-static-i18n's language builds leave it the sitemap."""
        return cls(config.site_url.rstrip("/") + "/" if config.site_url else None,
                   config.site_name, config.site_author, config.site_description,
                   options.metadata, options.sitemap and not language_build,
                   options.noindex_paginated, preview)


@dataclass(frozen=True)
class Sharing:
    """One build's metadata of posts and generated pages (a pure function of its inputs)."""

    plan: Plan
    facts: PostFacts
    settings: SharingSettings

    def absolute(self, src_uri: str) -> str | None:
        """The absolute URL of a page of the plan, or None without a site_url."""
        site_url = self.settings.site_url
        if site_url is None or src_uri not in self.plan.urls:
            return None
        return site_url + self.plan.urls[src_uri]

    def canonical(self, post: Post) -> str | None:
        """A post's canonical URL: its own, or the one its front matter names."""
        if post.canonical is None:
            return self.absolute(post.src_uri)
        if urlsplit(post.canonical).scheme:
            return post.canonical
        return urljoin(self.settings.site_url, post.canonical) if self.settings.site_url else None

    def image(self, src_uri: str) -> covers.CoverImage | None:
        """A post's cover with an absolute URL, as feeds and Open Graph need."""
        return covers.absolute(self.facts.cover(src_uri), self.settings.site_url)

    def _person(self, name: str, lang: str) -> metadata.Person:
        for taxonomy in ("authors", "author"):
            url = self.absolute(self.plan.paths.term(lang, taxonomy, slugify(name) or "term"))
            if url:
                return metadata.Person(name, url)
        same = name == (self.settings.site_author or "")
        return metadata.Person(name, self.settings.site_url if same else None)

    def _is_public(self, post: Post) -> bool:
        return post.status is Status.PUBLISHED or (self.settings.preview
                                                   and post.status.is_preview)

    def article(self, post: Post) -> metadata.Article:
        """A post as its metadata shows it."""
        site_author = self.settings.site_author
        authors = post.authors or ((site_author,) if site_author else ())
        sections = post.terms.get("section") or post.terms.get("categories") or ()
        others = [self.plan.posts[uri] for lang, uri in self.plan.versions(post.src_uri).items()
                  if lang != post.lang and uri in self.plan.posts
                  and self._is_public(self.plan.posts[uri])]
        return metadata.Article(
            title=post.title,
            description=(self.facts.descriptions.get(post.src_uri)
                         or self.settings.site_description or ""),
            url=self.canonical(post), lang=post.lang, locale=og_locale(post.lang),
            alternate_locales=tuple(og_locale(other.lang) for other in others),
            published=post.date, modified=post.updated,
            authors=tuple(self._person(name, post.lang) for name in authors),
            section=sections[0] if sections else None, tags=post.terms.get("tags", ()),
            image=self.image(post.src_uri), word_count=self.facts.words.get(post.src_uri, 0),
            noindex=post.status.is_preview,
        )

    def collection(self, listing: Listing) -> metadata.Collection:
        """A generated page as its metadata shows it."""
        lang = listing.lang or self.plan.default_lang
        unique = {p.src_uri: p for p in listed_posts(listing)}.values()
        named = sorted(unique, key=lambda p: p.sort_key)[:_LISTED_IN_DATA]
        return metadata.Collection(
            title=listing.title, description=self.settings.site_description, lang=lang,
            url=self.absolute(listing.src_uri), locale=og_locale(lang),
            is_blog=listing.kind in (Kind.LANDING, Kind.INDEX),
            posts=tuple((p.title, self.absolute(p.src_uri), p.date) for p in named),
            blog_url=self.absolute(self.plan.paths.landing()),
            noindex=self.paginated_out(listing),
        )

    def paginated_out(self, listing: Listing) -> bool:
        """An index page after the first, when `noindex_paginated` keeps those out."""
        return self.settings.noindex_paginated and listing.number > 1

    def block(self, src_uri: str, output: str) -> str:
        """The metadata tags of a post or generated page missing from `output`'s <head>.

        With `output` empty, every tag: what the page would carry, to fingerprint it.
        """
        data = self.data(src_uri)
        if data is None:
            return ""
        shared = metadata.Shared(self.settings.site_name, self.settings.site_url)
        return metadata.head_block(data, shared, output)

    def data(self, src_uri: str) -> metadata.Article | metadata.Collection | None:
        """What the metadata of a post or generated page says; None for other pages (the
        user's own page at a listing's path too) or with metadata off. With the settings,
        all that `block` draws from."""
        if not self.settings.metadata:
            return None
        post = self.plan.posts.get(src_uri)
        if post is not None:
            return self.article(post)
        if src_uri in self.plan.generated:
            return self.collection(self.plan.listings[src_uri])
        return None

    def lastmod(self, src_uri: str) -> date | None:
        """When a post last changed, or a listing's newest post did."""
        post = self.plan.posts.get(src_uri)
        if post is not None:
            return max(post.updated or post.date, post.date).date()
        moments: list[datetime] = [max(p.updated or p.date, p.date)
                                   for p in listed_posts(self.plan.listings[src_uri])]
        return max(moments).date() if moments else None


def listed_posts(listing: Listing) -> tuple[Post, ...]:
    """The posts a listing shows, itself or through its terms."""
    return listing.posts or tuple(p for term in listing.terms for p in term.posts)
