"""Previous and next post, within a scope: the post's language, or its first term of a taxonomy.

`neighbours: language` (the default) walks every post of the language; `neighbours: section`
(or any taxonomy) walks the posts sharing the post's first term of that taxonomy, so a reader of
one section stays in it. A post without such a term falls back to its language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import Post
from .slugs import slugify

LANGUAGE = "language"
Pair = tuple[Post | None, Post | None]


def _pairs(ordered: Sequence[Post]) -> dict[str, Pair]:
    """(newer, older) of each post of `ordered`, newest first."""
    return {post.src_uri: (ordered[i - 1] if i > 0 else None,
                           ordered[i + 1] if i + 1 < len(ordered) else None)
            for i, post in enumerate(ordered)}


def scope_key(post: Post, scope: str) -> str | None:
    """The group a post walks in: its first term of taxonomy `scope`, by slug."""
    names = post.terms.get(scope, ())
    return slugify(names[0]) or None if names else None


def neighbours_in(posts: Sequence[Post], scope: str) -> Mapping[str, Pair]:
    """For each post of one language (newest first), its (newer, older) posts in `scope`."""
    pairs = _pairs(posts)
    if scope == LANGUAGE:
        return pairs
    groups: dict[str, list[Post]] = {}
    for post in posts:
        key = scope_key(post, scope)
        if key is not None:
            groups.setdefault(key, []).append(post)
    for group in groups.values():
        pairs.update(_pairs(group))
    return pairs
