"""The `blogposts` plugin: holds one build's state and wires MkDocs' events to the modules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from . import blog_files, feeds, head, navigation, sitemap, static_i18n
from .collect import FrontMatterCache
from .config import BlogpostsConfig
from .covers import SiteImages
from .drawn_from import DrawnFrom
from .embedding import embed_inputs, embed_page
from .excerpts import KeptHTML
from .feeds import FeedSettings
from .highlight import NavLight
from .incremental import DirtySession, populate
from .languages import language_tag, theme_language
from .legacy_pages import LegacyPages
from .material_posts import MaterialReading, reading_choices
from .permalinks import known_paths, repair_links
from .plan import Plan
from .planning import Planned, ReadBlog, plan_build, read_blog
from .post_facts import PostFacts
from .reading import Reading, plan_reading
from .redirects import Redirect, redirect_page
from .render import Renderer, template_environment, templates_stamp
from .replay import plan_inputs
from .sharing import Sharing, SharingSettings
from .text import theme_meta

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

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
        self.templates: tuple[object, ...] = ()
        self.plan: Plan | None = None
        self.kept: KeptHTML | None = None
        self.renderer: Renderer | None = None
        self.drawn: DrawnFrom | None = None  # what the renderer's additions are drawn from
        self.sharing: Sharing | None = None  # metadata and sitemap of the blog's pages
        self.undecorated: dict[str, str] = {}  # a post's own HTML while the theme draws it
        self.language_build: static_i18n.LanguageBuild | None = None  # with mkdocs-static-i18n
        self.selector: static_i18n.Selector | None = None
        self.dirty: DirtySession | None = None
        self.sessions: dict[str, DirtySession] | None = None  # by static-i18n language build
        self.nav: Navigation | None = None
        self._files: Files | None = None
        self.legacy: LegacyPages | None = None  # with legacy_syntax: convert
        self.known: set[str] | None = None  # the build's output URLs, once a moved post asks
        self.material: MaterialReading | None = None  # a site in Material's blog form
        self.light = NavLight()  # the nav entry lit for a blog page out of the nav

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether drafts are previewed; defining this keeps the cache across rebuilds."""
        self.preview = command == "serve"
        self.cache = FrontMatterCache(keep=command == "serve")  # only serve builds again
        # Only `serve --dirty` builds again into the same site_dir, keeping what it drew.
        # mkdocs-static-i18n builds each language in turn: each has a session of its own.
        self.sessions = {} if dirty and command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Start a fresh build: every rebuild of `mkdocs serve` gets new files and pages."""
        self.default_lang = self.config.default_lang or theme_language(config.theme)
        self.site_url = config.site_url or ""
        stamp = templates_stamp(config.theme.dirs)
        if self.env is None or stamp != self.templates:  # compiled once for all serve rebuilds
            self.env, self.templates = template_environment(config.theme.dirs), stamp
        self.plan = self.kept = self.renderer = self.sharing = None
        self.undecorated, self.nav, self._files = {}, None, None
        self.legacy = self.known = self.material = None
        self.light = NavLight()
        if blog_files.STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(blog_files.STYLESHEET_URI)
        return config

    # After generators (gen-files) and mkdocs-static-i18n (-100), so their pages are seen.
    @event_priority(-150)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Find the posts, plan the blog and add its generated files."""
        assert self.env is not None
        blog_files.drop_template_overrides(files, config.theme.dirs)
        build = self.language_build = static_i18n.language_build(config)
        if build is not None:  # one build per language: this one's blog is in its language
            self.default_lang, self.site_url = build.lang, config.site_url or ""
        if self.sessions is not None:
            self.dirty = self.sessions.setdefault(build.lang if build else "", DirtySession())
        found = read_blog(files, config, self.config, self.cache, self.preview,
                          self.default_lang, build)
        self.material = found.material
        planned = self._planned(found, files, config, build)
        _log([*found.warnings, *planned.warnings])
        _log([*found.notes, *planned.notes], info=True)
        plan = self.plan = planned.plan
        self.selector = static_i18n.Selector(config, build, self.config.blog_dir) if build else None
        if build is not None:
            static_i18n.add_to_sitemap(config, files, plan)
        options = self.config
        words_per_minute, reading_time, date_text = reading_choices(options, self.material)
        images = SiteImages(files) if options.cover_from_first_image else None

        def new_kept() -> KeptHTML:
            return KeptHTML(plan.feed_posts, options.feeds.full_content, words_per_minute,
                            facts=PostFacts(plan.covers, plan.urls))

        def new_reading() -> Reading:
            return plan_reading(plan.blog, options.related, options.neighbours)

        dirty = self.dirty
        kept = self.kept = dirty.kept_html(new_kept) if dirty else new_kept()
        reading = dirty.reading_plan(new_reading) if dirty else new_reading()
        assert kept.facts is not None
        kept.facts.images = images  # this build's files
        self.sharing = Sharing(plan, kept.facts, SharingSettings.of(
            config, options, self.preview, build is not None))
        if dirty is not None:
            dirty.start(files, plan.posts, plan.moved)
        self.renderer = Renderer(self.env, plan, kept, reading_time,
                                 dirty.cards() if dirty else None, date_text, reading)
        self.drawn = DrawnFrom(self.renderer) if dirty else None
        # Made once the files have their final URLs: `{% post_url %}` links to where posts are.
        self.legacy = (LegacyPages(files, config.site_url or "", options.legacy_variables)
                       if options.legacy_syntax == "convert" else None)
        return files

    def _planned(self, found: ReadBlog, files: Files, config: MkDocsConfig,
                 build: static_i18n.LanguageBuild | None) -> Planned:
        """Plan the blog and add its files (listings, redirect stand-ins). Under `serve
        --dirty`, the last build's plan when it was made from the same inputs."""
        def make() -> Planned:
            planned = plan_build(found.blog, files, config, self.config, self.default_lang,
                                 self.preview, build, found.own_urls, self.material)
            self.plan = planned.plan
            blog_files.add_redirect_files(self.plan.redirects, files, config,
                                          self._redirect_html)
            return planned

        if self.dirty is None:
            planned = make()
        else:
            self.dirty.begin((config.config_file_path, self.templates))
            inputs = plan_inputs(self.dirty.settings, found, files, build)
            planned = self.dirty.plan(files, inputs, make)
        self.plan = planned.plan
        return planned

    def _redirect_html(self, redirect: Redirect) -> str:
        assert self.env is not None and self.plan is not None
        return redirect_page(self.env, redirect, self.plan.urls[redirect.post.src_uri],
                             self.site_url, self.plan.strings_for(redirect.post.lang))

    # After plugins that build the nav from files (literate-nav, -50) and mkdocs-static-i18n
    # (-100), whose folder structure keeps only the language sections of the nav.
    @event_priority(-110)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Insert the Blog section."""
        assert self.plan is not None
        navigation.retitle(files, self.plan, config.nav)
        title = self.config.nav_title or self.plan.strings_for(None).get("blog")
        translations = self.language_build.nav_translations if self.language_build else {}
        navigation.insert_blog_section(nav, files, self.plan, translations.get(title, title),
                                       self.config.nav_position == "start")
        # static-i18n translated the nav before the Blog section was in it
        static_i18n.translate_nav(nav.pages, translations, self.plan.listings)
        self.nav, self._files = nav, files
        return nav

    def _escape_title(self, markdown: str, *, page: Page, config: MkDocsConfig,
                      files: Files) -> str:
        """Hand the theme an escaped post title: themes print titles raw."""
        post = self.plan.posts.get(page.file.src_uri) if self.plan else None
        if post is not None:
            page.meta = theme_meta(page.meta, post.title)
            _log(self.material.excerpt_problems(post.src_uri, markdown) if self.material else ())
        return markdown

    @event_priority(-100)  # after plugins that render their own templates (mkdocs-macros)
    def _convert_legacy(self, markdown: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Convert Jekyll's Liquid and Hugo's shortcodes left in the page, report the rest."""
        return self.legacy.convert(markdown, page) if self.legacy is not None else markdown

    on_page_markdown = CombinedEvent(_escape_title, _convert_legacy)

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
            if self.known is None:
                self.known = known_paths(files)
            html = repair_links(html, old_url, page.url, self.known)
        self.renderer.card(post, self.kept.keep(post.src_uri, html, post.summary))
        if self.dirty is not None:
            self.dirty.captured(post.src_uri, html)
        return html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        """Under `serve --dirty`: take unread posts from the last build, decide what to draw."""
        if self.dirty is not None and self.nav is not None:
            assert self.plan is not None and self.kept is not None and self.renderer is not None
            assert self.drawn is not None
            unread = self.dirty.unread_posts()
            if self.dirty.reused:  # what they gave is kept, as are their cards and lines
                self.renderer.adopt(self.dirty.same_plan.views, unread)
            for src_uri, html in ({} if self.dirty.reused else unread).items():
                post = self.plan.posts[src_uri]
                self.renderer.card(post, self.kept.keep(src_uri, html, post.summary))
            self.dirty.before_drawing(files, self.nav, self._fingerprinted,
                                      lambda file: populate(file, config, files),
                                      self.drawn.readers)
        return env

    def _fingerprinted(self, file: File) -> str:
        """What the blog adds to a page is drawn from: compared with the last build's."""
        assert file.page is not None and self.renderer is not None and self.sharing is not None
        assert self.dirty is not None
        content = file.page.content or self.dirty.last.html.get(file.src_uri, "")
        assert self.drawn is not None
        drawn_from = self.drawn.page(file.src_uri, file.generated_by == "blogposts", content)
        embeds = embed_inputs(file, self.renderer, self.config.taxonomies)
        if embeds:
            self.dirty.embedders.add(file.src_uri)
        return "".join([file.page.url, drawn_from, embeds, head.fingerprint(
            self.sharing, file.src_uri, file.page.url, self.site_url)])

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
        self.light.light(page, nav, self.plan)
        added = self.renderer.additions(src_uri, page.file.generated_by == "blogposts",
                                        page.url, page.content)
        # A post, or (Material's convention) a user's page given a listing, keeps its own HTML.
        if added is not None and page.file.generated_by != "blogposts":
            self.undecorated[src_uri] = page.content
            page.content = added[0] + page.content + added[1]
        elif added is not None:
            page.content = added[0]
            if self.selector is not None:
                self.selector.point(config, page.url, self.plan.elsewhere.get(src_uri, {}))
        page.content, problems = embed_page(page, self.renderer, self.default_lang,
                                            self.config.taxonomies)
        _log(problems)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Set the page's language and head links; release what on_page_context added."""
        if self.plan is None or self.sharing is None:
            return output
        self.light.clear()
        src_uri = page.file.src_uri
        if src_uri in self.undecorated:
            page.content = self.undecorated.pop(src_uri)
        elif src_uri in self.plan.listings and page.file.generated_by == "blogposts":
            page.content = None
            if self.selector is not None:
                self.selector.reset(config)
        lang = self.plan.language_of(src_uri) or language_tag(page.meta.get("lang"))
        if lang is None:
            return output
        return head.edit_head(output, self.sharing, src_uri, page.url, lang,
                              config.site_url or "")

    def _write_outputs(self, *, config: MkDocsConfig) -> None:
        """Write the feeds (they need every post's rendered HTML); rewrite sitemap.xml."""
        if self.plan is None or self.kept is None or self.env is None or self.sharing is None:
            return
        if self.dirty is None or not self.dirty.feeds_unchanged(self.plan.feed_posts):
            settings = FeedSettings.of(config, self.config.feeds, self.site_url)
            blog_files.write_outputs(config.site_dir, feeds.feed_files(
                self.env, self.plan.feeds, self.plan.urls, self.kept.feed_content, settings,
                self.sharing.image))
        _log(sitemap.write_sitemap(config.site_dir, self.sharing,
                                   self.dirty.same_plan.sitemap if self.dirty else None))
        if self.dirty is not None and self._files is not None:
            self.dirty.finish(self._files, config.site_dir)
            self.dirty.same_plan.views = self.renderer.views() if self.renderer else ({}, {})

    @event_priority(-100)  # after the search plugins wrote their index
    def _complete_search(self, *, config: MkDocsConfig) -> None:
        """Under `serve --dirty`: the search index of every page, not only the drawn ones."""
        if self.dirty is not None and self._files is not None and self.language_build is None:
            self.dirty.complete_search(self._files, config.site_dir)

    on_post_build = CombinedEvent(_write_outputs, _complete_search)
