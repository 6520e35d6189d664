"""The blog's look in Chromium: each theme and palette, desktop and mobile, pages that load with
no console error, no layout shift, nothing wider than the window, chips on the text column."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from example_sites import CHROMIUM, build, chromium, serve, write_config
from test_browser import Watch

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
    pytest.mark.slow,
]

PAGES = ["blog/", "tech/2024/09/rythme-vertical/", "", "blog/en/2024/"]
SIZES = {"desktop": (1280, 900), "mobile": (390, 844)}
# Layout shifts once the page's fonts are in: web fonts that arrive after the first paint reflow
# every page of a theme, its own too (readthedocs: 0.01 on its guide page), which says nothing
# of the blog's markup. What moves after that (late images, scripts, styles) is counted.
SHIFTS_JS = """async () => {
    await document.fonts.ready;
    const since = performance.now();
    return await new Promise(done => {
        let total = 0;
        new PerformanceObserver(list => {
            for (const entry of list.getEntries())
                if (!entry.hadRecentInput && entry.startTime > since) total += entry.value;
        }).observe({type: "layout-shift", buffered: true});
        setTimeout(() => done(total), 500);
    });
}"""
# Left edges, in px, of what must line up with the text column.
EDGES_JS = """() => {
    const left = selector => {
        const element = document.querySelector(selector);
        return element ? Math.round(element.getBoundingClientRect().left) : null;
    };
    return {
        title: left(".blogposts-title, .blogposts-post-header .blogposts-meta"),
        languages: left(".blogposts-languages li:first-child a"),
        meta: left(".blogposts-post-header .blogposts-meta"),
        chip: left(".blogposts-post-footer .blogposts-terms li:first-child a"),
        card_title: left(".blogposts-card .blogposts-card-title"),
        card_chip: left(".blogposts-card .blogposts-terms li:first-child a"),
        overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module", params=["material", "material-dark", "mkdocs", "readthedocs"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, str]]:
    """(theme, base URL) of the example site in each theme; Material also in its dark palette."""
    theme = str(request.param).split("-")[0]
    site_dir = build(write_config(tmp_path_factory.mktemp(theme), theme))
    with serve(site_dir) as base_url:
        yield str(request.param), base_url


@pytest.mark.parametrize("size", sorted(SIZES))
def test_blog_pages_are_steady_clean_and_aligned(browser: Any, served: tuple[str, str],
                                                 size: str) -> None:
    theme, base_url = served
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    watch = Watch(page, base_url)
    try:
        if theme == "material-dark":
            page.goto(base_url + "blog/")
            page.locator("label[title='Dark mode']").first.click()
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        for path in PAGES:
            page.goto(base_url + path)
            watch.check_page(path)
            assert page.evaluate(SHIFTS_JS) < 0.001, f"layout shift on {path}"
            edges = page.evaluate(EDGES_JS)
            assert edges["overflow"] <= 0, f"{path} is wider than the window: {edges}"
            if edges["languages"] is not None:
                assert edges["languages"] == edges["title"], (path, edges)
            if edges["chip"] is not None:
                assert edges["chip"] == edges["meta"], (path, edges)
            if edges["card_chip"] is not None:
                assert edges["card_chip"] == edges["card_title"], (path, edges)
    finally:
        page.close()


def test_a_post_in_a_series_shows_its_box_and_related_posts(browser: Any,
                                                            served: tuple[str, str]) -> None:
    _, base_url = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base_url + "tech/2024/09/rythme-vertical/", wait_until="networkidle")
        assert page.locator(".blogposts-series").is_visible()
        assert "Partie 2 sur 2" in page.locator(".blogposts-series").inner_text()
        assert page.locator(".blogposts-related li").count() == 3
        page.goto(base_url, wait_until="networkidle")
        assert page.locator(".blogposts-embed .blogposts-card").count() == 3
    finally:
        page.close()
