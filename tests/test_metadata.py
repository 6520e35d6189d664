"""Open Graph, Twitter card and JSON-LD on built pages, read back with extruct, in every theme."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from discovery_checks import extract, png
from example_sites import THEMES, theme_settings
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_blogposts.languages import og_locale
from mkdocs_blogposts.metadata import script_json
from tests.conftest import post, write_site

POSTS = {
    "index.md": "# Home\n",
    "posts/hello/index.md": post(
        "Hello world", "2024-05-01T09:30:00+02:00", "en", updated="2024-06-02",
        authors=["Ada Lovelace", "Studio"], tags=["python", "web"], section="Notes",
        categories=["News"], summary="A first post about the studio.",
        cover={"path": "sea.png", "alt": "The sea at dawn"}, translationKey="hello",
        body="One two three four five.\n\n<!-- more -->\n\nSix seven.\n"),
    "posts/hello/sea.png": png(120, 63),
    "posts/bonjour.md": post("Bonjour", "2024-05-02", "fr", translationKey="hello",
                             body="Premier paragraphe, en **gras**.\n\nSecond.\n"),
    "posts/brasil.md": post("Olá", "2024-05-03", "pt-BR", translationKey="hello"),
}
SETTINGS = {"site_author": "Studio", "site_description": "Notes from a studio."}


def _build(tmp_path: Path, files: dict[str, str | bytes], config: dict[str, Any],
           command: str = "build") -> Path:
    config_file = write_site(tmp_path, files, config)
    loaded = load_config(str(config_file))
    loaded.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    build(loaded, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
    return Path(loaded.site_dir)


@pytest.mark.parametrize("theme", THEMES)
def test_every_field_of_a_post(make_site: Any, theme: str) -> None:
    site = make_site(POSTS, {**SETTINGS, "theme": theme_settings(theme),
                             "plugins": [{"blogposts": {"languages": ["en", "fr"]}}]})
    found = extract(site.read("posts/hello/index.html"), "https://example.com/posts/hello/")
    og, names = found["og"], found["names"]
    assert og["og:type"] == ["article"]
    assert og["og:title"] == ["Hello world"]
    assert og["og:description"] == ["A first post about the studio."]
    assert og["og:url"] == ["https://example.com/posts/hello/"]
    assert og["og:site_name"] == ["Test blog"]
    assert og["og:locale"] == ["en_US"]
    assert sorted(og["og:locale:alternate"]) == ["fr_FR", "pt_BR"]
    assert og["og:image"] == ["https://example.com/posts/hello/sea.png"]
    assert (og["og:image:width"], og["og:image:height"]) == (["120"], ["63"])
    assert og["og:image:type"] == ["image/png"]
    assert og["og:image:alt"] == ["The sea at dawn"]
    assert og["article:published_time"] == ["2024-05-01T09:30:00+02:00"]
    assert og["article:modified_time"] == ["2024-06-02T00:00:00+00:00"]
    assert og["article:author"] == ["Ada Lovelace", "https://example.com/"]  # site_author's URL
    assert og["article:section"] == ["Notes"]
    assert og["article:tag"] == ["python", "web"]
    assert names["twitter:card"] == ["summary_large_image"]
    assert names["twitter:title"] == ["Hello world"]
    assert names["twitter:description"] == ["A first post about the studio."]
    assert names["twitter:image"] == ["https://example.com/posts/hello/sea.png"]
    assert names["twitter:image:alt"] == ["The sea at dawn"]
    [data] = [item for item in found["ld"] if item["@type"] == "BlogPosting"]
    assert data["headline"] == "Hello world"
    assert data["datePublished"] == "2024-05-01T09:30:00+02:00"
    assert data["dateModified"] == "2024-06-02T00:00:00+00:00"
    assert data["author"] == [{"@type": "Person", "name": "Ada Lovelace"},
                              {"@type": "Person", "name": "Studio",
                               "url": "https://example.com/"}]
    assert data["image"] == {"@type": "ImageObject", "width": 120, "height": 63,
                             "url": "https://example.com/posts/hello/sea.png"}
    assert data["inLanguage"] == "en"
    assert data["mainEntityOfPage"] == {"@type": "WebPage",
                                        "@id": "https://example.com/posts/hello/"}
    assert data["publisher"] == {"@type": "Organization", "name": "Test blog",
                                 "url": "https://example.com/"}
    assert data["wordCount"] == 7
    assert data["keywords"] == ["python", "web"]


def test_description_is_the_excerpt_as_text(make_site: Any) -> None:
    site = make_site(POSTS, SETTINGS)
    found = extract(site.read("posts/bonjour/index.html"))
    assert found["og"]["og:description"] == ["Premier paragraphe, en gras."]
    assert found["og"]["og:locale"] == ["fr_FR"]
    assert found["names"]["twitter:card"] == ["summary"]  # no cover
    assert "og:image" not in found["og"]
    assert found["og"]["article:author"] == ["https://example.com/"]  # site_author by default
    [data] = found["ld"]
    assert data["wordCount"] == 5 and data["dateModified"] == data["datePublished"]


def test_listings_are_a_blog_and_collection_pages(make_site: Any) -> None:
    site = make_site(POSTS, {**SETTINGS, "plugins": [{"blogposts": {"languages": ["en"]}}]})
    landing = extract(site.read("blog/en/index.html"))
    assert landing["og"]["og:type"] == ["website"]
    assert landing["og"]["og:locale"] == ["en_US"]
    assert landing["og"]["og:description"] == ["Notes from a studio."]
    [blog] = landing["ld"]
    assert blog["@type"] == "Blog" and blog["url"] == "https://example.com/blog/en/"
    assert [p["headline"] for p in blog["blogPost"]] == ["Hello world"]
    assert blog["blogPost"][0]["url"] == "https://example.com/posts/hello/"
    [archive] = extract(site.read("blog/fr/archive/index.html"))["ld"]
    assert archive["@type"] == "CollectionPage" and archive["inLanguage"] == "fr"
    assert archive["isPartOf"] == {"@type": "Blog", "url": "https://example.com/blog/"}
    items = archive["mainEntity"]["itemListElement"]
    assert [(i["position"], i["item"]["headline"]) for i in items] == [(1, "Bonjour")]
    [tags] = extract(site.read("blog/en/tags/index.html"))["ld"]
    assert [i["item"]["headline"] for i in tags["mainEntity"]["itemListElement"]] == [
        "Hello world"]


def test_tags_the_theme_already_has_are_not_repeated(make_site: Any, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}'
        '<meta property="og:title" content="Theirs">'
        '<meta name="twitter:card" content="summary">'
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Theirs"}'
        "</script>{% endblock %}\n", encoding="utf-8")
    site = make_site(POSTS, {**SETTINGS, "theme": {"name": "mkdocs", "highlightjs": False,
                                                  "custom_dir": str(overrides)}})
    found = extract(site.read("posts/hello/index.html"))
    assert found["og"]["og:title"] == ["Theirs"]
    assert found["names"]["twitter:card"] == ["summary"]
    assert [item["headline"] for item in found["ld"]] == ["Theirs"]
    assert found["og"]["og:type"] == ["article"]  # what they did not set is still added


def test_metadata_can_be_switched_off(make_site: Any) -> None:
    site = make_site(POSTS, {"plugins": [{"blogposts": {"metadata": False}}]})
    html = site.read("posts/hello/index.html")
    assert 'property="og:' not in html and "application/ld+json" not in html
    assert "2024-06-02" in site.read("sitemap.xml")  # the sitemap is a separate option


def test_without_site_url_no_relative_url_is_claimed_absolute(tmp_path: Path) -> None:
    site_dir = _build(tmp_path, POSTS, {"site_url": None})
    found = extract((site_dir / "posts/hello/index.html").read_text("utf-8"))
    assert "og:url" not in found["og"] and "og:image" not in found["og"]
    assert found["og"]["og:title"] == ["Hello world"]
    assert "url" not in found["ld"][0] and "image" not in found["ld"][0]


def test_preview_marks_drafts_and_future_posts_noindex(tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    files = {"index.md": "# Home\n", "shown.md": post("Shown", "2024-01-01"),
             "draft.md": post("Draft", "2024-01-02", draft=True),
             "future.md": post("Future", "2999-01-01")}
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        site_dir = _build(tmp_path, files, {}, command="serve")
    robots = {name: extract((site_dir / name / "index.html").read_text("utf-8"))["names"]
              .get("robots") for name in ("shown", "draft", "future")}
    assert robots == {"shown": None, "draft": ["noindex"], "future": ["noindex"]}
    sitemap = (site_dir / "sitemap.xml").read_text("utf-8")
    assert "/shown/" in sitemap and "/draft/" not in sitemap and "/future/" not in sitemap
    assert [r for r in caplog.records if r.name.startswith("mkdocs.plugins")] == []


@pytest.mark.parametrize("noindex", [False, True])
def test_paginated_index_pages_noindex_when_asked(make_site: Any, noindex: bool) -> None:
    files = {"index.md": "# Home\n",
             **{f"p{n}.md": post(f"Post {n}", f"2024-01-0{n}") for n in range(1, 4)}}
    site = make_site(files, {"plugins": [{"blogposts": {"per_page": 1,
                                                       "noindex_paginated": noindex}}]})
    first = extract(site.read("blog/index.html"))["names"]
    second = extract(site.read("blog/page/2/index.html"))["names"]
    assert "robots" not in first
    assert second.get("robots") == (["noindex"] if noindex else None)
    sitemap = site.read("sitemap.xml")
    assert ("https://example.com/blog/page/2/" in sitemap) is not noindex


def test_redirect_pages_are_noindex_and_left_out_of_the_sitemap(make_site: Any) -> None:
    site = make_site({"index.md": "# Home\n",
                      "a.md": post("A", "2024-01-01", aliases=["/old/a/"])})
    assert extract(site.read("old/a/index.html"))["names"]["robots"] == ["noindex"]
    assert "/old/a/" not in site.read("sitemap.xml")


@pytest.mark.parametrize(("tag", "locale"), [
    ("fr", "fr_FR"), ("en", "en_US"), ("pt-BR", "pt_BR"), ("de-CH", "de_CH"),
    ("zh-Hant", "zh_TW"), ("ja", "ja_JP"), ("xx", "xx")])
def test_og_locale(tag: str, locale: str) -> None:
    assert og_locale(tag) == locale


def test_script_json_cannot_end_its_element() -> None:
    text = script_json({"a": "</script><!-- & \u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@pytest.mark.skipif(not (DEJAVU / "DejaVuSans.ttf").is_file(), reason="needs fonts-dejavu")
def test_materials_social_cards_are_kept_and_completed(make_site: Any, tmp_path: Path) -> None:
    """Material's social plugin writes og:/twitter: tags first; ours only add what it lacks."""
    pytest.importorskip("cairosvg")
    fonts = tmp_path / "social-cache" / "fonts" / "DejaVuSans"  # offline: no Google Fonts
    fonts.mkdir(parents=True)
    for style, name in (("Regular", "DejaVuSans.ttf"), ("Bold", "DejaVuSans-Bold.ttf")):
        (fonts / f"{style}.ttf").write_bytes((DEJAVU / name).read_bytes())
    social = {"cache_dir": str(tmp_path / "social-cache"),
              "cards_layout_options": {"font_family": "DejaVuSans"}}
    site = make_site(POSTS, {**SETTINGS, "theme": theme_settings("material"),
                             "plugins": [{"social": social}, "blogposts"]})
    found = extract(site.read("posts/hello/index.html"))
    og, names = found["og"], found["names"]
    social_card = "https://example.com/assets/images/social/posts/hello/index.png"
    assert og["og:title"] == ["Hello world - Test blog"]  # the social plugin's, once
    assert og["og:type"] == ["website"] and og["og:image"] == [social_card]
    assert og["article:published_time"] == ["2024-05-01T09:30:00+02:00"]
    assert og["article:tag"] == ["python", "web"] and og["og:locale"] == ["en_US"]
    # It writes twitter: tags as property="twitter:...": those are not repeated either.
    assert "twitter:card" not in names and "twitter:description" not in names
    # Details of its image are its own: no alt text of our cover on its card.
    assert "og:image:alt" not in og and "twitter:image:alt" not in names
    assert [item["@type"] for item in found["ld"]] == ["BlogPosting"]
