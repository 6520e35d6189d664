"""Golden tests of the pure core: posts in, the plan and the Blog section out, with no build.

Each case in tests/data/golden/NAME.yml gives front matter by file and the plugin's options;
NAME.expected.yml holds the plan (every generated page: path, kind, title, posts, pagination),
its nav entries, counterparts and messages, the Blog section of MkDocs' nav, and the <head>
links (hreflang alternates) of the first two generated pages and of each post. Run with
BLOGPOSTS_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then read
the diff.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section, get_navigation

from mkdocs_blogposts.blog_files import ListingPage, listing_source
from mkdocs_blogposts.config import BlogpostsConfig
from mkdocs_blogposts.head import blog_head_links
from mkdocs_blogposts.i18n import Strings
from mkdocs_blogposts.listings import Layout, PlanOptions, plan_pages
from mkdocs_blogposts.model import Blog, build_blog
from mkdocs_blogposts.navigation import insert_blog_section
from mkdocs_blogposts.plan import Plan
from mkdocs_blogposts.post_reader import post_from_front_matter, post_settings

GOLDEN = Path(__file__).parent / "data" / "golden"
CASES = sorted(path.stem for path in GOLDEN.glob("*.yml") if not path.stem.endswith(".expected"))
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def plugin_options(raw: dict[str, Any]) -> BlogpostsConfig:
    """The plugin's options, validated by MkDocs' own config machinery."""
    options = BlogpostsConfig()
    options.load_dict({"match": {"type": "post"}, **raw})
    errors, warnings = options.validate()
    assert not errors and not warnings, (errors, warnings)
    return options


def blog_of(case: dict[str, Any], options: BlogpostsConfig) -> Blog:
    """The case's posts read as the plugin reads them, grouped into a Blog."""
    settings = post_settings(options, "en", NOW)
    posts = []
    for src_uri, meta in case["posts"].items():
        post, messages = post_from_front_matter(src_uri, {"type": "post", **meta}, settings)
        assert post is not None and not messages, messages
        posts.append(post)
    return build_blog(posts, options.languages, preview=False, fallback_lang="en")


def layout_of(blog: Blog, options: BlogpostsConfig) -> tuple[Layout, dict[str, Strings]]:
    """The generated pages of the blog, as `on_files` plans them."""
    strings = {lang: Strings(lang, {}) for lang in {*blog.languages, "en"}}
    layout = plan_pages(blog, strings, PlanOptions(
        options.blog_dir, options.per_page, tuple(options.taxonomies),
        strings["en"].get("blog"), months=options.archive == "month",
        nav_entries=frozenset(options.nav_entries)))
    return layout, strings


def layout_data(layout: Layout) -> dict[str, Any]:
    """The layout as plain data: what the expected files hold."""
    pages = []
    for listing in layout.listings:
        page: dict[str, Any] = {"path": listing.src_uri, "kind": listing.kind.value,
                                "lang": listing.lang, "title": listing.title}
        if listing.posts:
            page["posts"] = [post.src_uri for post in listing.posts]
        if len(listing.pages) > 1:
            page["page"] = f"{listing.number} of {len(listing.pages)}"
        if listing.terms:
            page["terms"] = {term.name: term.slug for term in listing.terms}
        pages.append(page)
    return {
        "pages": pages,
        "nav": {str(lang): list(uris) for lang, uris in layout.nav.items()},
        "counterparts": {uri: dict(versions) for uri, versions in layout.counterparts.items()
                         if len(versions) > 1},
        "messages": list(layout.messages),
    }


def nav_data(items: list[Any]) -> list[Any]:
    """A nav tree as titles and URLs: sections are mappings of their children."""
    shown: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            shown.append({item.title: nav_data(item.children)})
        else:
            shown.append(f"{item.title} -> /{item.url}")
    return shown


def virtual_file(config: MkDocsConfig, src_uri: str, content: str,
                 inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """A file with the given Markdown, as a plugin's event would generate it."""
    file = File(src_uri, None, config.site_dir, config.use_directory_urls, inclusion=inclusion)
    file.content_string = content
    file.generated_by = "blogposts"
    return file


def nav_and_head(blog: Blog, layout: Layout, strings: dict[str, Strings]
                 ) -> tuple[list[Any], dict[str, list[str]]]:
    """The site's nav once the Blog section is inserted, from MkDocs' own nav objects, and
    the head links of the first two generated pages and of every post."""
    config = MkDocsConfig()
    config.load_dict({"site_name": "Golden", "docs_dir": str(GOLDEN), "site_dir": "site"})
    errors, _ = config.validate()
    assert not errors, errors
    files = Files([virtual_file(config, "index.md", "# Home\n")])
    for post in blog.posts:
        files.append(virtual_file(config, post.src_uri, f"# {post.title}\n",
                                  InclusionLevel.NOT_IN_NAV))
    for listing in layout.listings:
        file = virtual_file(config, listing.src_uri, listing_source(listing),
                            InclusionLevel.NOT_IN_NAV)
        ListingPage(None, file, config)
        files.append(file)
    urls = {file.src_uri: file.url for file in files}
    plan = Plan(blog, layout, strings, "en", urls)
    nav = get_navigation(files, config)
    insert_blog_section(nav, files, plan, "Blog", at_start=False)
    for page in nav.pages:
        page.read_source(config)  # as MkDocs does after on_nav: titles come from front matter
    heads = {uri: [link.html() for link in blog_head_links(plan, uri, urls[uri],
                                                            "https://example.org/")]
             for uri in [*(page.src_uri for page in layout.listings[:2]), *sorted(plan.posts)]}
    return nav_data(nav.items), heads


@pytest.mark.parametrize("name", CASES)
def test_plan_and_nav_match_their_golden_files(name: str) -> None:
    case = yaml.safe_load((GOLDEN / f"{name}.yml").read_text(encoding="utf-8"))
    options = plugin_options(case["options"])
    blog = blog_of(case, options)
    layout, strings = layout_of(blog, options)
    site_nav, heads = nav_and_head(blog, layout, strings)
    actual = {**layout_data(layout), "site_nav": site_nav, "head_links": heads}
    expected_file = GOLDEN / f"{name}.expected.yml"
    if os.environ.get("BLOGPOSTS_UPDATE_GOLDEN"):
        expected_file.write_text(yaml.safe_dump(actual, allow_unicode=True, sort_keys=False),
                                 encoding="utf-8")
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    assert actual == expected
