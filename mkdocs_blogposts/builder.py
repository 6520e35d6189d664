"""One build of the blog: the state the plugin's events share, and the work they trigger."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import head
from .collect import FrontMatterCache, collect_posts
from .config import BlogpostsConfig
from .excerpts import reading_minutes
from .feed_build import FeedBuilder
from .generate import STYLESHEET_URI, add_listing_files, add_stylesheet
from .i18n import Strings
from .lang_urls import strip_language_suffixes
from .languages import babel_locale, is_rtl, language_name, language_tag
from .model import build_blog
from .navigation import adopt, build_section, place_section, relink, titles_in_config
from .own_urls import OwnUrlOptions, OwnUrls, place_own_urls
from .pages import Listing, PlanOptions, plan_pages
from .permalinks import known_paths, move_posts, repair_links
from .posts import Post, PostSettings
from .redirects import Redirect, add_redirect_files, plan_redirects, redirect_page
from .render import Renderer, template_environment
from .site import BlogSite
from .values import theme_meta

log = get_plugin_logger(__name__)


def site_language(config: MkDocsConfig) -> str:
    """The theme's language (Material's `language`, MkDocs' `locale`), else English."""
    for value in (config.theme.get("language"), config.theme.get("locale")):
        tag = language_tag(str(value)) if value else None
        if tag:
            return tag
    return "en"


def unknown_language_messages(posts: list[Post]) -> list[str]:
    """One message per language code that Babel does not know, naming its files."""
    files: dict[str, list[str]] = {}
    for post in posts:
        if babel_locale(post.lang) is None:
            files.setdefault(post.lang, []).append(post.src_uri)
    return [
        f"{', '.join(uris)}: 'lang' {lang!r} is not a language known to Babel; "
        "dates and UI words are shown in English"
        for lang, uris in files.items()
    ]


class BlogBuilder:
    """Collects the posts, plans and renders the generated pages, decorates the posts."""

    def __init__(self, options: BlogpostsConfig, config: MkDocsConfig, preview: bool,
                 cache: FrontMatterCache) -> None:
        self.options = options
        self.config = config
        self.preview = preview
        self.cache = cache
        self.default_lang = options.default_lang or site_language(config)
        self.env = template_environment(config.theme.dirs)
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(STYLESHEET_URI)
        self.posts_by_uri: dict[str, Post] = {}
        self.site: BlogSite | None = None
        self.renderer: Renderer | None = None
        self.listing_langs: dict[str, str] = {}
        self.listings: dict[str, Listing] = {}
        self.old_urls: dict[str, str] = {}
        self.known_urls: set[str] = set()
        self.own_pages: dict[str, dict[str, Any]] = {}
        self.own = OwnUrls()
        self._undecorated: str | None = None
        self.feeds = FeedBuilder(options.feeds, config, self.env)

    def settings(self) -> PostSettings:
        """How posts are read in this build."""
        return PostSettings(
            timezone=ZoneInfo(self.options.timezone),
            default_lang=self.default_lang,
            taxonomies=tuple(self.options.taxonomies),
            translation_keys=tuple(self.options.translation_keys),
            now=datetime.now(timezone.utc),
            future=self.options.future,
        )

    def strings(self, lang: str) -> Strings:
        """UI words of one language, with the user's overrides."""
        return Strings(lang, self.options.strings)

    def add_blog_files(self, files: Files) -> None:
        """Find posts, plan the generated pages and add them to the build's files."""
        found = collect_posts(files, self.options.match, self.settings(), self.cache)
        for message in found.warnings:
            log.warning(message)
        for note in found.notes:
            log.info(note)
        self.posts_by_uri = {post.src_uri: post for post in found.posts}
        self.own_pages = found.own_urls
        for message in unknown_language_messages(found.posts):
            log.warning(message)
        blog = build_blog(found.posts, self.options.languages, self.preview, self.default_lang)
        strings = {lang: self.strings(lang) for lang in {*blog.languages, self.default_lang}}
        for post in found.posts:
            strings.setdefault(post.lang, self.strings(post.lang))
        title = self.options.nav_title or strings[self.default_lang].get("blog")
        options = PlanOptions(self.options.blog_dir, self.options.per_page,
                              tuple(self.options.taxonomies), title,
                              months=self.options.archive == "month",
                              nav_entries=frozenset(self.options.nav_entries))
        plan = plan_pages(blog, strings, options)
        for message in plan.messages:
            log.warning(message)
        self.listing_langs = {
            listing.src_uri: listing.lang or self.default_lang for listing in plan.listings
        }
        self.listings = {listing.src_uri: listing for listing in plan.listings}
        add_stylesheet(files, self.config)
        urls, kept = add_listing_files(plan.listings, files, self.config)
        for message in kept:
            log.info(message)
        self.move_posts(files)
        urls.update({uri: files.src_uris[uri].url for uri in self.posts_by_uri})
        self.add_redirects(files, urls)
        self.site = BlogSite(blog, plan, urls, strings, self.preview, self.options.reading_time,
                             keep_whole_posts=self.options.feeds.full_content)
        self.renderer = Renderer(self.env, self.site)
        self.feeds.plan(self.site, files, self.options.blog_dir, self.default_lang)

    def move_posts(self, files: Files) -> None:
        """Give posts the URLs of `post_url`, moving page bundles' files along."""
        suffixes = strip_language_suffixes(files, self.default_lang)  # 'about.en.md' -> en/about/
        for message in suffixes.messages:
            log.warning(message)
        self.old_urls = suffixes.old_urls
        self.place_own_urls(files)
        if not self.options.post_url:
            return
        placed = self.own.old_urls  # a post's own permalink wins over the site's pattern
        moves = move_posts([p for p in self.posts_by_uri.values() if p.src_uri not in placed],
                           files, self.options.post_url, self.default_lang)
        for message in moves.messages:
            log.warning(message)
        self.old_urls = {**moves.old_urls, **self.old_urls}  # the URL links were written for
        self.known_urls = known_paths(files)

    def place_own_urls(self, files: Files) -> None:
        """Pages whose front matter names their old URL (`permalink:`, `url:`) get it."""
        options = OwnUrlOptions(self.options.jekyll_permalink, self.options.old_urls,
                                ZoneInfo(self.options.timezone), self.default_lang)
        self.own = place_own_urls(files, self.own_pages, self.posts_by_uri, options)
        for message in self.own.messages:
            log.warning(message)
        self.old_urls = {**self.own.old_urls, **self.old_urls}
        if self.old_urls:
            self.known_urls = known_paths(files)

    def add_redirects(self, files: Files, urls: dict[str, str]) -> None:
        """A redirect page at each old URL (`aliases`, `redirect_from`) of the posts built."""
        urls = {**self.own.urls, **urls}  # pages redirected from their old URL
        plan = plan_redirects([*self.posts_by_uri.values(), *self.own.stand_ins], urls, files,
                              lambda post: self.preview or not post.status.is_preview)
        for message in plan.messages:
            log.warning(message)

        def render(redirect: Redirect) -> str:
            return redirect_page(self.env, redirect, urls[redirect.post.src_uri],
                                 self.config.site_url or "", self.strings(redirect.post.lang))

        add_redirect_files(plan, files, self.config, render)

    def add_nav_section(self, nav: Navigation, files: Files) -> None:
        """Insert the Blog section into the nav, once, where the user wants it."""
        assert self.site is not None
        plan, blog = self.site.plan, self.site.blog

        def page_of(uri: str) -> Page | None:
            file = files.get_file_from_path(uri)
            return file.page if file is not None else None

        for uri, nav_title in titles_in_config(self.config.nav).items():
            if uri in self.listing_langs and (titled := page_of(uri)) is not None:
                titled.title = nav_title
        landing = page_of(f"{self.options.blog_dir}/index.md")
        landing_in_nav = landing is not None and landing in nav.pages
        placed_by_user = [p for p in nav.pages if p.file.src_uri in self.listing_langs]
        if placed_by_user and not landing_in_nav:
            return  # The user laid out the blog's pages themselves: keep their nav.
        languages = [
            (language_name(lang), [page for uri in plan.nav.get(lang, [])
                                   if (page := page_of(uri)) is not None
                                   and (page is landing or page not in nav.pages)])
            for lang in blog.languages
        ]
        title = self.options.nav_title or (plan.listings[0].title if blog.multilingual
                                           else self.strings(self.default_lang).get("blog"))
        section = build_section(title, landing if blog.multilingual else None, languages)
        place_section(nav, section, landing if landing_in_nav else None,
                      self.options.nav_position == "start")
        relink(nav)
        blog_section = section[0]
        assert isinstance(blog_section, Section)
        self._adopt_unlisted(files, blog_section)

    def _adopt_unlisted(self, files: Files, blog_section: Section) -> None:
        assert self.site is not None
        by_lang = {
            lang: next((s for s in blog_section.children if isinstance(s, Section)
                        and s.title == language_name(lang)), blog_section)
            for lang in self.site.blog.languages
        }
        owners = [(listing.src_uri, listing.lang or "") for listing in self.site.plan.listings]
        owners += [(post.src_uri, post.lang) for post in self.posts_by_uri.values()]
        for src_uri, lang in owners:
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                adopt(file.page, by_lang.get(lang, blog_section))

    def escape_post_title(self, page: Page) -> None:
        """Themes print titles (and Material the author, description) raw: escape them."""
        post = self.posts_by_uri.get(page.file.src_uri)
        if post is not None:
            page.meta = theme_meta(page.meta, post.title)

    def read_post(self, html: str, page: Page) -> str:
        """Note what listings need of a post's HTML (excerpt, reading time) as MkDocs made it."""
        post = self.posts_by_uri.get(page.file.src_uri)
        if post is None or self.site is None:
            return html
        if post.src_uri in self.old_urls:  # raw HTML links were written for the old URL
            html = repair_links(html, self.old_urls[post.src_uri], page.url, self.known_urls)
        excerpt = self.site.keep(post, html)
        self.site.minutes[post.src_uri] = reading_minutes(html, self.options.words_per_minute)
        assert self.renderer is not None
        self.renderer.card(post, excerpt)
        return html

    def _generated_listing(self, page: Page) -> Listing | None:
        if page.file.generated_by != "blogposts":
            return None  # the user's own page at that path, or not a listing
        return self.listings.get(page.file.src_uri)

    def fill_page(self, page: Page) -> None:
        """Just before the theme draws a page: a listing gets its posts, a post its decorations.

        Every post has been converted by then, so listings can show any post. The extra HTML
        lives only while its page is drawn (see `release_page`): kept for every page, it
        grew with the blog (58 MB of listings at 3,000 posts, 17 MB of decorated posts).
        """
        assert self.renderer is not None
        listing = self._generated_listing(page)
        if listing is not None:
            page.content = self.renderer.render_listing(listing, page.url)
            return
        post = self.posts_by_uri.get(page.file.src_uri)
        if post is None or page.content is None:
            return
        self._undecorated = page.content
        header, footer = self.renderer.render_post_parts(post, page.url, "<h1" not in page.content)
        page.content = header + page.content + footer

    def release_page(self, page: Page) -> None:
        """Once the theme has drawn a page: drop a listing's HTML, give a post back its own."""
        if self._generated_listing(page) is not None:
            page.content = None
        elif self._undecorated is not None and page.file.src_uri in self.posts_by_uri:
            page.content = self._undecorated
        self._undecorated = None

    def page_language(self, page: Page) -> str | None:
        """The language of a post, a generated page, or a page whose front matter says `lang`."""
        post = self.posts_by_uri.get(page.file.src_uri)
        if post is not None:
            return post.lang
        if page.file.src_uri in self.listing_langs:
            return self.listing_langs[page.file.src_uri]
        return language_tag(page.meta.get("lang"))

    def _link_target(self, src_uri: str, page: Page) -> str:
        """An absolute URL when site_url is set (as hreflang wants), else a relative one."""
        assert self.site is not None
        if self.config.site_url:
            return self.config.site_url.rstrip("/") + "/" + self.site.urls[src_uri]
        return self.site.url(src_uri, page.url)

    def language_versions(self, src_uri: str) -> dict[str, str]:
        """Source paths of the page's versions in each language, itself included."""
        assert self.site is not None
        post = self.posts_by_uri.get(src_uri)
        if post is not None:
            others = self.site.blog.translations.get(src_uri, ())
            return {post.lang: src_uri, **{o.lang: o.src_uri for o in others}}
        return self.site.plan.counterparts.get(src_uri, {})

    def edit_head(self, output: str, page: Page) -> str:
        """Per-page <html lang>, translations as hreflang, the post's canonical URL."""
        lang = self.page_language(page)
        if lang is None or self.site is None:
            return output
        output = head.set_language(output, lang, is_rtl(lang))
        post = self.posts_by_uri.get(page.file.src_uri)
        links: list[head.HeadLink] = []
        if post is not None and post.canonical:
            links.append(head.HeadLink("canonical", post.canonical))
        versions = {
            other_lang: self._link_target(uri, page)
            for other_lang, uri in self.language_versions(page.file.src_uri).items()
            if uri in self.site.urls
        }
        landing = f"{self.options.blog_dir}/index.md"
        links += head.alternate_links(
            versions, self.default_lang,
            self._link_target(landing, page) if landing in self.site.urls else None,
        )
        links += self.feeds.head_links(page.file.src_uri, post.lang if post else None)
        return head.add_links(output, links, replace_canonical=bool(post and post.canonical))
