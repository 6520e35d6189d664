"""MkDocs hooks for the equal-pages floor: capture a blogposts build, then replay it bare.

`capture_hooks(folder)` records, during a build with the plugin, what the plugin hands
MkDocs: its generated files (listing pages, redirects, stylesheet), the nav, the HTML
body of every post and generated page as the theme receives it (`page.content` in
`on_page_context`, after the plugin filled or decorated it), the posts' `page.meta`, the
parent of each page kept out of the nav, and the files the plugin writes itself (feeds).

`replay_hooks(folder)` builds the same site with no blog plugin: the same generated files
(`File.generated`, same src_uris and inclusion), the same nav (an explicit `nav:` written
by run.py from the capture, posts left out with `not_in_nav`, the same parents set in
`on_nav`), the pages the plugin leaves out (unpublished posts) excluded, each captured HTML
swapped in just before the theme draws the page (`on_page_context`) and released after
(`on_post_page`), as the plugin does: posts are converted from Markdown as in any build
and keep their converted HTML otherwise, generated pages are not converted at all (the
plugin does not convert them either), the feeds copied as static files. So MkDocs and
the theme draw the same pages and nav, and no blog logic runs. What the floor leaves out:
the plugin's `<head>` edits (page language, alternate and feed links).

A site's hook file (written by run.py) is two lines: import this module by path, and put
one of these dicts of `on_*` functions into its globals.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

MANIFEST = "manifest.json"
# Files MkDocs itself writes from the theme's templates, not from `files`.
MKDOCS_OUTPUT = {"sitemap.xml", "sitemap.xml.gz", "404.html"}


def nav_data(items: list[StructureItem]) -> list[Any]:
    """A nav tree as `nav:` config: sections by title, pages by src_uri, links by URL."""
    data: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            data.append({item.title: nav_data(item.children)})
        elif isinstance(item, Page):
            data.append(item.file.src_uri)
        elif isinstance(item, Link):
            data.append({item.title: item.url})
    return data


def section_path(nav: Navigation, section: Section) -> list[int]:
    """Indices leading from the nav's top to `section`."""
    path: list[int] = []
    node: StructureItem = section
    while True:
        siblings = node.parent.children if node.parent is not None else nav.items
        path.insert(0, next(i for i, s in enumerate(siblings) if s is node))
        if node.parent is None:
            return path
        node = node.parent


def section_at(nav: Navigation, path: list[int]) -> Section:
    """The section at `path` (see section_path)."""
    item: Any = nav.items[path[0]]
    for index in path[1:]:
        item = item.children[index]
    return item  # type: ignore[no-any-return]


def capture_hooks(folder: str) -> dict[str, Any]:
    """The `on_*` functions of a capture build writing into `folder`."""
    root = Path(folder)
    shutil.rmtree(root, ignore_errors=True)
    (root / "html").mkdir(parents=True)
    (root / "files").mkdir()
    manifest: dict[str, Any] = {"files": [], "pages": {}, "parents": {}, "extras": [],
                                "excluded": [], "places": {}}
    known: set[str] = set()

    def plugin_plan(config: MkDocsConfig) -> Any:
        return config.plugins["blogposts"].plan  # type: ignore[attr-defined]

    @event_priority(-200)  # after the plugin's on_files (-150)
    def on_files(files: Files, *, config: MkDocsConfig) -> Files:
        for number, file in enumerate(files):
            known.add(file.dest_uri)
            if file.generated_by != "blogposts":
                if file.is_documentation_page() and file.inclusion.is_excluded():
                    manifest["excluded"].append(file.src_uri)  # unpublished posts
                elif file.is_documentation_page():  # where the plugin put it ('x.en.md')
                    manifest["places"][file.src_uri] = [file.dest_uri, file.url]
                continue
            stored = root / "files" / str(number)
            stored.write_bytes(file.content_bytes)
            manifest["files"].append({
                "src_uri": file.src_uri, "stored": stored.name,
                "inclusion": file.inclusion.name, "page": file.is_documentation_page()})
        manifest["extra_css"] = list(config.extra_css)
        return files

    @event_priority(-200)  # after the plugin's on_nav (-50)
    def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        manifest["nav"] = nav_data(nav.items)
        in_nav = {id(page) for page in nav.pages}
        for file in files.documentation_pages():
            page = file.page
            if page is not None and id(page) not in in_nav and isinstance(page.parent, Section):
                manifest["parents"][file.src_uri] = section_path(nav, page.parent)
        return nav

    @event_priority(-200)  # after the plugin filled or decorated the page (100)
    def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
                        ) -> Any:
        plan = plugin_plan(config)
        src_uri = page.file.src_uri
        if page.file.generated_by == "blogposts":
            kind = "generated"
        elif src_uri in plan.posts:
            kind = "post"
        else:
            return context
        stored = root / "html" / f"{len(manifest['pages'])}.html"
        stored.write_text(page.content or "", encoding="utf-8")
        # The nav entry the plugin lights for a page out of the nav, drawn as the current one.
        lit = [entry.file.src_uri for entry in nav.pages if entry.active and entry is not page]
        manifest["pages"][src_uri] = {"kind": kind, "stored": stored.name,
                                      "meta": page.meta if kind == "post" else None,
                                      "lit": lit}
        return context

    @event_priority(-200)  # after the plugin wrote its feeds
    def on_post_build(*, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            relative = path.relative_to(site).as_posix()
            if relative not in known and relative not in MKDOCS_OUTPUT:
                target = root / "extras" / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                manifest["extras"].append(relative)
        (root / MANIFEST).write_text(json.dumps(manifest, default=str, ensure_ascii=False),
                                     encoding="utf-8")

    return {"on_files": on_files, "on_nav": on_nav, "on_page_context": on_page_context,
            "on_post_build": on_post_build}


class CapturedPage(Page):
    """A generated page: no Markdown is converted; its captured HTML is read just before the
    theme draws it (`on_page_context`), as the plugin renders a listing only then."""

    captured: Path

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def replay_hooks(folder: str) -> dict[str, Any]:
    """The `on_*` functions of an equal-pages floor build from the capture in `folder`."""
    root = Path(folder)
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    pages: dict[str, Any] = manifest["pages"]
    converted: dict[str, str] = {}
    lit: list[Page] = []  # nav entries lit while one page is drawn

    def on_files(files: Files, *, config: MkDocsConfig) -> Files:
        for src_uri in manifest["excluded"]:
            excluded = files.get_file_from_path(src_uri)
            if excluded is not None:
                excluded.inclusion = InclusionLevel.EXCLUDED
        for src_uri, (dest_uri, url) in manifest["places"].items():
            placed = files.get_file_from_path(src_uri)
            if placed is not None and placed.dest_uri != dest_uri:
                placed.dest_uri, placed.url = dest_uri, url
                placed.abs_dest_path = str(Path(config.site_dir, dest_uri))
        for entry in manifest["files"]:
            stored = root / "files" / entry["stored"]
            inclusion = InclusionLevel[entry["inclusion"]]
            if entry["page"]:
                file = File.generated(config, entry["src_uri"],
                                      content=stored.read_text(encoding="utf-8"),
                                      inclusion=inclusion)
                page = CapturedPage(None, file, config)
                page.captured = root / "html" / pages[entry["src_uri"]]["stored"]
            else:
                file = File.generated(config, entry["src_uri"], abs_src_path=str(stored),
                                      inclusion=inclusion)
            files.append(file)
        for relative in manifest["extras"]:
            files.append(File.generated(config, relative,
                                        abs_src_path=str(root / "extras" / relative)))
        return files

    def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for src_uri, path in manifest["parents"].items():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                file.page.parent = section_at(nav, path)
        return nav

    def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        entry = pages.get(page.file.src_uri)
        if entry is not None and entry["kind"] == "post":
            page.meta = entry["meta"]
        return html

    # As the plugin does: the drawn HTML exists only while its page is drawn, and a post keeps
    # its own converted HTML the rest of the build.
    @event_priority(100)
    def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
                        ) -> Any:
        entry = pages.get(page.file.src_uri)
        if entry is None:
            return context
        for other in nav.pages:
            if other.file.src_uri in entry.get("lit", ()):
                other.active = True
                lit.append(other)
        if isinstance(page, CapturedPage):
            page.content = page.captured.read_text(encoding="utf-8")
        elif entry["kind"] == "post" and page.content is not None:
            converted[page.file.src_uri] = page.content
            page.content = (root / "html" / str(entry["stored"])).read_text(encoding="utf-8")
        return context

    def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
        while lit:
            lit.pop().active = False
        src_uri = page.file.src_uri
        if src_uri in converted:  # as the plugin does: keep the post's own HTML only
            page.content = converted.pop(src_uri)
        elif isinstance(page, CapturedPage):
            page.content = None
        return output

    return {"on_files": on_files, "on_nav": on_nav, "on_page_content": on_page_content,
            "on_page_context": on_page_context, "on_post_page": on_post_page}
