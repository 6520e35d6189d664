"""`post_url` moves posts, with their page bundle's files, and keeps every link working."""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_blogposts.permalinks import dest_of, url_of
from mkdocs_blogposts.url_patterns import check_pattern
from tests.conftest import BuiltSite, post, write_site

PATTERN = {"plugins": [{"blogposts": {"post_url": "{lang}/{yyyy}/{mm}/{slug}/"}}]}


def with_pattern(pattern: str, **settings: object) -> dict[str, object]:
    return {"plugins": [{"blogposts": {"post_url": pattern}}], **settings}


def target(site: BuiltSite, page: str, url: str) -> Path:
    """The file a relative URL on built page `page` leads to."""
    path = site.site_dir / posixpath.normpath(posixpath.join(posixpath.dirname(page), url))
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def image_urls(html: str) -> list[str]:
    """The relative `src` of every <img> in some HTML."""
    return [u for u in re.findall(r'<img [^>]*?src="([^"]+)"', html)
            if not u.startswith(("http", "/", "data:"))]


def test_posts_move_to_the_pattern_and_links_to_them_follow(make_site, use_directory_urls):
    site = make_site(
        {
            "index.md": "# Home\n\nRead [Confiance](default/2016/04/confiance/index.md).\n",
            "default/2016/04/confiance/index.md": post("Confiance", "2016-04-29", "fr",
                                                       section="default"),
            "trips/summer/index.md": post("L'été à Paris !", "2016-07-14", "fr"),
            "notes/slugged.md": post("Whatever", "2016-07-15", "en", slug="my-own-slug"),
        },
        with_pattern("{lang}/{yyyy}/{mm}/{slug}/", use_directory_urls=use_directory_urls),
    )
    for page in ("fr/2016/04/confiance/index.html", "fr/2016/07/l-ete-a-paris/index.html",
                 "en/2016/07/my-own-slug/index.html"):
        assert site.exists(page), page
    assert not (site.site_dir / "default").exists()
    assert not (site.site_dir / "notes").exists()
    assert not (site.site_dir / "trips").exists()
    home = site.read("index.html")
    link = re.search(r'<a href="([^"]+)">Confiance</a>', home)
    assert link is not None
    assert target(site, "index.html", link.group(1)) == \
        site.site_dir / "fr/2016/04/confiance/index.html"
    listing = "blog/fr/index.html"
    cards = re.findall(r'class="blogposts-card-title"><a href="([^"]+)"', site.read(listing))
    assert sorted(target(site, listing, href).relative_to(site.site_dir).as_posix()
                  for href in cards) == ["fr/2016/04/confiance/index.html",
                                         "fr/2016/07/l-ete-a-paris/index.html"]
    expected = "fr/2016/04/confiance/" if use_directory_urls else \
        "fr/2016/04/confiance/index.html"
    assert f"https://example.com/{expected}</loc>" in site.read("sitemap.xml")


def test_a_pattern_ending_in_html_gives_files(make_site, use_directory_urls):
    site = make_site({"p/2016-04-29-confiance.md": post("Confiance", "2016-04-29", "fr")},
                     with_pattern("{section}/{yyyy}/{slug}.html",
                                  use_directory_urls=use_directory_urls))
    assert site.exists("p/2016/confiance.html")


def test_two_posts_on_one_url_warn_once_naming_both(make_site, use_directory_urls):
    own = "b/hello/" if use_directory_urls else "b/hello.html"
    site = make_site(
        {"a/hello.md": post("Hello", "2016-04-01"), "b/hello.md": post("Hello", "2016-04-02")},
        with_pattern("{lang}/{yyyy}/{mm}/{slug}/", use_directory_urls=use_directory_urls),
        expected_warnings=[f"b/hello.md: post_url gives 'en/2016/04/hello/', the URL of "
                           f"a/hello.md too; it keeps its own URL '{own}'"],
    )
    assert site.exists("en/2016/04/hello/index.html")
    assert site.exists("b/hello/index.html" if use_directory_urls else "b/hello.html")
    assert "2016-04-01" in site.read("en/2016/04/hello/index.html")


def test_a_post_never_takes_the_url_of_a_users_page(make_site):
    site = make_site(
        {"en/2016/04/hello/index.md": "# My page\n", "hello.md": post("Hello", "2016-04-02")},
        PATTERN,
        expected_warnings=["hello.md: post_url gives 'en/2016/04/hello/', already the URL of "
                           "en/2016/04/hello/index.md; it keeps its own URL 'hello/'"],
    )
    assert "My page" in site.read("en/2016/04/hello/index.html")
    assert site.exists("hello/index.html")


def test_a_page_bundle_moves_with_its_images(make_site, use_directory_urls):
    body = ("![Markdown](photo.png) <img src=\"img/map.svg\" alt=\"raw\">\n\n"
            "[Other](../../other.md)\n\n<!-- more -->\n\nRest.\n")
    site = make_site(
        {
            "other.md": "# Other\n",
            "trips/ete/index.md": post("L'été à Paris !", "2016-07-14", "fr", body=body),
            "trips/ete/photo.png": b"\x89PNG",
            "trips/ete/img/map.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        },
        with_pattern("{lang}/{yyyy}/{slug}/", use_directory_urls=use_directory_urls),
    )
    page = "fr/2016/l-ete-a-paris/index.html"
    assert site.exists("fr/2016/l-ete-a-paris/photo.png")
    assert site.exists("fr/2016/l-ete-a-paris/img/map.svg")
    assert not (site.site_dir / "trips").exists()
    html = site.read(page)
    for url in image_urls(html):
        assert target(site, page, url).is_file(), url
    other = re.search(r'<a href="([^"]+)">Other</a>', html)
    assert other is not None and target(site, page, other.group(1)).is_file()
    listing = "blog/index.html"
    excerpt = site.read(listing).split('class="blogposts-excerpt"')[1].split("</div>")[0]
    assert len(image_urls(excerpt)) == 2
    for url in image_urls(excerpt):
        assert target(site, listing, url).is_file(), url


def test_shared_media_stay_and_raw_html_links_are_repaired(make_site, use_directory_urls):
    # Raw HTML is written for the page's own URL: 'notes/ete/' or 'notes/ete.html'.
    raw = "../photo.png" if use_directory_urls else "photo.png"
    site = make_site(
        {
            "notes/ete.md": post("Été", "2016-07-14", "fr",
                                 body=f'![md](photo.png) <img src="{raw}" alt="raw">'),
            "notes/hiver.md": post("Hiver", "2016-12-21", "fr", body="![md](photo.png)"),
            "notes/photo.png": b"\x89PNG",
            "notes/index.md": "# Notes\n",
        },
        with_pattern("{yyyy}/{slug}/", use_directory_urls=use_directory_urls),
    )
    assert site.exists("notes/photo.png")
    for page in ("2016/ete/index.html", "2016/hiver/index.html"):
        srcs = image_urls(site.read(page))
        assert srcs and all(target(site, page, url) == site.site_dir / "notes/photo.png"
                            for url in srcs), (page, srcs)


def test_a_bundle_with_other_pages_keeps_its_files_in_place(make_site):
    site = make_site(
        {
            "trips/ete/index.md": post("Été", "2016-07-14", "fr", body="![md](photo.png)"),
            "trips/ete/annex.md": "# Annex\n\n![md](photo.png)\n",
            "trips/ete/photo.png": b"\x89PNG",
        },
        with_pattern("{yyyy}/{slug}/"),
    )
    assert site.exists("trips/ete/photo.png")
    assert site.exists("trips/ete/annex/index.html")
    srcs = image_urls(site.read("2016/ete/index.html"))
    assert [target(site, "2016/ete/index.html", u) for u in srcs] == \
        [site.site_dir / "trips/ete/photo.png"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{year}/{slug}/", "may only use the placeholders {lang}, {lang_prefix}, {yyyy}, {mm}, "
                           "{dd}, {slug}, {name}, {section}, got {year} in '{year}/{slug}/'"),
        ("{slug:>9}/", "may only use the placeholders {lang}, {lang_prefix}, {yyyy}, {mm}, {dd}, "
                       "{slug}, {name}, {section}, got {slug:>9} in '{slug:>9}/'"),
        ("{yyyy}/{mm}/", "must contain {slug} or {name} so that posts get distinct URLs, such as "
                         "'{lang}/{yyyy}/{mm}/{slug}/', got '{yyyy}/{mm}/'"),
        ("{yyyy/{slug}/", "has an unbalanced '{' or '}' (use a pattern such as "
                          "'{lang}/{yyyy}/{mm}/{slug}/'), got '{yyyy/{slug}/'"),
        ("../{slug}/", "must be a path inside the site without '..', '\\', '%', ':', '?' or "
                       "'#', such as '{lang}/{yyyy}/{mm}/{slug}/', got '../{slug}/'"),
        ("{slug}/?p=1", "must be a path inside the site without '..', '\\', '%', ':', '?' or "
                        "'#', such as '{lang}/{yyyy}/{mm}/{slug}/', got '{slug}/?p=1'"),
    ],
)
def test_a_bad_pattern_is_a_configuration_error(tmp_path, caplog, pattern, message):
    config_file = write_site(tmp_path, {"index.md": "# Home\n"}, with_pattern(pattern))
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        load_config(str(config_file))
    assert f"Config value 'plugins': Plugin 'blogposts' option 'post_url': {message}" in \
        [record.getMessage() for record in caplog.records]


@pytest.mark.parametrize(
    ("pattern", "normal"),
    [
        ("{lang}/{yyyy}/{mm}/{slug}/", "{lang}/{yyyy}/{mm}/{slug}/"),
        ("/{yyyy}/{slug}", "{yyyy}/{slug}/"),
        ("{section}/{yyyy}/{mm}/{dd}/{slug}.html", "{section}/{yyyy}/{mm}/{dd}/{slug}.html"),
    ],
)
def test_patterns_are_normalised(pattern, normal):
    assert check_pattern(pattern) == normal


def test_output_paths_and_urls():
    assert dest_of("fr/2016/confiance/") == "fr/2016/confiance/index.html"
    assert dest_of("2016/confiance.html") == "2016/confiance.html"
    assert dest_of("a/../b/") is None
    assert dest_of("") is None
    assert url_of("fr/2016/été/index.html", True) == "fr/2016/%C3%A9t%C3%A9/"
    assert url_of("fr/2016/été/index.html", False) == "fr/2016/%C3%A9t%C3%A9/index.html"
    assert url_of("index.html", True) == "index.html"


def test_name_placeholder_keeps_the_file_or_folder_name(make_site):
    site = make_site(
        {
            "default/2016/04/confiance/index.md": post("Confiance en soi", "2016-04-29", "fr"),
            "posts/2016-05-02-hello-world.en.md": "---\ntitle: Hi there\ntype: post\n---\nHi.",
            "posts/odd name.md": post("Odd name", "2016-06-01"),
        },
        {"plugins": [{"blogposts": {"post_url": "{yyyy}/{mm}/{name}/"}}]},
    )
    assert site.exists("2016/04/confiance/index.html")
    assert site.exists("2016/05/hello-world/index.html")
    assert site.exists("2016/06/odd-name/index.html")  # not a URL segment: the slug is used
