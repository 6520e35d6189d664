"""The example site in each supported theme, built and served by real processes.

Shared by the slow integration tests and by scripts/screenshots.py. Nothing here mocks MkDocs:
configurations are written to a temporary folder, builds run `python -m mkdocs`, and built sites
are served by `python -m http.server` on a free loopback port.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "example_site"
THEMES = ("material", "mkdocs", "readthedocs")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The builds must not print MkDocs 2's banner into the output the tests read.
QUIET_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def example_config() -> dict[str, Any]:
    """The example site's own mkdocs.yml, as data."""
    config = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(config, dict)
    return config


def theme_settings(theme: str) -> dict[str, Any]:
    """The `theme:` of the example site in `theme`.

    The machines that run the tests are offline, so each theme's CDN assets are switched off by
    the theme's own documented option (Material's Google Fonts, the highlight.js of the others):
    any request that leaves 127.0.0.1 is then a real defect.
    """
    if theme == "material":
        return {**example_config()["theme"], "font": False}
    return {"name": theme, "highlightjs": False}


def write_config(root: Path, theme_name: str = "material", docs_dir: Path | None = None,
                 **settings: Any) -> Path:
    """Write an mkdocs.yml for the example site in a theme into `root`; return its path.

    The docs stay in the repository unless `docs_dir` is given; the site goes to `root/site`.
    `settings` replace the example's own (a whole `theme:` mapping included).
    """
    config = example_config()
    config.update(theme=theme_settings(theme_name), docs_dir=str(docs_dir or EXAMPLE / "docs"),
                  site_dir=str(root / "site"))
    config.update(settings)
    root.mkdir(parents=True, exist_ok=True)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def copy_example(root: Path, theme_name: str = "material", **settings: Any) -> Path:
    """Copy the example's docs into `root/docs` (for tests that edit or commit them)."""
    shutil.copytree(EXAMPLE / "docs", root / "docs")
    return write_config(root, theme_name, docs_dir=root / "docs", **settings)


def run_mkdocs(*args: str, cwd: Path | None = None, python: str = sys.executable,
               timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `python -m mkdocs ARGS` and fail with its output if it does not succeed."""
    result = subprocess.run([python, "-m", "mkdocs", *args], cwd=cwd, env=QUIET_ENV,
                            capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise AssertionError(
            f"`mkdocs {' '.join(args)}` exited with {result.returncode}:\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result


def build(config_file: Path, *args: str) -> Path:
    """Build strictly in a subprocess; return the site folder."""
    run_mkdocs("build", "--strict", "-f", str(config_file), *args)
    site_dir = yaml.safe_load(config_file.read_text(encoding="utf-8")).get("site_dir")
    return Path(site_dir) if site_dir else config_file.parent / "site"


def stop(process: subprocess.Popen[Any], timeout: float = 10) -> None:
    """Stop a process we started, by its pid: terminate, wait, kill if it does not exit."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` with `http.server` on a free loopback port; yield its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
         "--directory", str(site_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r" port (\d+) ", line)
        if found is None:
            raise RuntimeError(f"http.server did not print its port; its first line: {line!r}")
        yield f"http://127.0.0.1:{found.group(1)}/"
    finally:
        stop(process)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
