#!/usr/bin/env python3
"""Build the example site in each supported theme and save the README's screenshots.

    python scripts/screenshots.py [--out docs/screenshots] [THEME ...]

Writes docs/screenshots/<theme>-<page>.png (1280x900) for the blog's landing page, a post and
an archive and a tag's page, plus Material's landing page in its dark palette. Needs Debian's chromium
(/usr/bin/chromium) and the `playwright` package; it never downloads a browser.
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
# The README's views: where readers land, a French post with its English translation link,
# the English archive, and the page of one French tag.
PAGES = {
    "landing": "blog/",
    "post": "journal/2024/11/ateliers-accessibilite-au-lycee/",
    "archive": "blog/en/archive/",
    "term": "blog/fr/tags/bordeaux/",
}


def shoot(page: Any, url: str, target: Path) -> Path:
    """Open `url` and save what a 1280x900 window shows."""
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(target))
    return target


def capture(browser: Any, base_url: str, theme: str, out: Path) -> list[Path]:
    """Screenshots of every page in PAGES (and Material's dark palette) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT)
    try:
        shots = [shoot(page, base_url + path, out / f"{theme}-{name}.png")
                 for name, path in PAGES.items()]
        if theme == "material":
            page.goto(base_url + PAGES["landing"], wait_until="networkidle")
            page.locator("label[title='Dark mode']").first.click()
            shots.append(out / "material-dark-landing.png")
            page.screenshot(path=str(shots[-1]))
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
