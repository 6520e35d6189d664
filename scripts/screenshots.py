#!/usr/bin/env python3
"""Build the example site in each supported theme and save the README's screenshots.

    python scripts/screenshots.py [--out docs/screenshots] [THEME ...]

Writes docs/screenshots/<theme>-<view>.png (1280x900) and <theme>-<view>-mobile.png (390x844)
for the blog's landing page, a post in a series (its top and its end), the home page with an
embedded list, a year's page, an archive and a tag's page, plus Material's dark palette
(material-dark-<view>...). Needs Debian's chromium (/usr/bin/chromium) and the `playwright`
package; it never downloads a browser.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from example_sites import REPO, THEMES, build, chromium, serve, write_config

OUT = REPO / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
# The README's views: where readers land, a French post in a series (its box at the top, its
# related posts and previous/next at the end), the home page with its embedded list of posts,
# a year's page, the English archive and the page of one French tag. A view is a path, and
# optionally the element to scroll to the top of the window.
PAGES: dict[str, tuple[str, str | None]] = {
    "landing": ("blog/", None),
    "post": ("tech/2024/09/rythme-vertical/", None),
    "post-end": ("tech/2024/09/rythme-vertical/", ".blogposts-post-footer"),
    "home": ("", "#latest-notes"),
    "year": ("blog/en/2024/", None),
    "archive": ("blog/en/archive/", None),
    "term": ("blog/fr/tags/bordeaux/", None),
}
# Narrow windows and the dark palette show the views where the layout changes most.
MOBILE_PAGES = ("landing", "post", "post-end", "home", "year")
DARK_PAGES = ("landing", "post", "post-end", "home", "year")
SCROLL_JS = """selector => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const header = document.querySelector(".md-header, .navbar.fixed-top");
    const offset = header ? header.getBoundingClientRect().height + 16 : 16;
    const top = element.getBoundingClientRect().top + window.scrollY - offset;
    window.scrollTo({top, behavior: "instant"});  // Bootstrap 5 makes scrolling smooth
    return true;
}"""


def shoot(page: Any, url: str, target: Path, scroll_to: str | None = None) -> Path:
    """Open `url`, scroll `scroll_to` into view if given, and save what the window shows."""
    page.goto(url, wait_until="networkidle")
    if scroll_to is not None and not page.evaluate(SCROLL_JS, scroll_to):
        raise SystemExit(f"{url}: no {scroll_to} to show")
    if scroll_to is not None:
        page.wait_for_timeout(600)  # Material's header swaps its title with a transition
    page.screenshot(path=str(target))
    return target


def dark(page: Any, base_url: str) -> None:
    """Switch Material to its dark palette (remembered for the next pages)."""
    page.goto(base_url + PAGES["landing"][0], wait_until="networkidle")
    page.locator("label[title='Dark mode']").first.click()


def capture(browser: Any, base_url: str, theme: str, out: Path) -> list[Path]:
    """Screenshots of the views into `out`: `<theme>-<view>.png` at 1280x900,
    `<theme>-<view>-mobile.png` at 390x844, and Material's `material-dark-<view>...`."""
    out.mkdir(parents=True, exist_ok=True)
    runs = [(theme, VIEWPORT, tuple(PAGES), False), (theme, MOBILE, MOBILE_PAGES, False)]
    if theme == "material":
        runs += [("material-dark", VIEWPORT, DARK_PAGES, True),
                 ("material-dark", MOBILE, DARK_PAGES, True)]
    shots = []
    for prefix, viewport, names, is_dark in runs:
        page = browser.new_page(viewport=viewport)
        suffix = "-mobile" if viewport is MOBILE else ""
        try:
            if is_dark:
                dark(page, base_url)
            for name in names:
                path, scroll_to = PAGES[name]
                shots.append(shoot(page, base_url + path, out / f"{prefix}-{name}{suffix}.png",
                                   scroll_to))
        finally:
            page.close()
    return shots


def shoot_theme(theme: str, workdir: Path, out: Path) -> list[Path]:
    """Build the example site in `theme`, serve it and capture its pages."""
    site_dir = build(write_config(workdir / theme, theme))
    with serve(site_dir) as base_url, chromium() as browser:
        return capture(browser, base_url, theme, out)


def main(argv: list[str] | None = None) -> int:
    """Refresh the screenshots of the given themes (all by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("themes", nargs="*", metavar="THEME",
                        help=f"any of {', '.join(THEMES)} (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the PNG files")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.themes) - set(THEMES))
    if unknown:
        parser.error(f"unknown theme {', '.join(unknown)}; expected any of {', '.join(THEMES)}")
    with tempfile.TemporaryDirectory(prefix="blogposts-shots-") as workdir:
        for theme in args.themes or THEMES:
            for path in shoot_theme(theme, Path(workdir), args.out):
                print(f"{path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
