"""Material's blog options under `blogposts:`: their defaults, their meaning in our terms.

A site moving from Material's `blog` plugin keeps its options. Each one is resolved here,
once, into `MaterialSettings`; what we do differently is said in one warning.
"""

from __future__ import annotations

import posixpath
import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .config import BlogpostsConfig
from .listings import PlanOptions
from .material_dates import archive_title

# Material's option names that ours does not share: setting any one reveals a Material site.
MATERIAL_ONLY = (
    "blog_toc", "post_dir", "post_date_format", "post_url_date_format", "post_url_format",
    "post_url_max_categories", "post_slugify", "post_slugify_separator", "post_excerpt",
    "post_excerpt_max_authors", "post_excerpt_max_categories", "post_excerpt_separator",
    "post_readtime", "post_readtime_words_per_minute", "archive_name", "archive_date_format",
    "archive_url_date_format", "archive_url_format", "archive_pagination",
    "archive_pagination_per_page", "archive_toc", "categories", "categories_name",
    "categories_url_format", "categories_slugify", "categories_slugify_separator",
    "categories_sort_by", "categories_sort_reverse", "categories_allowed",
    "categories_pagination", "categories_pagination_per_page", "categories_toc", "authors",
    "authors_file", "authors_profiles", "authors_profiles_name", "authors_profiles_url_format",
    "authors_profiles_pagination", "authors_profiles_pagination_per_page",
    "authors_profiles_toc", "pagination", "pagination_per_page", "pagination_url_format",
    "pagination_format", "pagination_if_single_page", "pagination_keep_content", "draft",
    "draft_on_serve", "draft_if_future_date",
)

# Options we accept but do not follow, each with what happens instead, when not Material's
# default. These only change how pages look, not what is published or where: they are noted at
# INFO level, so that a Material blog's strict build passes after the one-word change.
_LOOKS: dict[str, tuple[object, str]] = {
    "blog_toc": (False, "listings have no table of contents"),
    "archive_toc": (False, "listings have no table of contents"),
    "categories_toc": (False, "listings have no table of contents"),
    "authors_profiles_toc": (False, "listings have no table of contents"),
    "post_excerpt_max_authors": (1, "cards show every author"),
    "post_excerpt_max_categories": (5, "cards show every category"),
    "archive_name": ("blog.archive", "the nav says 'Archive' in the blog's language"),
    "categories_name": ("blog.categories", "the nav says 'Categories' in the blog's language"),
    "authors_profiles_name": ("blog.authors", "the nav says 'Authors' in the blog's language"),
    "pagination_format": ("~2~", "pages link to the newer and older page"),
    "pagination_if_single_page": (False, "a single page shows no pagination"),
    "pagination_keep_content": (False, "pages 2, 3... show only their title and posts"),
    "categories_sort_by": (None, "category pages are sorted by number of posts"),
    "categories_sort_reverse": (False, "category pages are sorted by number of posts"),
    "draft_on_serve": (True, "drafts are shown while serving"),
}
# Options that would change what a page says or where it is: a warning.
_OUTPUT: dict[str, tuple[object, str]] = {
    "post_excerpt_separator": ("<!-- more -->", "'<!-- more -->' marks the excerpt"),
    "pagination_url_format": ("page/{page}", "pages 2, 3... are at page/2/, page/3/"),
}
_ARCHIVE_DATES = ("yyyy", "yyyy/MM")
_POST_FIELDS = frozenset({"date", "slug", "categories", "file"})


def material_slugify(text: str, separator: str = "-") -> str:
    """Material's default slug: NFC text without tags, lower case, word characters and '-' kept.

    The same rule as `pymdownx.slugs.slugify(case="lower")`, so that URLs do not change.
    """
    slug = re.sub(r"</?[^>]*>", "", unicodedata.normalize("NFC", text)).strip().lower()
    return re.sub(r"[^\w\- ]", "", slug).replace(" ", separator)


@dataclass(frozen=True)
class MaterialSettings:
    """Material's options with Material's defaults, in the form our modules use."""

    blog_dir: str
    post_dir: str
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    max_categories: int = 1
    post_slug: Callable[[str], str] = material_slugify
    readtime: bool = True
    words_per_minute: int = 265
    archive: bool = True
    archive_url_format: str = "archive/{date}"
    archive_months: bool = False
    archive_per_page: int | None = 10
    categories: bool = True
    categories_url_format: str = "category/{slug}"
    category_slug: Callable[[str], str] = material_slugify
    categories_allowed: tuple[str, ...] = ()
    categories_per_page: int | None = 10
    authors: bool = True
    authors_file: str = "blog/.authors.yml"
    authors_profiles: bool = False
    authors_profiles_url_format: str = "author/{slug}"
    authors_per_page: int | None = 10
    pagination: bool = True
    per_page: int = 10
    draft: bool = False
    draft_if_future_date: bool = False
    post_date_format: str = "long"
    archive_date_format: str = "yyyy"
    excerpt_required: bool = False


def _set(options: BlogpostsConfig, name: str, default: Any) -> Any:
    value = options[name]
    return default if value is None else value


def _slugger(function: Callable[..., str] | None, separator: str | None
             ) -> Callable[[str], str]:
    chosen = function or material_slugify
    return lambda text: str(chosen(text, separator or "-"))


def _per_page(options: BlogpostsConfig, prefix: str, on: bool, per_page: int) -> int | None:
    paginated = _set(options, f"{prefix}_pagination", on)
    return _set(options, f"{prefix}_pagination_per_page", per_page) if paginated else None


def material_settings(options: BlogpostsConfig) -> MaterialSettings:
    """Material's options as set under `blogposts:`, with Material's defaults for the rest."""
    blog_dir = options.blog_dir
    post_dir = posixpath.normpath(_set(options, "post_dir", "{blog}/posts").format(
        blog=blog_dir or "."))
    pagination = _set(options, "pagination", True)
    per_page = _set(options, "pagination_per_page", options.per_page)
    archive = options.archive if isinstance(options.archive, bool) else True
    return MaterialSettings(
        blog_dir=blog_dir, post_dir=post_dir,
        post_url_format=_set(options, "post_url_format", "{date}/{slug}"),
        post_url_date_format=_set(options, "post_url_date_format", "yyyy/MM/dd"),
        max_categories=_set(options, "post_url_max_categories", 1),
        post_slug=_slugger(options.post_slugify, options.post_slugify_separator),
        readtime=_set(options, "post_readtime", options.reading_time),
        words_per_minute=_set(options, "post_readtime_words_per_minute", 265),
        archive=archive,
        archive_url_format=_set(options, "archive_url_format", "archive/{date}"),
        archive_months=_set(options, "archive_url_date_format", "yyyy") == "yyyy/MM",
        archive_per_page=_per_page(options, "archive", pagination, per_page),
        categories=_set(options, "categories", True),
        categories_url_format=_set(options, "categories_url_format", "category/{slug}"),
        category_slug=_slugger(options.categories_slugify, options.categories_slugify_separator),
        categories_allowed=tuple(_set(options, "categories_allowed", [])),
        categories_per_page=_per_page(options, "categories", pagination, per_page),
        authors=_set(options, "authors", True),
        authors_file=posixpath.normpath(
            _set(options, "authors_file", "{blog}/.authors.yml").format(blog=blog_dir or ".")),
        authors_profiles=_set(options, "authors_profiles", False),
        authors_profiles_url_format=_set(options, "authors_profiles_url_format",
                                         "author/{slug}"),
        authors_per_page=_per_page(options, "authors_profiles", pagination, per_page),
        pagination=pagination, per_page=per_page,
        draft=_set(options, "draft", False),
        draft_if_future_date=_set(options, "draft_if_future_date", False),
        post_date_format=_set(options, "post_date_format", "long"),
        archive_date_format=_set(options, "archive_date_format", "yyyy"),
        excerpt_required=options.post_excerpt == "required",
    )


def wants_material(options: BlogpostsConfig) -> bool:
    """Whether the options ask for Material's layout: `layout`, or one of Material's options."""
    if options.layout != "auto":
        return options.layout == "material"
    return isinstance(options.archive, bool) or any(
        options[name] is not None for name in MATERIAL_ONLY)


def _not_followed(options: BlogpostsConfig, table: dict[str, tuple[object, str]]) -> list[str]:
    return [f"{name} ({instead})" for name, (default, instead) in table.items()
            if options[name] is not None and options[name] != default]


def unsupported_messages(options: BlogpostsConfig) -> tuple[str | None, str | None]:
    """One warning naming the Material options we do not follow that change the output, and
    one note for those that only change the looks; each says what happens instead."""
    changing = _not_followed(options, _OUTPUT)
    date_format = options.archive_url_date_format
    if date_format is not None and date_format not in _ARCHIVE_DATES:
        changing.append("archive_url_date_format (archive pages are per year, at yyyy)")
    looks = _not_followed(options, _LOOKS)
    lead = "mkdocs.yml: these options of Material's blog are not supported by blogposts: "
    return (lead + "; ".join(changing) if changing else None,
            lead + "; ".join(looks) if looks else None)


def check_formats(settings: MaterialSettings) -> list[str]:
    """Messages about URL formats naming fields Material does not know; they fall back."""
    fields = {field for _, field, _, _ in string.Formatter().parse(
        settings.post_url_format) if field is not None}
    unknown = sorted(fields - _POST_FIELDS)
    if unknown:
        return [f"mkdocs.yml: 'post_url_format' may use {{date}}, {{slug}}, {{categories}}, "
                f"{{file}}, got {settings.post_url_format!r}; posts keep their own URLs"]
    return []


def plan_options(base: PlanOptions, settings: MaterialSettings | None) -> PlanOptions:
    """Our page layout for a Material site: its archive, category and author URLs."""
    if settings is None:
        return base
    taxonomies = [name for name in base.taxonomies if name not in ("categories", "authors")]
    term_urls: list[tuple[str, str]] = []
    if settings.categories:
        taxonomies.insert(0, "categories")
        term_urls.append(("categories", settings.categories_url_format))
    if settings.authors_profiles:
        taxonomies.append("authors")
        term_urls.append(("authors", settings.authors_profiles_url_format))
    return replace(
        base, per_page=settings.per_page if settings.pagination else 1_000_000,
        taxonomies=tuple(taxonomies), months=settings.archive_months,
        archive_by_month=settings.archive_months,
        archive_title=archive_title(settings.archive_date_format),
        archive=settings.archive, archive_url=settings.archive_url_format,
        term_urls=tuple(term_urls), year_per_page=settings.archive_per_page or 1_000_000,
        term_per_page={"categories": settings.categories_per_page,
                       "authors": settings.authors_per_page},
    )
