"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 documents: which feeds exist and what they hold."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from .config import FeedsConfig
from .covers import CoverImage
from .dates import whole_minute_offset
from .feed_content import feed_html, xml_text
from .model import Post, Status


@dataclass(frozen=True)
class FeedFormat:
    """One kind of feed: its file name, media type, UI string and template."""

    file_name: str
    media_type: str
    label: str
    template: str | None


FORMATS: dict[str, FeedFormat] = {
    "atom": FeedFormat("feed.xml", "application/atom+xml", "feed_atom",
                       "blogposts/feeds/atom.xml"),
    "rss": FeedFormat("rss.xml", "application/rss+xml", "feed_rss", "blogposts/feeds/rss.xml"),
    "json": FeedFormat("feed.json", "application/feed+json", "feed_json", None),
}


@dataclass(frozen=True)
class FeedSpec:
    """One set of feeds: the posts it draws from, the page it mirrors, its files by format."""

    folder: str
    title: str
    lang: str | None
    home: str
    posts: tuple[Post, ...]
    files: Mapping[str, str] = field(default_factory=dict)
    per_term: bool = False


@dataclass(frozen=True)
class FeedSettings:
    """What every feed of one build shares, taken from mkdocs.yml and the plugin's options."""

    site_url: str
    site_name: str
    author: str | None
    description: str | None
    full_content: bool
    limit: int
    built: datetime

    @classmethod
    def of(cls, config: MkDocsConfig, options: FeedsConfig, site_url: str) -> FeedSettings:
        """The feeds' settings of a build started now."""
        return cls(site_url.rstrip("/") + "/", config.site_name, config.site_author,
                   config.site_description, options.full_content, options.limit,
                   datetime.now(timezone.utc))


@dataclass(frozen=True)
class Entry:
    """One post as a feed shows it; every text already free of characters XML forbids."""

    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    lang: str
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    content: str
    image: CoverImage | None = None


@dataclass(frozen=True)
class Feed:
    """One feed, ready to render in any format."""

    id: str
    title: str
    lang: str | None
    home_url: str
    urls: dict[str, str]
    updated: datetime
    author: str
    description: str | None
    full_content: bool
    entries: tuple[Entry, ...]


def choose_entries(posts: Sequence[Post], limit: int) -> list[Post]:
    """The newest `limit` published posts: never drafts, future, hidden or expired ones."""
    published = [post for post in posts if post.status is Status.PUBLISHED]
    return sorted(published, key=lambda post: post.sort_key)[:limit]


def entry_id(site_url: str, post: Post) -> str:
    """A tag: URI (RFC 4151) from the site's host and the post's source file, not its title."""
    parts = urlsplit(site_url)
    path = quote(parts.path.strip("/") + "/" + post.src_uri, safe="/")
    if not parts.hostname:
        return uuid.uuid5(uuid.NAMESPACE_URL, site_url + post.src_uri).urn
    return f"tag:{parts.hostname},{post.date.year:04d}:{path.lstrip('/')}"


def entry_of(post: Post, page_url: str, content: str, site: FeedSettings,
             image: CoverImage | None = None) -> Entry:
    """A post as an entry: absolute permalink, content (excerpt or whole post) made clean."""
    url = site.site_url + page_url
    categories = dict.fromkeys(name for names in post.terms.values() for name in names)
    authors = post.authors or ((site.author,) if site.author else ())
    return Entry(
        id=entry_id(site.site_url, post),
        title=xml_text(post.title),
        url=url,
        published=post.date,
        updated=max(post.updated or post.date, post.date),
        lang=post.lang,
        authors=tuple(xml_text(author) for author in authors),
        categories=tuple(xml_text(name) for name in categories),
        content=feed_html(content, url),
        image=image,
    )


def feed_of(title: str, lang: str | None, home_url: str, files: Mapping[str, str],
            entries: Sequence[Entry], site: FeedSettings) -> Feed:
    """Entries as one feed, with absolute URLs."""
    return Feed(
        id=home_url,
        title=xml_text(title),
        lang=lang,
        home_url=home_url,
        urls={name: site.site_url + quote(path) for name, path in files.items()},
        updated=max((entry.updated for entry in entries), default=site.built),
        author=xml_text(site.author or site.site_name),
        description=xml_text(site.description) if site.description else None,
        full_content=site.full_content,
        entries=tuple(entries),
    )


def rfc3339(moment: datetime) -> str:
    """'2024-05-01T09:30:00+02:00', as Atom and JSON Feed want."""
    return whole_minute_offset(moment).replace(microsecond=0).isoformat()


def rfc822(moment: datetime) -> str:
    """'Wed, 01 May 2024 09:30:00 +0200', as RSS 2.0 wants (English names, whatever the locale)."""
    return format_datetime(whole_minute_offset(moment).replace(microsecond=0))


def json_feed(feed: Feed) -> str:
    """The feed as a JSON Feed 1.1 document."""
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.urls.get("json"),
        "description": feed.description,
        "language": feed.lang,
        "authors": [{"name": feed.author}],
        "items": [_json_item(entry) for entry in feed.entries],
    }
    kept = {key: value for key, value in document.items() if value is not None}
    return json.dumps(kept, ensure_ascii=False, indent=2) + "\n"


def _json_item(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content,
        "date_published": rfc3339(entry.published),
        "date_modified": rfc3339(entry.updated),
        "language": entry.lang,
        "authors": [{"name": author} for author in entry.authors],
        "tags": list(entry.categories),
    }
    if entry.image is not None:
        item["image"] = entry.image.url
    return {key: value for key, value in item.items() if value != []}


def render_feed(env: jinja2.Environment, feed: Feed, name: str) -> str:
    """One feed in format `name`: XML from an autoescaping template, JSON from json.dumps."""
    template = FORMATS[name].template
    if template is None:
        return json_feed(feed)
    return env.get_template(template).render(feed=feed, rfc3339=rfc3339, rfc822=rfc822)


def feed_documents(env: jinja2.Environment, feed: Feed, files: Mapping[str, str]
                   ) -> dict[str, str]:
    """Each file of a feed (path under site_dir) and its text."""
    return {path: render_feed(env, feed, name) for name, path in files.items()}


def _no_image(src_uri: str) -> CoverImage | None:
    return None


def entries_of(posts: Sequence[Post], urls: Mapping[str, str], content_of: Callable[[str], str],
               site: FeedSettings,
               image_of: Callable[[str], CoverImage | None] = _no_image) -> list[Entry]:
    """The newest posts of a feed as entries, their content as the build rendered it, their
    cover (absolute URL) from `image_of`."""
    return [entry_of(post, urls[post.src_uri], content_of(post.src_uri), site,
                     image_of(post.src_uri))
            for post in choose_entries(posts, site.limit)]


def feed_files(env: jinja2.Environment, specs: Iterable[FeedSpec], urls: Mapping[str, str],
               content_of: Callable[[str], str], site: FeedSettings,
               image_of: Callable[[str], CoverImage | None] = _no_image) -> dict[str, str]:
    """Every feed file of the build (path under site_dir) and its text."""
    documents: dict[str, str] = {}
    for spec in specs:
        entries = entries_of(spec.posts, urls, content_of, site, image_of)
        home_url = site.site_url + urls.get(spec.home, spec.folder + "/")
        feed = feed_of(spec.title, spec.lang, home_url, spec.files, entries, site)
        documents.update(feed_documents(env, feed, spec.files))
    return documents
