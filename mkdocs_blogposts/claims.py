"""One registry of the output paths a build writes: each path is claimed once, and a claim
that would overwrite, or need as a folder, a path another owner takes is refused."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from .slugs import segment_problem

# Written by MkDocs or its themes after `on_files`: not in Files yet, but taken all the same.
MKDOCS_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
# The search plugin writes its index into this folder.
SEARCH_FOLDER = "search/"


@dataclass(frozen=True)
class Claim:
    """An output path under site_dir and who takes it ('posts/a.md', 'MkDocs')."""

    path: str
    owner: str

    @property
    def is_folder(self) -> bool:
        """A claim of a whole folder ('search/'): nothing else may be written inside it."""
        return self.path.endswith("/")


def folders_of(path: str) -> list[str]:
    """'a/b/c.html' -> ['a', 'a/b']: the folders a file needs."""
    parts = path.strip("/").split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


class Claims:
    """Output paths by owner; paths are compared case-folded (some file systems ignore case)."""

    def __init__(self, reserved: Iterable[Claim] = ()) -> None:
        self._files: dict[str, Claim] = {}
        self._needed: dict[str, Claim] = {}  # folder -> the first claim that needs it
        self._trees: dict[str, Claim] = {}  # folder owned whole -> its claim
        for claim in reserved:
            self.add(claim)

    def conflict(self, path: str) -> Claim | None:
        """The claim `path` collides with: the same file, a file where a folder must go, or a
        folder where the file must go; None if `path` is free."""
        key = path.strip("/").casefold()
        for folder in folders_of(key):
            if folder in self._files:
                return self._files[folder]
            if folder in self._trees:
                return self._trees[folder]
        if path.endswith("/"):
            return self._files.get(key) or next(
                (c for f, c in self._needed.items() if f == key or f.startswith(key + "/")), None)
        return self._files.get(key) or self._needed.get(key) or self._trees.get(key)

    def add(self, claim: Claim) -> None:
        """Record `claim` without checking it (for files that are there whatever happens)."""
        key = claim.path.strip("/").casefold()
        if claim.is_folder:
            self._trees.setdefault(key, claim)
        else:
            self._files.setdefault(key, claim)
        for folder in folders_of(key):
            self._needed.setdefault(folder, claim)

    def claim(self, path: str, owner: str) -> Claim | None:
        """Take `path` for `owner` unless another claim holds it; return that claim if so."""
        other = self.conflict(path)
        if other is not None and other.owner != owner:
            return other
        self.add(Claim(path, owner))
        return None


def refusal(path: str, other: Claim | None) -> str | None:
    """Why `path` cannot be written: a segment no file system takes, or another claim."""
    for segment in path.strip("/").split("/"):
        problem = segment_problem(segment)
        if problem is not None:
            return problem
    if other is None:
        return None
    if other.owner in ("MkDocs", "the search plugin"):
        return f"{other.owner} writes '{other.path}' itself"
    target = other.path.rstrip("/")
    if path.strip("/").casefold() == target.casefold():
        return f"it would overwrite {other.owner}"
    return f"'{target}' is already the output of {other.owner}"


def mkdocs_claims(search: bool) -> list[Claim]:
    """The files MkDocs and its search plugin write after the plugins have planned theirs."""
    claims = [Claim(path, "MkDocs") for path in MKDOCS_FILES]
    if search:
        claims.append(Claim(SEARCH_FOLDER, "the search plugin"))
    return claims


def output_of(path: str) -> str:
    """The file a URL path is written to: 'a/b/' -> 'a/b/index.html'."""
    return posixpath.join(path, "index.html") if path.endswith("/") or not path else path
