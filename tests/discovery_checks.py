"""Helpers for the metadata, cover and sitemap tests: real image bytes and real extractors."""

from __future__ import annotations

import struct
import zlib
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import extruct
import xmlschema

SCHEMA = Path(__file__).parent / "data" / "sitemap" / "sitemap-0.9.xsd"


def png(width: int, height: int) -> bytes:
    """A real (tiny, red) PNG of the given size."""
    rows = b"".join(b"\x00" + b"\xc6\x28\x28" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def gif(width: int, height: int) -> bytes:
    """A GIF header of the given size (all a browser-free size reader needs)."""
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def jpeg(width: int, height: int) -> bytes:
    """JPEG markers as cameras write them: APP0, APP1 (EXIF-like padding), DQT, then SOF2."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    app1 = b"\xff\xe1" + struct.pack(">H", 2 + 3000) + b"E" * 3000
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + b"\x01" * 64
    sof = b"\xff\xc2" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + app1 + dqt + sof + b"\xff\xd9"


def webp(width: int, height: int, kind: str = "VP8X") -> bytes:
    """A WebP header of the given size, in the extended (VP8X) or lossless (VP8L) form."""
    if kind == "VP8L":
        bits = (width - 1) | ((height - 1) << 14)
        chunk = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + struct.pack("<I", bits)
    else:
        chunk = (b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00"
                 + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little"))
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def svg(width: int, height: int, viewbox: bool = False) -> bytes:
    """An SVG sized by width/height attributes, or only by its viewBox."""
    size = f'viewBox="0 0 {width} {height}"' if viewbox else f'width="{width}" height="{height}px"'
    return (f'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" {size}>'
            f'<rect width="10" height="10"/></svg>').encode()


class _MetaNames(HTMLParser):
    """`<meta name=...>` values (extruct's Open Graph reader only reads `property`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = defaultdict(list)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.found[str(values["name"])].append(values.get("content") or "")


def extract(html: str, url: str = "https://example.com/") -> dict[str, Any]:
    """Open Graph (name -> list of values), JSON-LD items, and <meta name> tags of a page."""
    data = extruct.extract(html, base_url=url, syntaxes=["opengraph", "json-ld"], uniform=False)
    graph: dict[str, list[str]] = defaultdict(list)
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            graph[name].append(value)
    names = _MetaNames()
    names.feed(html)
    return {"og": dict(graph), "ld": data["json-ld"], "names": dict(names.found)}


def validate_sitemap(text: str) -> None:
    """Raise unless `text` is a valid sitemap 0.9 (with xhtml:link alternates)."""
    xmlschema.XMLSchema(str(SCHEMA)).validate(text)
