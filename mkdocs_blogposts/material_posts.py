"""Posts as Material's blog finds and reads them: every page under `post_dir`, its front matter.

`MaterialReading.adapt` turns Material's front matter into ours before `post_reader` reads
it: the date mapping, drafts by Material's rules, allowed categories, author keys into names,
and `.meta.yml` folder defaults when Material's meta plugin is on.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .collect import FrontMatterCache, documentation_files
from .config import BlogpostsConfig
from .fields import Report
from .frontmatter import matches
from .listings import PlanOptions
from .material_authors import Author, read_authors
from .material_dates import DateText, post_date_text
from .material_links import Link, parse_links, resolve_links
from .material_options import (
    MaterialSettings,
    check_formats,
    material_settings,
    plan_options,
    unsupported_messages,
    wants_material,
)
from .material_urls import move_post_media
from .messages import describe
from .post_reader import PostSettings

_SEPARATOR = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)  # as excerpts.py finds it
MetaFile = tuple[str, str, dict[str, Any]]  # (its path, its folder, its defaults)


def merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`extra` over `base` as Material's meta plugin merges: lists add up, mappings merge."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [item for item in value if item not in old]
        else:
            merged[key] = value
    return merged


def read_meta_files(files: Files, name: str) -> tuple[list[MetaFile], list[str]]:
    """The defaults of each meta file (`.meta.yml`) of the build, and messages about them."""
    found: list[MetaFile] = []
    messages = []
    for file in files:
        if posixpath.basename(file.src_uri) != name or file.abs_src_path is None:
            continue
        try:
            data = yaml.safe_load(Path(file.abs_src_path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            messages.append(f"{file.src_uri}: must be a YAML mapping of front-matter keys; "
                            "its defaults are not used")
            continue
        if isinstance(data, dict):
            found.append((file.src_uri, posixpath.dirname(file.src_uri), data))
        elif data is not None:
            messages.append(f"{file.src_uri}: must be a YAML mapping of front-matter keys, "
                            f"got {describe(data)}; its defaults are not used")
    return found, messages


@dataclass
class MaterialReading:
    """How this build reads Material's posts; remembers what URLs need of each post."""

    settings: MaterialSettings
    now: datetime
    authors: Mapping[str, Author] = field(default_factory=dict)
    authors_file: str = ""
    meta_files: Sequence[MetaFile] = ()
    slugs: dict[str, str] = field(default_factory=dict)  # `slug:` as written, by file
    notes: list[str] = field(default_factory=list)  # INFO messages for the build's log
    links: dict[str, list[Link]] = field(default_factory=dict)  # `links:` as written, by file
    cache: FrontMatterCache = field(default_factory=FrontMatterCache)  # titles of linked pages

    def claims(self, src_uri: str) -> bool:
        """Whether a page is a post by its place alone: under `post_dir`, as Material finds them."""
        return src_uri.startswith(self.settings.post_dir.rstrip("/") + "/")

    def adapt(self, src_uri: str, data: dict[str, Any], report: Report) -> dict[str, Any]:
        """Material's front matter of one post, in the form `post_reader` reads."""
        for _, folder, defaults in self.meta_files:
            if src_uri.startswith(folder):  # Material's meta plugin compares strings so
                data = merge(defaults, data)
        data = dict(data)
        self._dates(data)
        self._draft(data)
        if "categories" in data and self.settings.categories_allowed:
            data["categories"] = self._allowed(data["categories"], report)
        if self.settings.authors and self.authors_file:
            data["authors"] = self._author_names(data.get("authors"), report)
        if data.get("links") is not None:
            self.links[src_uri], problems = parse_links(data["links"])
            report.messages += [f"{src_uri}: 'links' items must be a path, a URL or "
                                f"'Title: path', got {problem}; ignored" for problem in problems]
        if isinstance(data.get("slug"), str) and data["slug"].strip():
            self.slugs[src_uri] = data["slug"].strip()
        return data

    @staticmethod
    def _dates(data: dict[str, Any]) -> None:
        dates = data.get("date")
        if isinstance(dates, dict) and dates.get("created") is not None:
            data["date"] = dates["created"]
            if dates.get("updated") is not None:
                data.setdefault("updated", dates["updated"])

    def _draft(self, data: dict[str, Any]) -> None:
        if self.settings.draft:
            data.pop("draft", None)  # Material's `draft: true`: drafts are published too
        elif ("draft" not in data and self.settings.draft_if_future_date
              and _created(data.get("date")) > self.now):
            data["draft"] = True

    def _allowed(self, value: object, report: Report) -> object:
        if not isinstance(value, list):
            return value
        allowed = self.settings.categories_allowed
        for name in value:
            if name not in allowed:
                report.problem("categories", name,
                               f"one of categories_allowed ({', '.join(allowed)})",
                               "that category is left out")
        return [name for name in value if name in allowed]

    def _author_names(self, value: object, report: Report) -> object:
        keys = value if isinstance(value, list) else [value] if isinstance(value, str) else None
        if keys is None:
            return value
        names = []
        for key in keys:
            author = self.authors.get(str(key))
            if author is None:
                report.messages.append(
                    f"{report.src_uri}: 'authors' has {describe(key)}, which "
                    f"{self.authors_file} does not define; it is shown as written")
            names.append(author.name if author is not None else key)
        return names

    def by_name(self) -> dict[str, Author]:
        """Authors by the name posts show."""
        return {author.name: author for author in self.authors.values()}

    def related(self, files: Files, posts: Mapping[str, str]
                ) -> tuple[dict[str, tuple[tuple[str, str], ...]], list[str]]:
        """Each post's related links as (title, URL), and a message per link to no file."""

        def title_of(src_uri: str) -> str | None:
            if src_uri in posts:
                return posts[src_uri]
            file = files.get_file_from_path(src_uri)
            if file is None or not file.is_documentation_page():
                return None
            info = self.cache.get(file)
            title = info.front_matter.data.get("title")
            return str(title) if isinstance(title, (str, int, float)) else info.first_heading

        related: dict[str, tuple[tuple[str, str], ...]] = {}
        messages: list[str] = []
        for src_uri, links in self.links.items():
            found = list(resolve_links(src_uri, links, files, title_of))
            messages += [item for item in found if isinstance(item, str)]
            related[src_uri] = tuple(item for item in found if not isinstance(item, str))
        return related, messages

    def plan_inputs(self, files: Files, posts: Mapping[str, str]) -> tuple[object, ...]:
        """What a plan takes from this reading besides the posts (whose statuses hold what
        `now` decided), to tell whether two builds plan alike: the settings, authors, meta
        files' defaults, slugs and related links with the titles they show."""
        return (self.settings, dict(self.authors), self.authors_file,
                copy.deepcopy(list(self.meta_files)), dict(self.slugs),
                {src_uri: list(links) for src_uri, links in self.links.items()},
                self.related(files, posts))

    def date_text(self) -> DateText | None:
        """How posts show their date with `post_date_format`; None for our long date."""
        return post_date_text(self.settings.post_date_format)

    def excerpt_problems(self, src_uri: str, markdown: str) -> list[str]:
        """With `post_excerpt: required`, a post without the separator (Material stops there)."""
        if not self.settings.excerpt_required or _SEPARATOR.search(markdown):
            return []
        return [f"{src_uri}: post_excerpt is 'required' but the post has no '<!-- more -->'; "
                "its first paragraph is its excerpt"]

    def plan_options(self, base: PlanOptions, directory_urls: bool) -> PlanOptions:
        """Our page layout with Material's URLs, category slugs and author profile slugs."""
        authors = self.by_name()

        def author_slug(name: str) -> str:
            author = authors.get(name)
            return author.profile_slug if author else self.settings.category_slug(name)

        options = plan_options(base, self.settings)
        return replace(options, term_slugs=(("categories", self.settings.category_slug),
                                            ("authors", author_slug)),
                       flat=not directory_urls)


def _is_material_site(options: BlogpostsConfig, files: Files, post_dir: str,
                      cache: FrontMatterCache) -> bool:
    """Material's options are set, or a page under post_dir is not a post by `match`."""
    if wants_material(options) or options.layout == "blogposts":
        return options.layout != "blogposts"
    prefix = post_dir.rstrip("/") + "/"
    return any(not matches(cache.get(file).front_matter.data, options.match)
               for file in documentation_files(files) if file.src_uri.startswith(prefix))


def material_reading(options: BlogpostsConfig, files: Files, config: MkDocsConfig,
                     cache: FrontMatterCache, now: datetime
                     ) -> tuple[MaterialReading | None, list[str]]:
    """How this build reads Material's posts, or None for a site in our own form; messages."""
    settings = material_settings(options)
    if not _is_material_site(options, files, settings.post_dir, cache):
        return None, []
    warning, note = unsupported_messages(options)
    messages = [m for m in (warning,) if m] + check_formats(settings)
    authors, found = read_authors(config.docs_dir, settings.authors_file) \
        if settings.authors else ({}, [])
    messages += found
    meta: list[MetaFile] = []
    meta_plugin = config.plugins.get("material/meta")
    if meta_plugin is not None:
        meta, found = read_meta_files(files, str(meta_plugin.config.get("meta_file",
                                                                        ".meta.yml")))
        messages += found
    has_authors = bool(authors) or Path(config.docs_dir, settings.authors_file).is_file()
    reading = MaterialReading(settings, now, authors,
                              settings.authors_file if has_authors else "", meta)
    reading.notes = [note] if note else []
    reading.cache = cache
    return reading, messages


@dataclass
class Started:
    """How this build reads its posts: Material's way or ours, and what to log about it."""

    material: MaterialReading | None
    settings: PostSettings
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def reading_choices(options: BlogpostsConfig, material: MaterialReading | None
                    ) -> tuple[int, bool, DateText | None]:
    """Words per minute, whether reading times show, and how post dates read (None: our
    long date): Material's settings for a site in Material's form."""
    if material is None:
        return options.words_per_minute, options.reading_time, None
    return (material.settings.words_per_minute, material.settings.readtime,
            material.date_text())


def start_reading(options: BlogpostsConfig, files: Files, config: MkDocsConfig,
                  cache: FrontMatterCache, settings: PostSettings) -> Started:
    """Before posts are collected: whether the site is in Material's form; if so its posts
    are read as Material does (future posts published, categories and authors taxonomies)
    and its post_dir's media published under blog_dir."""
    material, warnings = material_reading(options, files, config, cache, settings.now)
    if material is None:
        return Started(None, settings, warnings)
    settings = replace(settings, future=True,  # Material's rule: draft_if_future_date
                       taxonomies=(*settings.taxonomies, "categories", "authors"))
    move_post_media(files, material.settings)
    return Started(material, settings, warnings, list(material.notes))


def _created(value: object) -> datetime:
    """A comparable creation date for the future-date rule; the past when it is unclear."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime.combine(value, time(), timezone.utc)
    return datetime.min.replace(tzinfo=timezone.utc)
