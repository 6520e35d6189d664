"""One build's feeds: plan them with the pages, announce them in <head>, write them last."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from . import covers, feeds
from .config import FeedsConfig
from .head import HeadLink
from .site import BlogSite

log = get_plugin_logger(__name__)

NO_SITE_URL = ("feeds need absolute URLs: set 'site_url' in mkdocs.yml "
               "(e.g. site_url: https://example.org/); no feed is written")


class FeedBuilder:
    """The feeds of one build, from planning to the files in site_dir."""

    def __init__(self, options: FeedsConfig, config: MkDocsConfig, env: jinja2.Environment
                 ) -> None:
        self.options = options
        self.config = config
        self.env = env
        self.site_url = (config.site_url or "").rstrip("/") + "/"
        self.specs: list[feeds.FeedSpec] = []
        self.term_feeds: dict[str, list[dict[str, str]]] = {}
        self.listing_langs: dict[str, str | None] = {}
        self.site: BlogSite | None = None

    def plan(self, site: BlogSite, files: Files, blog_dir: str, default_lang: str) -> None:
        """Decide which feeds this build writes; list them in `site.feeds` for templates."""
        formats = [name for name in feeds.FORMATS if getattr(self.options, name)]
        if not formats:
            return
        if not self.config.site_url:
            log.warning(NO_SITE_URL)
            return
        self.site = site
        self.listing_langs = {listing.src_uri: listing.lang for listing in site.plan.listings}
        specs = feeds.plan_feeds(site.blog, site.plan, self.config.site_name, blog_dir,
                                 self.options.per_term)
        self.specs, kept = feeds.assign_files(specs, formats, {f.dest_uri for f in files})
        site.feed_posts = {post.src_uri for spec in self.specs
                           for post in feeds.choose_entries(spec.posts, self.options.limit)}
        for message in kept:
            log.info(message)
        for spec in self.specs:
            links = feeds.feed_links(spec, site.strings[spec.lang or default_lang])
            if spec.lang is not None and spec.folder != site.plan.roots[spec.lang]:
                self.term_feeds[spec.folder] = links
                continue
            site.feeds[spec.lang] = links
            if not site.blog.multilingual:
                site.feeds[None] = links

    def head_links(self, src_uri: str, post_lang: str | None) -> list[HeadLink]:
        """Autodiscovery links of a blog page: its term's feeds, then its language's."""
        if self.site is None:
            return []
        if post_lang is not None:
            announced = self.site.feeds.get(post_lang, [])
        elif src_uri in self.listing_langs:
            term = [links for folder, links in self.term_feeds.items()
                    if src_uri.startswith(folder + "/")]
            announced = [*(term[0] if term else []),
                         *self.site.feeds.get(self.listing_langs[src_uri], [])]
        else:
            return []
        return [HeadLink("alternate", self.site_url + feed["url"], type=feed["type"],
                         title=feed["title"]) for feed in announced]

    def write(self) -> None:
        """Write every planned feed into site_dir, now that every post has its HTML."""
        if self.site is None:
            return
        config, urls = self.config, self.site.urls
        shared = feeds.FeedSite(self.site_url, config.site_name, config.site_author,
                                config.site_description, self.options.full_content,
                                self.options.limit, datetime.now(timezone.utc))
        for spec in self.specs:
            entries = [
                feeds.entry_of(post, urls[post.src_uri], self.site.content_of(
                    post.src_uri, whole=self.options.full_content), shared,
                    covers.absolute(self.site.covers.get(post.src_uri), self.site_url))
                for post in feeds.choose_entries(spec.posts, shared.limit)
            ]
            feed = feeds.feed_of(spec, entries, urls, shared)
            for path, text in feeds.feed_documents(self.env, feed, spec.files).items():
                target = Path(config.site_dir, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
