"""The plugin's options, validated by MkDocs' own config machinery."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from .claims import MKDOCS_FILES
from .i18n import Strings
from .jekyll_urls import pattern_of, unknown_placeholders
from .languages import language_tag
from .messages import describe
from .slugs import URL_DELIMITERS, is_safe_segment, is_windows_reserved, segment_problem
from .text import is_text
from .url_patterns import check_pattern


class MatchRule(base.BaseConfigOption[dict[str, list[Any]]]):
    """A mapping of front-matter key to the value (or list of values) that marks a post."""

    def __init__(self, default: dict[str, Any]) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> dict[str, list[Any]]:
        if not isinstance(value, dict) or not value:
            raise base.ValidationError(
                f"must be a mapping such as {{type: post}} or {{layout: [post, posts]}}, "
                f"got {describe(value)}"
            )
        rule: dict[str, list[Any]] = {}
        for key, wanted in value.items():
            if not isinstance(key, str) or not key:
                raise base.ValidationError(f"keys must be front-matter names, got {describe(key)}")
            values = list(wanted) if isinstance(wanted, (list, tuple)) else [wanted]
            if not values or not all(isinstance(v, (str, int, float, bool)) for v in values):
                raise base.ValidationError(
                    f"'{key}' must be a value or a list of values such as post or [post, posts], "
                    f"got {describe(wanted)}"
                )
            rule[key] = values
        return rule


class BlogDir(c.Type[str]):
    """A folder inside docs_dir, written with forward slashes, that cannot escape it."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        # A leading '/' means the site's root, as in URLs: the folder stays inside docs_dir.
        text = super().run_validation(value).replace("\\", "/")
        if text == ".":
            return ""  # Material's blog at the site's root: generated pages beside the home page
        segments = [s for s in text.strip("/").split("/") if s not in ("", ".")]
        if (not segments or ".." in segments
                or not all(is_safe_segment(s) and s.isprintable() for s in segments)
                or any(ch in text for ch in URL_DELIMITERS)):
            raise base.ValidationError(
                f"must be a folder inside docs_dir such as 'blog' or 'news/posts' "
                f"(no '..', '%', ':', '?', '#'), got {describe(value)}"
            )
        problem = next(filter(None, map(segment_problem, segments)), None)
        if problem is not None or segments[0].casefold() in MKDOCS_FILES:
            raise base.ValidationError(
                f"must be a folder MkDocs does not write itself (not {', '.join(MKDOCS_FILES)})"
                f" and that every file system can create, got {describe(value)}"
                + (f": {problem}" if problem else "")
            )
        return "/".join(segments)


class LanguageCode(c.Type[str]):
    """A language code such as 'fr', 'pt-BR' or 'zh_CN', stored in BCP 47 form."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        tag = language_tag(value)  # not a string either: YAML reads `no` (Norwegian) as false
        if tag is None:
            raise base.ValidationError(
                f"must be a language code such as 'fr' or 'pt-BR', got {describe(value)}"
            )
        return tag


class TimeZone(c.Type[str]):
    """An IANA time zone name such as 'Europe/Paris', for dates written without an offset."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(
                f"must be a time zone such as 'Europe/Paris' or 'UTC', got {describe(value)}"
            ) from None
        return name


class PostUrl(c.Type[str]):
    """A URL pattern for posts such as '{lang}/{yyyy}/{mm}/{slug}/', checked at load time."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        try:
            return check_pattern(super().run_validation(value))
        except ValueError as error:
            raise base.ValidationError(str(error)) from None


# Folders under blog_dir that the index and archive use (years are checked apart).
_GENERATED_FOLDERS = ("archive", "page")


class JekyllPermalink(c.Type[str]):
    """Jekyll's site-wide permalink: a style ('date', 'pretty', 'ordinal', 'none') or pattern."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        pattern = super().run_validation(value)
        unknown = unknown_placeholders(pattern_of(pattern))
        if unknown:
            raise base.ValidationError(
                f"must be a Jekyll style (date, pretty, ordinal, weekdate, none) or a pattern "
                f"such as /:year/:month/:title/, got {describe(value)} (unknown :{unknown[0]})"
            )
        return pattern


class Taxonomy(c.Type[str]):
    """A front-matter key whose values become pages under 'blog_dir/<key>/'."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        if not re.fullmatch(r"[A-Za-z0-9_][\w-]*", name, re.ASCII):
            raise base.ValidationError(
                f"must be front-matter keys such as 'tags' (letters, digits, '-', '_'), "
                f"got {describe(value)}"
            )
        if name.casefold() in _GENERATED_FOLDERS or re.fullmatch(r"\d{4}", name):
            raise base.ValidationError(
                f"must not be a folder the blog's own pages use ('archive', 'page' or a year), "
                f"got {describe(value)}"
            )
        if is_windows_reserved(name):
            raise base.ValidationError(f"must be a name Windows can create, got {describe(value)}")
        return name


class PositiveInt(c.Type[int]):
    """A whole number of 1 or more."""

    def __init__(self, default: int | None = None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise base.ValidationError(
                f"must be a whole number of 1 or more, got {describe(value)}"
            )
        return value


class Count(c.Type[int]):
    """A whole number of 0 or more; 0 turns the feature off."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise base.ValidationError(
                f"must be a whole number of 0 or more (0 turns it off), got {describe(value)}"
            )
        return value


class NeighbourScope(c.Type[str]):
    """What previous/next walk through: 'language', or one of the blog's taxonomies."""

    def __init__(self) -> None:
        super().__init__(str, default="language")

    def post_validation(self, config: base.Config, key_name: str) -> None:
        value, taxonomies = config[key_name], list(config["taxonomies"])
        if value != "language" and value not in taxonomies:
            choices = ", ".join(repr(name) for name in ["language", *taxonomies])
            raise base.ValidationError(
                f"must be one of {choices} (a taxonomy of the blog), got {describe(value)}"
            )


class StringTables(base.BaseConfigOption[dict[str, dict[str, str]]]):
    """UI words by language, e.g. {fr: {read_more: 'Lire la suite'}}, over the shipped ones."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, dict[str, str]] = {}

    def run_validation(self, value: object) -> dict[str, dict[str, str]]:
        if not isinstance(value, dict):
            raise base.ValidationError(
                f"must map language codes to tables of texts, such as "
                f"{{fr: {{read_more: Lire la suite}}}}, got {describe(value)}"
            )
        english = Strings("en", {})
        tables: dict[str, dict[str, str]] = {}
        for lang, table in value.items():
            if language_tag(lang) is None:
                raise base.ValidationError(f"keys must be language codes such as 'fr', "
                                           f"got {describe(lang)}")
            if not isinstance(table, dict):
                raise base.ValidationError(
                    f"'{lang}' must map string names to texts, got {describe(table)}"
                )
            tables[lang] = {str(name): self._text(lang, str(name), text, english)
                            for name, text in table.items()}
        return tables

    def _text(self, lang: str, name: str, text: object, english: Strings) -> str:
        where = f"'{lang}.{name}'"
        if not is_text(text):
            raise base.ValidationError(f"{where} must be a text, got {describe(text)}")
        reference = english.get(name)
        if reference == name:
            self.warnings.append(f"{where} is not a string the blog uses; it is ignored")
            return str(text)
        allowed = placeholders(reference)
        try:
            used = placeholders(str(text))
            plain = all(not spec and not conversion for _, _, spec, conversion
                        in string.Formatter().parse(str(text)))
        except ValueError:
            used, plain = {"{"}, True
        if not plain or any(not name.isidentifier() for name in used if name != "{"):
            raise base.ValidationError(
                f"{where} may only use plain placeholders such as {{minutes}}, without a format "
                f"spec, conversion, index or attribute, got {describe(text)}"
            )
        if not used <= allowed:
            names = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "no placeholders"
            raise base.ValidationError(
                f"{where} may only use {names} (as in {reference!r}), got {describe(text)}"
            )
        return str(text)


def placeholders(text: str) -> set[str]:
    """The {names} in a format string; ValueError if its braces are unbalanced."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


class ArchiveChoice(base.BaseConfigOption["str | bool"]):
    """Ours: 'month' or 'year' (how fine the archive is); Material's: true or false (whether)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = "month"
        self._choice = c.Choice(("month", "year"))

    def run_validation(self, value: object) -> str | bool:
        if isinstance(value, bool):
            return value  # Material's meaning, see material_options.py
        return self._choice.run_validation(value)


class Function(base.BaseConfigOption[Callable[..., Any]]):
    """A Python function, written in mkdocs.yml as !!python/name:pymdownx.slugs.uslugify."""

    def run_validation(self, value: object) -> Callable[..., Any]:
        if not callable(value):
            raise base.ValidationError(
                f"must be a function such as !!python/name:pymdownx.slugs.uslugify, "
                f"got {describe(value)}")
        return value


class FeedsConfig(base.Config):
    """Which feeds to write and what goes in them."""

    atom = c.Type(bool, default=True)
    rss = c.Type(bool, default=True)
    json = c.Type(bool, default=True)
    limit = PositiveInt(default=20)
    full_content = c.Type(bool, default=False)
    per_term = c.Type(bool, default=False)


class BlogpostsConfig(base.Config):
    """Options of the `blogposts` plugin; every one has a default."""

    match = MatchRule(default={"type": "post"})
    blog_dir = BlogDir(default="blog")
    default_lang = c.Optional(LanguageCode())
    languages = c.ListOfItems(LanguageCode(), default=[])
    timezone = TimeZone(default="UTC")
    per_page = PositiveInt(default=10)
    archive = ArchiveChoice()
    nav_title = c.Optional(c.Type(str))
    nav_position = c.Choice(("end", "start"), default="end")
    # Each entry is drawn on every page of the site: the years of a long blog cost more build
    # time than all of the blog's own pages (see the README's performance section).
    nav_entries = c.ListOfItems(c.Choice(("index", "archive", "taxonomies", "years")),
                                default=["index", "archive", "years"])
    taxonomies = c.ListOfItems(Taxonomy(), default=["section", "categories", "tags"])
    translation_keys = c.ListOfItems(c.Type(str), default=["translationKey", "i18n-key"])
    post_url = c.Optional(PostUrl())
    future = c.Type(bool, default=False)
    # With mkdocs-static-i18n and fallback_to_default: list the default language's untranslated
    # posts in the other languages' blogs too, marked with their language.
    list_fallbacks = c.Type(bool, default=False)
    reading_time = c.Type(bool, default=True)
    words_per_minute = PositiveInt(default=220)
    strings = StringTables()
    related = Count(default=3)  # related posts shown under each post
    neighbours = NeighbourScope()
    feeds = c.SubConfig(FeedsConfig)
    metadata = c.Type(bool, default=True)  # Open Graph, Twitter card and JSON-LD in <head>
    sitemap = c.Type(bool, default=True)  # true dates and hreflang alternates in sitemap.xml
    noindex_paginated = c.Type(bool, default=False)
    cover_from_first_image = c.Type(bool, default=False)
    # Jekyll's Liquid and Hugo's shortcodes left in pages: converted (or reported), or kept.
    legacy_syntax = c.Choice(("convert", "keep"), default="convert")
    legacy_variables = c.Type(dict, default={})  # `{{ site.x }}` values, from _config.yml
    # Jekyll's site-wide `permalink:` (a style such as 'pretty', or a pattern) for posts.
    jekyll_permalink = c.Optional(JekyllPermalink())
    # A page's old URL (permalink:, url:, jekyll_permalink) serves the page, or redirects to it.
    old_urls = c.Choice(("page", "redirect"), default="page")
    # Material's blog layout: 'auto' takes it when Material's options or folders are found.
    layout = c.Choice(("auto", "material", "blogposts"), default="auto")
    # Material's blog options, same names and meaning; None means "not set" (Material's default
    # applies, see material_options.py), so that setting one reveals a Material site.
    blog_toc = c.Optional(c.Type(bool))
    post_dir = c.Optional(c.Type(str))
    post_date_format = c.Optional(c.Type(str))
    post_url_date_format = c.Optional(c.Type(str))
    post_url_format = c.Optional(c.Type(str))
    post_url_max_categories = c.Optional(c.Type(int))
    post_slugify = c.Optional(Function())
    post_slugify_separator = c.Optional(c.Type(str))
    post_excerpt = c.Optional(c.Choice(("optional", "required")))
    post_excerpt_max_authors = c.Optional(c.Type(int))
    post_excerpt_max_categories = c.Optional(c.Type(int))
    post_excerpt_separator = c.Optional(c.Type(str))
    post_readtime = c.Optional(c.Type(bool))
    post_readtime_words_per_minute = c.Optional(PositiveInt())
    archive_name = c.Optional(c.Type(str))
    archive_date_format = c.Optional(c.Type(str))
    archive_url_date_format = c.Optional(c.Type(str))
    archive_url_format = c.Optional(c.Type(str))
    archive_pagination = c.Optional(c.Type(bool))
    archive_pagination_per_page = c.Optional(PositiveInt())
    archive_toc = c.Optional(c.Type(bool))
    categories = c.Optional(c.Type(bool))
    categories_name = c.Optional(c.Type(str))
    categories_url_format = c.Optional(c.Type(str))
    categories_slugify = c.Optional(Function())
    categories_slugify_separator = c.Optional(c.Type(str))
    categories_sort_by = c.Optional(Function())
    categories_sort_reverse = c.Optional(c.Type(bool))
    categories_allowed = c.Optional(c.ListOfItems(c.Type(str)))
    categories_pagination = c.Optional(c.Type(bool))
    categories_pagination_per_page = c.Optional(PositiveInt())
    categories_toc = c.Optional(c.Type(bool))
    authors = c.Optional(c.Type(bool))
    authors_file = c.Optional(c.Type(str))
    authors_profiles = c.Optional(c.Type(bool))
    authors_profiles_name = c.Optional(c.Type(str))
    authors_profiles_url_format = c.Optional(c.Type(str))
    authors_profiles_pagination = c.Optional(c.Type(bool))
    authors_profiles_pagination_per_page = c.Optional(PositiveInt())
    authors_profiles_toc = c.Optional(c.Type(bool))
    pagination = c.Optional(c.Type(bool))
    pagination_per_page = c.Optional(PositiveInt())
    pagination_url_format = c.Optional(c.Type(str))
    pagination_format = c.Optional(c.Type(str))
    pagination_if_single_page = c.Optional(c.Type(bool))
    pagination_keep_content = c.Optional(c.Type(bool))
    draft = c.Optional(c.Type(bool))
    draft_on_serve = c.Optional(c.Type(bool))
    draft_if_future_date = c.Optional(c.Type(bool))
