"""What a `mkdocs serve --dirty` session keeps from one build to the next, so that each
rebuild reads and draws only what changed (`redraw.py` decides it page by page) and serves
what a clean build would: the last plan, what unread posts' HTML gave, pages' fingerprints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section

from .excerpts import KeptHTML
from .navigation import walk
from .reading import Reading
from .redraw import LastBuild, Redraw, config_time, remove_stale, watch, watched
from .render import Views
from .replay import PlanInputs, PlanMemo, recorded
from .search_index import complete_index

T = TypeVar("T")


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


@dataclass
class SamePlan:
    """What stays true across the builds of one plan: what posts' HTML gave, their rendered
    cards and lines, the reading plan, which pages draw from which posts, and the sitemap
    as rewritten from MkDocs' own."""

    kept: KeptHTML | None = None
    views: Views = field(default_factory=lambda: ({}, {}))
    reading: Reading | None = None
    readers: Mapping[str, Collection[str]] | None = None
    sitemap: dict[str, str] = field(default_factory=dict)


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
        self.same_plan = SamePlan()
        self.previous: KeptHTML | None = None  # the last plan's, while a new plan's is made
        self.embedders: set[str] = set()  # pages holding post lists, found in this build
        self.changed_posts: set[str] | None = None  # posts whose HTML changed, once known
        self.search: dict[str, list[dict[str, Any]]] = {}  # the search index, page by page

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
        last = self.plans.inputs
        # What posts' HTML gave may still hold for the posts the new plan leaves as they were.
        self.previous = self.same_plan.kept if inputs is not None and last is not None and (
            inputs.settings, inputs.assets) == (last.settings, last.assets) else None
        outcome, changes = recorded(files, make)
        self.plans = PlanMemo()
        if inputs is not None:
            self.plans.remember(inputs, outcome, changes)
        self.same_plan = SamePlan()
        return outcome

    def kept_html(self, make: Callable[[], KeptHTML]) -> KeptHTML:
        """What posts' HTML gave in the last build of this plan (unread posts' entries stay
        true), or a new record."""
        same = self.same_plan
        if same.kept is None:
            same.kept = make()
            same.kept.previous, same.kept.sources = self.previous, {}
        return same.kept

    def reading_plan(self, make: Callable[[], Reading]) -> Reading:
        """The last build's reading plan (series, related posts, neighbours) if this build
        replays its plan, or a new one."""
        if self.same_plan.reading is None:
            self.same_plan.reading = make()
        return self.same_plan.reading

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
        same = self.same_plan
        if same.readers is None:
            same.readers = readers()
        changed = {uri for uri, html in self.read.items() if self.last.html.get(uri) != html}
        self.changed_posts = changed
        again = {*self.redraw.changed, *changed, *self.last.embedders}
        for uri in changed:
            again.update(same.readers.get(uri, ()))
        return again

    def finish(self, files: Files, site_dir: str) -> None:
        """Remember this build for the next one; delete what it no longer writes."""
        assert self.redraw is not None
        self.previous = None
        if self.same_plan.kept is not None:
            self.same_plan.kept.previous = None
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


    def complete_search(self, files: Files, site_dir: str) -> None:
        """Put the entries of the pages this build did not draw back in the search index,
        every page's in the order a clean build writes them."""
        assert self.redraw is not None
        drawn = self.redraw.drawn or {}
        pages = [file.page for file in files.documentation_pages(
            inclusion=InclusionLevel.is_in_serve) if file.page is not None]
        found = complete_index(site_dir, [page.url for page in pages],
                               {page.url for page in pages if drawn.get(page.file.src_uri, True)},
                               self.search)
        self.search = found or {}


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
