"""Read one front-matter key each, and report a value of the wrong kind in one line.

Every message has the form `<file>: '<key>' must be <expected>, got <value>; <what
happens>`, so that an author knows where to look, what to write and what the build did.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit

from .dates import DateError, to_datetime
from .messages import describe
from .slugs import is_safe_segment
from .text import clean_text, is_text

IGNORED = "ignored"
TEXT = "a text"
TEXTS = "a text or a list of texts"
YES_NO = "true or false"
# Characters that end or escape a URL path segment, or that URLs and file systems refuse.
_NOT_IN_SLUGS = frozenset("%?#:<>\"'`{}|^ \t*")
_SLUG_EXPECTED = ("a single URL segment such as 'hello-world' (no '/', '\\', '..', spaces, "
                  "control characters or any of % ? # : < > \" ' ` { } | ^ *)")
_URL_EXPECTED = "an http(s) URL such as https://example.com/post/"


@dataclass
class Report:
    """Warnings about one file, each a complete sentence naming the file."""

    src_uri: str
    messages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, key: str, value: object, expected: str, outcome: str = IGNORED) -> None:
        """Record that `key` holds `value` where `expected` was wanted, and what was done."""
        self.messages.append(
            f"{self.src_uri}: '{key}' must be {expected}, got {describe(value)}; {outcome}"
        )


def read_text(data: dict[str, Any], key: str, report: Report) -> str | None:
    """A text value (numbers are taken as text); None when absent, empty or unusable."""
    value = data.get(key)
    if value is None:
        return None
    if is_text(value):
        return clean_text(value) or None
    report.problem(key, value, TEXT)
    return None


def read_texts(data: dict[str, Any], key: str, report: Report, clean: bool = True
               ) -> tuple[str, ...]:
    """A text or a list of texts, each once; items of another kind are reported and skipped.

    With `clean=False` texts are only stripped, for values checked later as paths.
    """
    value = data.get(key)
    if value is None or value == "":
        return ()
    if not isinstance(value, (list, tuple)) and not is_text(value):
        report.problem(key, value, TEXTS)
        return ()
    items = value if isinstance(value, (list, tuple)) else [value]
    kept: list[str] = []
    for item in items:
        if is_text(item):
            if text := (clean_text(item) if clean else str(item).strip()):
                kept.append(text)
        elif item is not None:
            report.problem(key, item, "a list of texts, not of lists or mappings",
                           "that item is ignored")
    return tuple(dict.fromkeys(kept))


def read_flag(data: dict[str, Any], key: str, report: Report, unclear: bool) -> bool | None:
    """A yes/no value; None when absent; `unclear` (reported) when it is of another kind."""
    value = data.get(key)
    if value is None or isinstance(value, bool):
        return value
    report.problem(key, value, YES_NO, f"taken as {str(unclear).lower()}")
    return unclear


def read_date(data: dict[str, Any], key: str, report: Report, zone: tzinfo,
              outcome: str = IGNORED) -> datetime | None:
    """A date of any form YAML or authors write, as an aware datetime; None when absent."""
    value = data.get(key)
    if value is None or value == "":
        return None
    try:
        return to_datetime(value, zone)
    except DateError as error:
        report.problem(key, value, error.expected, outcome)
        return None


def read_title(data: dict[str, Any], report: Report, heading: str | None, file_stem: str) -> str:
    """The title; else the first heading, else the file name (with a warning when odd)."""
    value = data.get("title")
    text = clean_text(value) if is_text(value) else ""
    if text:
        # Real posts carry '&nbsp;' and '&#160;': a title is text, so decode them once here.
        return clean_text(html.unescape(text)) or text
    fallback = clean_text(heading or "") or file_stem
    if "title" not in data and fallback == clean_text(heading or ""):
        return fallback  # no title key: the first heading is the title, as in MkDocs
    source = "the first heading" if fallback != file_stem else "the file name"
    report.problem("title", value, "a non-empty text", f"using {describe(fallback)} ({source})")
    return fallback


def read_slug(data: dict[str, Any], report: Report, derived: str) -> str:
    """A slug from front matter if it is one safe URL segment, else `derived`."""
    value = data.get("slug")
    given = str(value).strip() if is_text(value) else None
    if value is None or given == "":
        return derived
    if (given is not None and given.isprintable() and is_safe_segment(given)
            and not any(ch in given for ch in _NOT_IN_SLUGS)):
        return given
    report.problem("slug", value, _SLUG_EXPECTED, f"using {describe(derived)}")
    return derived


def read_url(data: dict[str, Any], key: str, report: Report) -> str | None:
    """An http(s) URL or a path from the site's root; anything else is not used.

    A script scheme (javascript:, data:) is a warning. Other values are only noted (INFO):
    real blogs carry typos such as 'http//...' that a strict build must accept, but a
    link to them would be broken.
    """
    text = read_text(data, key, report)
    if text is None:
        return None
    parts = urlsplit(text)
    if (parts.scheme.lower() in ("http", "https") and parts.netloc) or (
            not parts.scheme and text.startswith("/") and not text.startswith("//")):
        return text
    if parts.scheme:
        report.problem(key, text, _URL_EXPECTED)
    else:
        report.notes.append(f"{report.src_uri}: '{key}' is not used: it must be "
                            f"{_URL_EXPECTED}, got {describe(text)}")
    return None
