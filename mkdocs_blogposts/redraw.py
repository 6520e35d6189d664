"""Which pages a `mkdocs serve --dirty` build reads and which it draws, page by page.

MkDocs' dirty builds skip every page whose source is older than its output: it never reads
them (their titles are missing from the nav, their excerpts from the listings). Here each
page answers MkDocs' `is_modified()` itself, twice a build: while MkDocs reads pages ("read"
phase), a page is read only if its source changed, it may link to a file that came, went or
moved, or nothing of it is kept from the last build; while MkDocs draws pages ("draw"
phase), a page is drawn only if its output would change: its source, the nav every page
shows, or what the blog adds to it (a listing's body, a post's header and footer, its head).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from mkdocs.structure.files import File, Files, InclusionLevel


def _mtime(path: str | None) -> float | None:
    try:
        # os.stat takes a third of Path.stat's time: this runs twice per page per rebuild.
        return os.stat(path).st_mtime if path is not None else None  # noqa: PTH116
    except OSError:
        return None


def source_changed(file: File) -> tuple[bool, bool]:
    """MkDocs' own rule, the source is newer than its output or there is no output yet; and
    whether there is an output."""
    written = _mtime(file.abs_dest_path)
    source = _mtime(file.abs_src_path)
    return written is None or source is None or written < source, written is not None


@dataclass
class LastBuild:
    """What the previous build of this `mkdocs serve --dirty` session drew and kept."""

    dests: dict[str, str] = field(default_factory=dict)
    generated: frozenset[str] = frozenset()  # files other plugins or the blog made
    settings: str = ""
    nav: str = ""
    fingerprints: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    html: dict[str, str] = field(default_factory=dict)
    embedders: set[str] = field(default_factory=set)  # pages holding post lists


class RedrawFile(File):
    """A documentation file whose page the blog, not MkDocs, says is modified or not."""

    decide: Callable[[File], bool]

    def is_modified(self) -> bool:
        """Whether MkDocs must read (then draw) this page in a dirty build."""
        return self.decide(self)


@dataclass
class Redraw:
    """One dirty build's decisions: which pages to read, then which to draw."""

    last: LastBuild
    full: bool
    changed: frozenset[str]
    posts: frozenset[str]
    settings: str
    unwritten: frozenset[str] = frozenset()  # pages with no output file
    moved: bool = False  # files came, went or moved since the last build
    drawn: dict[str, bool] | None = None

    def is_modified(self, file: File) -> bool:
        """MkDocs asks this of every page, first while reading, then while drawing."""
        if self.drawn is not None:
            return self.drawn.get(file.src_uri, True)
        if self.full or file.src_uri in self.changed:
            return True
        # A listing's Markdown is its title alone: read, like any page, when it is drawn.
        kept = self.last.html if file.src_uri in self.posts else self.last.titles
        return file.src_uri not in kept

    def decide(self, fingerprints: dict[str, str], nav: str) -> dict[str, bool]:
        """Which pages to draw: their source, the nav or what the blog adds to them changed,
        or their output is missing."""
        everything = self.full or nav != self.last.nav
        return {
            uri: everything or uri in self.changed or self.last.fingerprints.get(uri) != mark
            or uri in self.unwritten
            for uri, mark in fingerprints.items()
        }


def config_time(path: object) -> int:
    """A file's modification time, 0 if it has none."""
    try:
        return Path(str(path)).stat().st_mtime_ns
    except OSError:
        return 0


def link_target(src_uri: str) -> tuple[str, str | None]:
    """What any link to this file contains, casefolded: its name without extensions (also
    a `{% post_url 2010-07-21-name %}`'s), or for 'a/b/index.md' its folder's name (also a
    Hugo `ref "b"`), with that folder, inside which a page may link to it as 'index.md'."""
    folder, name = posixpath.split(src_uri)
    stem = name.split(".")[0]
    if stem.casefold() in ("index", "readme") and folder:
        return posixpath.basename(folder).casefold(), folder + "/"
    return stem.casefold(), None


def url_word(dest_uri: str) -> str:
    """What a raw link to an output path contains, casefolded: its last segment ('zeta' of
    'posts/zeta/index.html'), with the one before when it has no letter ('2025/06')."""
    path = posixpath.dirname(dest_uri) if posixpath.basename(dest_uri) == "index.html" else dest_uri
    parts = path.split("/")
    return "/".join(parts[-2:] if not any(c.isalpha() for c in parts[-1])
                    else parts[-1:]).casefold()


def linking(pages: Iterable[File], words: Iterable[str], folders: tuple[str, ...] = ()
            ) -> set[str]:
    """The user's pages whose source holds one of `words` (casefolded) or that lie in one
    of `folders`: those that may link to a file that came, went or moved."""
    words = set(words)
    found: set[str] = set()
    if not words and not folders:
        return found
    for file in pages:
        if file.generated_by is not None or file.abs_src_path is None:
            continue
        if folders and file.src_uri.startswith(folders):
            found.add(file.src_uri)
            continue
        try:
            text = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        text = text.casefold()
        if any(word in text for word in words):
            found.add(file.src_uri)
    return found


def watch(files: Files, last: LastBuild, posts: Iterable[str], settings: str,
          relinked: Iterable[str] = ()) -> Redraw:
    """Make our pages and the user's answer `is_modified()` through a Redraw.

    Everything is read and drawn again when the settings change. When files came, went or
    moved, so are the pages that may link to them, those files and `relinked` (pages whose
    links are repaired against every URL of the build).
    """
    dests = {file.src_uri: file.dest_uri for file in files}
    pages = watched(files)
    changed, unwritten = set(), set()
    for file in pages:
        newer, written = source_changed(file)
        if newer and file.generated_by is None:
            changed.add(file.src_uri)
        if not written:
            unwritten.add(file.src_uri)
    full = not last.dests or settings != last.settings
    moved = {uri for uri in dests.keys() | last.dests.keys()
             if dests.get(uri) != last.dests.get(uri)}
    if moved and not full:  # links to generated pages are the blog's: its plan is new
        sources = {uri for uri in moved if uri not in last.generated
                   and (uri not in files.src_uris or files.src_uris[uri].generated_by is None)}
        # MkDocs turns a link to a Markdown file into its URL, or leaves it when it is gone.
        targets = [link_target(uri) for uri in sources]
        changed |= linking(pages, (word for word, _ in targets),
                           tuple(folder for _, folder in targets if folder is not None))
        # A moved page's raw links are repaired against every output path: some may be new.
        paths = {dest for uri in moved for dest in (dests.get(uri), last.dests.get(uri)) if dest}
        relinked = set(relinked)
        changed |= linking([file for file in pages if file.src_uri in relinked],
                           (url_word(path) for path in paths))
        changed |= moved & dests.keys()
    redraw = Redraw(last, full, frozenset(changed), frozenset(posts), settings,
                    frozenset(unwritten), bool(moved))
    for file in pages:
        file.__class__ = RedrawFile
        cast(RedrawFile, file).decide = redraw.is_modified
    return redraw


def watched(files: Files) -> list[File]:
    """The pages whose redrawing the blog decides: the user's and the blog's own, drafts
    too (`serve` draws them: they must follow the nav and their neighbours like the rest)."""
    return [file for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if file.generated_by in (None, "blogposts")]


def remove_stale(site_dir: str, last: LastBuild, dests: dict[str, str]) -> None:
    """Delete the outputs of pages the last build wrote and this one no longer has."""
    current = set(dests.values())
    for dest in last.dests.values():  # a file gone, or moved (a post's slug from its title)
        if dest not in current:
            path = Path(site_dir, dest)
            if path.is_file():
                path.unlink()
