"""Related posts: those of the same language sharing the rarest terms with a post.

Each term a post has weighs idf = log(N / df), N the language's posts and df those with the
term, so a tag of three posts counts more than a section of three hundred. A post's score
against another is the sum of the weights of the terms they share; ties go to the newer post.

Cost: an inverted index (term -> posts) is built once; each post then visits the postings of
its own terms only. Terms held by more than `max_df` posts are skipped: they say little (their
weight tends to 0) and their postings are what would make the work quadratic. So the work is
at most posts x terms-per-post x max_df, linear in the blog's size.

Parts of the same series are left out: the series box on the post lists them already.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .model import Post
from .slugs import slugify

# A term on more than this many posts is not used to relate them (see the module's docstring).
MAX_DF = 100


def post_terms(post: Post) -> frozenset[str]:
    """A post's terms across taxonomies, by slug: `section: web` and `tags: [Web]` are one."""
    names: Iterable[str] = (name for names in post.terms.values() for name in names)
    return frozenset(slug for name in names if (slug := slugify(name)))


def related_posts(posts: Sequence[Post], limit: int, max_df: int = MAX_DF
                  ) -> Mapping[str, tuple[Post, ...]]:
    """For each post of `posts` (one language), up to `limit` others, most related first."""
    if limit < 1 or len(posts) < 2:
        return {}
    terms = [post_terms(post) for post in posts]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, names in enumerate(terms):
        for name in names:
            postings[name].append(index)
    total = len(posts)
    weights = {name: math.log(total / len(found)) for name, found in postings.items()
               if 1 < len(found) <= max_df and len(found) < total}
    # Newest first on ties: the rank of a post in the sort order of `Post.sort_key`.
    rank = {index: position for position, index in
            enumerate(sorted(range(total), key=lambda i: posts[i].sort_key))}
    chosen: dict[str, tuple[Post, ...]] = {}
    series = [frozenset(slugify(name) for name in post.series) for post in posts]
    for index, names in enumerate(terms):
        scores: dict[int, float] = defaultdict(float)
        for name in names:
            weight = weights.get(name)
            if weight is None:
                continue
            for other in postings[name]:
                if other != index and not series[index] & series[other]:
                    scores[other] += weight
        best = heapq.nsmallest(limit, scores, key=lambda i: (-round(scores[i], 9), rank[i]))
        if best:
            chosen[posts[index].src_uri] = tuple(posts[i] for i in best)
    return chosen
