"""sitemap.xml: true dates, language alternates, left-out pages; valid against the 0.9 schema."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone
from typing import Any

import pytest
from discovery_checks import validate_sitemap

from mkdocs_blogposts.sitemap import Entry, gzip_mtime, rewrite
from tests.conftest import post

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = {
    "index.md": "# Home\n",
    "about.md": "# About\n",
    "posts/hello.md": post("Hello", "2023-03-04", "en", translationKey="hello",
                           updated="2024-02-01", tags=["a"]),
    "posts/bonjour.md": post("Bonjour", "2023-03-05", "fr", translationKey="hello", tags=["a"]),
    "posts/solo.md": post("Solo", "2022-01-01", "en", aliases=["/old/solo/"]),
    "posts/hidden.md": post("Hidden", "2022-02-01", "en", hidden=True),
    "posts/draft.md": post("Draft", "2022-03-01", "en", draft=True),
}


def _urls(text: str) -> dict[str, dict[str, Any]]:
    root = ET.fromstring(text)
    found = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS) or ""
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        found[loc] = {"lastmod": url.findtext("s:lastmod", namespaces=NS), "links": links}
    return found


def test_sitemap_dates_languages_and_left_out_pages(make_site: Any,
                                                   use_directory_urls: bool) -> None:
    site = make_site(SITE, {"use_directory_urls": use_directory_urls})
    text = site.read("sitemap.xml")
    validate_sitemap(text)
    urls = _urls(text)

    def loc(path: str) -> str:
        if not use_directory_urls and (path.endswith("/") or not path):
            generated = path.startswith("blog") or not path  # index.md pages
            path = path + "index.html" if generated else path[:-1] + ".html"
        return "https://example.com/" + path

    hello, bonjour = loc("posts/hello/"), loc("posts/bonjour/")
    assert urls[hello]["lastmod"] == "2024-02-01"  # updated
    assert urls[bonjour]["lastmod"] == "2023-03-05"  # its date
    assert urls[loc("posts/solo/")]["lastmod"] == "2022-01-01"
    alternates = {"en": hello, "fr": bonjour, "x-default": hello}
    assert urls[hello]["links"] == alternates and urls[bonjour]["links"] == alternates
    assert urls[loc("posts/solo/")]["links"] == {}
    en_index, fr_index = loc("blog/en/"), loc("blog/fr/")
    assert urls[en_index]["lastmod"] == "2024-02-01"  # its newest post's
    assert urls[fr_index]["links"] == {"en": en_index, "fr": fr_index, "x-default": en_index}
    assert urls[loc("blog/fr/tags/a/")]["links"]["en"] == loc("blog/en/tags/a/")
    assert urls[loc("blog/")]["lastmod"] == "2024-02-01"
    for left_out in ("posts/hidden/", "posts/draft/", "old/solo/"):
        assert loc(left_out) not in urls
    assert urls[loc("about/")]["lastmod"] == urls[loc("")]["lastmod"]  # as MkDocs wrote them
    assert urls[loc("about/")]["links"] == {}

    packed = (site.site_dir / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == text
    built = date.fromisoformat(urls[loc("about/")]["lastmod"])
    mtime = gzip_mtime(packed)
    assert mtime is not None and datetime.fromtimestamp(mtime, timezone.utc).date() == built


def test_sitemap_can_be_left_as_mkdocs_writes_it(make_site: Any) -> None:
    site = make_site(SITE, {"plugins": [{"blogposts": {"sitemap": False}}]})
    text = site.read("sitemap.xml")
    assert "xhtml" not in text and "2024-02-01" not in text
    assert "https://example.com/posts/hidden/" in text


def test_nothing_is_written_outside_site_dir(make_site: Any) -> None:
    site = make_site(SITE)
    outside = sorted(p.relative_to(site.root) for p in site.root.rglob("*")
                     if site.site_dir not in p.parents and p != site.site_dir)
    assert all(str(p).startswith("docs") or str(p) == "mkdocs.yml" for p in outside), outside


MKDOCS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.com/a/?x=1&amp;y=2</loc>
         <lastmod>2026-12-01</lastmod>
    </url>
    <url>
         <loc>https://example.com/b/</loc>
         <lastmod>2026-12-01</lastmod>
    </url>
    <url>
         <loc>https://example.com/c/</loc>
    </url>
</urlset>
"""


@pytest.mark.parametrize("dropped", [set(), {"https://example.com/c/"}])
def test_rewrite_keeps_order_escapes_and_names_only_kept_urls(dropped: set[str]) -> None:
    a, b, c = ("https://example.com/a/?x=1&y=2", "https://example.com/b/",
               "https://example.com/c/")
    entries = {b: Entry(date(2020, 1, 2), {"en": b, "fr": c, "x-default": b})}
    text = rewrite(MKDOCS_SITEMAP, entries, dropped)
    validate_sitemap(text)
    urls = _urls(text)
    assert list(urls) == [a, b, c][: 3 - len(dropped)]
    assert urls[a]["lastmod"] == "2026-12-01" and urls[b]["lastmod"] == "2020-01-02"
    # A page whose only other version is left out has no alternates left to name.
    assert urls[b]["links"] == ({} if dropped else {"en": b, "fr": c, "x-default": b})
