"""Dates in Material's Babel formats: in post URLs, on posts, as archive page titles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from babel.core import Locale
from babel.dates import format_date, format_datetime

from .i18n import Strings
from .languages import babel_locale

_NAMED = ("full", "long", "medium", "short")
DateText = Callable[[datetime, Strings], str]
ArchiveTitle = Callable[[Strings, int, "int | None"], str]


def formatted(moment: datetime, pattern: str, locale: Locale | str | None) -> str:
    """A date as Material writes it: a named format ('long') or a Babel pattern ('yyyy/MM')."""
    where = locale or "en"
    if pattern in _NAMED:
        return format_date(moment.date(), format=pattern, locale=where)
    return format_datetime(moment, pattern, locale=where)


def url_date(moment: datetime, pattern: str, language: str) -> str:
    """A post's date in a URL: Material formats it in UTC (Babel's default), site language."""
    return formatted(moment.astimezone(timezone.utc), pattern, babel_locale(language))


def post_date_text(pattern: str) -> DateText | None:
    """What Renderer calls for a post's shown date with `post_date_format`; None for 'long'."""
    if pattern == "long":
        return None  # our own long date in the post's language, as Material's default

    def text(moment: datetime, strings: Strings) -> str:
        return formatted(moment, pattern, strings.locale)

    return text


def archive_title(pattern: str) -> ArchiveTitle | None:
    """What listings call for an archive page's title with `archive_date_format`."""
    if pattern == "yyyy":
        return None

    def title(strings: Strings, year: int, month: int | None) -> str:
        moment = datetime.combine(date(year, month or 1, 1), datetime.min.time(), timezone.utc)
        return formatted(moment, pattern, strings.locale)

    return title
