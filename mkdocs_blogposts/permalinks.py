"""The `post_url` option: move posts (and their page bundles) to the URLs of a pattern."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from mkdocs.structure.files import File, Files, InclusionLevel

from .claims import Claim, Claims, refusal
from .dates import strip_date_prefix
from .excerpts import relocate, rewrite_links
from .languages import translation_stem, url_segment
from .model import Post
from .slugs import NOT_IN_URLS, URL_DELIMITERS, is_safe_segment, slugify

# A file name may hold what a URL segment should not; such posts fall back to {slug}.
_UNSAFE_NAME = " '`{}^*" + NOT_IN_URLS + URL_DELIMITERS


def section_of(post: Post) -> str:
    """The post's `section` front matter, else its top folder (as Hugo does), else ''."""
    named = post.terms.get("section", ())
    if named:
        return slugify(named[0])
    top, slash, _ = post.src_uri.partition("/")
    return slugify(top) if slash else ""


def name_of(post: Post) -> str:
    """The post's file name, or its folder's for 'confiance/index.md', without date or language.

    'default/2016/04/confiance/index.md' -> 'confiance'; '2016-04-29-hello.fr.md' -> 'hello'.
    Falls back to the slug when the name cannot be a URL segment.
    """
    name = strip_date_prefix(posixpath.basename(translation_stem(post.src_uri)))
    return name if is_safe_segment(name) and not any(ch in name for ch in _UNSAFE_NAME) else \
        post.slug


def post_path(pattern: str, post: Post, default_lang: str = "") -> str:
    """The pattern filled in for one post: 'fr/2016/04/confiance/'."""
    date = post.date
    path = pattern.format(
        lang=url_segment(post.lang), yyyy=f"{date.year:04d}", mm=f"{date.month:02d}",
        lang_prefix="" if post.lang == default_lang else url_segment(post.lang),
        dd=f"{date.day:02d}", slug=post.slug, name=name_of(post), section=section_of(post),
    )
    segments = [segment for segment in path.split("/") if segment]
    return "/".join(segments) + ("/" if path.endswith("/") else "")


def dest_of(path: str) -> str | None:
    """The output file of a URL path ('a/b/' -> 'a/b/index.html'), or None if it is unsafe."""
    segments = [s for s in path.split("/") if s]
    if not segments or not all(is_safe_segment(s) and ":" not in s for s in segments):
        return None
    if path.endswith("/") or not segments[-1].endswith((".html", ".htm")):
        segments.append("index.html")
    return "/".join(segments)


def url_of(dest_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives an output file ('a/index.html' -> 'a/' with directory URLs)."""
    folder, name = posixpath.split(dest_uri)
    url = f"{folder}/" if use_directory_urls and name == "index.html" and folder else dest_uri
    return quote(url)


def set_destination(file: File, dest_uri: str) -> None:
    """Move a file's output; MkDocs derives `url` and `abs_dest_path` from `dest_uri` once."""
    file.dest_uri = dest_uri
    file.url = url_of(dest_uri, file.use_directory_urls)
    file.abs_dest_path = os.path.normpath(Path(file.dest_dir, dest_uri))


@dataclass
class Moves:
    """Where posts moved: their old URL by source path, and warnings to log."""

    old_urls: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def occupied(files: Files) -> dict[str, File]:
    """Output paths of the build's files, case-folded (some file systems ignore case).

    A post's own place stays reserved even when it moves: it may have to stay there.
    """
    return {file.dest_uri.casefold(): file for file in files
            if file.inclusion is not InclusionLevel.EXCLUDED}


def folders(files: Files) -> dict[str, list[File]]:
    """Every folder, with the files anywhere under it."""
    under: dict[str, list[File]] = {}
    for file in files:
        folder = posixpath.dirname(file.src_uri)
        while folder:
            under.setdefault(folder, []).append(file)
            folder = posixpath.dirname(folder)
    return under


def move_posts(posts: Iterable[Post], files: Files, pattern: str,
               claims: Claims | None = None, default_lang: str = "",
               path_of: Callable[[Post], str] | None = None) -> Moves:
    """Give each post's file the output path of `pattern` (or `path_of`), refusing collisions."""
    moves = Moves()
    ordered = sorted(posts, key=lambda post: post.src_uri)
    taken = occupied(files)
    under = folders(files)
    claimed: dict[str, Post] = {}
    for post in ordered:
        file = files.get_file_from_path(post.src_uri)
        if file is None:
            continue
        path = path_of(post) if path_of is not None else post_path(pattern, post, default_lang)
        dest = dest_of(path)
        problem = _refusal(post, file, path, dest, taken, claimed)
        if problem is None and dest is not None and claims is not None:
            why = refusal(dest, claims.conflict(dest))
            problem = f"{post.src_uri}: post_url gives '{path}': {why}; it keeps its own " \
                      f"URL '{file.url}'" if why and dest != file.dest_uri else None
        if problem is not None:
            moves.messages.append(problem)
            continue
        assert dest is not None
        claimed[dest.casefold()] = post
        if claims is not None:
            claims.add(Claim(dest, post.src_uri))
        if dest == file.dest_uri:
            continue
        moves.old_urls[post.src_uri] = file.url
        moves.messages += move_page(file, dest, under, taken)
    return moves


def _refusal(post: Post, file: File, path: str, dest: str | None, taken: dict[str, File],
             claimed: dict[str, Post]) -> str | None:
    own = f"; it keeps its own URL '{file.url}'"
    if dest is None:
        return f"{post.src_uri}: post_url gives '{path}', which is not a safe path " + \
               f"inside the site{own}"
    key = dest.casefold()
    other_post = claimed.get(key)
    if other_post is not None:
        return f"{post.src_uri}: post_url gives '{path}', the URL of {other_post.src_uri} " + \
               f"too{own}"
    other = taken.get(key)
    if other is not None and other is not file:
        return f"{post.src_uri}: post_url gives '{path}', already the URL of {other.src_uri}{own}"
    return None


def bundle_media(post_file: File, under: dict[str, list[File]]) -> list[File]:
    """The files of a page bundle ('x/index.md' and its folder), or [] if it is not one."""
    folder, name = posixpath.split(post_file.src_uri)
    if not folder or posixpath.splitext(name)[0] not in ("index", "README"):
        return []
    inside = [f for f in under.get(folder, []) if f is not post_file]
    if any(f.is_documentation_page() for f in inside):
        return []  # other pages share the folder: its files are not this post's alone
    return inside


def move_page(file: File, dest: str, under: dict[str, list[File]], taken: dict[str, File]
              ) -> list[str]:
    """Give a page a new output path, claimed in `taken`, and move its bundle's files along;
    return what could not follow."""
    old_folder = posixpath.dirname(file.dest_uri)
    set_destination(file, dest)
    taken[dest.casefold()] = file
    return move_bundle(file, old_folder, under, taken)


def move_bundle(post_file: File, old_folder: str, under: dict[str, list[File]],
                taken: dict[str, File]) -> list[str]:
    """Move a bundle's images and attachments along with its post, so relative links hold."""
    messages = []
    new_folder = posixpath.dirname(post_file.dest_uri)
    for media in bundle_media(post_file, under):
        relative = posixpath.relpath(media.dest_uri, old_folder)
        dest = posixpath.join(new_folder, relative)
        other = taken.get(dest.casefold())
        if other is not None and other is not media:
            messages.append(f"{media.src_uri}: cannot move with its post {post_file.src_uri} to "
                            f"'{dest}', already the output of {other.src_uri}; it stays at "
                            f"'{media.dest_uri}'")
            continue
        taken[dest.casefold()] = media
        set_destination(media, dest)
    return messages


def _target(url: str, page_url: str) -> str:
    """Where a relative URL written on page `page_url` points, as a site path ('a/b')."""
    page = unquote(page_url)
    base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    path = posixpath.normpath(posixpath.join("/", base, unquote(urlsplit(url).path))).lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/")


def known_paths(files: Files) -> set[str]:
    """Every output URL of the build as a site path, to tell working links from broken ones."""
    return {_target(file.url, "") for file in files
            if file.inclusion is not InclusionLevel.EXCLUDED}


def repair_links(html: str, old_url: str, new_url: str, known: set[str]) -> str:
    """Fix relative links MkDocs did not rewrite (raw HTML) in a post moved from `old_url`.

    A link that works from the new URL is kept; one that only worked from the old
    URL is re-expressed for the new one.
    """

    def rewrite(url: str) -> str:
        if url.startswith("#") or _target(url, new_url) in known:
            return url
        if _target(url, old_url) in known:
            return relocate(url, old_url, new_url)
        return url

    return rewrite_links(html, rewrite)
