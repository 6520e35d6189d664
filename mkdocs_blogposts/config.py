"""The plugin's options, validated by MkDocs' own config machinery."""

from __future__ import annotations

import posixpath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from .languages import language_tag
from .permalinks import check_pattern


class MatchRule(base.BaseConfigOption[dict[str, list[Any]]]):
    """A mapping of front-matter key to the value (or list of values) that marks a post."""

    def __init__(self, default: dict[str, Any]) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> dict[str, list[Any]]:
        if not isinstance(value, dict) or not value:
            raise base.ValidationError(
                f"expected a non-empty mapping such as {{type: post}}, got {value!r}"
            )
        rule: dict[str, list[Any]] = {}
        for key, wanted in value.items():
            if not isinstance(key, str):
                raise base.ValidationError(f"keys must be strings, got {key!r}")
            rule[key] = list(wanted) if isinstance(wanted, (list, tuple)) else [wanted]
        return rule


class BlogDir(c.Type[str]):
    """A folder inside docs_dir, written with forward slashes, that cannot escape it."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).replace("\\", "/").strip("/")
        normal = posixpath.normpath(text) if text else ""
        if normal.startswith("..") or text.startswith("/") or "\0" in text or normal == ".":
            raise base.ValidationError(
                f"must be a folder inside docs_dir such as 'blog', got {value!r}"
            )
        if "%" in text or ":" in text:
            raise base.ValidationError(f"must be a plain folder name, got {value!r}")
        return normal


class LanguageCode(c.Type[str]):
    """A language code such as 'fr', 'pt-BR' or 'zh_CN', stored in BCP 47 form."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        code = super().run_validation(value)
        tag = language_tag(code)
        if tag is None:
            raise base.ValidationError(f"expected a language code such as 'fr', got {value!r}")
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
                f"expected a time zone such as 'Europe/Paris' or 'UTC', got {value!r}"
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


class FeedsConfig(base.Config):
    """Which feeds to write and what goes in them."""

    atom = c.Type(bool, default=True)
    rss = c.Type(bool, default=True)
    json = c.Type(bool, default=True)
    limit = c.Type(int, default=20)
    full_content = c.Type(bool, default=False)
    per_term = c.Type(bool, default=False)

    def post_validation(self) -> None:
        if self.limit < 1:
            raise base.ValidationError(f"'limit' must be 1 or more, got {self.limit}")


class BlogpostsConfig(base.Config):
    """Options of the `blogposts` plugin; every one has a default."""

    match = MatchRule(default={"type": "post"})
    blog_dir = BlogDir(default="blog")
    default_lang = c.Optional(LanguageCode())
    languages = c.ListOfItems(LanguageCode(), default=[])
    timezone = TimeZone(default="UTC")
    per_page = c.Type(int, default=10)
    archive = c.Choice(("month", "year"), default="month")
    nav_title = c.Optional(c.Type(str))
    nav_position = c.Choice(("end", "start"), default="end")
    taxonomies = c.ListOfItems(c.Type(str), default=["section", "categories", "tags"])
    translation_keys = c.ListOfItems(c.Type(str), default=["translationKey", "i18n-key"])
    post_url = c.Optional(PostUrl())
    future = c.Type(bool, default=False)
    reading_time = c.Type(bool, default=True)
    words_per_minute = c.Type(int, default=220)
    strings = c.Type(dict, default={})
    feeds = c.SubConfig(FeedsConfig)

    def post_validation(self) -> None:
        for name in ("per_page", "words_per_minute"):
            if getattr(self, name) < 1:
                raise base.ValidationError(f"'{name}' must be 1 or more, got {getattr(self, name)}")
        for lang, table in self.strings.items():
            if not isinstance(table, dict):
                raise base.ValidationError(
                    f"'strings.{lang}' must map string names to text, got {table!r}"
                )
