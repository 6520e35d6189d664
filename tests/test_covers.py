"""Cover images: every front-matter form, sizes from real bytes, on cards, headers and feeds."""

from __future__ import annotations

import json
import re
from typing import Any

import feedparser
import pytest
from discovery_checks import extract, gif, jpeg, png, svg, webp

from mkdocs_blogposts.covers import Cover, image_size, read_cover
from mkdocs_blogposts.fields import Report
from tests.conftest import post


@pytest.mark.parametrize(("data", "expected"), [
    ({"image": "cover.jpg"}, Cover("cover.jpg")),
    ({"cover": "cover.jpg", "cover_alt": "A lighthouse"}, Cover("cover.jpg", "A lighthouse")),
    ({"image": "cover.jpg", "image_alt": "Sea"}, Cover("cover.jpg", "Sea")),
    ({"image": "cover.jpg", "alt": "Sea"}, Cover("cover.jpg", "Sea")),
    ({"image": {"path": "a.png", "alt": "A"}}, Cover("a.png", "A")),
    ({"cover": {"src": "a.png", "alt": "A"}}, Cover("a.png", "A")),
    ({"cover": {"image": "a.png", "alt": "A", "caption": "c"}}, Cover("a.png", "A")),  # PaperMod
    ({"cover": {"image": "a.png"}, "cover_alt": "From outside"}, Cover("a.png", "From outside")),
    ({"images": ["first.png", "second.png"]}, Cover("first.png")),  # Hugo
    ({"images": [{"src": "first.png", "alt": "F"}]}, Cover("first.png", "F")),
    ({"featured_image": "/img/f.png"}, Cover("/img/f.png")),
    ({"featuredImage": "f.png"}, Cover("f.png")),
    ({"cover_image": "https://cdn.example.org/x.webp"}, Cover("https://cdn.example.org/x.webp")),
    ({"thumbnail": "t.gif"}, Cover("t.gif")),
    ({"cover": "a.png", "image": "b.png"}, Cover("a.png")),
    ({}, None),
    ({"image": ""}, None),
])
def test_cover_forms(data: dict[str, Any], expected: Cover | None) -> None:
    report = Report("posts/a.md")
    assert read_cover(data, report) == expected
    assert report.messages == []


@pytest.mark.parametrize(("data", "shown"), [
    ({"image": "javascript:alert(1)"}, "'javascript:alert(1)'"),
    ({"image": "data:image/png;base64,AAAA"}, "'data:image/png;base64,AAAA'"),
    ({"cover": 12.5}, "12.5"),
    ({"cover": True}, "true (a yes/no value: quote it to mean text)"),
    ({"image": {"alt": "no path"}}, "a mapping {'alt': 'no path'}"),
])
def test_bad_cover_is_reported(data: dict[str, Any], shown: str) -> None:
    report = Report("posts/a.md")
    assert read_cover(data, report) is None
    key = next(iter(data))
    assert len(report.messages) == 1
    message = report.messages[0]
    assert message.startswith(f"posts/a.md: '{key}' must be an image path or URL, a list of "
                              "them, or a mapping such as {path: cover.jpg, alt: A lighthouse}")
    assert message.endswith(f", got {shown}; ignored")


@pytest.mark.parametrize(("data", "size"), [
    (png(40, 21), (40, 21)),
    (gif(300, 7), (300, 7)),
    (jpeg(1200, 630), (1200, 630)),
    (webp(640, 480), (640, 480)),
    (webp(16383, 2, "VP8L"), (16383, 2)),
    (svg(120, 80), (120, 80)),
    (svg(64, 32, viewbox=True), (64, 32)),
    (b"not an image", None),
    (b"\xff\xd8\xff", None),  # a truncated JPEG
    (png(40, 21)[:20], None),
])
def test_image_size_from_header(data: bytes, size: tuple[int, int] | None) -> None:
    assert image_size(data) == size


_HEADER_COVER_RE = re.compile(r'<figure class="blogposts-cover[^"]*">(<img\b[^>]*>)</figure>')


def _covers_in(html: str) -> list[str]:
    return _HEADER_COVER_RE.findall(html)


def test_cover_on_card_header_og_and_feeds(make_site: Any, use_directory_urls: bool) -> None:
    site = make_site({
        "index.md": "# Home\n",
        "posts/hello/index.md": post("Hello", "2024-05-01", cover={"path": "sea.png",
                                                                  "alt": "The sea"}),
        "posts/hello/sea.png": png(40, 20),
        "posts/remote.md": post("Remote", "2024-04-01",
                                image="https://cdn.example.org/pic.jpg", image_alt="Far"),
        "posts/none.md": post("None", "2024-03-01"),
    }, {"use_directory_urls": use_directory_urls})
    index = site.read("blog/index.html")
    cards = re.findall(r'<article class="blogposts-card".*?</article>', index, re.DOTALL)
    assert len(cards) == 3
    assert ('<img src="../posts/hello/sea.png" alt="The sea" loading="lazy" '
            'decoding="async" width="40" height="20">') in cards[0]
    assert ('<img src="https://cdn.example.org/pic.jpg" alt="Far" loading="lazy" '
            'decoding="async">') in cards[1]
    assert "<img" not in cards[2]

    html = site.read("posts/hello/index.html")  # an index.md: the same file in both layouts
    assert '<img src="../../posts/hello/sea.png" alt="The sea" width="40" height="20">' in html
    found = extract(html)
    assert found["og"]["og:image"] == ["https://example.com/posts/hello/sea.png"]
    assert found["og"]["og:image:width"] == ["40"]
    assert found["og"]["og:image:alt"] == ["The sea"]
    assert found["ld"][0]["image"]["url"] == "https://example.com/posts/hello/sea.png"

    atom = feedparser.parse(site.read("blog/feed.xml"))
    enclosures = {e.title: e.enclosures for e in atom.entries}
    assert enclosures["Hello"][0]["href"] == "https://example.com/posts/hello/sea.png"
    assert enclosures["Hello"][0]["type"] == "image/png"
    assert enclosures["Hello"][0]["length"] == str(len(png(40, 20)))
    assert enclosures["None"] == []
    rss = feedparser.parse(site.read("blog/rss.xml"))
    remote = next(e for e in rss.entries if e.title == "Remote")
    assert remote.enclosures[0]["href"] == "https://cdn.example.org/pic.jpg"
    assert remote.enclosures[0]["type"] == "image/jpeg"
    items = json.loads(site.read("blog/feed.json"))["items"]
    assert [item.get("image") for item in items] == [
        "https://example.com/posts/hello/sea.png", "https://cdn.example.org/pic.jpg", None]


def test_cover_follows_moved_posts(make_site: Any, use_directory_urls: bool) -> None:
    """With post_url the post and its bundle move: the cover's URL follows, from every page."""
    site = make_site({
        "index.md": "# Home\n",
        "posts/hello/index.md": post("Hello", "2024-05-01", image="sea.png"),
        "posts/hello/sea.png": png(30, 10),
        "images/shared.gif": gif(8, 4),
        "posts/other.md": post("Other", "2024-04-01", cover="/images/shared.gif"),
    }, {"use_directory_urls": use_directory_urls,
        "plugins": [{"blogposts": {"post_url": "{yyyy}/{slug}/"}}]})
    listing = site.read("blog/index.html")
    assert 'src="../2024/hello/sea.png"' in listing
    assert 'src="../images/shared.gif"' in listing
    assert site.exists("2024/hello/sea.png")
    moved = "2024/hello/index.html"  # a pattern ending in / makes an index.html in both layouts
    html = site.read(moved)
    assert extract(html)["og"]["og:image"] == ["https://example.com/2024/hello/sea.png"]
    img = _covers_in(html)
    src = re.search(r'src="([^"]+)"', img[0])
    assert src is not None
    assert (site.site_dir / moved).parent.joinpath(src.group(1)).resolve() == (
        site.site_dir / "2024/hello/sea.png").resolve()
    other = "2024/other/index.html"
    assert 'width="8" height="4"' in site.read(other)


def test_missing_cover_warns_and_keeps_the_path(make_site: Any) -> None:
    site = make_site({
        "index.md": "# Home\n",
        "posts/a.md": post("A", "2024-05-01", image="missing.png"),
    }, expected_warnings=["posts/a.md: cover image 'missing.png' is not a file in docs_dir; "
                          "its path is used as written, relative to the post"])
    html = site.read("posts/a/index.html")
    assert '<img src="../../posts/a/missing.png" alt="">' in html
    assert "aspect-ratio: 16 / 9" in site.read("assets/blogposts/blogposts.css")


def test_first_image_only_when_asked(make_site: Any) -> None:
    files = {
        "index.md": "# Home\n",
        "posts/a/index.md": post("A", "2024-05-01",
                                 body="Intro.\n\n![A &quot;quoted&quot; map](map.jpg)\n"),
        "posts/a/map.jpg": jpeg(800, 600),
        "posts/b.md": post("B", "2024-04-01", body="![x](data:image/png;base64,AAAA)\n"),
    }
    plain = make_site(files)
    assert 'loading="lazy"' not in plain.read("blog/index.html")
    asked = make_site(files, {"plugins": [{"blogposts": {"cover_from_first_image": True}}]})
    cards = asked.read("blog/index.html")
    assert ('<img src="../posts/a/map.jpg" alt="A &#34;quoted&#34; map" loading="lazy" '
            'decoding="async" width="800" height="600">') in cards
    assert cards.count('loading="lazy"') == 1  # a data: image is never a cover
    og = extract(asked.read("posts/a/index.html"))["og"]
    assert og["og:image"] == ["https://example.com/posts/a/map.jpg"]
    assert og["og:image:alt"] == ['A "quoted" map']
