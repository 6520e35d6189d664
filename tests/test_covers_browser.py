"""Covers in Chromium: they load, keep their aspect ratio, and shift nothing while arriving late."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from discovery_checks import png, svg
from example_sites import CHROMIUM, THEMES, chromium, serve, theme_settings

from tests.conftest import post, run_build, write_site

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")]

FILES: dict[str, str | bytes] = {
    "index.md": "# Home\n",
    "posts/wide/index.md": post("Wide", "2024-03-01", cover={"path": "wide.png", "alt": "Wide"}),
    "posts/wide/wide.png": png(800, 300),
    "posts/tall/index.md": post("Tall", "2024-02-01", image="tall.svg", image_alt="Tall"),
    "posts/tall/tall.svg": svg(300, 400),
    # No size in the file: the stylesheet's 16:9 box holds its place instead.
    "posts/unsized/index.md": post("Unsized", "2024-01-01", image="unsized.svg"),
    "posts/unsized/unsized.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" '
                                 b'height="9"/></svg>',
}
# Images are held back a second each, so they arrive after the page (and its web fonts, whose
# swap shifts readthedocs' text by a few pixels whatever the covers do) has settled: shifts are
# summed from then on.
HELD_BACK = 1.0
SETTLED_MS = 800
CLS_SCRIPT = f"""
window.__shift = 0;
window.__from = Infinity;
document.addEventListener("DOMContentLoaded", () => document.fonts.ready.then(() => {{
  window.__from = Math.max(performance.now(), {SETTLED_MS});
}}));
new PerformanceObserver(list => {{
  for (const entry of list.getEntries()) {{
    if (!entry.hadRecentInput && entry.startTime > window.__from) window.__shift += entry.value;
  }}
}}).observe({{type: "layout-shift", buffered: true}});
"""
CONTROL = ('<!doctype html><html><body><p>Before</p><img src="posts/wide/wide.png">'
           + "<p>After</p>" * 40 + "</body></html>")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module", params=THEMES)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    root = tmp_path_factory.mktemp(f"covers-{request.param}")
    config = {"theme": theme_settings(str(request.param)), "site_url": "https://example.com/"}
    site = run_build(write_site(root, FILES, config))
    (site.site_dir / "control.html").write_text(CONTROL, encoding="utf-8")
    with serve(site.site_dir) as base_url:
        yield base_url


def _open_slowly(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1100, "height": 2400})
    page.add_init_script(CLS_SCRIPT)

    def late(route: Any) -> None:
        time.sleep(HELD_BACK)
        route.continue_()

    page.route("**/*.png", late)
    page.route("**/*.svg", late)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    return page


def _covers(page: Any, selector: str) -> list[dict[str, Any]]:
    return list(page.evaluate(f"""() => [...document.querySelectorAll({selector!r})].map(img => {{
        const box = img.getBoundingClientRect();
        return {{alt: img.alt, loaded: img.complete && img.naturalWidth > 0,
                 width: box.width, height: box.height,
                 ratio: img.getAttribute("width") / img.getAttribute("height")}};
    }})"""))


def test_card_covers_load_keep_their_ratio_and_shift_nothing(browser: Any, served: str) -> None:
    page = _open_slowly(browser, served + "blog/")
    try:
        covers = _covers(page, ".blogposts-card-cover img")
        assert [c["alt"] for c in covers] == ["Wide", "Tall", ""]
        assert all(c["loaded"] for c in covers), covers
        for cover in covers[:2]:
            assert cover["width"] > 0
            assert cover["width"] / cover["height"] == pytest.approx(cover["ratio"], rel=0.02)
        unsized = covers[2]
        assert unsized["width"] / unsized["height"] == pytest.approx(16 / 9, rel=0.02)
        assert page.evaluate("window.__shift") < 0.001
    finally:
        page.close()


def test_post_header_cover_shifts_nothing(browser: Any, served: str) -> None:
    page = _open_slowly(browser, served + "posts/wide/")
    try:
        [cover] = _covers(page, ".blogposts-post-cover img")
        assert cover["loaded"]
        assert cover["width"] / cover["height"] == pytest.approx(800 / 300, rel=0.02)
        assert page.evaluate("window.__shift") < 0.001
    finally:
        page.close()


def test_the_measure_sees_a_shift_when_an_image_has_no_size(browser: Any, served: str) -> None:
    page = _open_slowly(browser, served + "control.html")
    try:
        assert page.evaluate("window.__shift") > 0.01
    finally:
        page.close()
