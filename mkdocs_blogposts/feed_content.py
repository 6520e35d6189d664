"""A post's HTML made fit for a feed: absolute links, nothing executable, only XML 1.0 text."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import nh3

# XML 1.0 allows tab, newline, carriage return and these ranges; anything else is an error.
_NOT_XML_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# An allow-list: what blog posts hold (text, figures, tables, code, footnotes, media).
# SVG and MathML are not listed: their attributes (xlink:href, animate values) run scripts.
_TAGS = frozenset({
    "a", "abbr", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "source",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var", "video", "wbr",
})
# Dropped with what they hold; other unknown tags (iframe, object, svg...) keep their text.
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "template"})
_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "audio": {"src", "controls"},
    "blockquote": {"cite"},
    "code": {"class"},
    "col": {"span"},
    "colgroup": {"span"},
    "del": {"cite", "datetime"},
    "div": {"class"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading"},
    "ins": {"cite", "datetime"},
    "ol": {"start", "reversed", "type"},
    "pre": {"class"},
    "q": {"cite"},
    "source": {"src", "srcset", "sizes", "media", "type", "width", "height"},
    "span": {"class"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "align"},
    "time": {"datetime"},
    "video": {"src", "poster", "controls", "width", "height"},
}
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite"})
_SCHEMES = frozenset({"http", "https", "mailto", "data"})
# Inline images only in raster formats: 'data:image/svg+xml' is a document that can script.
_RASTER_DATA_RE = re.compile(r"data:image/(png|jpeg|jpg|gif|webp|avif|bmp)[;,]", re.IGNORECASE)


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (control characters such as U+0001)."""
    return _NOT_XML_RE.sub("", text)


def _plain(url: str) -> str:
    """`url` without the whitespace and control characters browsers ignore in a scheme."""
    return "".join(ch for ch in url.strip() if ch > " ")


def safe_url(url: str, tag: str = "img", attribute: str = "src") -> str | None:
    """`url` if it may stay in a feed (http, https, mailto, relative, raster data images)."""
    cleaned = _plain(url)
    scheme = urlsplit(cleaned).scheme.lower() if ":" in cleaned else ""
    if scheme == "data":
        raster = (tag, attribute) in {("img", "src"), ("img", "srcset"), ("source", "srcset")}
        return cleaned if raster and _RASTER_DATA_RE.match(cleaned) else None
    if scheme and scheme not in _SCHEMES:
        return None
    return url.strip()


# A candidate is a URL (no spaces; a data URL may hold commas) and its descriptors.
_SRCSET_RE = re.compile(r"[\s,]*([^\s]+)((?:\s+[^,]*)?)")


def _srcset(tag: str, value: str, base: str) -> str | None:
    """Each candidate of a srcset ('a.png 1x, b.png 2x') with an absolute URL."""
    candidates = []
    for match in _SRCSET_RE.finditer(value):
        url, size = match.group(1).rstrip(","), match.group(2).strip()
        kept = safe_url(url, tag, "srcset") if url else None
        if kept is not None:
            absolute = kept if kept.lower().startswith("data:") else urljoin(base, kept)
            candidates.append(f"{absolute} {size}".strip())
    return ", ".join(candidates) or None


def feed_html(content: str, base: str) -> str:
    """HTML for a feed entry, cleaned by an allow-list: links and images absolute against
    `base`, no scripts, no event handlers, no comments, no characters XML forbids."""

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name in _URL_ATTRIBUTES:
            return safe_url(value, tag, name)
        if name == "srcset":
            return _srcset(tag, value, base)
        return value

    cleaned = nh3.clean(
        xml_text(content),
        tags=set(_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=attribute,
        url_schemes=set(_SCHEMES),
        url_relative=lambda url: urljoin(base, url),
        link_rel="noopener noreferrer",
    )
    # Character references such as '&#1;' become characters only once parsed.
    return xml_text(cleaned)
