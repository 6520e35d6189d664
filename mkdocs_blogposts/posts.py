"""A post as the blog sees it, built and validated from one page's front matter."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import Enum
from typing import Any

from .dates import DateError, date_from_filename, strip_date_prefix, to_datetime
from .languages import known_language, language_tag
from .slugs import is_safe_segment, slugify


class Status(str, Enum):
    """Where a post may appear: listings only show PUBLISHED (and, in serve, the previews)."""

    PUBLISHED = "published"
    DRAFT = "draft"
    FUTURE = "future"
    HIDDEN = "hidden"
    EXPIRED = "expired"

    @property
    def is_preview(self) -> bool:
        """Built and listed only while previewing with `mkdocs serve`."""
        return self in (Status.DRAFT, Status.FUTURE)


@dataclass(frozen=True)
class Post:
    """One post: everything listings, feeds and decorations need, already normalised."""

    src_uri: str
    title: str
    date: datetime
    lang: str
    slug: str
    status: Status = Status.PUBLISHED
    updated: datetime | None = None
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    translation_key: str | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    canonical: str | None = None
    aliases: tuple[str, ...] = ()
    show_reading_time: bool = True

    @property
    def sort_key(self) -> tuple[float, str]:
        """Newest first, then by file path so that equal dates keep a stable order."""
        return (-self.date.timestamp(), self.src_uri)


@dataclass(frozen=True)
class PostSettings:
    """What reading a post depends on, taken from the plugin's options."""

    timezone: tzinfo
    default_lang: str
    taxonomies: tuple[str, ...]
    translation_keys: tuple[str, ...]
    now: datetime
    future: bool = False


@dataclass
class Report:
    """Warnings about one file, each a complete sentence naming the file."""

    src_uri: str
    messages: list[str] = field(default_factory=list)

    def problem(self, key: str, value: object, expected: str) -> None:
        self.messages.append(f"{self.src_uri}: '{key}' must be {expected}, got {value!r}")


def _stem_and_suffix_lang(src_uri: str) -> tuple[str, str | None]:
    """'hello.fr.md' -> ('hello', 'fr'); 'hello.md' -> ('hello', None)."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    base, dot, suffix = stem.rpartition(".")
    if dot and base and known_language(suffix):
        return base, language_tag(suffix)
    return stem, None


def translation_stem(src_uri: str) -> str:
    """The file's path with its language taken out, shared by its translations."""
    stem, _ = _stem_and_suffix_lang(src_uri)
    parts = posixpath.dirname(src_uri).split("/")
    kept = [part for part in parts if part and not known_language(part)]
    if stem == "index" and kept:
        return "/".join(kept)
    return "/".join([*kept, stem])


def infer_lang(src_uri: str) -> str | None:
    """Language from a 'name.fr.md' suffix, else from a language folder such as 'fr/'."""
    _, suffix = _stem_and_suffix_lang(src_uri)
    if suffix:
        return suffix
    for part in posixpath.dirname(src_uri).split("/"):
        if len(part) <= 7 and known_language(part):
            return language_tag(part)
    return None


def _read_lang(data: dict[str, Any], report: Report, settings: PostSettings) -> str:
    value = data.get("lang", data.get("language"))
    if value is None or value == "":
        return infer_lang(report.src_uri) or settings.default_lang
    tag = language_tag(value)
    if tag is None:
        expected = "a language code such as 'fr' or 'pt-BR' (quote 'no' for Norwegian)"
        report.problem("lang", value, expected)
        return infer_lang(report.src_uri) or settings.default_lang
    return tag


def _read_date(data: dict[str, Any], report: Report, settings: PostSettings) -> datetime | None:
    value = data.get("date")
    if value is None or value == "":
        found = date_from_filename(posixpath.basename(report.src_uri), settings.timezone)
        if found is None:
            expected = "a date such as 2024-05-01 (or a file named 2024-05-01-slug.md)"
            report.problem("date", value, expected)
        return found
    try:
        return to_datetime(value, settings.timezone)
    except DateError as error:
        report.messages.append(f"{report.src_uri}: 'date' {error}")
        return None


def _read_optional_date(data: dict[str, Any], keys: tuple[str, ...], report: Report,
                        settings: PostSettings) -> datetime | None:
    for key in keys:
        if data.get(key) not in (None, ""):
            try:
                return to_datetime(data[key], settings.timezone)
            except DateError as error:
                report.messages.append(f"{report.src_uri}: '{key}' {error}")
    return None


def _read_text(data: dict[str, Any], key: str, report: Report) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    report.problem(key, value, "a text")
    return None


def _read_list(data: dict[str, Any], key: str, report: Report) -> tuple[str, ...]:
    """A string or a list of strings; numbers are taken as text, anything else is reported."""
    value = data.get(key)
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else [value]
    kept: list[str] = []
    for item in items:
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            if str(item).strip():
                kept.append(str(item).strip())
        else:
            report.problem(key, value, "a text or a list of texts")
            return tuple(kept)
    return tuple(dict.fromkeys(kept))


def _read_title(data: dict[str, Any], report: Report, first_heading: str | None) -> str:
    value = data.get("title")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        # Real posts carry '&nbsp;' and '&#160;': a title is text, so decode them once here.
        return html.unescape(str(value).strip())
    fallback = first_heading or posixpath.splitext(posixpath.basename(report.src_uri))[0]
    expected = "a non-empty text"
    report.messages.append(
        f"{report.src_uri}: 'title' must be {expected}, got {value!r}; using {fallback!r}"
    )
    return fallback


def _read_status(data: dict[str, Any], date: datetime, settings: PostSettings) -> Status:
    expiry = data.get("expiryDate", data.get("expires"))
    if data.get("draft") is True or data.get("published") is False:
        return Status.DRAFT
    if data.get("hidden") is True:
        return Status.HIDDEN
    if not settings.future and date > settings.now:
        return Status.FUTURE
    if expiry not in (None, ""):
        try:
            if to_datetime(expiry, settings.timezone) <= settings.now:
                return Status.EXPIRED
        except DateError:
            pass
    return Status.PUBLISHED


def _read_slug(data: dict[str, Any], title: str, src_uri: str, report: Report) -> str:
    given = _read_text(data, "slug", report)
    if given is not None:
        if is_safe_segment(given):
            return given
        report.problem("slug", given, "a single URL segment without '/', '..' or '%2e'")
    stem, _ = _stem_and_suffix_lang(src_uri)
    if stem == "index":
        return slugify(title) or "post"
    return slugify(strip_date_prefix(stem)) or "post"


def read_post(src_uri: str, data: dict[str, Any], settings: PostSettings,
              first_heading: str | None = None) -> tuple[Post | None, list[str]]:
    """Build a Post from front matter; return it (or None if unusable) and the warnings."""
    report = Report(src_uri)
    date = _read_date(data, report, settings)
    title = _read_title(data, report, first_heading)
    lang = _read_lang(data, report, settings)
    if date is None:
        return None, report.messages
    key = next((k for k in settings.translation_keys if data.get(k) not in (None, "")), None)
    authors = _read_list(data, "authors", report) or _read_list(data, "author", report)
    aliases = _read_list(data, "aliases", report) + _read_list(data, "redirect_from", report)
    summary = next(
        (s for k in ("summary", "description", "excerpt") if (s := _read_text(data, k, report))),
        None,
    )
    post = Post(
        src_uri=src_uri,
        title=title,
        date=date,
        lang=lang,
        slug=_read_slug(data, title, src_uri, report),
        status=_read_status(data, date, settings),
        updated=_read_optional_date(data, ("updated", "lastmod", "last_modified_at"), report,
                                    settings),
        terms={name: _read_list(data, name, report) for name in settings.taxonomies},
        translation_key=_read_text(data, key, report) if key else None,
        authors=authors,
        summary=summary,
        canonical=_read_text(data, "canonical", report),
        aliases=aliases,
        show_reading_time=data.get("reading_time") is not False,
    )
    return post, report.messages
