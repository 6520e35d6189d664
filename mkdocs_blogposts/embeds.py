"""Post lists anywhere: `<!-- blogposts: latest 5 tags=python layout=lines -->` in any page.

The marker is an HTML comment, so a page read without the plugin shows nothing. Words after
`blogposts:` (values with spaces in quotes):

- `latest N`: how many posts (default 5);
- `lang=fr` or `lang=all`: whose posts (default: the page's language, or all on a blog of one);
- `<taxonomy>=<term>` (`tags=python`, `section=web`, `series="Road trip"`) and `author=Name`:
  only posts with that term or author, compared as URL slugs (case and accents ignored);
- `layout=cards` (default) or `layout=lines`; `more=no` drops the link to the full list.

Lists are made of the cards and lines listings already rendered once per post, so a marker
costs no Markdown conversion. They are placed when the page is drawn (on_page_context), when
every post's excerpt exists.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .languages import language_tag
from .messages import describe
from .model import Post
from .slugs import slugify

MARKER = re.compile(r"<!--\s*blogposts:(?P<words>.*?)-->", re.DOTALL)
ALL = "all"
LAYOUTS = ("cards", "lines")
DEFAULT_LIMIT = 5


@dataclass(frozen=True)
class Embed:
    """What one marker asks for."""

    limit: int = DEFAULT_LIMIT
    lang: str | None = None  # None: the page's language; ALL: every language
    terms: tuple[tuple[str, str], ...] = ()  # (taxonomy, slug)
    author: str | None = None
    layout: str = "cards"
    more: bool = True


def _number(value: str, problems: list[str]) -> int:
    if value.isdigit() and int(value) > 0:
        return int(value)
    problems.append(f"'latest' must be a whole number of 1 or more, got {describe(value)}; "
                    f"showing {DEFAULT_LIMIT}")
    return DEFAULT_LIMIT


def _words(text: str, problems: list[str]) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        problems.append(f"the words must have balanced quotes, got {describe(text.strip())}")
        return []


def parse_embed(text: str, taxonomies: Collection[str]) -> tuple[Embed, list[str]]:
    """The request written after `blogposts:`, and a message per word it could not use."""
    problems: list[str] = []
    words = _words(text, problems)
    settings: dict[str, object] = {}
    terms: list[tuple[str, str]] = []
    while words:
        word = words.pop(0)
        key, sep, value = word.partition("=")
        if word == "latest" and words:
            settings["limit"] = _number(words.pop(0), problems)
        elif not sep or not value:
            problems.append(f"expected 'latest N' or key=value, got {describe(word)}; ignored")
        elif key == "latest":
            settings["limit"] = _number(value, problems)
        elif key == "lang":
            tag = ALL if value == ALL else language_tag(value)
            if tag is None:
                problems.append(f"'lang' must be a language code such as 'fr' or 'all', "
                                f"got {describe(value)}; using the page's language")
            else:
                settings["lang"] = tag
        elif key == "layout":
            if value in LAYOUTS:
                settings["layout"] = value
            else:
                problems.append(f"'layout' must be cards or lines, got {describe(value)}; "
                                "using cards")
        elif key == "more":
            settings["more"] = value.lower() not in ("no", "false", "0", "off")
        elif key == "author":
            settings["author"] = value
        elif key in taxonomies:
            terms.append((key, slugify(value)))
        else:
            known = ", ".join(["latest", "lang", "layout", "more", "author", *taxonomies])
            problems.append(f"unknown key {key!r}, expected one of {known}; ignored")
    return Embed(terms=tuple(terms), **settings), problems  # type: ignore[arg-type]


def _has(post: Post, taxonomy: str, slug: str) -> bool:
    names = post.series if taxonomy == "series" and "series" not in post.terms \
        else post.terms.get(taxonomy, ())
    return any(slugify(name) == slug for name in names)


def select(posts: Sequence[Post], embed: Embed) -> tuple[Post, ...]:
    """The newest `embed.limit` of `posts` (newest first) that pass every filter."""
    author = embed.author.casefold() if embed.author else None
    chosen: list[Post] = []
    for post in posts:
        if author is not None and author not in (name.casefold() for name in post.authors):
            continue
        if all(_has(post, taxonomy, slug) for taxonomy, slug in embed.terms):
            chosen.append(post)
            if len(chosen) == embed.limit:
                break
    return tuple(chosen)
