"""Importing a Jekyll site: _config.yml, _posts (at any depth), _drafts, pages and assets."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import yaml

from .import_pages import SourcePage
from .importer import MARKDOWN, ImportProblem, Target, markdown_name, mkdocs_settings, read_source
from .jekyll_urls import STYLES
from .languages import language_tag

# Files of the engine, not of the site.
_ENGINE_FILES = {"gemfile", "gemfile.lock", "rakefile", "readme.md", "license", "license.md",
                 "package.json", "package-lock.json", "yarn.lock", "_config.yml", "netlify.toml"}
_ENGINE_FOLDERS = {"_site", "vendor", "node_modules", ".jekyll-cache", ".sass-cache"}
# _config.yml keys that are the engine's settings, not values that pages show.
_SETTINGS = {"exclude", "include", "plugins", "gems", "defaults", "collections", "sass",
             "kramdown", "markdown", "highlighter", "keep_files", "whitelist", "destination",
             "source", "theme", "remote_theme"}


def read_config(src: Path) -> dict[str, Any]:
    """_config.yml as a mapping."""
    path = src / "_config.yml"
    if not path.is_file():
        raise ImportProblem(f"{src} has no _config.yml: is it a Jekyll site?")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ImportProblem(f"{path} cannot be read: {error}") from None
    if not isinstance(data, dict):
        raise ImportProblem(f"{path} must be a mapping of settings")
    return data


def page_suffix(style: str) -> str:
    """How Jekyll ends a page's URL under the site's permalink style: '/', '.html' or ''."""
    pattern = STYLES.get(style, style)
    if pattern.endswith("/"):
        return "/"
    return ".html" if pattern.endswith(":output_ext") else ""


def _defaults(config: dict[str, Any], rel: str, is_post: bool) -> dict[str, Any]:
    """The values of _config.yml's `defaults` that apply to a file."""
    values: dict[str, Any] = {}
    for entry in config.get("defaults") or []:
        scope = (entry or {}).get("scope") or {}
        path = str(scope.get("path") or "").strip("/")
        kind = scope.get("type")
        if (not path or rel == path or rel.startswith(path + "/")) and \
                kind in (None, "", "posts" if is_post else "pages"):
            values.update((entry or {}).get("values") or {})
    return values


def _post(rel: str, page: SourcePage, config: dict[str, Any], draft: bool) -> str:
    """Mark a post, carry its folder's categories; its path in docs."""
    parts = rel.split("/")
    marker = "_drafts" if draft else "_posts"
    at = parts.index(marker)
    for key, value in _defaults(config, rel, True).items():
        if key not in page.data and key not in ("layout", "permalink"):
            page.added[key] = value
    if page.data.get("type") in (None, ""):
        page.added["type"] = "post"
    if draft:
        page.added["draft"] = True
    folders = parts[:at]  # Jekyll: the folders above _posts are the post's categories
    written = page.data.get("categories", page.data.get("category"))
    if isinstance(written, str):
        written = written.split()
    categories = [*folders, *(str(c) for c in (written or []))]
    if categories and categories != written:
        page.added["categories"] = categories
    return "/".join([*folders, "drafts" if draft else "posts", *parts[at + 1:]])


def _page(rel: str, page: SourcePage, config: dict[str, Any], suffix: str) -> None:
    """Give a page the URL Jekyll gave it when MkDocs would give another."""
    for key, value in _defaults(config, rel, False).items():
        if key not in page.data and key not in ("layout",):
            page.added[key] = value
    if page.data.get("permalink") or page.added.get("permalink") or suffix != ".html":
        return
    stem = posixpath.splitext(rel)[0]
    if posixpath.basename(stem) not in ("index", "README"):
        page.added["permalink"] = f"/{stem}.html"


def _skipped(rel: str, config: dict[str, Any]) -> bool:
    parts = rel.split("/")
    excluded = {str(item).strip("/") for item in config.get("exclude") or []}
    return (any(p.startswith(".") or p in _ENGINE_FOLDERS for p in parts)
            or rel.lower() in _ENGINE_FILES or any(rel == e or rel.startswith(e + "/")
                                                   for e in excluded))


def _import_file(path: Path, rel: str, config: dict[str, Any], target: Target,
                 suffix: str) -> None:
    parts = rel.split("/")
    special = next((p for p in parts[:-1] if p.startswith("_")), None)
    if special not in (None, "_posts", "_drafts"):
        target.report.left_out.append(f"{special}/: Jekyll layouts, includes and data are "
                                      "not imported")
        return
    is_markdown = path.suffix.lower() in MARKDOWN
    if not is_markdown:
        if path.read_bytes()[:4] == b"---\n" and not special:
            target.report.needs_person.append(f"{rel}:1: a page Jekyll renders with Liquid "
                                              "(not Markdown); rewrite it in Markdown")
        else:
            target.copy(path, rel, rel)
        return
    page = read_source(path, rel, target.report)
    if page is None:
        return
    if page.form == "none" and not special:
        target.report.left_out.append(f"{rel}: no front matter, so Jekyll served it as a file")
        return
    dest = _post(rel, page, config, special == "_drafts") if special else rel
    if not special:
        _page(rel, page, config, suffix)
    target.page(page, markdown_name(dest), rel)


def import_jekyll(src: Path, target: Target) -> dict[str, Any]:
    """Copy and convert the site into target.docs; the settings of its mkdocs.yml."""
    config = read_config(src)
    style = str(config.get("permalink") or "date")
    suffix = page_suffix(style)
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        rel = path.relative_to(src).as_posix()
        if not _skipped(rel, config):
            _import_file(path, rel, config, target, suffix)
    target.report.left_out = list(dict.fromkeys(target.report.left_out))
    lang = language_tag(config.get("lang") or config.get("default_lang")
                        or config.get("locale") or "en") or "en"
    blog: dict[str, Any] = {"default_lang": lang, "jekyll_permalink": style,
                            "taxonomies": ["categories", "tags"]}
    languages = [tag for code in config.get("languages") or [] if (tag := language_tag(code))]
    if languages:
        blog["languages"] = languages
    variables = {k: v for k, v in config.items() if k not in _SETTINGS
                 and isinstance(v, (str, int, float, dict))}
    if variables:
        blog["legacy_variables"] = variables
    site_url = str(config.get("url") or "").rstrip("/") + str(config.get("baseurl") or "")
    return mkdocs_settings(str(config.get("title", "")), site_url, lang, blog)
