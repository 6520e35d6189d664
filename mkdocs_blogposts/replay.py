"""A `serve --dirty` build planned from the same inputs as the last one: the last plan, and
what planning did to MkDocs' files done again without planning.

Planning reads the posts, the pages that name their old URL, every file's place and the
site's images, and the config; it adds files (listings, the stylesheet, redirect stand-ins)
and moves others (`post_url`, language suffixes, own URLs). When none of its inputs changed,
as after an edit of a post's body, its outcome cannot have changed either.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .model import Post
from .planning import ReadBlog

T = TypeVar("T")


@dataclass(frozen=True)
class PlanInputs:
    """What a build's plan is made from, in a form two builds can compare."""

    settings: str  # the config file and templates (incremental.DirtySession's stamp)
    posts: tuple[Post, ...]
    own_urls: Mapping[str, Mapping[str, Any]]
    files: tuple[tuple[str, str, str, InclusionLevel, str | None], ...]
    assets: tuple[tuple[str, int, int], ...]  # covers are measured from the site's images
    more: tuple[object, ...] = ()  # what else the plan reads: Material's authors, links...


def _stamp(file: File) -> tuple[str, int, int]:
    """A file's modification time and size: an image measured as a cover may change."""
    try:
        status = os.stat(file.abs_src_path or "")  # noqa: PTH116 - as fast as it gets
    except OSError:
        return (file.src_uri, -1, -1)
    return (file.src_uri, status.st_mtime_ns, status.st_size)


def plan_inputs(settings: str, found: ReadBlog, files: Files, build: object = None
                ) -> PlanInputs:
    """The inputs of this build's plan, once its posts are read and before it is made;
    `build` is static-i18n's language build, if any."""
    more: tuple[object, ...] = (build,)
    if found.material is not None:  # its authors, meta files, slugs and related links
        titles = {post.src_uri: post.title for post in found.posts}
        more = (*found.material.plan_inputs(files, titles), build)
    return PlanInputs(
        settings, tuple(found.posts), copy.deepcopy(dict(found.own_urls)),
        tuple((file.src_uri, file.dest_uri, file.url, file.inclusion, file.generated_by)
              for file in files),
        tuple(_stamp(file) for file in files
              if not file.is_documentation_page() and file.abs_src_path is not None),
        more,
    )


@dataclass
class FileChanges:
    """What planning did to the files: files added (as they were then), moved, removed."""

    added: list[File] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)  # added files' pages, as they were
    moved: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)

    def apply(self, files: Files) -> None:
        """Do to another build's files (at the same places) what planning did."""
        for src_uri in self.removed:
            gone = files.src_uris.get(src_uri)
            if gone is not None:
                files.remove(gone)
        for src_uri, (dest_uri, url, abs_dest_path) in self.moved.items():
            file = files.src_uris[src_uri]
            file.dest_uri, file.url, file.abs_dest_path = dest_uri, url, abs_dest_path
        for added in self.added:  # a copy, with a page of its own as planning gave it
            file = copy.copy(added)
            if file.src_uri in self.pages:
                page = file.page = copy.copy(self.pages[file.src_uri])
                page.file, page.meta = file, dict(page.meta)
            files.append(file)


def recorded(files: Files, plan: Callable[[], T]) -> tuple[T, FileChanges]:
    """Run `plan`, and note what it did to `files`."""
    before = {id(file): (file.src_uri, file.dest_uri) for file in files}
    outcome = plan()
    changes = FileChanges()
    seen = set()
    for file in files:
        first = before.get(id(file))
        seen.add(id(file))
        if first is None:
            changes.added.append(copy.copy(file))
            if file.page is not None:
                changes.pages[file.src_uri] = copy.copy(file.page)
        elif first[1] != file.dest_uri:
            changes.moved[file.src_uri] = (file.dest_uri, file.url, file.abs_dest_path)
    changes.removed = [src_uri for key, (src_uri, _) in before.items() if key not in seen]
    return outcome, changes


@dataclass
class PlanMemo(Generic[T]):
    """The last plan of a `serve --dirty` session, with its inputs and what it did to files."""

    inputs: PlanInputs | None = None
    outcome: T | None = None
    changes: FileChanges = field(default_factory=FileChanges)

    def replay(self, inputs: PlanInputs, files: Files) -> T | None:
        """The last plan's outcome if it was made from the same inputs (its file changes
        done again to `files`), or None."""
        if self.inputs is None or inputs != self.inputs:
            return None
        self.changes.apply(files)
        return self.outcome

    def remember(self, inputs: PlanInputs, outcome: T, changes: FileChanges) -> None:
        """Keep a plan made in this build for the next."""
        self.inputs, self.outcome, self.changes = inputs, outcome, changes
