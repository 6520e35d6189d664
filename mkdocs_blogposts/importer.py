"""`mkdocs-blogposts import hugo|jekyll SRC DEST`: a Hugo or Jekyll site as an MkDocs blog.

Reads SRC, never writes there; writes DEST/mkdocs.yml and DEST/docs only, into a DEST that
is new or empty and outside SRC. Ends with a report: what was converted, what was copied
as it is, and what needs a person (file:line).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .import_pages import SourcePage, read_page
from .legacy import LegacyContext, convert
from .legacy_pages import page_name

MARKDOWN = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")


class ImportProblem(Exception):
    """A reason the import cannot start; the message is printed as it is."""


@dataclass
class ImportReport:
    """What the import did, file by file."""

    converted: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    needs_person: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as printed at the end of the import."""
        lines = [f"converted: {len(self.converted)} pages", f"kept as is: {len(self.copied)} "
                 f"files", f"left out: {len(self.left_out)}"]
        lines += [f"  {item}" for item in self.left_out]
        lines.append(f"needs a person: {len(self.needs_person)}")
        lines += [f"  {item}" for item in self.needs_person]
        return lines


@dataclass
class Target:
    """Where the import writes: DEST/docs, the report, and what goes into mkdocs.yml."""

    docs: Path
    report: ImportReport = field(default_factory=ImportReport)
    written: set[str] = field(default_factory=set)
    pages: list[tuple[str, SourcePage, str]] = field(default_factory=list)

    def claim(self, rel: str, source: str) -> bool:
        """Reserve docs/<rel> for one source; a second source for the same path is refused."""
        key = rel.casefold()
        if key in self.written:
            self.report.left_out.append(f"{source}: would overwrite docs/{rel}, written from "
                                        "another file")
            return False
        self.written.add(key)
        return True

    def copy(self, source: Path, rel: str, shown: str) -> None:
        """Copy a file as it is (an image, an attachment, a stylesheet)."""
        if self.claim(rel, shown):
            path = self.docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, path)
            self.report.copied.append(rel)

    def page(self, page: SourcePage, rel: str, shown: str) -> None:
        """Write a converted page, and note what of its old syntax needs a person."""
        if not self.claim(rel, shown):
            return
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text(), encoding="utf-8")
        changed = page.added or page.form in ("toml", "json")
        (self.report.converted if changed else self.report.copied).append(rel)
        self.pages.append((rel, page, shown))

    def finish(self, site_vars: dict[str, Any]) -> None:
        """Note, page by page, the old syntax that the build will not be able to convert."""
        names = {page_name(rel) for rel, _, _ in self.pages}

        def find(name: str, referrer: str) -> str | None:
            return name if page_name(name.strip().strip("\"'").split("#")[0]) in names else None

        for rel, page, shown in self.pages:
            probe = LegacyContext(src_uri=rel, page_url="", meta=page.data, site_vars=site_vars,
                                  find_post=find, find_page=find, url_of=lambda uri: uri)
            for leftover in convert(page.body, probe).leftovers:
                self.report.needs_person.append(
                    f"{shown}:{page.body_line + leftover.line - 1}: {leftover.label} cannot be "
                    "converted; the build leaves it out and warns")


def check_folders(src: Path, dest: Path) -> tuple[Path, Path]:
    """SRC must be a folder; DEST new or empty, and not inside SRC."""
    src, dest = src.resolve(), dest.resolve()
    if not src.is_dir():
        raise ImportProblem(f"{src} is not a folder")
    if dest == src or src in dest.parents:
        raise ImportProblem(f"{dest} is inside {src}: the destination must be outside the site "
                            "that is imported, which is never written to")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ImportProblem(f"{dest} is not an empty folder: choose a new or empty destination")
    return src, dest


def read_source(path: Path, shown: str, report: ImportReport) -> SourcePage | None:
    """A page of the old site, or None (reported) when it cannot be read."""
    try:
        return read_page(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        report.left_out.append(f"{shown}: not UTF-8 text")
    except ValueError as error:
        report.needs_person.append(f"{shown}:1: {error}; the page is left out")
    return None


def markdown_name(rel: str) -> str:
    """'a/b.markdown' -> 'a/b.md'."""
    stem, dot, extension = rel.rpartition(".")
    return f"{stem}.md" if dot and f".{extension.lower()}" in MARKDOWN else rel


def write_config(dest: Path, settings: dict[str, Any]) -> None:
    """DEST/mkdocs.yml: the old site's name, address and languages, and the blog's options."""
    (dest / "mkdocs.yml").write_text(
        "# Written by `mkdocs-blogposts import`; see the README's 'Coming from' sections.\n"
        + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def mkdocs_settings(name: str, site_url: str, lang: str, blog: dict[str, Any]) -> dict[str, Any]:
    """A complete mkdocs.yml for the imported blog."""
    settings: dict[str, Any] = {"site_name": name or "Blog"}
    if site_url:
        settings["site_url"] = site_url.rstrip("/") + "/"
    settings["theme"] = {"name": "mkdocs", "locale": lang}
    settings["markdown_extensions"] = ["footnotes", "attr_list", "md_in_html", "def_list",
                                       "abbr"]
    settings["plugins"] = ["search", {"blogposts": blog}]
    return settings


def run_import(engine: str, src: Path, dest: Path) -> ImportReport:
    """Import the site; ImportProblem if it cannot start."""
    from .import_hugo import import_hugo  # the engines import this module's helpers
    from .import_jekyll import import_jekyll

    src, dest = check_folders(src, dest)
    target = Target(dest / "docs")
    target.docs.mkdir(parents=True, exist_ok=True)
    settings = (import_hugo if engine == "hugo" else import_jekyll)(src, target)
    target.finish(settings["plugins"][1]["blogposts"].get("legacy_variables", {}))
    write_config(dest, settings)
    return target.report
