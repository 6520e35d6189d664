"""Cover images: read from front matter, found in the site's files, measured from their headers."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from .fields import Report
from .image_size import head_bytes, image_size, media_type
from .text import clean_text, is_text

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files

    from .model import Post

# Checked in this order: our own names, jekyll-seo-tag's and Hugo's, then common theme names.
COVER_KEYS = ("cover", "image", "images", "featured_image", "featuredImage", "cover_image",
              "thumbnail")
ALT_KEYS = ("cover_alt", "image_alt", "alt")
_SRC_KEYS = ("path", "src", "image", "url")
_EXPECTED = ("an image path or URL, a list of them, or a mapping such as "
             "{path: cover.jpg, alt: A lighthouse}")


@dataclass(frozen=True)
class Cover:
    """A cover as front matter gives it: a path (relative to the post, or from the root) or URL."""

    src: str
    alt: str | None = None


@dataclass(frozen=True)
class CoverImage:
    """A cover found: its URL (from the site's root, or absolute), size and media type if known."""

    url: str
    alt: str
    external: bool
    width: int | None = None
    height: int | None = None
    media_type: str | None = None
    length: int | None = None


def _from_item(value: object, key: str, report: Report) -> Cover | None:
    if isinstance(value, (list, tuple)):
        return next((found for item in value if (found := _from_item(item, key, report))), None)
    if isinstance(value, dict):
        src = next((value[k] for k in _SRC_KEYS if isinstance(value.get(k), str)), None)
        alt = value.get("alt")
        return _checked(src, alt if is_text(alt) else None, key, value, report)
    if isinstance(value, str):
        return _checked(value, None, key, value, report)
    report.problem(key, value, _EXPECTED)
    return None


def _checked(src: object, alt: object, key: str, given: object, report: Report) -> Cover | None:
    text = str(src).strip() if src is not None else ""
    parts = urlsplit(text)
    if not text or not text.isprintable() or (parts.scheme and (
            parts.scheme.lower() not in ("http", "https") or not parts.netloc)):
        report.problem(key, given, _EXPECTED + " (http(s) URLs only)")
        return None
    return Cover(text, clean_text(alt) or None if alt is not None else None)


def read_cover(data: dict[str, Any], report: Report) -> Cover | None:
    """The post's cover from the first cover key present, with its alt text if given."""
    key = next((k for k in COVER_KEYS if data.get(k) not in (None, "", [])), None)
    if key is None:
        return None
    cover = _from_item(data[key], key, report)
    if cover is None or cover.alt:
        return cover
    alt = next((clean_text(data[k]) for k in ALT_KEYS if is_text(data.get(k))), None)
    return Cover(cover.src, alt or None)


def candidates(src: str, post_src_uri: str) -> list[str]:
    """Source paths a cover may name: next to the post first, then from the docs root."""
    path = unquote(urlsplit(src).path)
    if path.startswith("/"):
        return [posixpath.normpath(path.lstrip("/"))]
    beside = posixpath.normpath(posixpath.join(posixpath.dirname(post_src_uri), path))
    rooted = posixpath.normpath(path)
    return [p for p in dict.fromkeys((beside, rooted)) if not p.startswith("..")]


def external(cover: Cover) -> CoverImage:
    """A cover given as an http(s) URL: shown as written, its size unknown."""
    return CoverImage(cover.src, cover.alt or "", True, media_type=media_type(cover.src))


def unlocated(src: str, alt: str, page_url: str) -> CoverImage:
    """A path found in no file: taken relative to the post's page, as a browser would."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    path = posixpath.normpath(posixpath.join("/", base, unquote(urlsplit(src).path)))
    return CoverImage(quote(path.lstrip("/")), alt, False, media_type=media_type(src))


def measured(url: str, alt: str, head: bytes, length: int | None) -> CoverImage:
    """A cover found in the site's files, with what its first bytes say of its size."""
    size = image_size(head)
    return CoverImage(url, alt, False, size[0] if size else None, size[1] if size else None,
                      media_type(url), length)


_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR_RE = r"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""


def first_image(html: str) -> tuple[str, str] | None:
    """The `src` and `alt` of the first <img> of some HTML, entities still encoded."""
    for tag in _IMG_RE.finditer(html):
        src = re.search(_ATTR_RE.format(name="src"), tag.group(0), re.IGNORECASE)
        if src is None:
            continue
        alt = re.search(_ATTR_RE.format(name="alt"), tag.group(0), re.IGNORECASE)
        return (next(g for g in src.groups() if g is not None),
                next((g for g in alt.groups() if g is not None), "") if alt else "")
    return None


def _is_data(url: str) -> bool:
    return urlsplit(url).scheme.lower() not in ("", "http", "https")


def usable_first_image(found: tuple[str, str] | None) -> tuple[str, str] | None:
    """A first image worth a cover: an http(s) URL or a path, not data: or other schemes."""
    return found if found is not None and found[0] and not _is_data(found[0]) else None


def relative_cover(image: CoverImage | None, prefix: str) -> dict[str, Any] | None:
    """A cover as templates show it: a local URL is prefixed with the way to the site's root."""
    if image is None:
        return None
    return {"src": image.url if image.external else prefix + image.url, "alt": image.alt,
            "width": image.width, "height": image.height}


def absolute(image: CoverImage | None, site_url: str | None) -> CoverImage | None:
    """A cover with an absolute URL, as feeds and Open Graph need; None when there is none."""
    if image is None or image.external:
        return image
    if site_url is None:
        return None
    return replace(image, url=site_url.rstrip("/") + "/" + image.url)


def _locate(cover: Cover, post_src_uri: str, page_url: str, files: Files
            ) -> tuple[CoverImage, str | None]:
    if urlsplit(cover.src).scheme:
        return external(cover), None
    for path in candidates(cover.src, post_src_uri):
        file = files.get_file_from_path(path)
        if file is not None and not file.is_documentation_page():
            return measured(file.url, cover.alt or "", *head_bytes(file)), None
    return unlocated(cover.src, cover.alt or "", page_url), (
        f"{post_src_uri}: cover image {cover.src!r} is not a file in docs_dir; "
        "its path is used as written, relative to the post")


def plan_covers(posts: Iterable[Post], urls: Mapping[str, str], files: Files
                ) -> tuple[dict[str, CoverImage], list[str]]:
    """Every front-matter cover found among the site's files, and warnings for those not."""
    found, warnings = {}, []
    for post in posts:
        if post.cover is not None and post.src_uri in urls:
            found[post.src_uri], warning = _locate(post.cover, post.src_uri,
                                                   urls[post.src_uri], files)
            warnings += [warning] if warning else []
    return found, warnings


@dataclass
class SiteImages:
    """The site's files that are not pages, by URL: where a post's first image may live."""

    files: Files
    _by_url: dict[str, File] | None = field(default=None, repr=False)

    def cover(self, src: str, alt: str, page_url: str) -> CoverImage:
        """An <img src> written on `page_url` as a cover, measured if it is a site file."""
        if urlsplit(src).scheme:
            return external(Cover(src, alt))
        image = unlocated(src, alt, page_url)
        if self._by_url is None:
            self._by_url = {f.url: f for f in self.files if not f.is_documentation_page()}
        file = self._by_url.get(image.url)
        return image if file is None else measured(file.url, alt, *head_bytes(file))
