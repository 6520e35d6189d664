"""Edit a rendered page's <html> and <head>: language, direction, alternates, canonical."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

_HTML_TAG_RE = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_ATTR_RE_TEMPLATE = r"""\s{name}\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)"""
_CANONICAL_RE = re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*>\s*""", re.IGNORECASE)
_HEAD_END_RE = re.compile(r"</head\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class HeadLink:
    """A <link> to add to the head."""

    rel: str
    href: str
    hreflang: str | None = None
    type: str | None = None
    title: str | None = None

    def html(self) -> str:
        """The element, with every attribute escaped."""
        attrs = [("rel", self.rel), ("href", self.href), ("hreflang", self.hreflang),
                 ("type", self.type), ("title", self.title)]
        text = " ".join(f'{name}="{escape(value, quote=True)}"' for name, value in attrs if value)
        return f"<link {text}>"


def _set_attribute(tag: str, name: str, value: str | None) -> str:
    pattern = re.compile(_ATTR_RE_TEMPLATE.format(name=name), re.IGNORECASE)
    tag = pattern.sub("", tag)
    if value is None:
        return tag
    return f'{tag[:5]} {name}="{escape(value, quote=True)}"{tag[5:]}'


def set_language(output: str, lang: str, rtl: bool) -> str:
    """Give the <html> element the page's own `lang` (and `dir` for right-to-left text)."""
    match = _HTML_TAG_RE.search(output)
    if match is None:
        return output
    tag = _set_attribute(match.group(0), "lang", lang)
    tag = _set_attribute(tag, "dir", "rtl" if rtl else None) if rtl or " dir=" in tag else tag
    return output[: match.start()] + tag + output[match.end():]


def add_links(output: str, links: Sequence[HeadLink], replace_canonical: bool) -> str:
    """Insert links before </head>; a new canonical link replaces the theme's."""
    if not links:
        return output
    if replace_canonical:
        output = _CANONICAL_RE.sub("", output, count=1)
    match = _HEAD_END_RE.search(output)
    if match is None:
        return output
    block = "".join(f"  {link.html()}\n" for link in links)
    return output[: match.start()] + block + output[match.start():]


def alternate_links(versions: dict[str, str], default_lang: str | None,
                    landing: str | None) -> list[HeadLink]:
    """`hreflang` links to every language version of a page (itself included) and x-default.

    `versions` maps each language to the URL of its version; x-default points to
    the default language's version, else to the blog's landing page.
    """
    if len(versions) < 2:
        return []
    links = [HeadLink("alternate", url, hreflang=lang) for lang, url in versions.items()]
    fallback = versions.get(default_lang or "") or landing
    if fallback:
        links.append(HeadLink("alternate", fallback, hreflang="x-default"))
    return links
