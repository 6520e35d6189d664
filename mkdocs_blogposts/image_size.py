"""An image's width and height read from its first bytes: PNG, GIF, WebP, JPEG and SVG."""

from __future__ import annotations

import mimetypes
import posixpath
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from mkdocs.structure.files import File

HEADER_BYTES = 256 * 1024  # JPEG metadata (EXIF, ICC) comes before the size: 64 KiB a segment
_SVG_LENGTH_RE = r"""\s{name}\s*=\s*["']\s*([0-9.]+)\s*(?:px)?\s*["']"""
_SVG_VIEWBOX_RE = re.compile(r"""\sviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)"""
                             r"""[\s,]+([0-9.]+)\s*["']""")


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


def head_bytes(file: File) -> tuple[bytes, int | None]:
    """The first bytes of a file (enough for its image size) and its length."""
    if file.abs_src_path is None:
        data = file.content_bytes
        return data[:HEADER_BYTES], len(data)
    try:
        with Path(file.abs_src_path).open("rb") as stream:
            return stream.read(HEADER_BYTES), Path(file.abs_src_path).stat().st_size
    except OSError:
        return b"", None
