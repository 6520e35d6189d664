"""Material's `links:` front matter: related pages and sites listed on a post.

Written as a nav: `- setup.md`, `- Title: https://…`, `- Section: [ … ]`; a page path is
resolved to its URL as MkDocs' nav would, its title read from the page's own front matter.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from mkdocs.structure.files import Files

from .messages import describe

Link = tuple[str | None, str]  # (title as written, target as written)


def parse_links(value: object) -> tuple[list[Link], list[str]]:
    """The links of a `links:` value, flattened, and what could not be read in it."""
    links: list[Link] = []
    problems: list[str] = []

    def visit(items: object) -> None:
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, str):
                links.append((None, item))
            elif isinstance(item, dict) and len(item) == 1:
                title, target = next(iter(item.items()))
                if isinstance(target, str):
                    links.append((str(title), target))
                else:
                    visit(target)  # a section: its links are listed too
            else:
                problems.append(describe(item))

    visit(value)
    return links, problems


def _parts(target: str) -> tuple[str, str]:
    split = urlsplit(target)
    return split.path.lstrip("/"), f"#{split.fragment}" if split.fragment else ""


def resolve_links(src_uri: str, links: list[Link], files: Files,
                  title_of: Callable[[str], str | None]) -> Iterator[tuple[str, str] | str]:
    """Each link as (title, URL from the site's root or absolute), or a message if unknown."""
    for title, target in links:
        if urlsplit(target).scheme or target.startswith("//"):
            yield (title or target, target)
            continue
        path, fragment = _parts(target)
        file = files.get_file_from_path(path)
        if file is None:  # Material reads paths from docs_dir; a relative one is tried too
            file = files.get_file_from_path(posixpath.normpath(
                posixpath.join(posixpath.dirname(src_uri), path)))
        if file is None:
            yield (f"{src_uri}: 'links' has {describe(target)}, which is not a file of the "
                   "site; that link is left out")
            continue
        shown = title or title_of(file.src_uri) or posixpath.splitext(file.name)[0]
        yield (shown, file.url + fragment)
