"""The blog as data: posts, grouped by language, date, term and translation."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from .covers import Cover
from .languages import translation_stem
from .slugs import fit_slug, slugify


class Status(str, Enum):
    """Where a post may appear: listings only show PUBLISHED (and, in serve, the previews)."""

    PUBLISHED = "published"
    DRAFT = "draft"
    FUTURE = "future"
    HIDDEN = "hidden"
    EXPIRED = "expired"

    @property
    def is_preview(self) -> bool:
        """Built and listed only while previewing with `mkdocs serve`."""
        return self in (Status.DRAFT, Status.FUTURE)


@dataclass(frozen=True)
class Post:
    """One post: everything listings, feeds and decorations need, already normalised."""

    src_uri: str
    title: str
    date: datetime
    lang: str
    slug: str
    status: Status = Status.PUBLISHED
    updated: datetime | None = None
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    translation_key: str | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    canonical: str | None = None
    aliases: tuple[str, ...] = ()
    show_reading_time: bool = True
    cover: Cover | None = None
    pinned: bool = False  # Material's `pin`: first on index, archive and category pages
    reading_minutes: int | None = None  # Material's `readtime`: the author's own figure
    series: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[float, str]:
        """Newest first, then by file path so that equal dates keep a stable order."""
        return (-self.date.timestamp(), self.src_uri)


def is_listed(post: Post, preview: bool) -> bool:
    """Whether a post appears in listings: published ones, plus drafts while previewing."""
    return post.status is Status.PUBLISHED or (preview and post.status.is_preview)


def order_languages(posts: Iterable[Post], preferred: Sequence[str]) -> tuple[str, ...]:
    """Languages of `posts`: the preferred ones first, then by number of posts, then by code."""
    counts = Counter(post.lang for post in posts)
    rest = sorted((lang for lang in counts if lang not in preferred), key=lambda t: (-counts[t], t))
    return tuple([lang for lang in preferred if lang in counts] + rest)


def pinned_first(posts: Sequence[Post]) -> tuple[Post, ...]:
    """Posts with pinned ones first, each group keeping its order (newest first)."""
    return tuple(sorted(posts, key=lambda post: not post.pinned))


def by_month(posts: Sequence[Post]) -> dict[tuple[int, int], tuple[Post, ...]]:
    """Posts grouped by (year, month), keeping their order (newest first)."""
    groups: dict[tuple[int, int], list[Post]] = defaultdict(list)
    for post in posts:
        groups[(post.date.year, post.date.month)].append(post)
    return {key: tuple(value) for key, value in groups.items()}


def by_year(posts: Sequence[Post]) -> dict[int, tuple[Post, ...]]:
    """Posts grouped by year, keeping their order (newest first)."""
    groups: dict[int, list[Post]] = defaultdict(list)
    for post in posts:
        groups[post.date.year].append(post)
    return {key: tuple(value) for key, value in groups.items()}


@dataclass(frozen=True)
class Term:
    """One taxonomy term in one language, and its posts, newest first."""

    taxonomy: str
    name: str
    slug: str
    posts: tuple[Post, ...]


def _spelling_key(name: str) -> str:
    """Names equal but for case and accents are one term spelled two ways."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def terms_of(posts: Sequence[Post], taxonomy: str,
             slug_of: Callable[[str], str] | None = None) -> tuple[list[Term], list[str]]:
    """Terms of a taxonomy, most used first, and messages about names that collide.

    Spellings that differ only by case or accents ('Vie privée', 'Vie Privée') are
    one term shown with its most used spelling. Different names whose slugs collide
    ('C#' and 'C') are merged too, with a warning naming a file of each.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    messages: list[str] = []
    first_file: dict[str, str] = {}
    members: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        for name in post.terms.get(taxonomy, ()):
            slug, problem = fit_slug((slug_of(name) if slug_of else slugify(name)) or "term")
            if problem is not None and name not in first_file:
                messages.append(f"{post.src_uri}: {taxonomy}: URL segment {problem}")
            spellings[slug][name] += 1
            first_file.setdefault(name, post.src_uri)
            if not members[slug] or members[slug][-1] is not post:
                members[slug].append(post)
    terms = []
    for slug, counts in spellings.items():
        names = [name for name, _ in counts.most_common()]
        distinct = list({_spelling_key(name): name for name in reversed(names)}.values())
        if len(distinct) > 1:
            where = ", ".join(f"{name!r} in {first_file[name]}" for name in distinct)
            messages.append(f"{taxonomy} {where} share the URL segment '{slug}'; "
                            f"they are merged as {names[0]!r}")
        terms.append(Term(taxonomy, names[0], slug, tuple(members[slug])))
    terms.sort(key=lambda term: (-len(term.posts), term.slug))
    return terms, messages


def translation_groups(posts: Iterable[Post]) -> dict[str, tuple[Post, ...]]:
    """For each post that has translations, the other-language versions of it.

    Posts are linked by a shared translation key or, without one, by the same file
    name in a language suffix or folder. One version per language is kept.
    """
    groups: dict[str, dict[str, Post]] = defaultdict(dict)
    for post in posts:
        group = f"key:{post.translation_key}" if post.translation_key else translation_stem(
            post.src_uri
        )
        groups[group].setdefault(post.lang, post)
    linked: dict[str, tuple[Post, ...]] = {}
    for versions in groups.values():
        if len(versions) > 1:
            for post in versions.values():
                linked[post.src_uri] = tuple(v for v in versions.values() if v is not post)
    return linked


@dataclass(frozen=True)
class Blog:
    """Every post, and the listable ones per language, newest first."""

    posts: tuple[Post, ...]
    languages: tuple[str, ...]
    listed: dict[str, tuple[Post, ...]]
    translations: dict[str, tuple[Post, ...]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)

    @property
    def multilingual(self) -> bool:
        """Whether generated pages carry a language segment."""
        return len(self.languages) > 1

    def all_listed(self) -> tuple[Post, ...]:
        """Listed posts of every language, newest first."""
        merged = [post for posts in self.listed.values() for post in posts]
        return tuple(sorted(merged, key=lambda post: post.sort_key))

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """The (newer, older) listed posts of the same language."""
        same = self.listed.get(post.lang, ())
        index = self.positions.get(post.src_uri)
        if index is None:
            return None, None
        newer = same[index - 1] if index > 0 else None
        older = same[index + 1] if index + 1 < len(same) else None
        return newer, older


def build_blog(posts: Iterable[Post], preferred: Sequence[str], preview: bool,
               fallback_lang: str) -> Blog:
    """Sort and group `posts` into a Blog."""
    ordered = tuple(sorted(posts, key=lambda post: post.sort_key))
    listable = [post for post in ordered if is_listed(post, preview)]
    languages = order_languages(listable, preferred) or (fallback_lang,)
    listed = {lang: tuple(p for p in listable if p.lang == lang) for lang in languages}
    positions = {post.src_uri: i for same in listed.values() for i, post in enumerate(same)}
    # Drafts and future posts are not built outside previews: no page may link to them.
    built = [post for post in ordered if preview or not post.status.is_preview]
    return Blog(ordered, languages, listed, translation_groups(built), positions)
