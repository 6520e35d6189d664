"""Chromium walks the example site in each theme, as a reader would, and watches for defects.

Home page -> the blog through the theme's nav -> French listings -> a year (nav) -> a month ->
a post -> its English translation -> back. Every page visited must load without console errors,
failed or 4xx/5xx responses, broken images, dialogs, or requests leaving 127.0.0.1.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from example_sites import (
    CHROMIUM,
    REPO,
    THEMES,
    build,
    chromium,
    serve,
    theme_settings,
    write_config,
)

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
    pytest.mark.slow,
]

YEAR = "blog/fr/2024/"
MONTH = "blog/fr/2024/11/"
POST = "journal/2024/11/ateliers-accessibilite-au-lycee/"
TRANSLATION = "journal/2024/11/teaching-accessibility-to-teenagers/"
EMPTY_SITEMAP = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
# Images: [complete and decoded] for each <img>, after lazy ones are told to load now.
BROKEN_IMAGES_JS = """async () => {
    const images = [...document.images];
    images.forEach(image => { image.loading = "eager"; });
    await Promise.all(images.map(image => image.decode().catch(() => null)));
    return images.filter(image => !(image.complete && image.naturalWidth > 0))
                 .map(image => image.currentSrc || image.getAttribute("src"));
}"""


def load_screenshots() -> Any:
    """scripts/screenshots.py as a module (it is a script, not part of the package)."""
    script = REPO / "scripts" / "screenshots.py"
    spec = importlib.util.spec_from_file_location("screenshots", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("screenshots", module)
    spec.loader.exec_module(module)
    return module


class Watch:
    """Records everything that goes wrong in one browser page."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.sitemap_probes: list[str] = []
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("response", self.on_response)
        page.on("requestfailed", self.on_request_failed)
        page.on("dialog", self.on_dialog)
        page.route("**/*", self.on_route)

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def on_request_failed(self, request: Any) -> None:
        # A navigation away from a page cancels its pending requests: not a broken resource.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()  # an unanswered dialog freezes the page

    def on_route(self, route: Any) -> None:
        url = route.request.url
        if url.endswith("/sitemap.xml") and url != self.base_url + "sitemap.xml":
            # Material 9.8 fetches "sitemap.xml" next to every <link rel=alternate>, feeds and
            # hreflang links included (squidfunk/mkdocs-material#8576): a theme bug, answered
            # here with an empty sitemap so that it cannot hide the plugin's own defects.
            self.sitemap_probes.append(url)
            route.fulfill(status=200, content_type="application/xml", body=EMPTY_SITEMAP)
        elif url.startswith(self.base_url):
            route.continue_()
        else:
            self.problems.append(f"request leaves the site: {route.request.url}")
            route.abort()

    def check_page(self, expected: str) -> None:
        """The page is at `expected` (relative to the site), fully loaded, with no defect."""
        self.page.wait_for_load_state("networkidle")
        assert self.page.url == self.base_url + expected, (self.page.url, expected)
        broken = self.page.evaluate(BROKEN_IMAGES_JS)
        assert not broken, f"broken images on {expected}: {broken}"
        assert not self.problems, f"on the way to {expected}:\n" + "\n".join(self.problems)
        assert not self.dialogs, f"dialogs opened on {expected}: {self.dialogs}"


def reveal(link: Any) -> None:
    """Open the menus that hide `link`: the mkdocs theme's dropdown and submenus open on click."""
    for item in link.locator("xpath=ancestor::li[contains(@class, 'dropdown')]").all():
        item.locator("xpath=./a").first.click()


def follow(watch: Watch, scope: str, target: str) -> None:
    """Click the link inside `scope` that leads to `target`, opening menus if needed."""
    page, url = watch.page, watch.base_url + target
    links = [link for link in page.locator(f"{scope} a[href]").all()
             if link.evaluate("a => a.href") == url]
    assert links, f"no link to {target} in {scope} of {page.url}"
    visible = [link for link in links if link.is_visible()]
    if not visible:
        reveal(links[0])
        visible = [links[0]]
    visible[0].click()
    page.wait_for_url(url)
    watch.check_page(target)


NAV = {"material": ".md-tabs", "mkdocs": ".navbar", "readthedocs": ".wy-nav-side"}
NAV["material-instant"] = NAV["material"]
SIDE_NAV = {"material": ".md-sidebar--primary", "mkdocs": ".navbar",
            "readthedocs": ".wy-nav-side"}
SIDE_NAV["material-instant"] = SIDE_NAV["material"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module", params=[*THEMES, "material-instant"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, str]]:
    """(theme, base URL) of the example site built in each theme and served on 127.0.0.1.

    "material-instant" adds Material's navigation.instant: pages then load by XHR.
    """
    theme, _, variant = str(request.param).partition("-")
    settings = {}
    if variant == "instant":
        material = theme_settings("material")
        settings["theme"] = {**material, "features": [*material["features"],
                                                      "navigation.instant"]}
    site_dir = build(write_config(tmp_path_factory.mktemp(theme), theme, **settings))
    with serve(site_dir) as base_url:
        yield str(request.param), base_url


def test_reader_walks_from_home_to_a_translation_and_back(browser: Any,
                                                          served: tuple[str, str]) -> None:
    theme, base_url = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page, base_url)
    try:
        page.goto(base_url)
        watch.check_page("")
        follow(watch, NAV[theme], "blog/")
        follow(watch, ".blogposts-languages", "blog/fr/")
        assert page.locator("html").get_attribute("lang") == "fr"
        follow(watch, SIDE_NAV[theme], YEAR)
        follow(watch, ".blogposts-subpages", MONTH)
        follow(watch, ".blogposts-card-title", POST)
        follow(watch, ".blogposts-translations", TRANSLATION)
        assert page.locator("html").get_attribute("lang") == "en"
        page.go_back()
        watch.check_page(POST)
        assert page.locator("html").get_attribute("lang") == "fr"
    finally:
        page.close()


@pytest.mark.parametrize("path", ["blog/en/", "blog/fr/2023/07/",
                                  "journal/2023/07/ete-a-bordeaux/",
                                  "journal/2024/06/une-semaine-a-lisbonne/",
                                  "blog/fr/archive/", "blog/en/tags/"])
def test_pages_with_images_and_lists_load_cleanly(browser: Any, served: tuple[str, str],
                                                 path: str) -> None:
    _, base_url = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page, base_url)
    try:
        page.goto(base_url + path)
        watch.check_page(path)
        assert page.locator(".blogposts-listing, .blogposts-archive, .blogposts-taxonomy, "
                            ".blogposts-post-header").count() > 0
        # Rows of links (terms, languages) show no list bullets whatever the theme's lists do.
        bullets = page.evaluate("""() => [...document.querySelectorAll(
            "ul.blogposts-terms > li, .blogposts-languages li")]
            .map(item => getComputedStyle(item).listStyleType).filter(type => type !== "none")""")
        assert bullets == []
    finally:
        page.close()


def test_screenshot_script_captures_each_view(browser: Any, served: tuple[str, str],
                                              tmp_path: Path) -> None:
    theme, base_url = served
    if theme not in THEMES:
        pytest.skip("the screenshots show each theme once")
    shots = load_screenshots().capture(browser, base_url, theme, tmp_path)
    expected = {f"{theme}-{name}{size}.png" for name in ("landing", "post", "home", "year")
                for size in ("", "-mobile")}
    assert expected <= {shot.name for shot in shots}
    for shot in shots:
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = (int.from_bytes(shot.read_bytes()[16:24][i:i + 4], "big") for i in (0, 4))
        assert (width, height) == ((390, 844) if "-mobile" in shot.name else (1280, 900)), shot


def test_the_watch_catches_every_kind_of_defect(browser: Any, tmp_path: Path) -> None:
    """The harness is not vacuous: a page with each defect fails check_page, naming them all."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>bad</title><img src="missing.png">'
        '<script>alert("hi"); console.error("boom"); fetch("gone.json");</script>',
        encoding="utf-8",
    )
    with serve(tmp_path) as base_url:
        page = browser.new_page()
        watch = Watch(page, base_url)
        try:
            page.goto(base_url)
            with pytest.raises(AssertionError) as failure:
                watch.check_page("")
            page.wait_for_load_state("networkidle")
        finally:
            page.close()
    assert "broken images on : ['" in str(failure.value)
    assert watch.dialogs == ["alert: hi"]
    problems = "\n".join(watch.problems)
    assert "console error" in problems and "boom" in problems
    assert "HTTP 404 for " + base_url + "gone.json" in problems
