"""Importing a Hugo site: config.toml/yaml/json, content/ (one or per language), static/."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from .import_pages import SourcePage, read_toml
from .importer import (
    MARKDOWN,
    ImportProblem,
    Target,
    markdown_name,
    mkdocs_settings,
    read_source,
)
from .languages import infer_lang, language_tag
from .slugs import slugify

CONFIG_FILES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json")
# Hugo's permalink tokens, as post_url placeholders (:title and :slug both become {slug}).
_TOKENS = {"year": "{yyyy}", "month": "{mm}", "day": "{dd}", "slug": "{slug}",
           "title": "{slug}", "filename": "{name}", "contentbasename": "{name}",
           "section": "{section}"}
_TOKEN_RE = re.compile(r":(\w+)")


def _lower_keys(value: Any) -> Any:
    """Hugo's configuration keys ignore case: 'baseURL' is 'baseurl'."""
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    return value


def read_config(src: Path) -> tuple[dict[str, Any], str]:
    """The site's configuration, keys lower-cased, and the file it came from."""
    for name in CONFIG_FILES:
        path = src / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        try:
            data = read_toml(text) if name.endswith(".toml") else \
                json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as error:
            raise ImportProblem(f"{path} cannot be read: {error}") from None
        return _lower_keys(data or {}), name
    raise ImportProblem(f"{src} has none of {', '.join(CONFIG_FILES)}: is it a Hugo site?")


def _languages(config: dict[str, Any]) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    default = language_tag(config.get("defaultcontentlanguage", "en")) or "en"
    found = config.get("languages") or {}
    ordered = sorted(found.items(), key=lambda item: (item[1] or {}).get("weight", 0))
    languages = [(language_tag(code) or code, conf or {}) for code, conf in ordered]
    return default, languages or [(default, {})]


def post_url(pattern: str, prefix: str) -> tuple[str | None, list[str]]:
    """A Hugo permalink ('/:year/:month/:slug/') as post_url, and the tokens it cannot map."""
    unknown = [token for token in _TOKEN_RE.findall(pattern) if token not in _TOKENS]
    if unknown:
        return None, unknown
    converted = _TOKEN_RE.sub(lambda m: _TOKENS[m.group(1)], pattern).strip("/")
    return f"{prefix}/{converted}/" if prefix else f"{converted}/", []


def _main_sections(config: dict[str, Any], pages: list[tuple[str, SourcePage]]) -> set[str]:
    named = (config.get("params") or {}).get("mainsections") or config.get("mainsections")
    if named:
        return {str(s) for s in ([named] if isinstance(named, str) else named)}
    counts = Counter(rel.split("/")[0] for rel, page in pages
                     if "/" in rel and page.data.get("date") is not None)
    return {counts.most_common(1)[0][0]} if counts else set()


def _content_dirs(src: Path, default: str, languages: list[tuple[str, dict[str, Any]]],
                  in_subdir: bool) -> list[tuple[Path, str, str | None]]:
    """(folder, prefix in docs, language) for each content folder."""
    dirs: list[tuple[Path, str, str | None]] = [
        (src / str(conf["contentdir"]), "" if code == default and not in_subdir else code, code)
        for code, conf in languages if conf.get("contentdir")
    ]
    return dirs or [(src / "content", "", None)]


def _convert(rel: str, page: SourcePage, lang: str | None, section: str, target: Target,
             shown: str) -> str:
    """Mark posts, rename section pages; the page's path in docs."""
    folder, name = posixpath.split(rel)
    if name.startswith("_index."):
        rel = posixpath.join(folder, name[1:])  # a section's own page is its folder's index
    elif section and page.data.get("date") is not None:
        kind = page.data.get("type")
        if kind in (None, "", "post", "posts"):
            page.added["type"] = "post"
        else:
            target.report.needs_person.append(f"{shown}:1: 'type: {kind}' is kept, so the "
                                              "page is not a post; change it to 'post' if it is")
    if lang and "lang" not in page.data and not infer_lang(rel):
        page.added["lang"] = lang
    return rel


def _pages(target: Target, content: Path, prefix: str,
           lang: str | None) -> list[tuple[str, SourcePage, str, str]]:
    found = []
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        rel = path.relative_to(content).as_posix()
        shown = path.relative_to(content.parent).as_posix()
        dest = posixpath.join(prefix, rel) if prefix else rel
        if path.suffix.lower() not in MARKDOWN:
            target.copy(path, dest, shown)
            continue
        page = read_source(path, shown, target.report)
        if page is not None:
            found.append((markdown_name(dest), page, shown, rel))
    return found


def import_hugo(src: Path, target: Target) -> dict[str, Any]:
    """Copy and convert the site into target.docs; the settings of its mkdocs.yml."""
    config, _ = read_config(src)
    default, languages = _languages(config)
    in_subdir = bool(config.get("defaultcontentlanguageinsubdir", False))
    pages = []
    for content, prefix, lang in _content_dirs(src, default, languages, in_subdir):
        pages += [(rel, page, shown, lang, inside) for rel, page, shown, inside in
                  _pages(target, content, prefix, lang)]
    sections = _main_sections(config, [(inside, page) for _, page, _, _, inside in pages])
    permalinks = config.get("permalinks") or {}
    permalinks = permalinks.get("page", permalinks)
    pattern = next((str(permalinks[s]) for s in sorted(sections) if s in permalinks), None)
    for rel, page, shown, lang, inside in pages:
        top = inside.split("/")[0] if "/" in inside else ""
        dest = _convert(rel, page, lang, top if top in sections else "", target, shown)
        title = page.data.get("title")
        if pattern and re.search(r":(slug|title)\b", pattern) and "slug" not in page.data \
                and page.added.get("type") == "post" and isinstance(title, str):
            page.added["slug"] = slugify(title)  # Hugo's :slug is the title's, not the file's
        target.page(page, dest, shown)
    static = src / "static"
    for path in sorted(p for p in static.rglob("*") if p.is_file()) if static.is_dir() else []:
        target.copy(path, path.relative_to(static).as_posix(), f"static/{path.relative_to(static)}")
    for folder in ("layouts", "themes", "data", "i18n", "assets"):
        if (src / folder).is_dir():
            target.report.left_out.append(f"{folder}/: Hugo templates and data are not imported")
    blog: dict[str, Any] = {"default_lang": default,
                            "languages": [code for code, _ in languages]}
    taxonomies = config.get("taxonomies") or {"tag": "tags", "category": "categories"}
    blog["taxonomies"] = [str(plural) for plural in taxonomies.values()]
    if pattern:
        prefix = "{lang}" if in_subdir else ("{lang_prefix}" if len(languages) > 1 else "")
        converted, unknown = post_url(pattern, prefix)
        if converted:
            blog["post_url"] = converted
        else:
            target.report.needs_person.append(
                f"config: permalinks {pattern!r} uses {', '.join(':' + t for t in unknown)}, "
                "which post_url has no placeholder for; posts keep their file's URL")
    if in_subdir and len(_content_dirs(src, default, languages, in_subdir)) == 1:
        target.report.needs_person.append(
            "config: defaultContentLanguageInSubdir is true: pages of the default language "
            "are served at the root, not under their language")
    return mkdocs_settings(str(config.get("title", "")), str(config.get("baseurl", "")),
                           default, blog)

