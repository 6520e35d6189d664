"""A site translated with mkdocs-static-i18n: the language one build makes, and the others'.

mkdocs-static-i18n builds the site once per language, each time with that language's files
(and, with `fallback_to_default`, the default language's files that have no translation).
So each build gets a one-language blog of its own language, under the language's folder
of the site ('fr/blog/...'), and links to the other builds' pages by the URLs those builds
give them: a post's versions come from the `alternates` static-i18n sets on its files.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File

from .languages import language_tag
from .listings import Kind, Layout, Listing
from .model import Blog, Post, is_listed
from .paths import Paths

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .plan import Plan

PLUGIN_NAME = "i18n"  # the name mkdocs-static-i18n registers under `plugins:`
NO_POST_URL = ("'post_url' is not applied in a site translated with mkdocs-static-i18n: "
               "its language selector links each post where static-i18n built it")
NO_OWN_URLS = ("'permalink:'/'url:' front matter and 'jekyll_permalink' are not applied in a "
               "site translated with mkdocs-static-i18n: static-i18n gives every page its URL")


@dataclass(frozen=True)
class LanguageBuild:
    """One of static-i18n's builds: its language, and where every built language lives."""

    lang: str
    default: str
    folders: Mapping[str, str]  # each built language's folder of the site: '' for the default
    fallback: bool = True
    nav_translations: Mapping[str, str] = field(default_factory=dict)
    structure: str = "suffix"  # static-i18n's docs_structure: 'suffix' or 'folder'

    @property
    def folder(self) -> str:
        """This build's folder of the site: '' for the default language, else e.g. 'fr'."""
        return self.folders[self.lang]

    @property
    def is_default(self) -> bool:
        """Whether this build makes the default language (the first build)."""
        return self.lang == self.default


def _tag(locale: str) -> str:
    return language_tag(locale) or locale


def language_build(config: MkDocsConfig) -> LanguageBuild | None:
    """The static-i18n build under way, from that plugin's options; None without it.

    Read in `on_files`, after static-i18n's `on_config` chose the build's language.
    """
    plugin = config.plugins.get(PLUGIN_NAME)
    options = getattr(plugin, "config", None)
    if options is None or not hasattr(options, "docs_structure"):
        return None
    built = [lang for lang in options.languages if lang.build and lang.locale != "null"]
    default = next((lang for lang in built if lang.default), None)
    if default is None:
        return None
    # static-i18n's own record of the language it builds; its first build is the default's.
    current = getattr(plugin, "current_language", None) or default.locale
    folders = {_tag(lang.locale): "" if lang is default else lang.locale for lang in built}
    current_options = next((lang for lang in built if lang.locale == current), default)
    return LanguageBuild(_tag(current), _tag(default.locale), folders,
                         bool(options.fallback_to_default),
                         dict(current_options.nav_translations or {}),
                         str(options.docs_structure))


def language_blog(posts: Iterable[Post], build: LanguageBuild, preview: bool,
                  list_fallbacks: bool) -> Blog:
    """The build's one-language blog: its own posts, and with `list_fallbacks` the
    default language's untranslated posts static-i18n put in this build."""
    ordered = tuple(sorted(posts, key=lambda post: post.sort_key))
    listed = tuple(post for post in ordered if is_listed(post, preview)
                   and (post.lang == build.lang or list_fallbacks))
    # Only the build's own posts have neighbours: a fallback post reads alone.
    positions = {post.src_uri: i for i, post in enumerate(listed) if post.lang == build.lang}
    return Blog(ordered, (build.lang,), {build.lang: listed}, {}, positions)


def language_mismatches(posts: Iterable[Post], post_files: Mapping[str, File],
                        build: LanguageBuild) -> list[str]:
    """One message per post whose language is not the one static-i18n builds its file in.

    Said by the build of the file's own language only, not again by its fallback copies.
    """
    messages = []
    for post in posts:
        locale = getattr(post_files.get(post.src_uri), "locale", None)
        file_lang = _tag(str(locale)) if locale else build.default
        if file_lang != build.lang or post.lang == file_lang:
            continue
        folder = build.folders.get(post.lang) or post.lang
        hint = (f"a '.{folder}.md' suffix" if build.structure == "suffix"
                else f"the '{folder}/' folder")
        messages.append(f"{post.src_uri}: the post's language is '{post.lang}' but "
                        f"mkdocs-static-i18n builds this file among its '{file_lang}' pages; "
                        f"set 'lang: {file_lang}' or give the file {hint}")
    return messages


def owns(build: LanguageBuild | None, post: Post) -> bool:
    """Whether the build writes what belongs to the post (its redirects): not a fallback copy."""
    return build is None or post.lang == build.lang


def paths_of(build: LanguageBuild, lang: str, blog_dir: str) -> Paths:
    """Where a language's build puts its one-language blog."""
    return Paths(blog_dir, multilingual=False, site_folder=build.folders[lang])


def _url(paths: Paths, src_uri: str, config: MkDocsConfig) -> str:
    """The URL of a generated page in the build `paths` belong to."""
    url = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).url
    return paths.output(url)


def _counterpart(paths: Paths, kind: Kind, number: int, lang: str) -> str | None:
    """The same listing in another language's blog, for the pages every blog has."""
    if kind in (Kind.INDEX, Kind.LANDING) and number == 1:
        return paths.index(lang)
    if kind is Kind.ARCHIVE:
        return paths.archive(lang)
    return None


def other_builds(build: LanguageBuild, layout: Layout, posts: Sequence[Post],
                 post_files: Mapping[str, File], options_blog_dir: str,
                 config: MkDocsConfig) -> dict[str, dict[str, str]]:
    """Each post's and listing's versions in the other builds: {src_uri: {lang: url}}."""
    found: dict[str, dict[str, str]] = {}
    for post in posts:
        versions = translations_of(post, post_files.get(post.src_uri), build)
        if versions:
            found[post.src_uri] = versions
    others = [lang for lang in build.folders if lang != build.lang]
    for listing in layout.listings:
        versions = {}
        for lang in others:
            paths = paths_of(build, lang, options_blog_dir)
            uri = _counterpart(paths, listing.kind, listing.number, lang)
            if uri is not None:
                versions[lang] = _url(paths, uri, config)
        if versions:
            found[listing.src_uri] = versions
    return found


def translations_of(post: Post, file: File | None, build: LanguageBuild) -> dict[str, str]:
    """A post's real translations in the other builds, from static-i18n's `alternates`.

    An alternate whose content is in another language than its build's is a fallback copy,
    not a translation; the post's own version in this build is left out too.
    """
    alternates: Mapping[str, Any] = getattr(file, "alternates", None) or {}
    versions = {}
    for locale, other in alternates.items():
        tag = _tag(str(locale))
        content = _tag(str(getattr(other, "locale", locale)))
        if tag != content or tag == post.lang or tag not in build.folders:
            continue
        if tag == build.lang:  # this build's version of a fallback post is the post itself
            continue
        versions[tag] = str(other.url)
    return versions


def language_selector(alternates: Sequence[Mapping[str, Any]], versions: Mapping[str, str],
                      home: Mapping[str, str]) -> list[dict[str, Any]]:
    """Material's `extra.alternate` for a generated page: each language's version of it,
    else that language's blog index; entries of languages without a blog are kept."""
    chosen = []
    for given in alternates:
        entry = copy.deepcopy(dict(given))
        lang = _tag(str(entry.get("lang", "")))
        link = versions.get(lang) or home.get(lang)
        if link is not None:
            entry["link"] = link
        chosen.append(entry)
    return chosen


def blog_homes(build: LanguageBuild, options_blog_dir: str, config: MkDocsConfig
               ) -> dict[str, str]:
    """Every built language's blog index URL."""
    homes = {}
    for lang in build.folders:
        paths = paths_of(build, lang, options_blog_dir)
        homes[lang] = _url(paths, paths.index(lang), config)
    return homes


class Selector:
    """Material's language selector on generated pages, which static-i18n leaves alone.

    static-i18n points the selector of each page it knows at that page's versions, and
    leaves `extra.alternate` as the last such page set it; a generated page gets its own.
    """

    def __init__(self, config: MkDocsConfig, build: LanguageBuild, blog_dir: str) -> None:
        # Taken in on_files: static-i18n's on_config has set it, no page has changed it yet.
        self.alternates = copy.deepcopy(list(config.extra.get("alternate") or []))
        self.lang = build.lang
        self.homes = blog_homes(build, blog_dir, config)

    def point(self, config: MkDocsConfig, page_url: str, versions: Mapping[str, str]) -> None:
        """Point the selector at a generated page's versions while the theme draws it."""
        if self.alternates:
            versions = {**versions, self.lang: page_url}
            _set_alternate(config, language_selector(self.alternates, versions, self.homes))

    def reset(self, config: MkDocsConfig) -> None:
        """Give the next page the selector static-i18n set up."""
        if self.alternates:
            _set_alternate(config, copy.deepcopy(self.alternates))


def _set_alternate(config: MkDocsConfig, alternates: list[dict[str, Any]]) -> None:
    # static-i18n sets it both as an item and as an attribute of `extra`, and templates read
    # the attribute first: both must change.
    config.extra["alternate"] = alternates
    setattr(config.extra, "alternate", alternates)  # noqa: B010


def add_to_sitemap(config: MkDocsConfig, files: Files, plan: Plan) -> None:
    """List the generated pages in static-i18n's sitemap.xml, with their other versions.

    Its sitemap template lists the pages it kept per language in its own `on_files`, before
    the blog's were added; each page needs the `alternates` static-i18n gives its files.
    """
    plugin = config.plugins.get(PLUGIN_NAME)
    record = getattr(plugin, "i18n_files_per_language", None)
    current = getattr(plugin, "current_language", None)
    pages = record.get(current) if isinstance(record, dict) else None
    if not isinstance(pages, list):
        return
    for src_uri in plan.listings:
        file = files.src_uris.get(src_uri)
        if file is None or file.generated_by != "blogposts" or file in pages:
            continue
        others = {lang: SimpleNamespace(url=url, page=None)
                  for lang, url in plan.elsewhere.get(src_uri, {}).items()}
        setattr(file, "alternates", {current: file, **others})  # noqa: B010
        pages.append(file)


def translate_nav(pages: Iterable[Page], translations: Mapping[str, str],
                  listings: Mapping[str, Listing]) -> None:
    """Apply static-i18n's `nav_translations` to generated pages: static-i18n translated
    the nav before the Blog section was in it (their titles are read only later)."""
    for page in pages:
        listing = listings.get(page.file.src_uri)
        if listing is not None and listing.title in translations:
            page.title = translations[listing.title]
