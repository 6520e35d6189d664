"""Find the posts among a build's documentation pages, reading each file once per change."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from mkdocs.structure.files import File, Files, InclusionLevel

from .fields import Report
from .frontmatter import FrontMatter, matches, may_be_post, parse_front_matter
from .headings import heading_text
from .model import Post
from .own_urls import OWN_URL_KEYS
from .post_reader import PostSettings, post_from_front_matter

# The lookahead keeps the setext branch linear: `[^\n]*\S[^\n]*` backtracked quadratically on
# every long paragraph line (1.2 s of CPU on the 832-post corpus).
_HEADING_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$|^(?=[^\n]*\S)([^\n]+)\n=+[ \t]*$",
                         re.MULTILINE)
_NEWLINES_RE = re.compile(r"\r\n?")
# Front matter and first heading are looked for in the file's first bytes only; the rest
# is read in chunks just to check it is UTF-8 (MkDocs would crash on it otherwise).
_HEAD_BYTES = 256 * 1024
_CHUNK_BYTES = 1024 * 1024
_BOM = codecs.BOM_UTF8


class PostSource(Protocol):
    """Another way to find and read posts beside `match` (material_posts.MaterialReading)."""

    def claims(self, src_uri: str) -> bool:
        """Whether a page is a post by its place alone."""

    def adapt(self, src_uri: str, data: dict[str, Any], report: Report) -> dict[str, Any]:
        """The front matter in the form post_reader reads."""


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class _ReadPost:
    """A post read from one version of a file's front matter, with what reading it said."""

    info: SourceInfo
    settings: PostSettings
    post: Post | None
    messages: tuple[str, ...]
    notes: tuple[str, ...]


class UnreadableError(Exception):
    """A documentation file MkDocs cannot read as text; the message says why."""


@dataclass(frozen=True)
class SourceInfo:
    """What the blog needs from one Markdown file."""

    front_matter: FrontMatter
    first_heading: str | None = None
    unreadable: str | None = None


@dataclass
class FrontMatterCache:
    """Parsed front matter by file, kept across `mkdocs serve` rebuilds.

    A file is read again only when its size or modification time changes. With `keep`
    False (`mkdocs build`: one build per process) a file is read once while the build reads
    its posts (Material's form is told from the same pages), and forgotten after.
    """

    entries: dict[str, tuple[tuple[int, int], SourceInfo]] = field(default_factory=dict)
    keep: bool = True
    read: dict[str, SourceInfo] = field(default_factory=dict)  # without `keep`, until `forget`
    posts: dict[str, _ReadPost] = field(default_factory=dict)

    def post(self, src_uri: str, info: SourceInfo, settings: PostSettings,
             report: Report) -> Post | None:
        """The post in a file's front matter, read again only when the file or the settings
        changed: not when the status it has may change with time (a date or expiry to come).
        Without `keep` (`mkdocs build`), simply read."""
        if not self.keep:
            return post_from_front_matter(src_uri, info.front_matter.data, settings,
                                          info.first_heading, report)[0]
        fixed = replace(settings, now=_EPOCH)
        cached = self.posts.get(src_uri)
        if cached is None or cached.info is not info or cached.settings != fixed:
            own = Report(src_uri)
            post, _ = post_from_front_matter(src_uri, info.front_matter.data, settings,
                                             info.first_heading, own)
            cached = _ReadPost(info, fixed, post, tuple(own.messages), tuple(own.notes))
            data = info.front_matter.data
            timely = post is not None and (post.date > settings.now or any(
                key in data for key in ("expiryDate", "expires")))
            if not timely:
                self.posts[src_uri] = cached
        report.messages += cached.messages
        report.notes += cached.notes
        return cached.post

    def get(self, file: File) -> SourceInfo:
        """The front matter of `file`, from the cache when the file has not changed."""
        path = file.abs_src_path
        if path is None or file.generated_by is not None:
            return _source_info(file)
        if not self.keep:
            info = self.read.get(path)
            if info is None:
                info = self.read[path] = _source_info(file)
            return info
        try:
            status = os.stat(path)  # noqa: PTH116 - a third of Path.stat's time, per file per rebuild
        except OSError as error:
            return SourceInfo(FrontMatter({}), unreadable=f"cannot be read ({error.strerror})")
        stamp = (status.st_mtime_ns, status.st_size)
        cached = self.entries.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        info = _source_info(file)
        self.entries[path] = (stamp, info)
        return info

    def forget(self) -> None:
        """The build's posts are read: without `keep`, let go of the files read."""
        if not self.keep:
            self.read.clear()


def _decode_error(error: UnicodeDecodeError, offset: int) -> UnreadableError:
    byte = error.object[error.start]
    return UnreadableError(f"must be UTF-8 text, got the byte 0x{byte:02x} at offset "
                           f"{offset + error.start}")


def _utf16_or_32(head: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes start with that encoding's byte-order mark."""
    for mark, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                       (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if head.startswith(mark):
            return name
    return None


def read_head(path: str) -> tuple[str, bool]:
    """The beginning of a text file as MkDocs reads it, and whether there is more.

    The whole file is checked to be UTF-8 without holding it in memory.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    with Path(path).open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
        encoding = _utf16_or_32(head)
        if encoding is not None:
            raise UnreadableError(f"must be Markdown text in UTF-8, got {encoding} (it starts "
                                  f"with a {encoding} byte-order mark)")
        nul = head.find(b"\0")
        if nul >= 0:
            raise UnreadableError(f"must be Markdown text, got binary data (a NUL byte at "
                                  f"offset {nul})")
        start = len(_BOM) if head.startswith(_BOM) else 0
        try:
            text = decoder.decode(head[start:])
        except UnicodeDecodeError as error:
            raise _decode_error(error, start) from None
        offset, more = len(head), False
        while chunk := stream.read(_CHUNK_BYTES):
            more = True
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise _decode_error(error, offset - pending) from None
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise _decode_error(error, offset - len(error.object)) from None
    if more:
        text = text[: text.rfind("\n") + 1]  # whole lines only
    return _NEWLINES_RE.sub("\n", text), more


def _text_of(file: File) -> tuple[str, bool]:
    if file.abs_src_path is None or file.generated_by is not None:
        try:
            return file.content_string, False
        except UnicodeDecodeError as error:
            raise _decode_error(error, 0) from None
    try:
        return read_head(file.abs_src_path)
    except OSError as error:
        raise UnreadableError(f"cannot be read ({error.strerror})") from None


def _source_info(file: File) -> SourceInfo:
    try:
        text, more = _text_of(file)
        front_matter = parse_front_matter(text)
        if more and not front_matter.readable and text.startswith("---"):
            # An unclosed block in the first bytes: only the whole file can tell.
            text, more = file.content_string, False
            front_matter = parse_front_matter(text)
    except UnreadableError as error:
        return SourceInfo(FrontMatter({}), unreadable=str(error))
    heading = _HEADING_RE.search(text, front_matter.end)
    first_heading = heading_text((heading.group(1) or heading.group(2)).strip()) \
        if heading else None
    return SourceInfo(front_matter, first_heading)


@dataclass
class Collected:
    """The posts found in a build, and the warnings (and INFO notes) about their files."""

    posts: list[Post] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    own_urls: dict[str, dict[str, Any]] = field(default_factory=dict)  # permalink:, url:


def documentation_files(files: Files) -> Iterator[File]:
    """Markdown pages the user wrote or another plugin generated (not ours)."""
    for file in files.documentation_pages():
        if file.generated_by != "blogposts":
            yield file


def _read_file(file: File, rule: dict[str, list[object]], settings: PostSettings,
               cache: FrontMatterCache, report: Report,
               own_urls: dict[str, dict[str, Any]] | None = None,
               source: PostSource | None = None) -> tuple[Post | None, bool]:
    """The post in `file` if it is one, and whether to leave the file out; `report` says why."""
    info = cache.get(file)
    if info.unreadable is not None:
        report.messages.append(f"{file.src_uri}: the file {info.unreadable}; the page is left out")
        return None, True
    front_matter = info.front_matter
    claimed = source is not None and source.claims(file.src_uri)
    if not front_matter.readable:
        # MkDocs shows such a block as text: if it was meant to be a post, say so.
        suspect = front_matter.crashes_mkdocs or claimed or may_be_post(front_matter, rule)
        report.messages += [f"{file.src_uri}: {p}" for p in front_matter.problems if suspect]
        return None, suspect
    if own_urls is not None and any(key in front_matter.data for key in OWN_URL_KEYS):
        own_urls[file.src_uri] = front_matter.data
    if not claimed and not matches(front_matter.data, rule):
        return None, False
    report.messages += [f"{file.src_uri}: {problem}" for problem in front_matter.problems]
    if source is not None:
        data = source.adapt(file.src_uri, front_matter.data, report)
        post, _ = post_from_front_matter(file.src_uri, data, settings, info.first_heading, report)
    else:
        post = cache.post(file.src_uri, info, settings, report)
    return post, post is None


def collect_posts(files: Files, rule: dict[str, list[object]], settings: PostSettings,
                  cache: FrontMatterCache, source: PostSource | None = None) -> Collected:
    """Read every page's front matter, keep the posts, and set their inclusion.

    A post that cannot be used, and a file MkDocs cannot read, are left out of the site:
    a warning names the file and says what to fix.
    """
    found = Collected()
    for file in documentation_files(files):
        report = Report(file.src_uri)
        post, leave_out = _read_file(file, rule, settings, cache, report, found.own_urls,
                                     source)
        found.warnings += report.messages
        found.notes += report.notes
        if leave_out:
            file.inclusion = InclusionLevel.EXCLUDED
        if post is None:
            continue
        found.posts.append(post)
        file.inclusion = (
            InclusionLevel.DRAFT if post.status.is_preview else InclusionLevel.NOT_IN_NAV
        )
    found.warnings += refuse_shared_urls(files, found)
    return found


def refuse_shared_urls(files: Files, found: Collected) -> list[str]:
    """Leave out a post whose output is another file's ('a.md' and 'a/index.md' are 'a/').

    MkDocs would write both and keep the last; case is ignored as some file systems do.
    """
    posts = {post.src_uri: post for post in found.posts}
    owners: dict[str, File] = {}
    messages = []
    for file in files:
        if file.inclusion is InclusionLevel.EXCLUDED:
            continue
        first = owners.setdefault(file.dest_uri.casefold(), file)
        if first is file or not {file.src_uri, first.src_uri} & posts.keys():
            continue
        loser = file if file.src_uri in posts else first
        winner = first if loser is file else file
        owners[file.dest_uri.casefold()] = winner
        messages.append(f"{loser.src_uri}: its URL '{loser.url}' is also the URL of "
                        f"{winner.src_uri}; the post is left out")
        loser.inclusion = InclusionLevel.EXCLUDED
        found.posts.remove(posts.pop(loser.src_uri))
    return messages
