"""Posts read from front matter: each field validated, every problem named once."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from .config import BlogpostsConfig
from .covers import read_cover
from .dates import date_from_filename, strip_date_prefix
from .fields import (
    Report,
    read_date,
    read_flag,
    read_slug,
    read_text,
    read_texts,
    read_title,
    read_url,
)
from .frontmatter import LEFT_OUT
from .languages import babel_locale, infer_lang, language_tag, split_language_suffix
from .model import Post, Status
from .slugs import fit_slug, slugify
from .text import clean_text


@dataclass(frozen=True)
class PostSettings:
    """What reading a post depends on, taken from the plugin's options."""

    timezone: tzinfo
    default_lang: str
    taxonomies: tuple[str, ...]
    translation_keys: tuple[str, ...]
    now: datetime
    future: bool = False


def _read_lang(data: dict[str, Any], report: Report, settings: PostSettings) -> str:
    key = "lang" if "lang" in data else "language"
    value = data.get(key)
    inferred = infer_lang(report.src_uri) or settings.default_lang
    if value is None or value == "":
        return inferred
    tag = language_tag(clean_text(value)) if isinstance(value, str) else None
    if tag is None:
        report.problem(key, value, "a language code such as 'fr' or 'pt-BR'",
                       f"using {inferred!r}")
        return inferred
    return tag


def _read_date(data: dict[str, Any], report: Report, settings: PostSettings) -> datetime | None:
    if data.get("date") not in (None, ""):
        return read_date(data, "date", report, settings.timezone, LEFT_OUT)
    found = date_from_filename(posixpath.basename(report.src_uri), settings.timezone)
    if found is None:
        expected = "a date such as 2024-05-01 (or a file named 2024-05-01-slug.md)"
        report.problem("date", data.get("date"), expected, LEFT_OUT)
    return found


def _read_status(data: dict[str, Any], date: datetime, report: Report,
                 settings: PostSettings) -> Status:
    # A flag of the wrong kind is taken in the private sense: better unpublished than leaked.
    draft = read_flag(data, "draft", report, unclear=True)
    published = read_flag(data, "published", report, unclear=False)
    hidden = read_flag(data, "hidden", report, unclear=True)
    expiry_key = "expiryDate" if "expiryDate" in data else "expires"
    expiry = read_date(data, expiry_key, report, settings.timezone)
    if draft or published is False:
        return Status.DRAFT
    if hidden:
        return Status.HIDDEN
    if not settings.future and date > settings.now:
        return Status.FUTURE
    if expiry is not None and expiry <= settings.now:
        return Status.EXPIRED
    return Status.PUBLISHED


def _derived_slug(title: str, src_uri: str) -> str:
    stem, _ = split_language_suffix(src_uri)
    if stem == "index":
        return slugify(title) or "post"
    return slugify(strip_date_prefix(stem)) or "post"


def _fitted_slug(slug: str, report: Report) -> str:
    """The slug shortened or renamed when no file system could write it as it is."""
    fitted, problem = fit_slug(slug)
    if problem is not None:
        report.messages.append(f"{report.src_uri}: slug {problem}")
    return fitted


def _file_stem(src_uri: str) -> str:
    """'posts/hello/index.md' -> 'hello'; 'posts/hello.fr.md' -> 'hello'."""
    stem, _ = split_language_suffix(src_uri)
    folder = posixpath.basename(posixpath.dirname(src_uri))
    return folder if stem in ("index", "README") and folder else stem


def _first(data: dict[str, Any], keys: tuple[str, ...], report: Report) -> str | None:
    """The first of `keys` that holds a text."""
    return next((text for key in keys if (text := read_text(data, key, report))), None)


def _read_minutes(data: dict[str, Any], report: Report) -> int | None:
    """Material's `readtime`: minutes the author gives instead of the computed ones."""
    value = data.get("readtime")
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return value
    report.problem("readtime", value, "a whole number of minutes such as 5",
                   "the reading time is computed")
    return None


def post_from_front_matter(src_uri: str, data: dict[str, Any], settings: PostSettings,
              first_heading: str | None = None, report: Report | None = None
              ) -> tuple[Post | None, list[str]]:
    """Build a Post from front matter; return it (or None if unusable) and the warnings.

    Pass a `report` to also receive its notes (INFO-level remarks).
    """
    report = report or Report(src_uri)
    date = _read_date(data, report, settings)
    if date is None:
        return None, report.messages
    title = read_title(data, report, first_heading, _file_stem(src_uri))
    key = next((k for k in settings.translation_keys if data.get(k) not in (None, "")), None)
    post = Post(
        src_uri=src_uri,
        title=title,
        date=date,
        lang=_read_lang(data, report, settings),
        slug=_fitted_slug(read_slug(data, report, _derived_slug(title, src_uri)), report),
        status=_read_status(data, date, report, settings),
        updated=next((found for k in ("updated", "lastmod", "last_modified_at")
                      if (found := read_date(data, k, report, settings.timezone))), None),
        terms={name: read_texts(data, name, report) for name in settings.taxonomies},
        translation_key=read_text(data, key, report) if key else None,
        authors=read_texts(data, "authors", report) or read_texts(data, "author", report),
        summary=_first(data, ("summary", "description", "excerpt"), report),
        canonical=read_url(data, "canonical", report),
        aliases=read_texts(data, "aliases", report, clean=False)
        + read_texts(data, "redirect_from", report, clean=False),
        show_reading_time=read_flag(data, "reading_time", report, unclear=True) is not False,
        cover=read_cover(data, report),
        pinned=read_flag(data, "pin", report, unclear=False) is True,
        reading_minutes=_read_minutes(data, report),
        # A `series` taxonomy reports its problems already: read it again silently.
        series=read_texts(data, "series", Report(src_uri) if "series" in settings.taxonomies
                          else report),
    )
    return post, report.messages


def post_settings(options: BlogpostsConfig, default_lang: str, now: datetime) -> PostSettings:
    """How posts are read, from the plugin's options."""
    return PostSettings(
        timezone=ZoneInfo(options.timezone),
        default_lang=default_lang,
        taxonomies=tuple(options.taxonomies),
        translation_keys=tuple(options.translation_keys),
        now=now,
        future=options.future,
    )


def unknown_language_messages(posts: Iterable[Post]) -> list[str]:
    """One message per language code that Babel does not know, naming its files."""
    files: dict[str, list[str]] = {}
    for post in posts:
        if babel_locale(post.lang) is None:
            files.setdefault(post.lang, []).append(post.src_uri)
    return [
        f"{', '.join(uris)}: 'lang' {lang!r} is not a language known to Babel; "
        "dates and UI words are shown in English"
        for lang, uris in files.items()
    ]
