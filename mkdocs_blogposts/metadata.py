"""Open Graph, Twitter card and JSON-LD tags of a post or a listing, as one block for <head>."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from .covers import CoverImage

_HEAD_END_RE = re.compile(r"</head\s*>", re.IGNORECASE)
_META_RE = re.compile(r"""<meta\b[^>]*?\s(?:property|name)\s*=\s*["']?([^"'\s>]+)""",
                      re.IGNORECASE)
_LD_TYPE_RE = re.compile(r"""<script\b[^>]*application/ld\+json[^>]*>(.*?)</script""",
                         re.IGNORECASE | re.DOTALL)
# Inside <script>, '</script>' or '<!--' in a string would end or change the element.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                ("\u2029", "\\u2029"))


@dataclass(frozen=True)
class Person:
    """An author: a name, and a URL when the blog knows one."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Shared:
    """What every page's tags share: where the site lives and who publishes it."""

    site_name: str
    site_url: str | None
    publisher_url: str | None = None


@dataclass(frozen=True)
class Article:
    """A post as its metadata describes it; URLs absolute, or None without a site_url."""

    title: str
    description: str
    url: str | None
    lang: str
    locale: str
    alternate_locales: tuple[str, ...]
    published: datetime
    modified: datetime | None
    authors: tuple[Person, ...]
    section: str | None
    tags: tuple[str, ...]
    image: CoverImage | None
    word_count: int
    noindex: bool = False


@dataclass(frozen=True)
class Collection:
    """A listing: the blog's index ('Blog') or another generated page ('CollectionPage')."""

    title: str
    description: str | None
    url: str | None
    lang: str | None
    locale: str | None
    is_blog: bool
    posts: tuple[tuple[str, str | None, datetime], ...]  # headline, absolute URL, date
    blog_url: str | None = None
    noindex: bool = False


def present_tags(html: str) -> set[str]:
    """The `property`/`name` of every <meta> already in a page's head, and its JSON-LD types."""
    end = _HEAD_END_RE.search(html)
    head = html[: end.start()] if end else html
    names = {name.lower() for name in _META_RE.findall(head)}
    for script in _LD_TYPE_RE.findall(head):
        names |= {f"ld:{kind}" for kind in re.findall(r'"@type"\s*:\s*"([^"]+)"', script)}
    return names


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # made once, not per page


def script_json(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">: markup characters as \\u escapes."""
    text = _JSON.encode(data)
    for character, escaped in _SCRIPT_SAFE:  # str.replace: several times faster than translate
        text = text.replace(character, escaped)
    return text


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content, quote=True)}">'


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _image_pairs(image: CoverImage | None) -> list[tuple[str, str]]:
    if image is None or not image.url.startswith(("http://", "https://")):
        return []
    pairs = [("og:image", image.url)]
    pairs += [("og:image:type", image.media_type)] if image.media_type else []
    if image.width and image.height:
        pairs += [("og:image:width", str(image.width)), ("og:image:height", str(image.height))]
    pairs += [("og:image:alt", image.alt)] if image.alt else []
    return pairs


def _article_pairs(post: Article, shared: Shared) -> list[tuple[str, str]]:
    pairs = [("og:type", "article"), ("og:title", post.title),
             ("og:description", post.description), ("og:url", post.url or ""),
             ("og:site_name", shared.site_name), ("og:locale", post.locale)]
    pairs += [("og:locale:alternate", other) for other in post.alternate_locales]
    pairs += _image_pairs(post.image)
    pairs += [("article:published_time", _iso(post.published))]
    pairs += [("article:modified_time", _iso(post.modified))] if post.modified else []
    pairs += [("article:author", person.url or person.name) for person in post.authors]
    pairs += [("article:section", post.section)] if post.section else []
    pairs += [("article:tag", tag) for tag in post.tags]
    return pairs


def _twitter_pairs(title: str, description: str | None, image: CoverImage | None
                   ) -> list[tuple[str, str]]:
    shown = _image_pairs(image)
    pairs = [("twitter:card", "summary_large_image" if shown else "summary"),
             ("twitter:title", title), ("twitter:description", description or "")]
    if shown and image is not None:
        pairs += [("twitter:image", image.url)]
        pairs += [("twitter:image:alt", image.alt)] if image.alt else []
    return pairs


def _person(person: Person) -> dict[str, str]:
    return {"@type": "Person", "name": person.name, **({"url": person.url} if person.url else {})}


def _publisher(shared: Shared) -> dict[str, str]:
    url = shared.publisher_url or shared.site_url
    return {"@type": "Organization", "name": shared.site_name, **({"url": url} if url else {})}


def article_json(post: Article, shared: Shared) -> dict[str, Any]:
    """The post as one schema.org BlogPosting."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "BlogPosting", "headline": post.title,
        "description": post.description, "datePublished": _iso(post.published),
        "dateModified": _iso(post.modified or post.published), "inLanguage": post.lang,
        # Without a known author the site itself signs the post, as search engines want one.
        "author": [_person(person) for person in post.authors] or [_publisher(shared)],
        "publisher": _publisher(shared), "wordCount": post.word_count,
    }
    if post.url:
        data.update(url=post.url, mainEntityOfPage={"@type": "WebPage", "@id": post.url})
    if post.image is not None and post.image.url.startswith(("http://", "https://")):
        data["image"] = {"@type": "ImageObject", "url": post.image.url,
                         **({"width": post.image.width, "height": post.image.height}
                            if post.image.width and post.image.height else {})}
    if post.section:
        data["articleSection"] = post.section
    if post.tags:
        data["keywords"] = list(post.tags)
    return {key: value for key, value in data.items() if value not in ("", [])}


def collection_json(listing: Collection, shared: Shared) -> dict[str, Any]:
    """A listing as schema.org data: the blog's index is a Blog, others a CollectionPage."""
    posts = [{"@type": "BlogPosting", "headline": headline, "datePublished": _iso(date),
              **({"url": url} if url else {})} for headline, url, date in listing.posts]
    data: dict[str, Any] = {"@context": "https://schema.org",
                            "@type": "Blog" if listing.is_blog else "CollectionPage",
                            "name": listing.title, "publisher": _publisher(shared)}
    for key, value in (("url", listing.url), ("inLanguage", listing.lang),
                       ("description", listing.description)):
        if value:
            data[key] = value
    if listing.is_blog:
        data["blogPost"] = posts
    else:
        data["mainEntity"] = {"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": n, "item": item}
            for n, item in enumerate(posts, start=1)]}
        if listing.blog_url:
            data["isPartOf"] = {"@type": "Blog", "url": listing.blog_url}
    return data


def _collection_pairs(listing: Collection, shared: Shared) -> list[tuple[str, str]]:
    pairs = [("og:type", "website"), ("og:title", listing.title),
             ("og:description", listing.description or ""), ("og:url", listing.url or ""),
             ("og:site_name", shared.site_name), ("og:locale", listing.locale or "")]
    return pairs


def _owned_elsewhere(name: str, present: set[str]) -> bool:
    """Whether the page has the tag, or the one it details ('og:image' for 'og:image:alt')."""
    lowered = name.lower()
    first = lowered.find(":")
    if first < 0:
        return False
    end = lowered.find(":", first + 1)  # 'og:image' of 'og:image:alt', then longer ones
    while end >= 0:
        if lowered[:end] in present:
            return True
        end = lowered.find(":", end + 1)
    return lowered in present


def _tags(pairs: Iterable[tuple[str, str]], present: set[str]) -> list[str]:
    """Elements for the pairs with a value whose name the page does not carry yet."""
    kept = [(name, value) for name, value in pairs
            if value and not _owned_elsewhere(name, present)]
    return [_meta("name" if name.startswith("twitter:") else "property", name, value)
            for name, value in kept]


def head_block(page: Article | Collection, shared: Shared, html: str) -> str:
    """The tags to insert before a page's </head>, leaving out those it already has."""
    present = present_tags(html)
    if isinstance(page, Article):
        pairs = _article_pairs(page, shared)
        data = article_json(page, shared)
    else:
        pairs = _collection_pairs(page, shared)
        data = collection_json(page, shared)
    lines = ['<meta name="robots" content="noindex">'] if (
        page.noindex and "robots" not in present) else []
    lines += _tags(pairs, present)
    lines += _tags(_twitter_pairs(page.title, page.description, getattr(page, "image", None)),
                   present)
    if f"ld:{data['@type']}".lower() not in {name.lower() for name in present}:
        lines.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "".join(f"  {line}\n" for line in lines)


def insert_block(html: str, block: str) -> str:
    """`block` placed just before </head>; the page unchanged if it has no head."""
    match = _HEAD_END_RE.search(html)
    if match is None or not block:
        return html
    return html[: match.start()] + block + html[match.start():]

