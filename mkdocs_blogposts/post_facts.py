"""What metadata and covers keep of each post's rendered HTML: a description, a word count,
and with `cover_from_first_image` its first image. A sibling of `excerpts.KeptHTML`, which
notes every post here when it keeps the post's HTML (read in this build or the last one)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .covers import CoverImage, SiteImages, first_image, usable_first_image
from .excerpts import plain_text, text_counts

_DESCRIPTION_LENGTH = 300
_SPACES_RE = re.compile(r"\s+")
# Tags inside a line of text: dropped without a space, so that '<b>gras</b>.' reads 'gras.'.
_INLINE_TAG_RE = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|"
                            r"s|samp|small|span|strong|sub|sup|time|u|var)\b[^>]*>", re.IGNORECASE)


def text_of(content: str) -> str:
    """The readable text of some HTML, inline markup dropped without adding spaces."""
    return plain_text(_INLINE_TAG_RE.sub("", content))


def short_text(text: str, limit: int = _DESCRIPTION_LENGTH) -> str:
    """Text on one line, cut at a word boundary with an ellipsis when longer than `limit`."""
    line = _SPACES_RE.sub(" ", text).strip()
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(" ,;:.") + "…"


def word_count(content: str) -> int:
    """Words in some HTML's text (counted with its reading time: `excerpts.text_counts`)."""
    return text_counts(content)[2]


@dataclass
class PostFacts:
    """Each post's description and word count; its cover, planned or its first image.

    `planned` are the front-matter covers of the Plan; `images` finds a first image among
    the site's files, and is None unless `cover_from_first_image` is on.
    """

    planned: Mapping[str, CoverImage] = field(default_factory=dict)
    urls: Mapping[str, str] = field(default_factory=dict)
    images: SiteImages | None = None
    descriptions: dict[str, str] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    first_images: dict[str, CoverImage] = field(default_factory=dict)

    def note(self, src_uri: str, content: str, excerpt: str, summary: str | None) -> None:
        """Keep what metadata needs of a post's HTML; its first image may become its cover."""
        # An excerpt of only an image or a heading has no text: the post's first words then.
        self.descriptions[src_uri] = short_text(
            summary or text_of(excerpt).strip() or text_of(content[:20_000]))
        self.words[src_uri] = word_count(content)
        self.first_images.pop(src_uri, None)  # noted again: the post may have lost its image
        if src_uri in self.planned or self.images is None or src_uri not in self.urls:
            return
        found = usable_first_image(first_image(content))
        if found is not None:
            self.first_images[src_uri] = self.images.cover(
                html.unescape(found[0]), html.unescape(found[1]), self.urls[src_uri])

    def take(self, other: PostFacts, src_uri: str) -> bool:
        """Take a post's facts from another build's record (its HTML was the same), if it
        had them for the same URL and planned cover; whether it did."""
        if (src_uri not in other.words or other.urls.get(src_uri) != self.urls.get(src_uri)
                or other.planned.get(src_uri) != self.planned.get(src_uri)):
            return False
        self.descriptions[src_uri] = other.descriptions[src_uri]
        self.words[src_uri] = other.words[src_uri]
        self.first_images.pop(src_uri, None)
        if src_uri in other.first_images:
            self.first_images[src_uri] = other.first_images[src_uri]
        return True

    def cover(self, src_uri: str) -> CoverImage | None:
        """A post's cover: from its front matter, else its first image if asked; or None."""
        return self.planned.get(src_uri) or self.first_images.get(src_uri)
