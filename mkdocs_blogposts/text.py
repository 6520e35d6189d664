"""Front-matter values as text the blog can print: cleaned, and escaped for HTML."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from html import escape
from typing import Any

_SPACES_RE = re.compile(r"\s+")


def is_text(value: object) -> bool:
    """Whether YAML gave a value printable as text: a string or a number (not yes/no)."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def clean_text(value: object) -> str:
    """A value as one line of text: control characters and lone surrogates removed.

    They are invisible, break XML feeds and cannot be written as UTF-8.
    """
    text = str(value)
    if not text.isprintable():
        text = "".join(
            " " if ch.isspace() else ch for ch in text
            if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs")
        )
    text = text.replace("\ufffe", "").replace("\uffff", "")
    return _SPACES_RE.sub(" ", text).strip()


def escape_text(text: str) -> str:
    """Text safe in HTML and in double-quoted attributes (themes quote with '"').

    Apostrophes stay as they are: they are common in titles ("L'été") and MkDocs' search
    shows entities literally.
    """
    return escape(text, quote=False).replace('"', "&quot;")


# Front-matter keys themes print raw: Material's <meta name="author"|"description"> in the
# head, and `tags` in its search results.
_PRINTED_BY_THEMES = ("description", "author")
_LISTS_PRINTED_BY_THEMES = ("tags",)


def theme_meta(meta: Mapping[str, Any], title: str) -> dict[str, Any]:
    """A post's `page.meta` as themes may print it: title, head values and tags escaped.

    MkDocs' templates do not autoescape, so each value is escaped for HTML text and
    double-quoted attributes alike; a value of another kind than expected is dropped.
    """
    safe = {**meta, "title": escape_text(title)}
    for key in (*_PRINTED_BY_THEMES, *_LISTS_PRINTED_BY_THEMES):
        value = meta.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        if not all(is_text(item) for item in items):
            del safe[key]
        elif key in _LISTS_PRINTED_BY_THEMES:
            safe[key] = [escape_text(clean_text(item)) for item in items]
        else:
            safe[key] = escape_text(", ".join(clean_text(item) for item in items))
    return safe
