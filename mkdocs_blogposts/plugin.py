"""The `blogposts` plugin: holds one build's state and wires MkDocs' events to the modules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import blog_files, feeds, head, navigation
from .collect import FrontMatterCache, collect_posts
from .config import BlogpostsConfig
from .embedding import embed_lists
from .excerpts import KeptHTML
from .feeds import FeedSettings, FeedSpec
from .highlight import nav_anchor
from .i18n import Strings
from .languages import language_tag, theme_language
from .listings import Layout, PlanOptions, plan_pages
from .model import Blog, build_blog
from .permalinks import known_paths, move_posts, repair_links
from .plan import Plan, assign_files, plan_feeds
from .post_reader import post_settings, unknown_language_messages
from .reading import plan_reading
from .redirects import Redirect, plan_redirects, redirect_page
from .render import Renderer, template_environment
from .text import theme_meta

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

NO_SITE_URL = ("feeds need absolute URLs: set 'site_url' in mkdocs.yml "
               "(e.g. site_url: https://example.org/); no feed is written")


def _log(messages: Iterable[str], info: bool = False) -> None:
    for message in messages:
        (log.info if info else log.warning)(message)


class BlogpostsPlugin(BasePlugin[BlogpostsConfig]):
    """Turns pages whose front matter says `type: post` into a multilingual blog."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self.cache = FrontMatterCache()
        # One build's state: made in on_config and on_files, read by every later event.
        self.default_lang = "en"
        self.site_url = ""
        self.env: jinja2.Environment | None = None
        self.plan: Plan | None = None
        self.kept: KeptHTML | None = None
        self.renderer: Renderer | None = None
        self.undecorated: dict[str, str] = {}  # a post's own HTML while the theme draws it
        self.lit: Page | None = None  # the nav entry lit for a blog page out of the nav
        self.nav_pages: dict[str, Page] = {}  # the nav's pages by source path, once per build

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether drafts are previewed; defining this keeps the cache across rebuilds."""
        self.preview = command == "serve"
        self.cache = FrontMatterCache(keep=command == "serve")  # only serve builds again

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Start a fresh build: every rebuild of `mkdocs serve` gets new files and pages."""
        self.default_lang = self.config.default_lang or theme_language(config.theme)
        self.site_url = config.site_url or ""
        self.env = template_environment(config.theme.dirs)
        self.plan = self.kept = self.renderer = None
        self.undecorated, self.nav_pages = {}, {}
        if blog_files.STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(blog_files.STYLESHEET_URI)
        return config

    # After generators (gen-files) and mkdocs-static-i18n (-100), so their pages are seen.
    @event_priority(-150)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Find the posts, plan the blog and add its generated files."""
        assert self.env is not None
        blog_files.drop_template_overrides(files, config.theme.dirs)
        settings = post_settings(self.config, self.default_lang, datetime.now(timezone.utc))
        found = collect_posts(files, self.config.match, settings, self.cache)
        _log(found.warnings)
        _log(found.notes, info=True)
        _log(unknown_language_messages(found.posts))
        blog = build_blog(found.posts, self.config.languages, self.preview, self.default_lang)
        self.plan = self._plan(blog, files, config)
        options = self.config
        self.kept = KeptHTML(self.plan.feed_posts, options.feeds.full_content,
                             options.words_per_minute)
        self.renderer = Renderer(self.env, self.plan, self.kept, options.reading_time,
                                 plan_reading(blog, options.related, options.neighbours))
        blog_files.add_redirect_files(self.plan.redirects, files, config, self._redirect_html)
        return files

    def _plan(self, blog: Blog, files: Files, config: MkDocsConfig) -> Plan:
        """Lay out the generated pages, add them to `files`, give posts their URLs."""
        options = self.config
        languages = {*blog.languages, self.default_lang, *(p.lang for p in blog.posts)}
        strings = {lang: Strings(lang, options.strings) for lang in languages}
        title = options.nav_title or strings[self.default_lang].get("blog")
        layout = plan_pages(blog, strings, PlanOptions(
            options.blog_dir, options.per_page, tuple(options.taxonomies), title,
            months=options.archive == "month", nav_entries=frozenset(options.nav_entries)))
        _log(layout.messages)
        blog_files.add_stylesheet(files, config)
        urls, kept = blog_files.add_listing_files(layout.listings, files, config)
        _log(kept, info=True)
        moves = move_posts(blog.posts, files, options.post_url) if options.post_url else None
        _log(moves.messages if moves else ())
        urls.update({post.src_uri: files.src_uris[post.src_uri].url for post in blog.posts})
        redirects = plan_redirects(blog.posts, urls, files,
                                   lambda post: self.preview or not post.status.is_preview)
        _log(redirects.messages)
        return Plan(blog, layout, strings, self.default_lang, urls,
                    self._feeds(blog, layout, files, config), options.feeds.limit,
                    tuple(redirects.redirects), moves.old_urls if moves else {})

    def _feeds(self, blog: Blog, layout: Layout, files: Files, config: MkDocsConfig
               ) -> tuple[FeedSpec, ...]:
        """The feeds this build writes, at paths no file of the user's takes."""
        formats = [name for name in feeds.FORMATS if getattr(self.config.feeds, name)]
        if formats and not config.site_url:
            log.warning(NO_SITE_URL)
        if not formats or not config.site_url:
            return ()
        specs = plan_feeds(blog, layout, config.site_name, self.config.feeds.per_term)
        assigned, kept = assign_files(specs, formats, {file.dest_uri for file in files})
        _log(kept, info=True)
        return tuple(assigned)

    def _redirect_html(self, redirect: Redirect) -> str:
        assert self.env is not None and self.plan is not None
        return redirect_page(self.env, redirect, self.plan.urls[redirect.post.src_uri],
                             self.site_url, self.plan.strings_for(redirect.post.lang))

    @event_priority(-50)  # after plugins that build the nav from files, such as literate-nav
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Insert the Blog section."""
        assert self.plan is not None
        navigation.retitle(files, self.plan, config.nav)
        title = self.config.nav_title or self.plan.strings_for(None).get("blog")
        navigation.insert_blog_section(nav, files, self.plan, title,
                                       self.config.nav_position == "start")
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Hand the theme an escaped post title: themes print titles raw."""
        post = self.plan.posts.get(page.file.src_uri) if self.plan else None
        if post is not None:
            page.meta = theme_meta(page.meta, post.title)
        return markdown

    @event_priority(-50)  # after other plugins changed the HTML, so listings reuse the final form
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Keep what listings and feeds need of a post's HTML, and render its card."""
        post = self.plan.posts.get(page.file.src_uri) if self.plan else None
        if post is None:
            return html
        assert self.plan is not None and self.kept is not None and self.renderer is not None
        old_url = self.plan.moved.get(post.src_uri)
        if old_url is not None:  # raw HTML links were written for the old URL
            html = repair_links(html, old_url, page.url, known_paths(files))
        self.renderer.card(post, self.kept.keep(post.src_uri, html, post.summary))
        return html

    @event_priority(100)  # before search plugins read the page's HTML
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Fill a listing with its posts, or wrap a post in its header and footer.

        Every post has been converted by then, so listings can show any post. The extra HTML
        lives only while its page is drawn (see `on_post_page`): kept for every page, it
        grew with the blog (58 MB of listings at 3,000 posts, 17 MB of decorated posts).
        """
        if self.plan is None or self.renderer is None or page.content is None:
            return context
        src_uri = page.file.src_uri
        listing = self.plan.listings.get(src_uri)
        self._light(page, nav)
        if listing is not None and page.file.generated_by == "blogposts":
            page.content = self.renderer.render_listing(listing, page.url)
        elif (post := self.plan.posts.get(src_uri)) is not None:
            self.undecorated[src_uri] = page.content
            header, footer = self.renderer.render_post_parts(post, page.url,
                                                             "<h1" not in page.content)
            page.content = header + page.content + footer
        if "blogposts:" in page.content and page.file.generated_by != "blogposts":
            page.content = self._embed(page)
        return context

    def _light(self, page: Page, nav: Navigation) -> None:
        """Mark the nav entry nearest to a blog page that is not in the nav (MkDocs clears
        only the page it draws, so on_post_page clears this one)."""
        assert self.plan is not None
        if not self.nav_pages:
            self.nav_pages = {entry.file.src_uri: entry for entry in nav.pages}
        in_nav = self.nav_pages
        src_uri = page.file.src_uri
        anchor = nav_anchor(src_uri, self.plan.listings.get(src_uri),
                            self.plan.posts.get(src_uri), self.plan.paths, in_nav)
        if anchor is not None:
            self.lit = in_nav[anchor]
            self.lit.active = True

    def _embed(self, page: Page) -> str:
        """The page's HTML with its post-list markers replaced by the lists."""
        assert self.plan is not None and self.renderer is not None and page.content is not None
        lang = self.plan.language_of(page.file.src_uri) or language_tag(page.meta.get("lang"))
        html, problems = embed_lists(page.content, lang or self.default_lang, self.renderer,
                                     page.url, (*self.config.taxonomies, "series"))
        _log(f"{page.file.src_uri}: post list: {problem}" for problem in problems)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Set the page's language and head links; release what on_page_context added."""
        if self.plan is None:
            return output
        if self.lit is not None:
            self.lit.active = False
            self.lit = None
        src_uri = page.file.src_uri
        if src_uri in self.undecorated:
            page.content = self.undecorated.pop(src_uri)
        elif src_uri in self.plan.listings and page.file.generated_by == "blogposts":
            page.content = None
        lang = self.plan.language_of(src_uri) or language_tag(page.meta.get("lang"))
        if lang is None:
            return output
        return head.edit_head(output, self.plan, src_uri, page.url, lang, config.site_url or "")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds: they need every post's rendered HTML."""
        if self.plan is None or self.kept is None or self.env is None:
            return
        settings = FeedSettings(
            self.site_url.rstrip("/") + "/", config.site_name, config.site_author,
            config.site_description, self.config.feeds.full_content, self.config.feeds.limit,
            datetime.now(timezone.utc))
        documents = feeds.feed_files(self.env, self.plan.feeds, self.plan.urls,
                                     self.kept.feed_content, settings)
        for path, text in documents.items():
            target = Path(config.site_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
