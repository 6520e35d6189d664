"""Feeds: valid Atom, RSS and JSON Feed per language, whatever the posts hold."""

from __future__ import annotations

import html
import json
import logging
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import feedparser
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_blogposts.feed_content import feed_html, xml_text
from mkdocs_blogposts.feeds import choose_entries, entry_id, rfc822, rfc3339
from mkdocs_blogposts.model import Post, Status
from tests.conftest import REPO, BuiltSite, post, run_build, write_site
from tests.feed_checks import (
    ATOM,
    XML_LANG,
    built_path,
    check_atom,
    check_json_feed,
    check_rss,
    is_absolute,
)
from tests.test_corpus import HIDDEN_OR_UNPUBLISHED, build_corpus

EXAMPLE_URL = "https://example.org/atelier-lumen/"
# Folders of the example site's feeds: language and number of published posts.
EXAMPLE_FEEDS = {"blog/": (None, 19), "blog/fr/": ("fr", 11), "blog/en/": ("en", 8)}
FILES = ("feed.xml", "rss.xml", "feed.json")
NO_SITE_URL = ("feeds need absolute URLs: set 'site_url' in mkdocs.yml "
               "(e.g. site_url: https://example.org/); no feed is written")
FEED_TYPES = ("application/atom+xml", "application/rss+xml", "application/feed+json")
LINK_RE = re.compile(r"<link\b[^>]*>")
ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def plugin(**options: Any) -> dict[str, Any]:
    """mkdocs.yml settings that give the plugin `options`."""
    return {"plugins": [{"blogposts": options}]}


def feed_links(page_html: str) -> list[tuple[str, str]]:
    """(type, href) of each feed a page announces in its <head>."""
    head = page_html.split("</head>")[0]
    links = [dict(ATTR_RE.findall(tag)) for tag in LINK_RE.findall(head)]
    return [(link["type"], html.unescape(link["href"])) for link in links
            if link.get("rel") == "alternate" and link.get("type") in FEED_TYPES]


def check_folder(site: BuiltSite, folder: str, site_url: str) -> dict[str, Any]:
    """Validate the three feeds of `folder`; return them parsed, by format."""
    atom, rss, feed_json = (site.read(folder + name) for name in FILES)
    assert check_atom(atom) == [], folder
    assert check_rss(rss) == [], folder
    assert check_json_feed(feed_json) == [], folder
    parsed = {"atom": feedparser.parse(atom), "rss": feedparser.parse(rss),
              "json": json.loads(feed_json)}
    for name in ("atom", "rss"):
        assert parsed[name].bozo == 0, (folder, name, parsed[name].get("bozo_exception"))
        for entry in parsed[name].entries:
            assert built_path(site.site_dir, entry.link, site_url).is_file(), entry.link
    atom_entries = parsed["atom"].entries
    assert [e.id for e in atom_entries] == [e.id for e in parsed["rss"].entries] == [
        item["id"] for item in parsed["json"]["items"]]
    assert [e.link for e in atom_entries] == [item["url"] for item in parsed["json"]["items"]]
    assert [e.title for e in atom_entries] == [item["title"] for item in parsed["json"]["items"]]
    published = [item["date_published"] for item in parsed["json"]["items"]]
    assert published == sorted(published, key=datetime.fromisoformat, reverse=True)
    return parsed


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The example site, built into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("example") / "site"
    return run_build(REPO / "example_site" / "mkdocs.yml", site_dir=str(site_dir))


@pytest.mark.parametrize("folder", list(EXAMPLE_FEEDS))
def test_example_feeds_are_valid_and_agree(example: BuiltSite, folder: str) -> None:
    lang, count = EXAMPLE_FEEDS[folder]
    parsed = check_folder(example, folder, EXAMPLE_URL)
    for name in ("atom", "rss"):
        assert len(parsed[name].entries) == count
        assert parsed[name].feed.get("language") == lang
    assert parsed["json"].get("language") == lang
    atom = ET.fromstring(example.read(folder + "feed.xml"))
    for entry, item in zip(atom.iter(f"{ATOM}entry"), parsed["json"]["items"]):
        page = built_path(example.site_dir, item["url"], EXAMPLE_URL).read_text("utf-8")
        assert entry.get(XML_LANG) == item["language"]
        assert f'<html lang="{item["language"]}"' in page
        assert lang in (None, item["language"])


def test_example_feeds_leave_out_drafts(example: BuiltSite) -> None:
    for folder in EXAMPLE_FEEDS:
        for name in FILES:
            assert "un-budget-de-performance" not in example.read(folder + name)


@pytest.mark.parametrize(("page", "feeds"), [
    ("blog/index.html", "blog/"),
    ("blog/fr/index.html", "blog/fr/"),
    ("blog/en/tags/index.html", "blog/en/"),
    ("blog/fr/2024/11/index.html", "blog/fr/"),
    ("journal/2023/07/ete-a-bordeaux/index.html", "blog/fr/"),
    ("tech/2025/03/css-container-queries/index.html", "blog/en/"),  # .en.md, the default
    ("fr/tech/2025/03/css-container-queries/index.html", "blog/fr/"),
])
def test_every_blog_page_announces_its_language_feeds(example: BuiltSite, page: str,
                                                      feeds: str) -> None:
    expected = [(kind, EXAMPLE_URL + feeds + name) for kind, name in zip(FEED_TYPES, FILES)]
    assert feed_links(example.read(page)) == expected
    for _, url in expected:
        assert built_path(example.site_dir, url, EXAMPLE_URL).is_file()


def test_other_pages_announce_no_feed(example: BuiltSite) -> None:
    assert feed_links(example.read("about/index.html")) == []
    assert feed_links(example.read("index.html")) == []


def test_listings_show_links_to_their_feeds(example: BuiltSite) -> None:
    listing = example.read("blog/fr/index.html")
    assert '<a href="feed.xml" type="application/atom+xml">Flux Atom</a>' in listing


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The 832-post corpus, built once for these tests."""
    return build_corpus(tmp_path_factory.mktemp("corpus"), "mkdocs")


# Four posts are in English, one of them hidden (default/2005/01/typo-test).
@pytest.mark.parametrize(("folder", "lang", "count"),
                         [("blog/", None, 20), ("blog/fr/", "fr", 20), ("blog/en/", "en", 3)])
def test_corpus_feeds(corpus: BuiltSite, folder: str, lang: str | None, count: int) -> None:
    parsed = check_folder(corpus, folder, "https://borisschapira.com/")
    assert len(parsed["atom"].entries) == len(parsed["rss"].entries) == count
    assert parsed["rss"].feed.get("language") == lang
    for item in parsed["json"]["items"]:
        assert not any(item["id"].endswith(uri) for uri in HIDDEN_OR_UNPUBLISHED)
        assert lang in (None, item["language"])


HOSTILE_TITLE = "]]> <script>alert(1)</script> &amp; a\x01b \u202eevil 😀 שלום"
HOSTILE_BODY = ("First ]]> paragraph &amp; a\x01b \u202eevil 😀 שלום עולם.\n\n"
                "<script>alert(1)</script>\n\n"
                '<img src="x.png" onerror="alert(2)">\n\n'
                '<a href="javascript:alert(3)">click</a>\n')


def test_hostile_post_yields_valid_feeds_with_text_intact(make_site: Any) -> None:
    site = make_site({"hostile.md": post(HOSTILE_TITLE, "2024-05-01", body=HOSTILE_BODY)},
                     plugin(feeds={"full_content": True}))
    title = "]]> <script>alert(1)</script> & ab \u202eevil 😀 שלום"
    parsed = check_folder(site, "blog/", "https://example.com/")
    atom = ET.fromstring(site.read("blog/feed.xml"))
    rss = ET.fromstring(site.read("blog/rss.xml"))
    contents = [
        atom.findtext(f"{ATOM}entry/{ATOM}content") or "",
        rss.findtext("channel/item/description") or "",
        parsed["json"]["items"][0]["content_html"],
    ]
    assert atom.findtext(f"{ATOM}entry/{ATOM}title") == title
    assert rss.findtext("channel/item/title") == title
    assert parsed["json"]["items"][0]["title"] == title
    assert parsed["atom"].entries[0].title == title
    for content in contents:
        text = html.unescape(re.sub(r"<[^>]+>", "", content))
        assert "First ]]> paragraph & ab \u202eevil 😀 שלום עולם." in text
        assert "<script" not in content and "onerror" not in content
        assert "javascript:" not in content and "\x01" not in content
        assert '<img src="https://example.com/hostile/x.png">' in content


def test_drafts_future_hidden_and_expired_posts_never_appear(make_site: Any) -> None:
    site = make_site({
        "shown.md": post("Shown", "2024-01-01"),
        "draft.md": post("Draft", "2024-01-02", draft=True),
        "unpublished.md": post("Unpublished", "2024-01-03", published=False),
        "hidden.md": post("Hidden", "2024-01-04", hidden=True),
        "expired.md": post("Expired", "2024-01-05", expires="2024-02-01"),
        "future.md": post("Future", "2999-01-01"),
    })
    for name in FILES:
        text = site.read("blog/" + name)
        assert "Shown" in text
        for title in ("Draft", "Unpublished", "Hidden", "Expired", "Future"):
            assert title not in text


def test_serve_previews_drafts_in_listings_but_never_in_feeds(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = write_site(tmp_path, {"shown.md": post("Shown", "2024-01-01"),
                                        "draft.md": post("Draft post", "2024-01-02", draft=True),
                                        "future.md": post("Future post", "2999-01-01")})
    config = load_config(str(config_file))
    config.plugins.on_startup(command="serve", dirty=False)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(config, serve_url="http://127.0.0.1:8000/")
    site_dir = Path(config.site_dir)
    assert "Draft post" in (site_dir / "blog/index.html").read_text("utf-8")
    for name in FILES:
        text = (site_dir / "blog" / name).read_text("utf-8")
        assert "Shown" in text and "Draft post" not in text and "Future post" not in text
    assert [r for r in caplog.records if r.name.startswith("mkdocs.plugins")] == []


def test_without_site_url_one_warning_and_no_feeds(make_site: Any) -> None:
    site = make_site({"a.md": post("A", "2024-01-01"), "b.md": post("B", "2024-01-02", "fr")},
                     {"site_url": None}, expected_warnings=[NO_SITE_URL])
    written = [p for name in FILES for p in site.site_dir.rglob(name)]
    assert written == []
    for page in site.site_dir.rglob("*.html"):
        text = page.read_text("utf-8")
        assert feed_links(text) == [] and "blogposts-feeds" not in text


def test_one_language_blog_has_only_the_blog_feeds(make_site: Any) -> None:
    site = make_site({"a.md": post("A", "2024-01-01", "de")}, plugin(feeds={"limit": 1}))
    assert sorted(p.relative_to(site.site_dir).as_posix() for name in FILES
                  for p in site.site_dir.rglob(name)) == [f"blog/{name}" for name in sorted(FILES)]
    assert feedparser.parse(site.read("blog/feed.xml")).feed.language == "de"


def test_a_blog_without_posts_has_valid_empty_feeds(make_site: Any) -> None:
    site = make_site({"index.md": "# Home\n"})
    assert check_atom(site.read("blog/feed.xml")) == check_rss(site.read("blog/rss.xml")) == []
    assert json.loads(site.read("blog/feed.json"))["items"] == []


def test_limit_keeps_the_newest_posts(make_site: Any) -> None:
    files = {f"p{day}.md": post(f"Post {day}", f"2024-01-{day:02d}") for day in range(1, 6)}
    site = make_site(files, plugin(feeds={"limit": 2}))
    titles = [e.title for e in feedparser.parse(site.read("blog/rss.xml")).entries]
    assert titles == ["Post 5", "Post 4"]


def test_formats_can_be_switched_off(make_site: Any) -> None:
    site = make_site({"a.md": post("A", "2024-01-01")}, plugin(feeds={"rss": False, "json": False}))
    assert site.exists("blog/feed.xml")
    assert not site.exists("blog/rss.xml") and not site.exists("blog/feed.json")
    assert feed_links(site.read("a/index.html")) == [
        ("application/atom+xml", "https://example.com/blog/feed.xml")]


def test_entries_carry_dates_authors_categories_and_language(make_site: Any) -> None:
    site = make_site({
        "a.md": post("A", "2024-01-01 10:00:00 +0200", "fr", author="Zoé", tags=["x", "y"],
                     categories=["Web"], updated="2024-03-01"),
        "b.md": post("B", "2024-01-02", "en"),
    }, {"site_author": "Site Author", **plugin(timezone="Europe/Paris")})
    atom = feedparser.parse(site.read("blog/fr/feed.xml"))
    entry = atom.entries[0]
    assert entry.published == "2024-01-01T10:00:00+02:00"
    assert entry.updated == "2024-03-01T00:00:00+01:00"
    assert entry.author == "Zoé"
    assert [tag.term for tag in entry.tags] == ["Web", "x", "y"]
    rss = feedparser.parse(site.read("blog/en/rss.xml"))
    assert rss.entries[0].published == "Tue, 02 Jan 2024 00:00:00 +0100"
    assert rss.entries[0].author == "Site Author"
    assert feedparser.parse(site.read("blog/feed.xml")).feed.author == "Site Author"


def test_feed_author_falls_back_to_site_name(make_site: Any) -> None:
    site = make_site({"a.md": post("A", "2024-01-01")})
    atom = ET.fromstring(site.read("blog/feed.xml"))
    assert atom.findtext(f"{ATOM}author/{ATOM}name") == "Test blog"
    assert atom.find(f"{ATOM}entry/{ATOM}author") is None


def test_full_content_links_and_images_are_absolute(make_site: Any,
                                                    use_directory_urls: bool) -> None:
    body = "Intro.\n\n<!-- more -->\n\n![A cat](cat.png)\n\nSee [the other](other.md#top).\n"
    site = make_site({"posts/one.md": post("One", "2024-01-02", body=body),
                      "posts/cat.png": b"\x89PNG\r\n\x1a\n",
                      "posts/other.md": post("Other", "2024-01-01")},
                     {"use_directory_urls": use_directory_urls,
                      **plugin(feeds={"full_content": True})})
    item = json.loads(site.read("blog/feed.json"))["items"][0]
    urls = re.findall(r'(?:src|href)="([^"]+)"', item["content_html"])
    assert len(urls) == 2 and all(is_absolute(url) for url in urls)
    for url in urls:
        assert built_path(site.site_dir, url, "https://example.com/").is_file(), url
    excerpt = make_site({"one.md": post("One", "2024-01-02", body=body)})
    content = json.loads(excerpt.read("blog/feed.json"))["items"][0]["content_html"]
    assert content == "<p>Intro.</p>"


def test_per_term_feeds(make_site: Any) -> None:
    site = make_site({"a.md": post("A", "2024-01-01", tags=["Café"]),
                      "b.md": post("B", "2024-01-02", tags=["Other"])},
                     plugin(feeds={"per_term": True}))
    parsed = check_folder(site, "blog/tags/cafe/", "https://example.com/")
    assert [e.title for e in parsed["atom"].entries] == ["A"]
    assert feed_links(site.read("blog/tags/cafe/index.html"))[0] == (
        "application/atom+xml", "https://example.com/blog/tags/cafe/feed.xml")
    assert len(feed_links(site.read("blog/tags/cafe/index.html"))) == 6


def test_a_feed_file_of_the_user_is_kept(make_site: Any) -> None:
    site = make_site({"a.md": post("A", "2024-01-01"), "blog/feed.xml": "<mine/>"})
    assert site.read("blog/feed.xml") == "<mine/>"
    assert "blog/feed.xml: your file is used instead of the generated feed" in site.messages(
        logging.INFO)
    assert site.exists("blog/rss.xml")


def make_post(title: str, status: Status = Status.PUBLISHED, day: int = 1) -> Post:
    """A post as the model holds it, for the pure functions."""
    return Post("posts/hello.md" if day == 1 else f"posts/{day}.md", title,
                datetime(2024, 5, day, 9, 30, tzinfo=timezone(timedelta(hours=2))), "fr",
                "hello", status)


def test_entry_id_is_stable_when_the_title_changes() -> None:
    first = entry_id("https://example.org/blog/", make_post("Hello"))
    assert first == entry_id("https://example.org/blog/", make_post("Bonjour"))
    assert first == "tag:example.org,2024:blog/posts/hello.md"
    assert entry_id("https://example.org/", make_post("Hello", day=2)) != first


def test_choose_entries_keeps_published_posts_newest_first() -> None:
    posts = [make_post(status.value, status, day) for day, status in enumerate(Status, start=1)]
    posts.append(make_post("newest", day=28))
    assert [p.title for p in choose_entries(posts, 5)] == ["newest", "published"]
    assert [p.title for p in choose_entries(posts, 1)] == ["newest"]


def test_dates() -> None:
    moment = datetime(2024, 5, 1, 9, 30, 15, 123, tzinfo=timezone(timedelta(hours=2)))
    assert rfc3339(moment) == "2024-05-01T09:30:15+02:00"
    assert rfc822(moment) == "Wed, 01 May 2024 09:30:15 +0200"


def test_xml_text_drops_only_what_xml_forbids() -> None:
    assert xml_text("a\x01b\x08\x0b\x0c\ufffe\uffff\ud800c") == "abc"
    kept = "tab\t nl\n cr\r \u202e 😀 שלום \u2028"
    assert xml_text(kept) == kept


def test_feed_html_is_absolute_and_inert() -> None:
    source = ('<p onclick="x()">a &amp; b <a href="../o/#f">o</a> <a href="/r">r</a> '
              '<img src="i.png" srcset="i.png 1x, j.png 2x"></p><!-- c -->'
              '<script>alert("</p>")</script><style>p{}</style>'
              '<a href="JaVaScript:alert(1)">j</a><iframe srcdoc="<script>"></iframe>')
    assert feed_html(source, "https://ex.org/s/post/") == (
        '<p>a &amp; b <a href="https://ex.org/s/o/#f" rel="noopener noreferrer">o</a> '
        '<a href="https://ex.org/r" rel="noopener noreferrer">r</a> '
        '<img src="https://ex.org/s/post/i.png" '
        'srcset="https://ex.org/s/post/i.png 1x, https://ex.org/s/post/j.png 2x"></p>'
        '<a rel="noopener noreferrer">j</a>'
    )
