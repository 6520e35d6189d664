"""The sdist and wheel are complete: installed in a fresh venv, the wheel builds the example site.

Slow (it builds the distributions and installs the wheel and Material from the package index
into a new virtual environment), but part of the default run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from example_sites import EXAMPLE, QUIET_ENV, REPO

pytestmark = pytest.mark.slow
PACKAGE = REPO / "mkdocs_blogposts"
# Nothing from the calling environment may point Python back at the source tree.
CLEAN_ENV = {key: value for key, value in QUIET_ENV.items()
             if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}


def run(*args: str | Path, cwd: Path, timeout: float = 600) -> str:
    """Run a command outside the source tree; fail with its output."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=CLEAN_ENV, capture_output=True,
                            text=True, check=False, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def package_data() -> set[str]:
    """Templates, locales and typing marker of the source tree, as wheel paths."""
    names = {"py.typed", *(p.relative_to(PACKAGE).as_posix()
                           for folder in ("templates", "locales", "assets")
                           for p in (PACKAGE / folder).rglob("*") if p.is_file())}
    return {f"mkdocs_blogposts/{name}" for name in names}


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel) built by `python -m build` (the wheel is built from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, REPO, cwd=out)
    (sdist,), (wheel,) = out.glob("*.tar.gz"), out.glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def venv(dists: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel and Material installed from the index."""
    root = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", root / "env", cwd=root)
    python = root / "env" / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", dists[1], "mkdocs-material", cwd=root)
    return python


def test_wheel_holds_every_module_template_and_locale(dists: tuple[Path, Path]) -> None:
    names = set(zipfile.ZipFile(dists[1]).namelist())
    modules = {f"mkdocs_blogposts/{p.name}" for p in PACKAGE.glob("*.py")}
    assert modules - names == set()
    assert package_data() - names == set()
    assert not [name for name in names if "__pycache__" in name or name.startswith("tests/")]


def test_sdist_holds_the_sources_and_no_build_output(dists: tuple[Path, Path]) -> None:
    with tarfile.open(dists[0]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "mkdocs_blogposts/plugin.py",
            "example_site/mkdocs.yml"} <= names
    assert package_data() - names == set()
    assert not [name for name in names if name.startswith(("example_site/site/", "site/"))
                or "__pycache__" in name]


def test_wheel_metadata_describes_the_project(dists: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(dists[1]) as wheel:
        info = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(wheel.read(info).decode("utf-8"))
        entry_points = wheel.read(info.replace("METADATA", "entry_points.txt")).decode("utf-8")
    assert metadata["Name"] == "mkdocs-blogposts"
    assert metadata["Summary"]
    assert metadata["License-Expression"] == "MIT" or metadata["License"]
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert len(metadata.get_payload()) > 1000  # the README as long description
    classifiers = metadata.get_all("Classifier") or []
    assert "Framework :: MkDocs" in classifiers and len(classifiers) >= 5
    urls = metadata.get_all("Project-URL") or []
    assert {url.split(",")[0] for url in urls} >= {"Homepage", "Issues"}
    assert "[mkdocs.plugins]\nblogposts = mkdocs_blogposts.plugin:BlogpostsPlugin" in entry_points


def test_installed_wheel_builds_the_example_site(venv: Path, tmp_path: Path) -> None:
    location = run(venv, "-c", "import mkdocs_blogposts.plugin as p; print(p.__file__)",
                   cwd=tmp_path)
    assert Path(location.strip()).is_relative_to(venv.parent.parent), location
    installed = Path(location.strip()).parent
    assert {f"mkdocs_blogposts/{p.relative_to(installed).as_posix()}"
            for p in installed.rglob("*") if p.is_file()} >= package_data()
    shutil.copytree(EXAMPLE / "docs", tmp_path / "example" / "docs")
    shutil.copy(EXAMPLE / "mkdocs.yml", tmp_path / "example" / "mkdocs.yml")
    run(venv.parent / "mkdocs", "build", "--strict", "-f", tmp_path / "example" / "mkdocs.yml",
        cwd=tmp_path)
    site = tmp_path / "example" / "site"
    assert "Articles récents" in (site / "blog" / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Recent posts" in (site / "blog" / "en" / "index.html").read_text(encoding="utf-8")
    assert (site / "blog" / "fr" / "2024" / "11" / "index.html").is_file()


def test_pip_check_is_clean(venv: Path, tmp_path: Path) -> None:
    assert "No broken requirements found" in run(venv, "-m", "pip", "check", cwd=tmp_path)
