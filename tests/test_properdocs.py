"""`properdocs build` of the example site gives the same pages as `mkdocs build`.

ProperDocs (the maintained continuation of MkDocs 1.6) redirects `mkdocs.*` imports to its own
package, so it must run in its own process: `python -m properdocs build --strict -f ...`.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from example_sites import QUIET_ENV, build, write_config

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                       reason="ProperDocs is not installed: pip install properdocs "
                              "properdocs-theme-mkdocs properdocs-theme-readthedocs"),
    pytest.mark.slow,
]
# The theme packages ProperDocs needs for MkDocs' built-in themes; Material serves both engines.
THEME_PACKAGES = {"mkdocs": "properdocs_theme_mkdocs",
                  "readthedocs": "properdocs_theme_readthedocs", "material": "material"}
# Files of the themes themselves: the two engines ship different versions of their assets.
THEME_ASSETS = re.compile(r"^(css|js|fonts|webfonts|img|assets/(javascripts|stylesheets|images))/")


def properdocs_build(config_file: Path) -> Path:
    """Build strictly with ProperDocs in a subprocess; return the site folder."""
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config_file)],
        env=QUIET_ENV, capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout}\n{result.stderr}"
    return config_file.parent / "site"


def engine_neutral(text: str) -> str:
    """A page with the engine's name, link and build stamp taken out."""
    text = text.replace("https://properdocs.org/", "https://www.mkdocs.org/")
    text = text.replace("ProperDocs", "MkDocs").replace("properdocs", "mkdocs")
    text = re.sub(r"<!--\s*MkDocs version :.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r'<meta name="generator" content="[^"]*">', "", text)
    return re.sub(r"<lastmod>[^<]*</lastmod>", "", text)


def built_files(site_dir: Path) -> set[str]:
    """Every file of a site, by its path under site_dir."""
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}


@pytest.fixture(scope="module", params=sorted(THEME_PACKAGES))
def both_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> tuple[Path, Path]:
    """(ProperDocs site, MkDocs site) of the example site in one theme."""
    theme = str(request.param)
    if importlib.util.find_spec(THEME_PACKAGES[theme]) is None:
        pytest.skip(f"{THEME_PACKAGES[theme]} is not installed")
    root = tmp_path_factory.mktemp(theme)
    proper = properdocs_build(write_config(root / "properdocs", theme))
    mkdocs = build(write_config(root / "mkdocs", theme))
    return proper, mkdocs


def test_same_files(both_builds: tuple[Path, Path]) -> None:
    proper, mkdocs = both_builds
    assert built_files(proper) == built_files(mkdocs)
    assert {"blog/index.html", "blog/fr/index.html", "blog/en/archive/index.html",
            "blog/fr/2024/11/index.html"} <= built_files(proper)


def test_same_blog_pages(both_builds: tuple[Path, Path]) -> None:
    proper, mkdocs = both_builds
    compared = 0
    for name in sorted(built_files(mkdocs)):
        if THEME_ASSETS.match(name) or not name.endswith((".html", ".xml", ".json")):
            continue
        ours = engine_neutral((proper / name).read_text(encoding="utf-8"))
        assert ours == engine_neutral((mkdocs / name).read_text(encoding="utf-8")), name
        compared += 1
    assert compared > 100


def test_properdocs_finds_the_plugin_by_its_entry_point() -> None:
    code = ("from properdocs.plugins import get_plugins; "
            "print(get_plugins()['blogposts'].value)")
    result = subprocess.run([sys.executable, "-c", code], env=QUIET_ENV, capture_output=True,
                            text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "mkdocs_blogposts.plugin:BlogpostsPlugin"
