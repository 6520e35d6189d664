"""Hostile values stay inert in metadata, JSON-LD, covers, enclosures and the sitemap."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import feedparser
import pytest
from discovery_checks import extract, validate_sitemap
from example_sites import THEMES, theme_settings
from test_injection import (
    ATTRIBUTE,
    CDATA,
    EXPECTED_WARNINGS,
    HOSTILE_POSTS,
    IMG,
    RAW_MARKUP,
    SCRIPT,
    SVG,
    Inspector,
)

from tests.conftest import BuiltSite, post, run_build, write_site

REMOTE = 'https://cdn.example.org/c.png?q="><script>alert(7)</script>&x=1'
LOCAL = SVG + ".png"
COVER_POSTS = {
    "posts/cover-remote.md": post(f"Cover {SCRIPT}", "2024-01-08",
                                  cover={"src": REMOTE, "alt": IMG}, tags=[ATTRIBUTE]),
    "posts/cover-local.md": post("Local cover", "2024-01-09", image=LOCAL, image_alt=ATTRIBUTE,
                                 summary=CDATA),
}
WARNINGS = [*EXPECTED_WARNINGS,
            f"posts/cover-local.md: cover image {LOCAL!r} is not a file in docs_dir; "
            "its path is used as written, relative to the post"]
_LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module", params=THEMES)
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> BuiltSite:
    theme = str(request.param)
    config = {"site_url": "https://example.org/", "theme": theme_settings(theme),
              "plugins": ["search", {"blogposts": {"cover_from_first_image": True}}]}
    root = tmp_path_factory.mktemp(f"discovery-{theme}")
    return run_build(write_site(root, {**HOSTILE_POSTS, **COVER_POSTS}, config), WARNINGS)


_COVER_ATTRIBUTES = {"src", "alt", "loading", "decoding", "width", "height"}


class CoverAwareInspector(Inspector):
    """The injection tests' inspector, told that a cover <img> whose attributes are all ours
    (no handler, no script URL) is the blog's own element, its payloads escaped inside values."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        src = (dict(attrs).get("src") or "").strip().lower()
        if tag == "img" and names <= _COVER_ATTRIBUTES and not src.startswith("javascript:"):
            self.current = tag
            return
        super().handle_starttag(tag, attrs)


def inspect_page(html: str) -> Inspector:
    inspector = CoverAwareInspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def _pages(site: BuiltSite) -> list[Path]:
    return sorted(site.site_dir.rglob("*.html"))


def test_no_live_element_and_no_raw_markup_anywhere(hostile: BuiltSite) -> None:
    for path in _pages(hostile):
        html = path.read_text(encoding="utf-8")
        found = inspect_page(html)
        assert not found.live, f"{path}: {found.live}"
        assert not [raw for raw in RAW_MARKUP if raw in html], path


def test_json_ld_cannot_end_its_script_and_holds_the_values(hostile: BuiltSite) -> None:
    headlines = set()
    for path in _pages(hostile):
        for raw in _LD_RE.findall(path.read_text(encoding="utf-8")):
            assert "<" not in raw and ">" not in raw and "&" not in raw, path
            data = json.loads(raw)
            headlines.add(data.get("headline"))
    assert {SCRIPT, IMG, SVG, CDATA, ATTRIBUTE, f"Cover {SCRIPT}"} <= headlines


@pytest.mark.parametrize(("slug", "title"), [("script", SCRIPT), ("img", IMG),
                                           ("attribute", ATTRIBUTE), ("cdata", CDATA)])
def test_open_graph_values_read_back_as_written(hostile: BuiltSite, slug: str,
                                               title: str) -> None:
    found = extract(hostile.read(f"posts/{slug}/index.html"))
    assert found["og"]["og:title"] == [title]
    assert found["names"]["twitter:title"] == [title]
    [article] = [item for item in found["ld"] if item["@type"] == "BlogPosting"]
    assert article["headline"] == title


def test_script_post_terms_and_authors_read_back(hostile: BuiltSite) -> None:
    og = extract(hostile.read("posts/script/index.html"))["og"]
    assert og["article:tag"] == [IMG, SCRIPT]
    assert og["article:section"] == [CDATA]
    assert og["article:author"] == [IMG, SCRIPT]
    assert og["og:description"] == [f"Summary {SVG}"]


def test_hostile_covers_stay_attribute_values(hostile: BuiltSite) -> None:
    remote = extract(hostile.read("posts/cover-remote/index.html"))
    assert remote["og"]["og:image"] == [REMOTE]
    assert remote["og"]["og:image:alt"] == [IMG]
    assert remote["names"]["twitter:image"] == [REMOTE]
    local = extract(hostile.read("posts/cover-local/index.html"))
    assert local["og"]["og:image:alt"] == [ATTRIBUTE]
    assert local["og"]["og:description"] == [CDATA]
    image = local["og"]["og:image"][0]
    assert image.startswith("https://example.org/posts/cover-local/") and '"' not in image
    assert "<" not in image and ">" not in image and "'" not in image
    listing = hostile.read("blog/en/index.html")
    assert 'src="https://cdn.example.org/c.png?q=&#34;&gt;&lt;script&gt;alert(7)' in listing


def test_feeds_and_sitemap_stay_well_formed(hostile: BuiltSite) -> None:
    atom = feedparser.parse(hostile.read("blog/en/feed.xml"))
    assert not atom.bozo
    entry = next(e for e in atom.entries if e.title == f"Cover {SCRIPT}")
    assert entry.enclosures[0]["href"] == REMOTE
    rss = feedparser.parse(hostile.read("blog/en/rss.xml"))
    assert not rss.bozo
    assert next(e for e in rss.entries if e.title == f"Cover {SCRIPT}").enclosures[0][
        "href"] == REMOTE
    items = json.loads(hostile.read("blog/en/feed.json"))["items"]
    assert next(i for i in items if i["title"] == f"Cover {SCRIPT}")["image"] == REMOTE
    validate_sitemap(hostile.read("sitemap.xml"))


def test_first_image_in_a_hostile_post_is_a_safe_cover(make_site: Any) -> None:
    body = f'<img src="javascript:alert(1)" alt="{IMG.replace(chr(34), "&quot;")}">\n'
    site = make_site({"index.md": "# Home\n", "a.md": post("A", "2024-01-01", body=body)},
                     {"plugins": [{"blogposts": {"cover_from_first_image": True}}]})
    assert "og:image" not in extract(site.read("a/index.html"))["og"]
    assert 'loading="lazy"' not in site.read("blog/index.html")  # the author's HTML, no cover
