"""Jekyll's permalinks: its built-in styles and `:placeholder` patterns, filled in for a page.

Follows Jekyll's documented rules: `:categories` are lower-cased and joined by '/',
empty segments collapse, `:output_ext` is '.html', and a pattern ending in '/' is a
folder (served as its index.html).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# Jekyll's built-in permalink styles, as the patterns they stand for.
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_DATE_PLACEHOLDERS = {
    "year": "%Y", "short_year": "%y", "month": "%m", "short_month": "%b", "long_month": "%B",
    "day": "%d", "y_day": "%j", "hour": "%H", "minute": "%M", "second": "%S",
    "short_day": "%a", "long_day": "%A", "week": "%V", "w_year": "%G", "w_day": "%u",
}
_OTHER_PLACEHOLDERS = ("i_month", "i_day", "title", "slug", "name", "categories", "lang",
                       "path", "basename", "output_ext", "collection", "slugified_categories")
PLACEHOLDERS = (*_DATE_PLACEHOLDERS, *_OTHER_PLACEHOLDERS)
_PLACEHOLDER_RE = re.compile(r":([a-z_]+)")


@dataclass(frozen=True)
class PageValues:
    """What a permalink pattern may use of one page."""

    title: str  # the file's name without date (or the front matter's `slug`), case kept
    slug: str
    lang: str
    path: str  # the page's folder in docs_dir ('' at the root)
    basename: str
    date: datetime | None = None
    categories: tuple[str, ...] = ()
    collection: str = "posts"


def pattern_of(value: str) -> str:
    """A style name ('pretty') as its pattern; any other value is a pattern already."""
    return STYLES.get(value.strip(), value.strip())


def unknown_placeholders(pattern: str) -> list[str]:
    """The `:names` of a pattern that Jekyll does not define."""
    return [name for name in _PLACEHOLDER_RE.findall(pattern) if not _known(name)]


def _known(name: str) -> bool:
    return any(name.startswith(p) for p in PLACEHOLDERS)


def _value(name: str, page: PageValues) -> str | None:
    if name in _DATE_PLACEHOLDERS or name in ("i_month", "i_day"):
        if page.date is None:
            return None
        if name == "i_month":
            return str(page.date.month)
        if name == "i_day":
            return str(page.date.day)
        return page.date.strftime(_DATE_PLACEHOLDERS[name])
    categories = "/".join(dict.fromkeys(c.lower() for c in page.categories))
    return {
        "title": page.title, "slug": page.slug, "name": page.slug, "lang": page.lang,
        "path": page.path, "basename": page.basename, "output_ext": ".html",
        "collection": page.collection, "categories": categories,
        "slugified_categories": categories.replace(" ", "-"),
    }.get(name)


def _replace(match: re.Match[str], page: PageValues) -> str:
    """The longest placeholder at the match (':title.html', ':yearly' -> ':year' + 'ly')."""
    word = match.group(1)
    for end in range(len(word), 0, -1):
        value = _value(word[:end], page)
        if value is not None:
            return value + word[end:]
    raise ValueError(f":{word}")


def fill(pattern: str, page: PageValues) -> str:
    """The pattern filled in, as a site path without its leading '/': '2016/04/29/hello/'.

    ValueError names the placeholder that has no value (a date one on a page without date).
    """
    path = _PLACEHOLDER_RE.sub(lambda match: _replace(match, page), pattern)
    segments = [segment for segment in path.split("/") if segment]
    return "/".join(segments) + ("/" if path.endswith("/") and segments else "")
