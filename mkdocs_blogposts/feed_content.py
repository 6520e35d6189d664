"""A post's HTML made fit for a feed: absolute links, nothing executable, only XML 1.0 text."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# XML 1.0 allows tab, newline, carriage return and these ranges; anything else is an error.
_NOT_XML_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_DROPPED_WITH_CONTENT = frozenset({"script", "style", "template"})
# Dropped as tags, their content kept: it is the fallback meant for readers without them.
_DROPPED_TAGS = frozenset({
    "base", "meta", "link", "object", "embed", "applet", "frame", "frameset", "noscript",
})
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "background", "data"})
_DROPPED_ATTRIBUTES = frozenset({"srcdoc", "formaction"})
_UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (control characters such as U+0001)."""
    return _NOT_XML_RE.sub("", text)


def absolute_url(url: str, base: str) -> str | None:
    """`url` resolved against the absolute URL `base`; None for scripts and inline data."""
    cleaned = "".join(ch for ch in url.strip() if ch >= " ")
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme in _UNSAFE_SCHEMES and not cleaned.lower().startswith("data:image/"):
        return None
    return urljoin(base, cleaned)


def _srcset(value: str, base: str) -> str | None:
    """Each candidate of a srcset ('a.png 1x, b.png 2x') with an absolute URL."""
    candidates = []
    for candidate in value.split(","):
        url, _, size = candidate.strip().partition(" ")
        absolute = absolute_url(url, base) if url else None
        if absolute is not None:
            candidates.append(f"{absolute} {size.strip()}".strip())
    return ", ".join(candidates) or None


class _FeedHTML(HTMLParser):
    """Re-writes HTML tag by tag, keeping text and harmless markup only."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.out: list[str] = []
        self.skipping: str | None = None

    def _attribute(self, name: str, value: str | None) -> str | None:
        if name.startswith("on") or name in _DROPPED_ATTRIBUTES:
            return None
        if value is None:
            return name
        if name in _URL_ATTRIBUTES:
            value = absolute_url(value, self.base)
        elif name == "srcset":
            value = _srcset(value, self.base)
        return None if value is None else f'{name}="{escape(value, quote=True)}"'

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        if self.skipping or tag in _DROPPED_TAGS:
            return
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping = tag if not close else None
            return
        kept = [text for name, value in attrs if (text := self._attribute(name, value))]
        self.out.append(f"<{' '.join([tag, *kept])}{close}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " /")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping == tag:
            self.skipping = None
        elif not self.skipping and tag not in _DROPPED_TAGS | _DROPPED_WITH_CONTENT:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))


def feed_html(content: str, base: str) -> str:
    """HTML for a feed entry: links and images absolute against `base`, no scripts,
    no event handlers, no comments, no characters XML forbids."""
    parser = _FeedHTML(base)
    parser.feed(xml_text(content))
    parser.close()
    return "".join(parser.out)
