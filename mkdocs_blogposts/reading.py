"""Where a reader goes after a post: its series, related posts, previous and next post.

Decided once per build from the blog, for each language, and only read while posts render.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Blog, Post
from .neighbours import Pair, neighbours_in
from .related import related_posts
from .series import Part, parts_index, series_of


@dataclass(frozen=True)
class Reading:
    """Per post (by source path): its places in series, related posts, (newer, older) posts."""

    parts: Mapping[str, tuple[Part, ...]] = field(default_factory=dict)
    related: Mapping[str, tuple[Post, ...]] = field(default_factory=dict)
    neighbours: Mapping[str, Pair] = field(default_factory=dict)


def plan_reading(blog: Blog, related: int, scope: str) -> Reading:
    """Series parts, `related` related posts and previous/next in `scope`, per language."""
    parts: dict[str, tuple[Part, ...]] = {}
    chosen: dict[str, tuple[Post, ...]] = {}
    pairs: dict[str, Pair] = {}
    for posts in blog.listed.values():
        parts.update(parts_index(series_of(posts)))
        chosen.update(related_posts(posts, related))
        pairs.update(neighbours_in(posts, scope))
    return Reading(parts, chosen, pairs)
