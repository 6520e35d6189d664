"""`mkdocs gh-deploy` of the example site to a local bare repository puts the whole blog online."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from example_sites import QUIET_ENV, copy_example, run_mkdocs

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.slow,
]
REMOTE = "deploy-target"
GENERATED = ["blog/index.html", "blog/fr/index.html", "blog/fr/page/2/index.html",
             "blog/fr/archive/index.html", "blog/fr/2024/index.html",
             "blog/fr/2024/11/index.html", "blog/fr/tags/index.html",
             "blog/en/index.html", "blog/en/archive/index.html", "blog/en/2024/11/index.html",
             "blog/en/categories/css/index.html", "sitemap.xml", "sitemap.xml.gz"]


def git_env(home: Path) -> dict[str, str]:
    """An environment where git needs no user configuration and reads none."""
    home.mkdir(exist_ok=True)
    return {**QUIET_ENV, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "Blog Tests",
            "GIT_AUTHOR_EMAIL": "tests@example.org", "GIT_COMMITTER_NAME": "Blog Tests",
            "GIT_COMMITTER_EMAIL": "tests@example.org"}


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """Run git and return its output; fail with git's own message."""
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(bare repository, site folder, git env) after one `mkdocs gh-deploy`."""
    tmp = tmp_path_factory.mktemp("deploy")
    env = git_env(tmp / "home")
    remote = tmp / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp, env=env)
    source = tmp / "source"
    config_file = copy_example(source)
    (source / ".gitignore").write_text("site/\n", encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=source, env=env)
    git("add", ".", cwd=source, env=env)
    git("commit", "-q", "-m", "Example blog", cwd=source, env=env)
    git("remote", "add", REMOTE, str(remote), cwd=source, env=env)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--remote-name", REMOTE, "--force",
         "-f", str(config_file)],
        cwd=source, env=env, capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return remote, source / "site", env


def branch_files(remote: Path, env: dict[str, str]) -> set[str]:
    """Every file on the gh-pages branch of `remote`."""
    return set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote, env=env).split())


def test_every_built_file_is_on_gh_pages(deployed: tuple[Path, Path, dict[str, str]]) -> None:
    remote, site_dir, env = deployed
    built = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    on_branch = branch_files(remote, env)
    assert set(GENERATED) <= built
    assert built - on_branch == set()
    assert ".nojekyll" in on_branch


def test_every_post_and_feed_is_on_gh_pages(deployed: tuple[Path, Path, dict[str, str]]
                                            ) -> None:
    remote, site_dir, env = deployed
    on_branch = branch_files(remote, env)
    docs = site_dir.parent / "docs"
    for source in docs.rglob("*.md"):
        page = source.relative_to(docs).with_suffix("").as_posix().removesuffix("index")
        # A language suffix leaves the URL: 'x.fr.md' is 'fr/x/', 'x.en.md' (the site's
        # language) is 'x/'.
        stem, dot, lang = page.rpartition(".")
        if dot and lang in ("fr", "en"):
            page = stem if lang == "en" else f"fr/{stem}"
        expected = f"{page.rstrip('/')}/index.html".lstrip("/")
        if "\ndraft: true\n" in source.read_text(encoding="utf-8"):
            assert expected not in on_branch, f"draft deployed: {expected}"
        else:
            assert expected in on_branch, expected
    feeds = {name for name in on_branch
             if name.startswith("blog/") and name.endswith(("feed.xml", "rss.xml", "feed.json"))}
    linked = {"blog/fr/feed.xml", "blog/fr/rss.xml", "blog/fr/feed.json",
              "blog/en/feed.xml", "blog/en/rss.xml", "blog/en/feed.json"}
    if feeds:  # feeds are written when site_url is set, as in the example site
        assert linked <= feeds


def test_deployed_pages_are_the_built_ones(deployed: tuple[Path, Path, dict[str, str]]) -> None:
    remote, site_dir, env = deployed
    for name in ("blog/index.html", "blog/fr/2024/11/index.html", "sitemap.xml"):
        shown = git("show", f"gh-pages:{name}", cwd=remote, env=env)
        assert shown == (site_dir / name).read_text(encoding="utf-8"), name
    sitemap = git("show", "gh-pages:sitemap.xml", cwd=remote, env=env)
    assert "https://example.org/atelier-lumen/blog/fr/2024/11/" in sitemap
    assert "https://example.org/atelier-lumen/journal/2024/11/ateliers-accessibilite-au-lycee/" \
        in sitemap


def test_gh_deploy_needs_no_docs_change(deployed: tuple[Path, Path, dict[str, str]]) -> None:
    """The plugin never writes into docs_dir: the source tree is clean after deploying."""
    _, site_dir, env = deployed
    assert git("status", "--porcelain", cwd=site_dir.parent, env=env) == ""


def test_run_mkdocs_reports_failures(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="exited with"):
        run_mkdocs("build", "-f", str(tmp_path / "missing.yml"))
