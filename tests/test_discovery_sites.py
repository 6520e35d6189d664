"""The example site and the 832-post corpus: every post's metadata and the sitemap, checked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from discovery_checks import extract, validate_sitemap
from example_sites import write_config
from test_corpus import HIDDEN_OR_UNPUBLISHED, build_corpus

from tests.conftest import BuiltSite, run_build

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _sitemap(site: BuiltSite) -> dict[str, tuple[str | None, dict[str | None, str | None]]]:
    text = site.read("sitemap.xml")
    validate_sitemap(text)
    return {url.findtext("s:loc", namespaces=NS) or "": (
        url.findtext("s:lastmod", namespaces=NS),
        {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)})
        for url in ET.fromstring(text).findall("s:url", NS)}


def check_site(site: BuiltSite, site_name: str, site_url: str, left_out: list[str]
               ) -> Counter[str]:
    """Check every page's metadata against its JSON-LD and the sitemap; count the kinds.

    Posts missing from the sitemap are added to `left_out`.
    """
    sitemap = _sitemap(site)
    kinds: Counter[str] = Counter()
    for path in sorted(site.site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "application/ld+json" not in html:
            continue
        found = extract(html)
        [data] = found["ld"]
        og = found["og"]
        kinds[data["@type"]] += 1
        assert data["publisher"]["name"] == site_name == og["og:site_name"][0]
        assert og["og:url"] == [data["url"]], path
        if data["url"] not in sitemap:  # hidden, or a copy whose canonical page is elsewhere
            assert data["@type"] == "BlogPosting", path
            where = "elsewhere" if not data["url"].startswith(site_url) else "left out"
            kinds[where] += 1
            if where == "left out":
                left_out.append(str(path.relative_to(site.site_dir)))
            continue
        assert og["og:locale"][0].split("_")[0] == data["inLanguage"].split("-")[0]
        if data["@type"] != "BlogPosting":
            assert og["og:type"] == ["website"], path
            continue
        assert og["og:type"] == ["article"] and og["og:title"] == [data["headline"]]
        assert data["mainEntityOfPage"]["@id"] == data["url"]
        assert og["article:published_time"] == [data["datePublished"]]
        if "og:description" in og:
            assert og["og:description"][0] and data["description"] == og["og:description"][0]
        else:  # a post with no text at all, and no site_description to fall back on
            assert "description" not in data and data["wordCount"] == 0
            kinds["no text"] += 1
        assert (data["wordCount"] > 0 or kinds["no text"]) and data["author"], path
        assert found["names"]["twitter:title"] == [data["headline"]]
        lastmod, links = sitemap[data["url"]]
        assert lastmod == max(data["dateModified"], data["datePublished"])[:10], path
        alternates = og.get("og:locale:alternate", [])
        assert len(alternates) == max(len(links) - 2, 0), path  # itself and x-default
    return kinds


def test_example_site(tmp_path: Path) -> None:
    site = run_build(write_config(tmp_path))
    left_out: list[str] = []
    kinds = check_site(site, "Atelier Lumen", "https://example.org/atelier-lumen/", left_out)
    sources = [p.read_text(encoding="utf-8") for p in site.docs_dir.rglob("*.md")]
    posts = sum(1 for text in sources if "type: post" in text and "draft: true" not in text)
    assert kinds["BlogPosting"] == posts > 0
    assert (kinds["elsewhere"], kinds["left out"], kinds["no text"]) == (1, 0, 0)
    assert kinds["Blog"] >= 3 and kinds["CollectionPage"] > 10  # landing, en, fr; archives


@pytest.mark.slow
def test_corpus(tmp_path: Path) -> None:
    site = build_corpus(tmp_path, "mkdocs")
    left_out: list[str] = []
    kinds = check_site(site, "Boris Schapira", "https://borisschapira.com/", left_out)
    assert kinds["BlogPosting"] >= 820 and kinds["no text"] <= 3
    # 36 posts were first published on another blog; one canonical is a typo, not used.
    assert kinds["elsewhere"] == 35
    hidden = {uri.replace(".md", ".html") for uri in HIDDEN_OR_UNPUBLISHED}
    assert left_out and set(left_out) <= hidden, left_out
