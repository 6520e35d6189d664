"""Cover images: read from front matter, found in the site's files, measured from their headers."""

from __future__ import annotations

import mimetypes
import posixpath
import re
import struct
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from .fields import Report
from .values import clean_text, is_text

# Checked in this order: our own names, jekyll-seo-tag's and Hugo's, then common theme names.
COVER_KEYS = ("cover", "image", "images", "featured_image", "featuredImage", "cover_image",
              "thumbnail")
ALT_KEYS = ("cover_alt", "image_alt", "alt")
_SRC_KEYS = ("path", "src", "image", "url")
_EXPECTED = ("an image path or URL, a list of them, or a mapping such as "
             "{path: cover.jpg, alt: A lighthouse}")
_HEADER_BYTES = 256 * 1024  # JPEG metadata (EXIF, ICC) comes before the size: 64 KiB a segment
_SVG_LENGTH_RE = r"""\s{name}\s*=\s*["']\s*([0-9.]+)\s*(?:px)?\s*["']"""
_SVG_VIEWBOX_RE = re.compile(r"""\sviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)"""
                             r"""[\s,]+([0-9.]+)\s*["']""")


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


def _png(head: bytes) -> tuple[int, int] | None:
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    return None


def _gif(head: bytes) -> tuple[int, int] | None:
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20:21] == b"\x2f":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return (int.from_bytes(head[24:27], "little") + 1,
                int.from_bytes(head[27:30], "little") + 1)
    return None


def _jpeg(head: bytes) -> tuple[int, int] | None:
    if head[:2] != b"\xff\xd8":
        return None
    at = 2
    while at + 9 < len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            at += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack(">H", head[at + 2:at + 4])[0]
        # Start-of-frame markers hold the size; C4 (Huffman), C8 and CC (arithmetic) do not.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None


def _svg(head: bytes) -> tuple[int, int] | None:
    text = head.decode("utf-8", "replace")
    start = text.find("<svg")
    if start < 0:
        return None
    tag = text[start:text.find(">", start) + 1]
    sizes = [re.search(_SVG_LENGTH_RE.format(name=name), tag) for name in ("width", "height")]
    if sizes[0] and sizes[1]:
        return round(float(sizes[0].group(1))), round(float(sizes[1].group(1)))
    box = _SVG_VIEWBOX_RE.search(tag)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else None


def image_size(head: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, WebP, JPEG or SVG from its first bytes; None if unknown."""
    for reader in (_png, _gif, _webp, _jpeg, _svg):
        try:
            size = reader(head)
        except (struct.error, ValueError, IndexError):
            size = None
        if size is not None:
            return size if size[0] > 0 and size[1] > 0 else None
    return None


def media_type(path: str) -> str | None:
    """'image/png' for 'a/cover.png'; None for a name that says nothing."""
    guessed = mimetypes.guess_type(posixpath.basename(urlsplit(path).path))[0]
    return guessed if guessed and guessed.startswith("image/") else None


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
