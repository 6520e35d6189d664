"""A Material blog moves to blogposts by changing one word: same posts, same URLs, authors.

The site in tests/data/material_blog is built with Material's own `blog` plugin and with
`blogposts`, and the two sites are compared page by page.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, BuiltSite, post, run_build, write_site

SITE = REPO / "tests" / "data" / "material_blog"
# Pages only we make: overviews of the archive and of each taxonomy, tags (Material leaves
# them to its tags plugin), and feeds.
OURS_ONLY = {"blog/archive/", "blog/categories/", "blog/authors/", "blog/tags/",
             "blog/tags/gear/", "blog/tags/notes/"}


def build_copy(tmp_path: Path, plugin: str, name: str, edit: dict[str, Any] | None = None,
               expected_warnings: list[str] | None = None, **overrides: Any) -> BuiltSite:
    """Build a copy of the test site with Material's `blog` or with `blogposts`."""
    root = tmp_path / name
    shutil.copytree(SITE, root)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    options = {**config["plugins"][1]["blog"], **(edit or {})}
    config["plugins"][1] = {plugin: options}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return run_build(root / "mkdocs.yml", expected_warnings, **overrides)


def html_pages(site: BuiltSite) -> set[str]:
    """Every HTML page of a built site, as URL paths ('blog/2024/01/31/x/' or 'a.html')."""
    pages = set()
    for path in site.site_dir.rglob("*.html"):
        relative = path.relative_to(site.site_dir).as_posix()
        if relative != "404.html":
            pages.add(relative.removesuffix("index.html"))
    return pages


def main_text(site: BuiltSite, path: str) -> str:
    """The article of a Material page, its tags stripped to spaces."""
    html = site.read(path)
    article = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def card_titles(site: BuiltSite, path: str) -> list[str]:
    """Titles of the post cards on a listing page, in order."""
    return re.findall(r'class="blogposts-card-title"><a href="[^"]*">([^<]*)</a>',
                      site.read(path))


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_same_urls_as_materials_blog_plugin(tmp_path: Path, directory_urls: bool) -> None:
    material = build_copy(tmp_path, "blog", "material", use_directory_urls=directory_urls)
    ours = build_copy(tmp_path, "blogposts", "ours", use_directory_urls=directory_urls)
    theirs, mine = html_pages(material), html_pages(ours)
    assert theirs - mine == set()
    assert mine - theirs == OURS_ONLY
    if directory_urls:  # the kinds of pages the issue names, as Material makes them
        assert {"blog/2024/01/31/tools-we-use/", "blog/2023/03/14/first-trip-to-the-coast/",
                "blog/archive/2024/", "blog/archive/2022/", "blog/category/field-work/",
                "blog/category/field-work/page/2/", "blog/category/café-culture/",
                "blog/author/grace-h/", "blog/author/grace-h/page/2/", "blog/author/ada/",
                "blog/page/2/", "blog/page/3/"} <= theirs
    # Images beside the posts are published where Material puts them.
    assert material.exists("blog/images/map.png") and ours.exists("blog/images/map.png")


def test_strict_build_is_clean_and_drafts_stay_out(tmp_path: Path) -> None:
    ours = build_copy(tmp_path, "blogposts", "ours", strict=True)
    assert not any("not-ready-yet" in page for page in html_pages(ours))
    assert "Not ready yet" not in ours.read("blog/category/tools/index.html")


def test_the_users_blog_index_gets_the_listing_appended(tmp_path: Path) -> None:
    ours = build_copy(tmp_path, "blogposts", "ours")
    text = main_text(ours, "blog/index.html")
    assert text.index("Notes from the field, newest first.") < text.index("Read this first")
    assert text.count(" Blog ") == 1  # the user's own heading, no second one
    assert "blog/index.md: the listing is appended to your page" in ours.messages(logging.INFO)


def test_pinned_posts_come_first_on_index_archive_and_category_pages(tmp_path: Path) -> None:
    ours = build_copy(tmp_path, "blogposts", "ours", {"pagination_per_page": 10,
                                                      "categories_allowed": []},
                      expected_warnings=[])
    assert card_titles(ours, "blog/index.html")[:2] == ["Read this first", "Spring survey"]
    assert card_titles(ours, "blog/archive/2022/index.html") == ["Read this first"]


def test_pin_within_a_category_and_year(make_site: Any) -> None:
    pinned = {"categories": ["News"], "pin": True}
    site = make_site({
        "blog/index.md": "# Blog\n",
        "blog/posts/a.md": "---\ndate: 2024-01-01\ncategories: [News]\n---\n# Old but pinned\n",
        "blog/posts/b.md": "---\ndate: 2024-05-01\ncategories: [News]\n---\n# Newest\n",
        "blog/posts/c.md": "---\n" + yaml.safe_dump({"date": "2024-03-01", **pinned})
                           + "---\n# Middle pinned\n",
    })
    expected = ["Middle pinned", "Newest", "Old but pinned"]
    assert card_titles(site, "blog/category/news/index.html") == expected
    assert card_titles(site, "blog/archive/2024/index.html") == expected


def test_authors_shown_with_name_and_avatar(tmp_path: Path) -> None:
    ours = build_copy(tmp_path, "blogposts", "ours")
    post_html = ours.read("blog/2024/01/31/tools-we-use/index.html")
    assert 'src="https://example.org/ada.png"' in post_html and ">Ada Lovelace</a>" in post_html
    assert 'src="../../../../../assets/grace.svg"' in post_html
    assert 'href="../../../../author/grace-h/"' in post_html
    card = ours.read("blog/index.html")
    assert 'src="../assets/grace.svg"' in card and "Grace Hopper" in card
    assert "Spring survey" in main_text(ours, "blog/author/grace-h/index.html")
    assert "Read this first" not in main_text(ours, "blog/author/grace-h/index.html")


def test_readtime_and_date_mapping(tmp_path: Path) -> None:
    ours = build_copy(tmp_path, "blogposts", "ours")
    assert "7 min read" in ours.read("blog/2024/01/31/tools-we-use/index.html")
    feed = ours.read("blog/feed.xml")
    assert "<updated>2023-04-01T00:00:00+00:00</updated>" in feed  # date.updated of first-trip


def test_meta_file_defaults_only_with_materials_meta_plugin(tmp_path: Path) -> None:
    ours = build_copy(tmp_path, "blogposts", "ours")
    assert "notes" in ours.read("blog/2024/03/20/spring-survey/index.html")
    root = tmp_path / "nometa"
    shutil.copytree(SITE, root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - meta\n", "").replace("  - blog:", "  - blogposts:")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    plain = run_build(root / "mkdocs.yml")
    assert not plain.exists("blog/tags/notes/index.html")


BLOG = {"blog/index.md": "# Blog\n"}


def test_unknown_author_key_is_one_warning(make_site: Any) -> None:
    site = make_site({**BLOG,
                      "blog/.authors.yml": "authors:\n  ada:\n    name: Ada\n    avatar: a.png\n",
                      "blog/posts/x.md": "---\ndate: 2024-01-01\nauthors: [ada, bob]\n---\n# X\n"},
                     expected_warnings=["blog/posts/x.md: 'authors' has 'bob', which "
                                        "blog/.authors.yml does not define; it is shown as "
                                        "written"])
    assert "bob" in site.read("blog/2024/01/01/x/index.html")


def test_category_not_allowed_is_left_out_with_a_warning(make_site: Any) -> None:
    config = {"plugins": [{"blogposts": {"categories_allowed": ["News"]}}]}
    site = make_site({**BLOG, "blog/posts/x.md":
                      "---\ndate: 2024-01-01\ncategories: [News, Gossip]\n---\n# X\n"}, config,
                     expected_warnings=["blog/posts/x.md: 'categories' must be one of "
                                        "categories_allowed (News), got 'Gossip'; that "
                                        "category is left out"])
    assert site.exists("blog/category/news/index.html")
    assert not site.exists("blog/category/gossip/index.html")


def test_options_changing_the_output_are_named_in_one_warning(make_site: Any) -> None:
    config = {"plugins": [{"blogposts": {"pagination_url_format": "p/{page}",
                                         "post_excerpt_separator": "<!-- cut -->",
                                         "archive_url_date_format": "yyyy/MM/dd",
                                         "blog_toc": True}}]}
    make_site({**BLOG, "blog/posts/x.md": "---\ndate: 2024-01-01\n---\n# X\n"}, config,
              expected_warnings=[
                  "mkdocs.yml: these options of Material's blog are not supported by "
                  "blogposts: post_excerpt_separator ('<!-- more -->' marks the excerpt); "
                  "pagination_url_format (pages 2, 3... are at page/2/, page/3/); "
                  "archive_url_date_format (archive pages are per year, at yyyy)"])


def test_options_changing_only_the_looks_are_one_note(make_site: Any) -> None:
    config = {"plugins": [{"blogposts": {"blog_toc": True, "pagination_format": "$link_first",
                                         "categories_name": "Topics"}}]}
    site = make_site({**BLOG, "blog/posts/x.md": "---\ndate: 2024-01-01\n---\n# X\n"}, config,
                     strict=True)
    assert site.messages(logging.INFO)[0] == (
        "mkdocs.yml: these options of Material's blog are not supported by blogposts: "
        "blog_toc (listings have no table of contents); categories_name (the nav says "
        "'Categories' in the blog's language); pagination_format (pages link to the newer "
        "and older page)")


def test_post_and_archive_date_formats(make_site: Any) -> None:
    options = {"post_date_format": "d MMM yyyy", "archive_date_format": "MMMM yyyy",
               "archive_url_date_format": "yyyy/MM"}
    site = make_site({**BLOG, "blog/posts/x.md": "---\ndate: 2024-03-05\n---\n# X\n\nText.\n"},
                     {"plugins": [{"blogposts": options}], "theme": {"name": "material"}})
    assert ">5 Mar 2024</time>" in site.read("blog/2024/03/05/x/index.html")
    assert "<h1 class=\"blogposts-title\">March 2024</h1>" in site.read(
        "blog/archive/2024/03/index.html")


def test_required_excerpt_names_the_post_without_one(make_site: Any) -> None:
    files = {**BLOG, "blog/posts/x.md": "---\ndate: 2024-01-01\n---\n# X\n\nOne.\n",
             "blog/posts/y.md": "---\ndate: 2024-01-02\n---\n# Y\n\nA.\n\n<!-- more -->\n\nB.\n"}
    site = make_site(files, {"plugins": [{"blogposts": {"post_excerpt": "required"}}]},
                     expected_warnings=["blog/posts/x.md: post_excerpt is 'required' but the "
                                        "post has no '<!-- more -->'; its first paragraph is "
                                        "its excerpt"])
    card = site.read("blog/index.html")
    assert "<h1" not in card.split('class="blogposts-card"')[1]  # the title is the card's


def test_materials_archive_false_and_our_archive_year(make_site: Any) -> None:
    files = {**BLOG, "blog/posts/x.md": "---\ndate: 2024-01-01\n---\n# X\n"}
    off = make_site(files, {"plugins": [{"blogposts": {"archive": False}}]})
    assert not off.exists("blog/archive/2024/index.html")
    assert not off.exists("blog/archive/index.html")
    assert off.exists("blog/2024/01/01/x/index.html")
    ours = make_site({"posts/x.md": post("X", "2024-01-01")},
                     {"plugins": [{"blogposts": {"archive": "year"}}]})
    assert ours.exists("blog/2024/index.html") and not ours.exists("blog/2024/01/index.html")


def test_draft_options(make_site: Any) -> None:
    files = {**BLOG, "blog/posts/d.md": "---\ndate: 2024-01-01\ndraft: true\n---\n# D\n",
             "blog/posts/f.md": "---\ndate: 2999-01-01\n---\n# Future\n"}
    default = make_site(files)
    assert not default.exists("blog/2024/01/01/d/index.html")
    assert default.exists("blog/2999/01/01/future/index.html")  # Material publishes it
    shown = make_site(files, {"plugins": [{"blogposts": {"draft": True,
                                                         "draft_if_future_date": True}}]})
    assert shown.exists("blog/2024/01/01/d/index.html")
    assert shown.exists("blog/2999/01/01/future/index.html")  # draft: true shows all
    hidden = make_site(files, {"plugins": [{"blogposts": {"draft_if_future_date": True}}]})
    assert not hidden.exists("blog/2999/01/01/future/index.html")


def test_post_url_format_fields(make_site: Any) -> None:
    options = {"post_url_format": "{categories}/{file}", "post_url_max_categories": 2}
    site = make_site({**BLOG, "blog/posts/My Note.md":
                      "---\ndate: 2024-01-01\ncategories: [A b, C]\n---\n# X\n"},
                     {"plugins": [{"blogposts": options}]})
    assert site.exists("blog/a-b/c/My Note/index.html")


def test_our_own_site_with_blog_posts_folder_keeps_its_urls(make_site: Any) -> None:
    site = make_site({"blog/posts/hello.md": post("Hello", "2024-01-01")})
    assert site.exists("blog/posts/hello/index.html")
    assert site.exists("blog/2024/index.html")


def test_author_profiles_in_each_language(make_site: Any) -> None:
    authors = "authors:\n  ada:\n    name: Ada\n    avatar: https://e.org/a.png\n"
    one = "---\ndate: 2024-01-0{day}\nlang: {lang}\nauthors: [ada]\n---\n# {title}\n"
    site = make_site({**BLOG, "blog/.authors.yml": authors,
                      "blog/posts/a.md": one.format(day=1, lang="en", title="Hello"),
                      "blog/posts/b.md": one.format(day=2, lang="fr", title="Bonjour")},
                     {"plugins": [{"blogposts": {"authors_profiles": True}}]})
    assert "Hello" in site.read("blog/en/author/ada/index.html")
    assert "Bonjour" in site.read("blog/fr/author/ada/index.html")
    assert "Hello" not in site.read("blog/fr/author/ada/index.html")


def build_both(tmp_path: Path, files: dict[str, str], options: dict[str, Any] | None,
               theme: dict[str, Any] | None = None) -> tuple[set[str], set[str]]:
    """HTML pages of one site built with Material's plugin and with ours, same options."""
    built = []
    for plugin in ("blog", "blogposts"):
        entry: Any = {plugin: options} if options else plugin
        config = {"theme": theme or {"name": "material"}, "plugins": [entry]}
        built.append(run_build(write_site(tmp_path / plugin, files, config)))
    return html_pages(built[0]), html_pages(built[1])


VARIANT = {
    "news/index.md": "# News\n",
    "news/.authors.yml": "authors:\n  jo:\n    name: Jo Ann\n    description: x\n"
                        "    avatar: https://e.org/j.png\n",
    "news/articles/a.md": "---\ndate: 2023-12-31T23:30:00\ncategories: [Big News, Ünïcode Ça]\n"
                          "authors: [jo]\n---\n# Année «nouvelle» & co!\n\nText\n",
    "news/articles/sub/b.md": "---\ndate: 2024-02-29\nslug: leap\n---\n# Leap\n\nText\n",
    "news/articles/c.md": "---\ndate: 2024-02-01\ntitle: 'C: the title'\n"
                          "categories: [Big News]\n---\nBody\n",
}


def test_same_urls_with_materials_url_options_changed(tmp_path: Path) -> None:
    options = {"blog_dir": "news", "post_dir": "{blog}/articles",
               "post_url_format": "{categories}/{slug}", "post_url_date_format": "yyyy/MM",
               "post_url_max_categories": 2, "archive_url_date_format": "yyyy/MM",
               "archive_url_format": "by-date/{date}", "categories_url_format": "topics/{slug}",
               "authors_profiles": True, "authors_profiles_url_format": "people/{slug}",
               "pagination_per_page": 1}
    theirs, mine = build_both(tmp_path, VARIANT, options, {"name": "material", "language": "fr"})
    assert theirs - mine == set()
    assert {"news/big-news/ünïcode-ça/année-nouvelle--co/", "news/by-date/2024/02/page/2/",
            "news/people/jo/", "news/topics/big-news/page/2/", "news/leap/"} <= theirs
    assert mine - theirs == {"news/archive/", "news/authors/", "news/categories/",
                             "news/by-date/2023/", "news/by-date/2024/"}


def test_same_urls_with_no_options_at_all(tmp_path: Path) -> None:
    files = {"blog/index.md": "# Blog\n",
             "blog/posts/one.md": "---\ndate: 2024-05-01\ncategories: [Misc]\n---\n# One\n",
             "blog/posts/two.md": "---\ndate: 2021-01-02 10:00:00\n---\n# Two, again\n"}
    theirs, mine = build_both(tmp_path, files, None)
    assert theirs - mine == set()
    assert {"blog/2024/05/01/one/", "blog/2021/01/02/two-again/", "blog/category/misc/",
            "blog/archive/2021/"} <= theirs


def test_related_links_on_the_post(tmp_path: Path) -> None:
    ours = build_copy(tmp_path, "blogposts", "ours")
    footer = ours.read("blog/2024/01/31/tools-we-use/index.html").split(
        'class="blogposts-related-links"')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', footer) == [
        ("../../../../../", "Field notes"), ("../../../03/20/spring-survey/", "The survey"),
        ("https://www.python.org/", "Python")]


def test_related_link_to_no_file_is_one_warning(make_site: Any) -> None:
    make_site({**BLOG, "blog/posts/x.md":
               "---\ndate: 2024-01-01\nlinks: [nowhere.md, 3]\n---\n# X\n"},
              expected_warnings=[
                  "blog/posts/x.md: 'links' items must be a path, a URL or 'Title: path', got "
                  "3; ignored",
                  "blog/posts/x.md: 'links' has 'nowhere.md', which is not a file of the site; "
                  "that link is left out"])


def test_same_urls_with_views_switched_off(tmp_path: Path) -> None:
    files = {"blog/index.md": "# Blog\n", **{
        f"blog/posts/p{day}.md": f"---\ndate: 2024-01-{day:02d}\ncategories: [Misc]\n---\n"
                                 f"# Post {day}\n\nText.\n" for day in range(1, 5)}}
    options = {"categories": False, "pagination": False, "archive_pagination": True,
               "archive_pagination_per_page": 3, "post_readtime": False}
    theirs, mine = build_both(tmp_path, files, options)
    assert theirs - mine == set()
    assert "blog/archive/2024/page/2/" in theirs and "blog/page/2/" not in theirs
    assert not any(page.startswith("blog/category/") for page in mine)
    assert mine - theirs == {"blog/archive/"}


def test_same_urls_for_a_blog_at_the_sites_root(tmp_path: Path) -> None:
    files = {"index.md": "# My blog\n\nWelcome.\n", "about.md": "# About\n",
             "posts/img/a.png": "PNG",
             "posts/one.md": "---\ndate: 2024-05-01\ncategories: [Misc]\n---\n# One\n\n"
                             "![a](img/a.png)\n",
             "posts/two.md": "---\ndate: 2023-01-02\n---\n# Two\n\nText.\n"}
    options = {"blog_dir": ".", "pagination_per_page": 1}
    theirs, mine = build_both(tmp_path, files, options)
    assert theirs - mine == set()
    assert {"2024/05/01/one/", "archive/2023/", "category/misc/", "page/2/"} <= theirs
    assert mine - theirs == {"archive/", "categories/"}
    assert (tmp_path / "blogposts" / "site" / "img" / "a.png").is_file()
    assert (tmp_path / "blogposts" / "site" / "feed.xml").is_file()


def test_authors_file_values_are_text_and_safe_links(make_site: Any) -> None:
    authors = ("authors:\n  x:\n    name: '<img src=x onerror=alert(1)>'\n"
               "    description: '\"><script>alert(2)</script>'\n"
               "    avatar: 'javascript:alert(3)'\n    url: 'javascript:alert(4)'\n")
    site = make_site({**BLOG, "blog/.authors.yml": authors,
                      "blog/posts/p.md": "---\ndate: 2024-01-01\nauthors: [x]\n---\n# P\n"},
                     expected_warnings=[
                         "blog/.authors.yml: 'x.avatar' must be an http(s) URL or a path, got "
                         "'javascript:alert(3)'; ignored",
                         "blog/.authors.yml: 'x.url' must be an http(s) URL or a path, got "
                         "'javascript:alert(4)'; ignored"])
    html = site.read("blog/2024/01/01/p/index.html")
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "javascript:" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_broken_authors_file_is_one_warning(make_site: Any) -> None:
    make_site({**BLOG, "blog/.authors.yml": "authors: [unclosed\n",
               "blog/posts/p.md": "---\ndate: 2024-01-01\nauthors: [x]\n---\n# P\n"},
              expected_warnings=["blog/.authors.yml: must be valid YAML, got an error at line 2; "
                                 "no author is shown",
                                 "blog/posts/p.md: 'authors' has 'x', which blog/.authors.yml "
                                 "does not define; it is shown as written"])
