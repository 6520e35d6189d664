"""A heading's Markdown source as the plain text a reader sees: a title, not markup."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

_TAG_RE = re.compile(r"<[^>]*>")
_CONVERTER = markdown.Markdown()


@lru_cache(maxsize=4096)  # serve rebuilds read the same headings again
def heading_text(source: str) -> str:
    """'Fish &amp; chips with `code`' -> 'Fish & chips with code': rendered by Python-Markdown
    (inline syntax only), tags dropped, entities decoded."""
    if not any(ch in source for ch in "&<`*_[]\\!~"):
        return source
    rendered = _CONVERTER.reset().convert(source.replace("\n", " "))
    return " ".join(html.unescape(_TAG_RE.sub("", rendered)).split())
