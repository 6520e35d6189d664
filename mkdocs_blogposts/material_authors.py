"""Material's authors file (`blog/.authors.yml`): who writes, with name, avatar and profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .messages import describe
from .text import clean_text, is_text

_FIELDS = ("name", "description", "avatar", "slug", "url")


@dataclass(frozen=True)
class Author:
    """One entry of the authors file; `key` is what posts write in `authors:`."""

    key: str
    name: str
    description: str = ""
    avatar: str = ""
    slug: str = ""
    url: str = ""

    @property
    def profile_slug(self) -> str:
        """The URL segment of the author's profile page: `slug`, else the key (as Material)."""
        return self.slug or self.key


def _safe_link(value: str) -> str:
    """A link that is an http(s) URL or a path; '' for javascript: and other schemes."""
    return value if urlsplit(value).scheme.lower() in ("", "http", "https") else ""


def _author(where: str, key: str, entry: object, messages: list[str]) -> Author:
    if not isinstance(entry, dict):
        messages.append(f"{where}: author {key!r} must be a mapping with 'name' and 'avatar', "
                        f"got {describe(entry)}; shown by its key")
        return Author(key, key)
    values: dict[str, str] = {}
    for name in _FIELDS:
        value = entry.get(name)
        if value is None:
            continue
        if not is_text(value):
            messages.append(f"{where}: '{key}.{name}' must be a text, got {describe(value)}; "
                            "ignored")
            continue
        values[name] = clean_text(value) if name in ("name", "description") else str(value)
    for name in ("avatar", "url"):
        if values.get(name) and not _safe_link(values[name]):
            messages.append(f"{where}: '{key}.{name}' must be an http(s) URL or a path, got "
                            f"{describe(values[name])}; ignored")
            values.pop(name)
    return Author(key, values.pop("name", "") or key, **values)


def parse_authors(where: str, text: str) -> tuple[dict[str, Author], list[str]]:
    """The authors of a file's text, and a message per problem (the rest is still used)."""
    try:
        data: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        return {}, [f"{where}: must be valid YAML, got an error{line}; no author is shown"]
    entries = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}, [f"{where}: must hold 'authors:' mapping keys to names and avatars, got "
                    f"{describe(data)}; no author is shown"]
    messages: list[str] = []
    authors = {str(key): _author(where, str(key), entry, messages)
               for key, entry in entries.items()}
    return authors, messages


def read_authors(docs_dir: str, path: str) -> tuple[dict[str, Author], list[str]]:
    """The authors file at `path` in docs_dir; none (and no message) when it does not exist."""
    file = Path(docs_dir, path)
    if not file.is_file():
        return {}, []
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return {}, [f"{path}: cannot be read ({error}); no author is shown"]
    return parse_authors(path, text)
