"""The `blogposts` plugin: wires MkDocs' build events to the blog builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .builder import BlogBuilder
from .collect import FrontMatterCache
from .config import BlogpostsConfig
from .legacy_pages import LegacyPages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext


class BlogpostsPlugin(BasePlugin[BlogpostsConfig]):
    """Turns pages whose front matter says `type: post` into a multilingual blog."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self.cache = FrontMatterCache()
        self.builder: BlogBuilder | None = None
        self.legacy: LegacyPages | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether drafts are previewed; defining this keeps the cache across rebuilds."""
        self.preview = command == "serve"
        self.cache = FrontMatterCache(keep=command == "serve")  # only serve builds again

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Start a fresh build: every rebuild of `mkdocs serve` gets new files and pages."""
        self.builder = BlogBuilder(self.config, config, self.preview, self.cache)
        return config

    # After generators (gen-files) and mkdocs-static-i18n (-100), so their pages are seen.
    @event_priority(-150)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Find the posts and add the generated pages."""
        assert self.builder is not None
        self.builder.add_blog_files(files)
        self.legacy = LegacyPages(files, config.site_url or "", self.config.legacy_variables) \
            if self.config.legacy_syntax == "convert" else None
        return files

    @event_priority(-50)  # after plugins that build the nav from files, such as literate-nav
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Insert the Blog section."""
        assert self.builder is not None
        self.builder.add_nav_section(nav, files)
        return nav

    def _escape_title(self, markdown: str, *, page: Page, config: MkDocsConfig,
                      files: Files) -> str:
        """Hand the theme an escaped post title."""
        assert self.builder is not None
        self.builder.escape_post_title(page)
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
        """Note the post's excerpt and reading time for listings and feeds."""
        assert self.builder is not None
        return self.builder.read_post(html, page)

    @event_priority(100)  # before search plugins read the page's HTML
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Fill a listing with its posts, or add a post's date, translations and links."""
        assert self.builder is not None
        self.builder.fill_page(page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Set the page's language and its alternate and canonical links."""
        assert self.builder is not None
        output = self.builder.edit_head(output, page)
        self.builder.release_page(page)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds: they need every post's rendered HTML."""
        if self.builder is not None:
            self.builder.feeds.write()
