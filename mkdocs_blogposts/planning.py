"""One build's plan made against MkDocs' files: listings added, pages moved, feeds placed.

The steps that need the build's `Files` (a user's file at a generated page's place wins;
language suffixes, `permalink:`/`url:` front matter and `post_url` move files) run here in
order; what they decide is returned as one frozen `Plan`, with the messages to log. Every
path written by `post_url` or a redirect is claimed once (`claims.Claims`): it may not take
a path MkDocs, the feeds or another file takes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel

from . import blog_files, covers, static_i18n
from .claims import Claim, Claims, folders_of, mkdocs_claims
from .collect import FrontMatterCache, collect_posts
from .config import BlogpostsConfig
from .feeds import FORMATS, FeedSpec
from .i18n import Strings
from .lang_urls import strip_language_suffixes
from .listings import Layout, PlanOptions, plan_pages
from .material_posts import MaterialReading, start_reading
from .material_urls import path_function
from .model import Blog, Post, build_blog
from .own_urls import OwnUrlOptions, OwnUrls, place_own_urls
from .permalinks import move_posts
from .plan import Plan, assign_files, feed_path, plan_feeds
from .post_reader import post_settings, unknown_language_messages
from .redirects import plan_redirects
from .static_i18n import NO_OWN_URLS, NO_POST_URL, LanguageBuild, other_builds, owns

NO_SITE_URL = ("feeds need absolute URLs: set 'site_url' in mkdocs.yml "
               "(e.g. site_url: https://example.org/); no feed is written")


@dataclass
class Planned:
    """The plan, and what to log about it: warnings and INFO notes."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def strings_for(blog: Blog, default_lang: str, options: BlogpostsConfig) -> dict[str, Strings]:
    """UI words of every language the blog shows, with the user's overrides."""
    languages = {*blog.languages, default_lang, *(post.lang for post in blog.posts)}
    return {lang: Strings(lang, options.strings) for lang in languages}


def layout_of(blog: Blog, strings: dict[str, Strings], default_lang: str,
              options: BlogpostsConfig, site_folder: str = "",
              material: MaterialReading | None = None, directory_urls: bool = True) -> Layout:
    """The generated pages the options ask for (at Material's URLs for a Material site)."""
    title = options.nav_title or strings[default_lang].get("blog")
    plan_options = PlanOptions(
        options.blog_dir, options.per_page, tuple(options.taxonomies), title,
        months=options.archive == "month", nav_entries=frozenset(options.nav_entries),
        site_folder=site_folder)
    if material is not None:
        plan_options = material.plan_options(plan_options, directory_urls)
    return plan_pages(blog, strings, plan_options)


def claims_of(files: Files, config: MkDocsConfig, feed_paths: Iterable[str]) -> Claims:
    """Every output path taken before posts move and redirects are planned: MkDocs' own
    files, the stylesheet, the feeds, then each file of the build."""
    search = any(name == "search" or name.endswith("/search") for name in config.plugins)
    claims = Claims(mkdocs_claims(search=search))
    claims.add(Claim(blog_files.STYLESHEET_URI, "the blog's stylesheet"))
    for path in feed_paths:
        claims.add(Claim(path, "the blog's feeds"))
    for file in files:
        if file.inclusion is not InclusionLevel.EXCLUDED:
            claims.add(Claim(file.dest_uri, file.src_uri))
    return claims


def feed_formats(options: BlogpostsConfig) -> list[str]:
    """The feed formats the options turn on: 'atom', 'rss', 'json'."""
    return [name for name in FORMATS if getattr(options.feeds, name)]


def place_feeds(specs: Sequence[FeedSpec], files: Files, config: MkDocsConfig,
                options: BlogpostsConfig, planned: Planned) -> tuple[FeedSpec, ...]:
    """The feeds this build writes, at paths no file of the user's takes, nor a folder
    such a file needs."""
    formats = feed_formats(options)
    if formats and not config.site_url:
        planned.warnings.append(NO_SITE_URL)
    if not formats or not config.site_url:
        return ()
    taken = {path for file in files for path in (file.dest_uri, *folders_of(file.dest_uri))}
    assigned, kept = assign_files(specs, formats, taken)
    planned.notes += kept
    return tuple(assigned)


@dataclass
class Placed:
    """Where pages moved: each one's first URL (the one its links were written for), and the
    redirect stand-ins of `old_urls: redirect` with their pages' URLs."""

    old_urls: dict[str, str] = field(default_factory=dict)
    own: OwnUrls = field(default_factory=OwnUrls)
    claims: Claims | None = None


def place_pages(blog: Blog, files: Files, options: BlogpostsConfig, default_lang: str,
                own_pages: Mapping[str, Mapping[str, Any]], planned: Planned,
                claim: Callable[[], Claims],
                path_of: Callable[[Post], str] | None = None) -> Placed:
    """Every page at its URL, in order: language suffixes out ('about.en.md' -> 'en/about/'),
    the old URL its front matter names (`permalink:`, `url:`, `jekyll_permalink`), then
    `post_url` (or Material's post URLs, `path_of`) for the posts not placed yet, which may
    take no path claimed by then."""
    placed = Placed()
    suffixes = strip_language_suffixes(files, default_lang)
    planned.warnings += suffixes.messages
    placed.old_urls = dict(suffixes.old_urls)
    posts = {post.src_uri: post for post in blog.posts}
    own_options = OwnUrlOptions(options.jekyll_permalink, options.old_urls,
                                ZoneInfo(options.timezone), default_lang)
    placed.own = place_own_urls(files, own_pages, posts, own_options)
    planned.warnings += placed.own.messages
    placed.old_urls = {**placed.own.old_urls, **placed.old_urls}  # first URL wins
    placed.claims = claim()
    if options.post_url or path_of:  # a post's own permalink wins over the site's pattern
        moves = move_posts([post for post in blog.posts if post.src_uri not in placed.own.old_urls],
                           files, options.post_url or "", placed.claims, default_lang,
                           None if options.post_url else path_of)
        planned.warnings += moves.messages
        placed.old_urls = {**moves.old_urls, **placed.old_urls}
    return placed


def plan_build(blog: Blog, files: Files, config: MkDocsConfig, options: BlogpostsConfig,
               default_lang: str, preview: bool, build: LanguageBuild | None = None,
               own_pages: Mapping[str, Mapping[str, Any]] | None = None,
               material: MaterialReading | None = None) -> Planned:
    """Lay out the generated pages, add them to `files`, give posts (and pages) their URLs.

    `build` is the language build of mkdocs-static-i18n when the site uses it: the blog is
    then that language's alone, written under the language's folder, and static-i18n alone
    decides every page's URL. `own_pages` is the front matter of the pages that name their
    old URL (`permalink:`, `url:`). `material` reads a site in Material's blog form: its
    URLs, its authors and related links; the user's own listing page gets the listing.
    """
    strings = strings_for(blog, default_lang, options)
    layout = layout_of(blog, strings, default_lang, options, build.folder if build else "",
                       material, config.use_directory_urls)
    planned = Planned(Plan(blog, layout, strings, default_lang, {}), list(layout.messages))
    blog_files.add_stylesheet(files, config)
    urls, kept = blog_files.add_listing_files(layout.listings, files, config, layout.paths,
                                              appended=material is not None)
    planned.notes += kept
    if build is not None and options.post_url and build.is_default:
        planned.warnings.append(NO_POST_URL)
    specs = plan_feeds(blog, layout, config.site_name, options.feeds.per_term)

    def claim() -> Claims:  # one registry of the paths written, once pages have moved
        return claims_of(files, config, (feed_path(spec, name) for spec in specs
                                         for name in feed_formats(options)))

    if build is not None and (own_pages or options.jekyll_permalink) and build.is_default:
        planned.warnings.append(NO_OWN_URLS)
    path_of = path_function(material.settings, material.slugs, default_lang,
                            config.use_directory_urls) if material is not None else None
    placed = (place_pages(blog, files, options, default_lang, own_pages or {}, planned, claim,
                          path_of) if build is None else Placed(claims=claim()))
    claims = placed.claims
    urls.update(placed.own.urls)  # pages redirected from their old URL
    urls.update({post.src_uri: files.src_uris[post.src_uri].url for post in blog.posts})
    redirects = plan_redirects([*blog.posts, *placed.own.stand_ins], urls, files,
                               lambda post: (preview or not post.status.is_preview)
                               and owns(build, post), claims)
    planned.warnings += redirects.messages
    feeds = place_feeds(specs, files, config, options, planned)
    elsewhere = other_builds(build, layout, blog.posts, files.src_uris, options.blog_dir,
                             config) if build else {}
    found, warnings = covers.plan_covers(blog.posts, urls, files)
    planned.warnings += warnings
    generated = frozenset(listing.src_uri for listing in layout.listings
                          if _generated(files, listing.src_uri))
    titles = {post.src_uri: post.title for post in blog.posts}
    related, unknown = material.related(files, titles) if material is not None else ({}, [])
    planned.warnings += unknown
    planned.plan = Plan(blog, layout, strings, default_lang, urls, feeds, options.feeds.limit,
                        tuple(redirects.redirects), placed.old_urls, elsewhere,
                        build.default if build else None, found, generated,
                        material.by_name() if material is not None else {}, related,
                        material is not None)
    return planned


def _generated(files: Files, src_uri: str) -> bool:
    file = files.src_uris.get(src_uri)
    return file is not None and file.generated_by == "blogposts"


@dataclass
class ReadBlog:
    """The posts of a build, to be grouped into a blog, with what to log about reading them."""

    posts: list[Post]
    group: Callable[[], Blog]
    own_urls: dict[str, dict[str, Any]]
    warnings: list[str]
    notes: list[str]
    material: MaterialReading | None = None  # a site in Material's blog form

    @cached_property
    def blog(self) -> Blog:
        """The posts grouped: only when planned (`serve --dirty` may replay the last plan)."""
        return self.group()


def read_blog(files: Files, config: MkDocsConfig, options: BlogpostsConfig,
              cache: FrontMatterCache, preview: bool, default_lang: str,
              build: LanguageBuild | None) -> ReadBlog:
    """Read every page's front matter, keep the posts, group them: the whole blog, or with
    mkdocs-static-i18n the blog of the language this build is for. A site in Material's
    blog form has its posts found and read as Material does."""
    settings = post_settings(options, build.default if build else default_lang,
                             datetime.now(timezone.utc))
    started = start_reading(options, files, config, cache, settings)
    found = collect_posts(files, options.match, started.settings, cache, started.material)
    cache.forget()
    warnings = [*started.warnings, *found.warnings, *unknown_language_messages(found.posts)]
    if build is not None:
        warnings += static_i18n.language_mismatches(found.posts, files.src_uris, build)

    def group() -> Blog:
        if build is not None:
            return static_i18n.language_blog(found.posts, build, preview, options.list_fallbacks)
        return build_blog(found.posts, options.languages, preview, default_lang)

    return ReadBlog(found.posts, group, found.own_urls, warnings,
                    [*started.notes, *found.notes], started.material)
