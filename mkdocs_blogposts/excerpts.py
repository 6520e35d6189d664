"""Excerpts, reading time and link rewriting, all on a post's already rendered HTML."""

from __future__ import annotations

import html
import math
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .post_facts import PostFacts

_MORE_RE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
# A post that opens with its title as a heading (Material's posts all do): the card shows it.
_LEADING_H1_RE = re.compile(r"\A\s*<h1[\s>].*?</h1>\s*", re.DOTALL | re.IGNORECASE)
_FIRST_PARAGRAPH_RE = re.compile(r"<p[\s>].*?</p>", re.DOTALL | re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]+>")
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_LINK_ATTR_RE = re.compile(r"""(\s(?:href|src)=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_CJK_CHARS_PER_MINUTE = 500


def split_excerpt(content: str, summary: str | None) -> tuple[str, bool]:
    """The excerpt of a post and whether the post has more to read.

    The `<!-- more -->` marker wins, then a `summary` from front matter,
    then the first paragraph.
    """
    content = _LEADING_H1_RE.sub("", content, count=1)
    marker = _MORE_RE.search(content)
    if marker is not None:
        return content[: marker.start()].rstrip(), bool(content[marker.end():].strip())
    if summary:
        return f"<p>{html.escape(summary)}</p>", True
    first = _FIRST_PARAGRAPH_RE.search(content)
    if first is None:
        return content, False
    return first.group(0), bool(content[first.end():].strip())


def plain_text(content: str) -> str:
    """The readable text of some HTML."""
    return html.unescape(_TAG_RE.sub(" ", _SCRIPT_RE.sub(" ", content)))


@lru_cache(maxsize=1)  # a post's reading time, then its word count (post_facts), in turn
def text_counts(content: str) -> tuple[int, int, int]:
    """Words outside CJK text, CJK characters, and all words, in some HTML's text."""
    # Counted by substitution, in C and without a list of matches (a 50 MB post would take
    # gigabytes as a list); the one-pass CJK substitution also leaves the text for words.
    text = plain_text(content)
    without_cjk, cjk = _CJK_RE.subn(" ", text)
    words = _WORD_RE.subn("", without_cjk)[1]
    return words, cjk, _WORD_RE.subn("", text)[1] if cjk else words


def reading_minutes(content: str, words_per_minute: int) -> int:
    """Minutes to read some HTML: words at `words_per_minute`, CJK by characters."""
    words, cjk, _ = text_counts(content)
    return max(1, math.ceil(words / words_per_minute + cjk / _CJK_CHARS_PER_MINUTE - 0.25))


def _is_relative(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("/", "#")) or not url)


def rewrite_links(content: str, rewrite: Callable[[str], str]) -> str:
    """Apply `rewrite` to every relative href and src in some HTML."""

    def replace(match: re.Match[str]) -> str:
        prefix, quote, url = match.groups()
        value = html.unescape(url)
        if value.startswith("#") or _is_relative(value):
            return f"{prefix}{quote}{html.escape(rewrite(value), quote=True)}{quote}"
        return match.group(0)

    return _LINK_ATTR_RE.sub(replace, content)


def relocate(url: str, from_page: str, to_page: str) -> str:
    """A relative `url` written on page URL `from_page`, re-expressed for page URL `to_page`."""
    parts = urlsplit(url)
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page)
    if parts.path:
        target = posixpath.normpath(posixpath.join("/", base, parts.path))
        if parts.path.endswith("/") and not target.endswith("/"):
            target += "/"
    else:
        target = "/" + from_page
    to_dir = to_page if to_page.endswith("/") or not to_page else posixpath.dirname(to_page)
    relative = posixpath.relpath(target, "/" + to_dir) if target != "/" + to_dir else "."
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    suffix = (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    return relative + suffix



@dataclass
class KeptHTML:
    """What the build keeps of each post's rendered HTML, once MkDocs has converted it.

    Every post's reading time; the excerpt, or with `whole` the whole HTML, only of the
    posts some feed shows: listings keep each post's rendered card instead. `facts` notes
    what metadata and covers need of each post.
    """

    feed_posts: frozenset[str]
    whole: bool
    words_per_minute: int
    minutes: dict[str, int] = field(default_factory=dict)
    excerpts: dict[str, tuple[str, bool]] = field(default_factory=dict)
    html: dict[str, str] = field(default_factory=dict)
    facts: PostFacts | None = None
    # Under `serve --dirty`: the last build's record, whose notes of a post read from the
    # same HTML and summary are taken as they are (`facts` says whether its URL and cover
    # are the same too), and what each post was noted from.
    previous: KeptHTML | None = None
    sources: dict[str, tuple[str, str | None]] | None = None

    def keep(self, src_uri: str, html: str, summary: str | None) -> tuple[str, bool]:
        """Note a post's reading time (and feed content); return its excerpt and whether
        there is more."""
        if self.sources is not None:
            self.sources[src_uri] = (html, summary)
        excerpt = self._as_before(src_uri, html, summary)
        if excerpt is None:
            self.minutes[src_uri] = reading_minutes(html, self.words_per_minute)
            excerpt = split_excerpt(html, summary)
            if self.facts is not None:
                self.facts.note(src_uri, html, excerpt[0], summary)
        if src_uri in self.feed_posts:
            self.excerpts[src_uri] = excerpt
            if self.whole:
                self.html[src_uri] = html
        return excerpt

    def _as_before(self, src_uri: str, html: str, summary: str | None
                   ) -> tuple[str, bool] | None:
        """The post's excerpt, its reading time and facts taken from the last build when
        they were noted from the same HTML and summary, for the same URL and cover."""
        last = self.previous
        if (last is None or last.sources is None or last.sources.get(src_uri) != (html, summary)
                or src_uri not in last.minutes or self.facts is None or last.facts is None
                or not self.facts.take(last.facts, src_uri)):
            return None
        self.minutes[src_uri] = last.minutes[src_uri]
        return last.excerpts.get(src_uri) or split_excerpt(html, summary)

    def feed_content(self, src_uri: str) -> str:
        """A post's whole HTML or its excerpt, as the feeds carry it."""
        if self.whole:
            return self.html.get(src_uri, "")
        return self.excerpts.get(src_uri, ("", False))[0]
