"""Find the posts among a build's documentation pages, reading each file once per change."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from .frontmatter import FrontMatter, matches, parse_front_matter
from .posts import Post, PostSettings, read_post

_HEADING_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
# Guard against reading a huge file only to find it has no front matter.
_FRONT_MATTER_WINDOW = 64 * 1024


@dataclass(frozen=True)
class SourceInfo:
    """What the blog needs from one Markdown file."""

    front_matter: FrontMatter
    first_heading: str | None = None
    unreadable: str | None = None


@dataclass
class FrontMatterCache:
    """Parsed front matter by file, kept across `mkdocs serve` rebuilds.

    A file is read again only when its size or modification time changes.
    """

    entries: dict[str, tuple[tuple[int, int], SourceInfo]] = field(default_factory=dict)

    def get(self, file: File) -> SourceInfo:
        """The front matter of `file`, from the cache when the file has not changed."""
        path = file.abs_src_path
        if path is None or file.generated_by is not None:
            return _read_source(file)
        try:
            status = Path(path).stat()
        except OSError as error:
            return SourceInfo(FrontMatter({}), unreadable=f"cannot be read ({error.strerror})")
        stamp = (status.st_mtime_ns, status.st_size)
        cached = self.entries.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        info = _read_source(file)
        self.entries[path] = (stamp, info)
        return info


def _read_source(file: File) -> SourceInfo:
    try:
        text = file.content_string
    except UnicodeDecodeError as error:
        return SourceInfo(
            FrontMatter({}),
            unreadable=f"is not UTF-8 text (byte 0x{error.object[error.start]:02x} "
            f"at offset {error.start}); save it as UTF-8",
        )
    except OSError as error:
        return SourceInfo(FrontMatter({}), unreadable=f"cannot be read ({error.strerror})")
    if "\0" in text[:_FRONT_MATTER_WINDOW]:
        return SourceInfo(FrontMatter({}), unreadable="is a binary file, not Markdown text")
    front_matter = parse_front_matter(text)
    heading = _HEADING_RE.search(text, 0, _FRONT_MATTER_WINDOW * 4)
    return SourceInfo(front_matter, heading.group(1).strip() if heading else None)


@dataclass
class Collected:
    """The posts found in a build, and the warnings about their files."""

    posts: list[Post] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def documentation_files(files: Files) -> Iterator[File]:
    """Markdown pages the user wrote or another plugin generated (not ours)."""
    for file in files.documentation_pages():
        if file.generated_by != "blogposts":
            yield file


def collect_posts(files: Files, rule: dict[str, list[object]], settings: PostSettings,
                  cache: FrontMatterCache) -> Collected:
    """Read every page's front matter, keep the posts, and set their nav inclusion."""
    found = Collected()
    for file in documentation_files(files):
        info = cache.get(file)
        if info.unreadable is not None:
            found.warnings.append(f"{file.src_uri}: {info.unreadable}; the page is left out")
            file.inclusion = InclusionLevel.EXCLUDED
            continue
        data = info.front_matter.data
        is_post = matches(data, rule)
        if not is_post and not info.front_matter.problems:
            continue
        found.warnings += [f"{file.src_uri}: {problem}" for problem in info.front_matter.problems]
        if not is_post:
            continue
        post, messages = read_post(file.src_uri, data, settings, info.first_heading)
        found.warnings += messages
        if post is None:
            continue
        found.posts.append(post)
        file.inclusion = (
            InclusionLevel.DRAFT if post.status.is_preview else InclusionLevel.NOT_IN_NAV
        )
    return found

