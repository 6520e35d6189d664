"""Front-matter values as messages show them, and as text the blog can print."""

from __future__ import annotations

import re
import reprlib
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from html import escape
from typing import Any


class _Shown(reprlib.Repr):
    """reprlib's bounded repr, with dates inside lists shown as YAML writes them."""

    def repr_date(self, value: date, level: int) -> str:
        return value.isoformat()

    def repr_datetime(self, value: datetime, level: int) -> str:
        return value.isoformat(sep=" ")


_SHOWN = _Shown()
_SHOWN.maxstring = 60
_SHOWN.maxother = 40
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 4
_SHOWN.maxlevel = 3
_SPACES_RE = re.compile(r"\s+")
_LONGEST = 120


def describe(value: object) -> str:
    """A short, safe description of a YAML value for a message: "'May 1st'", 'a list [...]'.

    Bounded in length whatever the value (recursive or huge lists, megabyte strings).
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: quote it to mean text)"
    if isinstance(value, str):
        # repr escapes control characters, so the message stays one readable line.
        return _SHOWN.repr(value) if value.strip() else "an empty text"
    if isinstance(value, (int, float, datetime, date)):
        return str(value)
    kind = {list: "a list", dict: "a mapping", bytes: "binary data", set: "a set"}
    name = next((text for cls, text in kind.items() if isinstance(value, cls)),
                f"a {type(value).__name__}")
    shown = _SHOWN.repr(value)
    # Nesting multiplies reprlib's limits: keep one readable line whatever the value.
    if len(shown) > _LONGEST:
        shown = f"{shown[:_LONGEST - 5]} ...{shown[-1]}"
    return f"{name} {shown}"


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
