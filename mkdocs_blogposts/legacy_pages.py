"""The `legacy_syntax` option: convert each page's Liquid and shortcodes as MkDocs reads it."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .languages import infer_lang
from .legacy import LegacyContext, convert, report

log = get_plugin_logger(__name__)


def page_name(src_uri: str) -> str:
    """'_posts/2016-04-29-hello.md' -> '2016-04-29-hello'; 'x/hello/index.fr.md' -> 'hello'."""
    folder, base = posixpath.split(src_uri)
    stem = base.split(".")[0]
    return posixpath.basename(folder) if stem in ("index", "_index", "README") and folder \
        else stem


class LegacyPages:
    """Finds the pages a `post_url`, `link` or `ref` names, and converts pages one by one."""

    def __init__(self, files: Files, site_url: str, variables: Mapping[str, Any]) -> None:
        self.files = files
        self.site_url = site_url
        self.variables = variables

    @cached_property
    def pages(self) -> list[str]:
        """Source paths of the documentation pages."""
        return sorted(f.src_uri for f in self.files.documentation_pages())

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        """Pages by their name (the file's, or its folder's for 'x/index.md')."""
        names: dict[str, list[str]] = {}
        for src_uri in self.pages:
            names.setdefault(page_name(src_uri), []).append(src_uri)
        return names

    def _choose(self, found: list[str], referrer: str) -> str | None:
        """Of pages with one name, the one in the referring page's language."""
        lang = infer_lang(referrer)
        same = [uri for uri in found if infer_lang(uri) == lang]
        chosen = same or found
        return chosen[0] if chosen else None

    def find_post(self, name: str, referrer: str) -> str | None:
        """The page of `{% post_url 2016-04-29-hello %}` (a folder in front is allowed)."""
        return self._choose(self.by_name.get(posixpath.basename(name.strip()), []), referrer)

    def find_page(self, path: str, referrer: str) -> str | None:
        """The page of `{% link about.md %}` or `{{< ref "posts/x" >}}`."""
        written = path.strip().strip("\"'")
        lang = infer_lang(referrer)
        bases = [written.lstrip("/")]
        if not written.startswith("/"):
            bases.append(posixpath.normpath(posixpath.join(posixpath.dirname(referrer),
                                                           written)))
        for base in bases:
            stem = base[:-5] if base.endswith(".html") else base.removesuffix(".md")
            stem = stem.rstrip("/")
            for candidate in (base, f"{stem}.md", f"{stem}.{lang}.md", f"{stem}/index.md",
                              f"{stem}/index.{lang}.md", f"{stem}/_index.md", f"{stem}/README.md"):
                if self.files.get_file_from_path(candidate) is not None:
                    return candidate
        found = self.by_name.get(page_name(written.rstrip("/") or "index"), [])
        return self._choose(found, referrer) if len(found) == 1 or lang else None

    def url_of(self, src_uri: str) -> str | None:
        """A page's URL as the build gives it (after `post_url` and permalinks)."""
        file = self.files.get_file_from_path(src_uri)
        return None if file is None else file.url

    def convert(self, markdown: str, page: Page) -> str:
        """The page's Markdown with its Liquid and shortcodes converted; one warning if not all."""
        context = LegacyContext(
            src_uri=page.file.src_uri, page_url=page.url, site_url=self.site_url,
            meta=page.meta, site_vars=self.variables, find_post=self.find_post,
            find_page=self.find_page, url_of=self.url_of,
        )
        result = convert(markdown, context)
        message = report(page.file.src_uri, result.leftovers)
        if message is not None:
            log.warning(message)
        return result.markdown
