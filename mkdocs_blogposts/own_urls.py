"""Old URLs kept: `permalink:` (Jekyll) and `url:` (Hugo) front matter, and Jekyll's site style.

Each page that names its old URL gets it (`old_urls: page`) or keeps its MkDocs URL with a
redirect from the old one (`old_urls: redirect`). Collisions and unsafe values are named
and refused, never written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone, tzinfo
from typing import Any

from mkdocs.structure.files import File, Files

from .dates import strip_date_prefix
from .fields import Report, read_date, read_texts
from .jekyll_urls import PageValues, fill, pattern_of, unknown_placeholders
from .languages import infer_lang, language_tag, translation_stem
from .model import Post
from .permalinks import dest_of, folders, move_page, name_of, occupied
from .redirects import alias_path
from .slugs import is_safe_segment, slugify

OWN_URL_KEYS = ("permalink", "url")  # Jekyll's, Hugo's
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class OwnUrlOptions:
    """How old URLs are kept: the site's Jekyll style for posts, page or redirect."""

    style: str | None
    mode: str  # 'page' (served there) or 'redirect' (from there)
    zone: tzinfo
    default_lang: str


@dataclass
class OwnUrls:
    """What was done: moved pages (their previous URL), redirect stand-ins, warnings."""

    old_urls: dict[str, str] = field(default_factory=dict)
    stand_ins: list[Post] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def _page_values(file: File, data: Mapping[str, Any], post: Post | None,
                 options: OwnUrlOptions) -> PageValues:
    folder = posixpath.dirname(file.src_uri)
    stem = posixpath.basename(translation_stem(file.src_uri))
    if post is not None:
        name = name_of(post)
        # Jekyll's :title is the file's name, unless front matter gives a `slug`.
        title = post.slug if post.slug != slugify(name) else name
        return PageValues(title=title, slug=post.slug, lang=post.lang, path=folder,
                          basename=stem, date=post.date,
                          categories=post.terms.get("categories", ()))
    report = Report(file.src_uri)
    lang = language_tag(data.get("lang")) or infer_lang(file.src_uri) or options.default_lang
    name = strip_date_prefix(stem)
    return PageValues(title=name, slug=slugify(name) or name, lang=lang, path=folder,
                      basename=stem, date=read_date(dict(data), "date", report, options.zone),
                      categories=read_texts(dict(data), "categories", report))


def wanted_path(file: File, data: Mapping[str, Any], post: Post | None,
                options: OwnUrlOptions) -> tuple[str | None, str]:
    """The old URL's path ('2016/04/29/hello/'), or None and why, or None and '' for none."""
    key = next((k for k in OWN_URL_KEYS if isinstance(data.get(k), str) and data[k].strip()),
               None)
    if key is None and any(data.get(k) not in (None, "") for k in OWN_URL_KEYS):
        bad = next(k for k in OWN_URL_KEYS if data.get(k) not in (None, ""))
        return None, f"'{bad}' must be a path such as /2016/04/hello/, got {data[bad]!r}"
    pattern = data[key].strip() if key else (options.style if post is not None else None)
    if pattern is None:
        return None, ""
    where = f"'{key}'" if key else "the site's Jekyll permalink style"
    pattern = pattern_of(pattern) if key != "url" else pattern
    unknown = unknown_placeholders(pattern) if key != "url" else []
    if unknown:
        return None, f"{where} uses {', '.join(':' + u for u in unknown)}, which Jekyll " \
                     f"does not define, in {pattern!r}"
    try:
        path = fill(pattern, _page_values(file, data, post, options)) if key != "url" else \
            pattern.lstrip("/")
    except ValueError as error:
        return None, f"{where} uses {error}, which this page has no value for, in {pattern!r}"
    dest, reason = alias_path("/" + path, "")
    if dest is None or not all(is_safe_segment(s) for s in path.split("/") if s):
        return None, f"{where} gives {pattern!r}, which is refused: {reason or 'unsafe path'}"
    return path, ""


def _stand_in(file: File, data: Mapping[str, Any], post: Post | None, old: str,
              options: OwnUrlOptions) -> Post:
    """A post-like value for a redirect from `old` to this page."""
    if post is not None:
        return replace(post, aliases=("/" + old,))
    title = data.get("title") if isinstance(data.get("title"), str) else None
    lang = language_tag(data.get("lang")) or infer_lang(file.src_uri) or options.default_lang
    return Post(file.src_uri, title or posixpath.basename(translation_stem(file.src_uri)),
                _EPOCH, lang, "", aliases=("/" + old,))


def place_own_urls(files: Files, pages: Mapping[str, Mapping[str, Any]],
                   posts: Mapping[str, Post], options: OwnUrlOptions) -> OwnUrls:
    """Give each page the URL its front matter (or the site's style) names, or redirect it."""
    result = OwnUrls()
    if not pages and not options.style:
        return result
    taken = occupied(files)
    under = folders(files)
    claimed: dict[str, str] = {}
    for src_uri in sorted({*pages, *(posts if options.style else ())}):
        file = files.get_file_from_path(src_uri)
        if file is None:
            continue
        data = pages.get(src_uri, {})
        path, problem = wanted_path(file, data, posts.get(src_uri), options)
        dest = dest_of(path) if path else ("index.html" if path == "" else None)
        if path is None or dest is None:
            if problem:
                result.messages.append(f"{src_uri}: {problem}; it keeps its URL '{file.url}'")
            continue
        if dest == file.dest_uri:
            continue
        if options.mode == "redirect":
            result.stand_ins.append(_stand_in(file, data, posts.get(src_uri), path, options))
            result.urls[src_uri] = file.url
            continue
        key = dest.casefold()
        other = claimed.get(key) or (taken[key].src_uri if key in taken else None)
        if other is not None and other != src_uri:
            result.messages.append(f"{src_uri}: its old URL '/{path}' is also the URL of "
                                   f"{other}; it keeps its URL '{file.url}'")
            continue
        claimed[key] = src_uri
        result.old_urls[src_uri] = file.url
        result.messages += move_page(file, dest, under, taken)
    return result
