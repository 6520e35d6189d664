"""What a `mkdocs serve --dirty` rebuild must redraw, so that it serves what a clean build would.

MkDocs' dirty builds skip every page whose source is older than its output: it never reads
them (their titles are missing from the nav, their excerpts from the listings) and always
redraws generated pages. Here each page answers MkDocs' `is_modified()` itself, twice a build:
while MkDocs reads pages ("read" phase), a page is read only if its source changed or nothing
of it is kept from the last build; while MkDocs draws pages ("draw" phase), a page is drawn
only if its output would change: its source, the nav every page shows, or what the blog adds
to it (a listing's body, a post's header and footer, its head links).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section

from .excerpts import KeptHTML
from .navigation import walk
from .reading import Reading
from .replay import PlanInputs, PlanMemo, recorded

T = TypeVar("T")
Views = tuple[dict[str, bytes], dict[str, bytes]]  # posts' cards and lines, as Renderer keeps them


def digest(*parts: str) -> str:
    """A short stable fingerprint of some text."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def nav_fingerprint(nav: Navigation) -> str:
    """What every page shows of the nav: its tree of titles and URLs, in order."""

    def shown(item: StructureItem) -> str:
        if isinstance(item, Section):
            return f"S{item.title}"
        return f"{type(item).__name__}{getattr(item, 'title', '')}|{getattr(item, 'url', '')}"

    depth = {id(item): 0 for item in nav.items}
    lines = []
    for item in walk(nav.items):
        if isinstance(item, Section):
            for child in item.children:
                depth[id(child)] = depth[id(item)] + 1
        lines.append(f"{depth[id(item)]}:{shown(item)}")
    return digest(*lines)


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


class DirtySession:
    """What a `mkdocs serve --dirty` session keeps from one build to the next."""

    def __init__(self) -> None:
        self.last = LastBuild()
        self.redraw: Redraw | None = None
        self.settings = ""
        self.read: dict[str, str] = {}
        self.fingerprints: dict[str, str] = {}
        self.card_memo: dict[str, bytes] = {}
        self.nav = ""
        self.plans: PlanMemo[Any] = PlanMemo()
        self.reused = False  # this build's plan is the last build's
        # Kept across builds of one plan: what posts' HTML gave, which pages draw from which
        # posts, and which pages hold post lists.
        self.kept: KeptHTML | None = None
        self.views: Views = ({}, {})
        self.readers: Mapping[str, Collection[str]] | None = None
        self.embedders: set[str] = set()
        self.sitemap: dict[str, str] = {}  # the rewritten sitemap by MkDocs' own
        self.reading: Reading | None = None
        self.changed_posts: set[str] | None = None  # posts whose HTML changed, once known

    def begin(self, settings: tuple[object, ...]) -> str:
        """A new build; its settings stamp. `settings` names what every page depends on (the
        config file, the templates): when it changes, so may any page."""
        self.settings = digest(repr(settings), str(config_time(settings[0])))
        self.read, self.fingerprints, self.embedders = {}, {}, set()
        self.changed_posts = None
        return self.settings

    def feeds_unchanged(self, feed_posts: Collection[str]) -> bool:
        """Whether the feeds the last build wrote are this build's: the same plan, and none
        of their posts' HTML changed."""
        changed = self.changed_posts
        return self.reused and changed is not None and not any(
            uri in feed_posts for uri in changed)

    def plan(self, files: Files, inputs: PlanInputs | None, make: Callable[[], T]) -> T:
        """This build's plan: the last one, its changes to files done again, when it was made
        from the same `inputs`; else the one `make` makes (None: one that cannot be reused)."""
        replayed = self.plans.replay(inputs, files) if inputs is not None else None
        self.reused = replayed is not None
        if replayed is not None:
            return cast(T, replayed)
        outcome, changes = recorded(files, make)
        self.plans = PlanMemo()
        if inputs is not None:
            self.plans.remember(inputs, outcome, changes)
        self.kept, self.views, self.readers, self.sitemap = None, ({}, {}), None, {}
        self.reading = None
        return outcome

    def start(self, files: Files, posts: Iterable[str], relinked: Iterable[str] = ()) -> None:
        """This build's pages answer `is_modified()` through this session (see `watch`)."""
        self.redraw = watch(files, self.last, posts, self.settings, relinked)

    def cards(self) -> dict[str, bytes]:
        """Rendered cards to reuse: none when files came, went or moved (links change), and
        forgotten once edits have left as many stale cards as there are posts."""
        assert self.redraw is not None
        if self.redraw.moved or len(self.card_memo) > 2 * len(self.redraw.posts):
            self.card_memo = {}
        return self.card_memo

    def captured(self, src_uri: str, html: str) -> None:
        """A post MkDocs read and converted in this build, as listings and feeds use it."""
        self.read[src_uri] = html

    def unread_posts(self) -> dict[str, str]:
        """Posts this build did not read, with their HTML from the last build."""
        assert self.redraw is not None
        return {uri: self.last.html[uri] for uri in self.redraw.posts
                if uri not in self.read and uri in self.last.html}

    def before_drawing(self, files: Files, nav: Navigation,
                       additions: Callable[[File], str],
                       populate: Callable[[File], None],
                       readers: Callable[[], Mapping[str, Collection[str]]]) -> None:
        """Decide which pages to draw; read those MkDocs skipped but that must be drawn.

        `additions` is what the blog adds to a page, as text; `readers` the pages that draw
        from each post's HTML. With the last build's plan, only the pages that may draw
        something new are fingerprinted again: those whose source changed, those drawn
        from a post whose HTML changed, and those holding post lists.
        """
        assert self.redraw is not None
        pages = watched(files)
        for file in pages:
            if file.page is not None and file.page.markdown is None:
                file.page.title = self.last.titles.get(file.src_uri)
        self.nav = nav_fingerprint(nav)
        again = self._may_change(readers) if self.reused else None
        last = self.last.fingerprints
        self.fingerprints = {
            file.src_uri: (digest(additions(file))
                           if again is None or file.src_uri in again or file.src_uri not in last
                           else last[file.src_uri])
            for file in pages}
        drawn = self.redraw.decide(self.fingerprints, self.nav)
        for file in pages:
            if drawn[file.src_uri] and file.page is not None and file.page.markdown is None:
                populate(file)
        self.redraw.drawn = drawn

    def _may_change(self, readers: Callable[[], Mapping[str, Collection[str]]]) -> set[str]:
        """The pages whose additions may differ from the last build's, under the same plan."""
        assert self.redraw is not None
        if self.readers is None:
            self.readers = readers()
        changed = {uri for uri, html in self.read.items() if self.last.html.get(uri) != html}
        self.changed_posts = changed
        again = {*self.redraw.changed, *changed, *self.last.embedders}
        for uri in changed:
            again.update(self.readers.get(uri, ()))
        return again

    def finish(self, files: Files, site_dir: str) -> None:
        """Remember this build for the next one; delete what it no longer writes."""
        assert self.redraw is not None
        dests = {file.src_uri: file.dest_uri for file in files}
        remove_stale(site_dir, self.last, dests)
        posts = self.redraw.posts
        self.last = LastBuild(
            dests=dests, settings=self.redraw.settings, nav=self.nav,
            generated=frozenset(file.src_uri for file in files if file.generated_by),
            fingerprints=self.fingerprints, embedders=self.embedders,
            titles={file.src_uri: file.page.title for file in watched(files)
                    if file.page is not None},
            html={**{uri: html for uri, html in self.last.html.items() if uri in posts},
                  **self.read},
        )


def populate(file: File, config: MkDocsConfig, files: Files) -> None:
    """Read and convert a page MkDocs skipped, with the events a build runs for it."""
    page = file.page
    assert page is not None
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config,
                                                    files=files)
    page.render(config, files)
    assert page.content is not None
    page.content = config.plugins.on_page_content(page.content, page=page, config=config,
                                                  files=files)
