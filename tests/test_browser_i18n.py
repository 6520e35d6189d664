"""In Chromium: a reader of example_site_i18n (mkdocs-static-i18n) walks between languages.

The site is built strictly in a subprocess and served under its site_url's path
(/lumen-starter/), so static-i18n's absolute links to each language's home are followed too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from example_sites import CHROMIUM, REPO, build, chromium, serve
from feed_checks import check_json_feed
from test_browser import NAV, Watch, follow

pytest.importorskip("mkdocs_static_i18n")
pytest.importorskip("playwright")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")

EXAMPLE = REPO / "example_site_i18n"
PREFIX = "lumen-starter/"  # the path of the example's site_url
POST = "blog/posts/2024-05-14-version-2/"


def write_config(root: Path, theme: str) -> Path:
    """The example's mkdocs.yml in `theme`, offline (no web fonts, no highlight.js CDN)."""
    config = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))
    theme_settings = ({**config["theme"], "font": False} if theme == "material"
                      else {"name": theme, "highlightjs": False})
    config.update(theme=theme_settings, docs_dir=str(EXAMPLE / "docs"),
                  site_dir=str(root / "www" / PREFIX))
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, str, Path]]:
    """(theme, base URL, site folder) of the example built in a theme and served."""
    theme = str(request.param)
    root = tmp_path_factory.mktemp(f"i18n-{theme}")
    site_dir = build(write_config(root, theme))
    with serve(site_dir.parent) as server_url:
        yield theme, server_url + PREFIX, site_dir


def choose_language(watch: Watch, lang: str, target: str) -> None:
    """Pick a language in Material's selector, as a reader does (hover, then click)."""
    page = watch.page
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{lang}']").first.click()
    page.wait_for_url(watch.base_url + target)
    watch.check_page(target)


def test_reader_walks_from_the_french_home_to_a_translation_and_back(
        browser: Any, served: tuple[str, str, Path]) -> None:
    theme, base_url, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page, base_url)
    try:
        page.goto(base_url + "fr/")
        watch.check_page("fr/")
        follow(watch, NAV[theme], "fr/blog/")
        assert page.locator("html").get_attribute("lang") == "fr"
        titles = page.locator(".blogposts-card-title").all_inner_texts()
        assert titles == ["Lumen Starter 2.0", "Pourquoi notre interligne est de 1,6",
                          "Atelier ouvert le 25 novembre"]
        follow(watch, ".blogposts-card-title", "fr/" + POST)
        if theme == "material":
            choose_language(watch, "en", POST)
            assert page.locator("html").get_attribute("lang") == "en"
            page.go_back()
            watch.check_page("fr/" + POST)
        follow(watch, ".blogposts-translations", POST)
        assert page.locator("html").get_attribute("lang") == "en"
        follow(watch, ".blogposts-translations", "fr/" + POST)
        page.go_back()
        watch.check_page(POST)
        page.go_back()
        watch.check_page("fr/" + POST)
        assert page.locator("html").get_attribute("lang") == "fr"
    finally:
        page.close()


def test_material_selector_on_blog_pages_goes_to_the_other_blog(
        browser: Any, served: tuple[str, str, Path]) -> None:
    theme, base_url, _ = served
    if theme != "material":
        pytest.skip("only Material has a language selector")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page, base_url)
    try:
        page.goto(base_url + "fr/blog/archive/")
        watch.check_page("fr/blog/archive/")
        choose_language(watch, "en", "blog/archive/")
        page.goto(base_url + "blog/tags/release/")
        watch.check_page("blog/tags/release/")
        choose_language(watch, "fr", "fr/blog/")
    finally:
        page.close()


def test_each_language_has_a_valid_feed_of_its_own_posts(served: tuple[str, str, Path]
                                                         ) -> None:
    _, _, site_dir = served
    expected = {"blog": {"Lumen Starter 2.0", "Why our line height is 1.6",
                         "A new changelog format"},
                "fr/blog": {"Lumen Starter 2.0", "Pourquoi notre interligne est de 1,6",
                            "Atelier ouvert le 25 novembre"}}
    for folder, titles in expected.items():
        for name in ("feed.xml", "rss.xml"):
            parsed = feedparser.parse((site_dir / folder / name).read_text(encoding="utf-8"))
            assert not parsed.bozo, (folder, name, parsed.get("bozo_exception"))
            assert {entry.title for entry in parsed.entries} == titles, (folder, name)
        text = (site_dir / folder / "feed.json").read_text(encoding="utf-8")
        assert check_json_feed(text) == []
        assert {item["title"] for item in json.loads(text)["items"]} == titles
