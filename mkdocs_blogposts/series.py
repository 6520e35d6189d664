"""Series: posts that front matter `series` binds together, read oldest first.

A series is a `Term` of the taxonomy "series" whose posts run from part 1 to part m, so its
page, its overview and the box on each post reuse what terms already have.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .model import Post, Term, terms_of

TAXONOMY = "series"


def series_of(posts: Sequence[Post]) -> list[Term]:
    """The series among `posts` (newest first, as listings hold them), each oldest first.

    Names equal but for case and accents are one series, as terms are; the longest series
    comes first.
    """
    as_terms = [_with_series_terms(post) for post in posts]
    terms, _ = terms_of(as_terms, TAXONOMY)
    # `terms_of` kept the posts in their order, newest first; a series reads the other way.
    by_source = {post.src_uri: post for post in posts}
    return [Term(TAXONOMY, term.name, term.slug,
                 tuple(by_source[p.src_uri] for p in reversed(term.posts)))
            for term in terms]


def _with_series_terms(post: Post) -> Post:
    """A stand-in whose only taxonomy is its series, for `terms_of` to group."""
    return Post(post.src_uri, post.title, post.date, post.lang, post.slug,
                terms={TAXONOMY: post.series})


@dataclass(frozen=True)
class Part:
    """Where one post stands in one series: part `number` (from 1) of `len(series.posts)`."""

    series: Term
    number: int

    @property
    def previous(self) -> Post | None:
        """The part before this one, if any."""
        return self.series.posts[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> Post | None:
        """The part after this one, if any."""
        posts = self.series.posts
        return posts[self.number] if self.number < len(posts) else None


def parts_index(series: Iterable[Term]) -> Mapping[str, tuple[Part, ...]]:
    """For each post in a series of two parts or more, its place in each series."""
    index: dict[str, list[Part]] = {}
    for term in series:
        if len(term.posts) < 2:
            continue  # a "series" of one part has nowhere to lead
        for number, post in enumerate(term.posts, start=1):
            index.setdefault(post.src_uri, []).append(Part(term, number))
    return {src_uri: tuple(parts) for src_uri, parts in index.items()}
