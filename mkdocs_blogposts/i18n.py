"""UI strings per language with a fallback chain, and dates formatted by Babel."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from .languages import babel_locale

_LOCALES_DIR = Path(__file__).parent / "locales"
_ENGLISH = "en"


@cache
def _shipped_table(name: str) -> Mapping[str, str]:
    path = _LOCALES_DIR / f"{name}.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


def fallback_chain(tag: str) -> list[str]:
    """'pt-BR' -> ['pt_BR', 'pt', 'en']: the tables to look in, most specific first."""
    parts = tag.split("-")
    chain = ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]
    if parts[0] == "zh" and any(p in ("Hant", "TW", "HK", "MO") for p in parts[1:]):
        chain.insert(1, "zh_TW")
    return [*dict.fromkeys([*chain, _ENGLISH])]


class Strings:
    """The UI words of one language: user overrides, then shipped tables, then English."""

    def __init__(self, tag: str, overrides: Mapping[str, Mapping[str, Any]]) -> None:
        self.tag = tag
        self.locale = babel_locale(tag) or babel_locale(_ENGLISH)
        normalised = {key.replace("-", "_").lower(): value for key, value in overrides.items()}
        self._tables = []
        for name in fallback_chain(tag):
            self._tables.append(normalised.get(name.lower(), {}))
            self._tables.append(_shipped_table(name))

    def get(self, key: str, **values: object) -> str:
        """The string `key` in this language, with `{placeholders}` filled in."""
        for table in self._tables:
            if key in table:
                text = str(table[key])
                break
        else:
            text = key
        return text.format(**values) if values else text

    def date(self, moment: datetime) -> str:
        """'29 avril 2016', '29. April 2016', '2016年4月29日'."""
        # By the date alone: equal instants in two time zones can fall on different days.
        return _long_date(moment.date(), self.locale)

    def month(self, year: int, month: int) -> str:
        """'avril 2016', 'April 2016', '2016年4月'."""
        return _month_name(year, month, self.locale)

    def number(self, value: int) -> str:
        """A number with the language's digits and grouping."""
        return _decimal(value, self.locale)


# Babel takes a fraction of a millisecond per call, and listings show the same dates,
# months and numbers again and again: remember them.
@lru_cache(maxsize=16384)
def _long_date(day: date, locale: Locale | None) -> str:
    return format_date(day, format="long", locale=locale)


@lru_cache(maxsize=4096)
def _month_name(year: int, month: int, locale: Locale | None) -> str:
    # CLDR's year-month pattern already picks the nominative (stand-alone) month where a
    # language needs it ("апрель 2016 г.", not "апреля"). Month names are shown as titles
    # and list entries, stand-alone uses for which CLDR's context transforms capitalise the
    # first word in the languages that write months in lowercase: "Avril 2016", "Abril de
    # 2016". Scripts without case ("2016年4月") are unchanged.
    text = format_skeleton("yMMMM", datetime(year, month, 1), locale=locale)  # noqa: DTZ001
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=4096)
def _decimal(value: int, locale: Locale | None) -> str:
    return format_decimal(value, locale=locale)
