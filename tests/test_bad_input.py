"""Broken posts: one line each, the build goes on without them, nothing else is touched.

The site in tests/data/broken_posts holds one file per kind of problem (posts/broken/),
a few good posts (posts/good/) and pages that are not posts. It is built by the real
`mkdocs` command in a subprocess, as users run it, from a copy in a temporary folder.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import post

BROKEN_SITE = Path(__file__).parent / "data" / "broken_posts"
EXPECTED = (BROKEN_SITE / "expected-warnings.txt").read_text(encoding="utf-8").splitlines()
PREFIX = "WARNING -  mkdocs_blogposts: "
# Hang guard only (a 50 MB post takes about a minute on a loaded machine), not a timing test.
TIMEOUT = 600
GOOD_TITLES = ["BOM and CRLF", "MultiMarkdown meta", "Case variants merge", "C", "C sharp",
               "A text where lists are expected",
               "Unknown keys", "Date from the file name"]
# Broken posts whose problem is recoverable: they are built and listed.
RECOVERED = ["authors-mapping", "canonical-javascript", "duplicate-keys", "expires-words",
             "lang-list", "lang-markup", "lang-name", "lang-no", "reading-time-text",
             "summary-list", "tags-mapping", "tags-nested-list", "tags-too-deep", "title-empty",
             "title-list", "title-mapping", "title-missing", "title-null", "title-yes",
             "translation-key-list", "updated-words", "alias-backslash", "alias-dotdot",
             "alias-encoded", "alias-nul", "alias-other-site", "slug-absolute", "slug-backslash",
             "slug-dotdot", "slug-encoded", "slug-list", "slug-nul"]


def mkdocs(*args: str, cwd: Path, timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def plugin_warnings(stderr: str) -> list[str]:
    """The plugin's warning lines, without MkDocs' prefix."""
    return [line[len(PREFIX):] for line in stderr.splitlines() if line.startswith(PREFIX)]


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    """A fresh copy of the broken-posts site."""
    root = tmp_path / "broken_posts"
    shutil.copytree(BROKEN_SITE, root)
    return root


def titles_listed(html: str) -> list[str]:
    return re.findall(r'class="blogposts-card-title"><a href="[^"]*">([^<]*)</a>', html)


def broken_files() -> list[str]:
    folder = BROKEN_SITE / "docs"
    return sorted(str(p.relative_to(folder)) for p in (folder / "posts" / "broken").iterdir())


def test_the_folder_covers_every_kind_of_problem():
    assert len(broken_files()) >= 40


@pytest.mark.slow
def test_a_plain_build_goes_on_with_one_line_per_broken_file(broken_site: Path, tmp_path: Path):
    result = mkdocs("build", "-d", str(tmp_path / "site"), cwd=broken_site)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = plugin_warnings(result.stderr)
    assert sorted(warnings) == sorted(EXPECTED)
    for name in [*broken_files(), "nested-page.md"]:
        assert len([w for w in warnings if w.startswith(f"{name}: ")]) == 1, name
    assert "ERROR" not in result.stderr
    site = tmp_path / "site"
    index = "".join((site / "blog" / page).read_text(encoding="utf-8")
                    for page in ("index.html", "page/2/index.html", "page/3/index.html",
                                 "page/4/index.html") if (site / "blog" / page).exists())
    listed = titles_listed(index)
    assert set(GOOD_TITLES) <= set(listed)
    for name in RECOVERED:
        assert (site / "posts" / "broken" / name / "index.html").is_file(), name
    built = {p.name for p in (site / "posts" / "broken").iterdir()}
    assert built == set(RECOVERED)
    assert not (site / "nested-page").exists()


@pytest.mark.slow
def test_a_strict_build_fails_with_the_same_lines_and_no_traceback(broken_site: Path,
                                                                   tmp_path: Path):
    result = mkdocs("build", "--strict", "-d", str(tmp_path / "site"), cwd=broken_site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert sorted(plugin_warnings(result.stderr)) == sorted(EXPECTED)
    assert f"Aborted with {len(EXPECTED)} warnings in strict mode!" in result.stdout


@pytest.mark.slow
def test_fallback_titles_reach_the_page_title_and_the_listing(broken_site: Path,
                                                             tmp_path: Path):
    result = mkdocs("build", "-d", str(tmp_path / "site"), cwd=broken_site)
    assert result.returncode == 0
    page = (tmp_path / "site" / "posts" / "broken" / "title-list" / "index.html")
    assert "<title>First heading - Broken posts</title>" in page.read_text(encoding="utf-8")
    mapping = tmp_path / "site" / "posts" / "broken" / "title-mapping" / "index.html"
    assert "<title>title-mapping - Broken posts</title>" in mapping.read_text(encoding="utf-8")
    assert "{'en'" not in mapping.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_briefly(root: Path) -> str:
    """Run `mkdocs serve`, fetch a few pages, stop it; return what it printed."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        pages = ["", "blog/", "posts/good/unknown-keys/", "posts/broken/draft-text/"]
        fetched: list[int] = []
        while time.monotonic() < deadline and len(fetched) < len(pages):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{pages[len(fetched)]}",
                                            timeout=30) as response:
                    fetched.append(response.status)
            except OSError:
                time.sleep(0.5)
        assert fetched == [200] * len(pages)
        time.sleep(2)  # a build writing into docs_dir would start a rebuild now
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=60)
    return output


@pytest.mark.slow
def test_build_serve_and_check_leave_the_docs_folder_untouched(broken_site: Path):
    docs = broken_site / "docs"
    before = tree_hash(docs)
    assert mkdocs("build", cwd=broken_site).returncode == 0
    assert mkdocs("build", "--strict", cwd=broken_site).returncode == 1
    output = serve_briefly(broken_site)
    assert "Traceback" not in output
    assert output.count("Building documentation") == 1, output
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "-m", "mkdocs_blogposts.cli", "check"],
                           cwd=broken_site, env=env, capture_output=True, text=True,
                           timeout=TIMEOUT, check=False)
    assert check.returncode == 1 and "Traceback" not in check.stderr + check.stdout
    assert tree_hash(docs) == before


def write_big_post(path: Path, size: int) -> None:
    """A post of `size` bytes: prose, then a pasted image as a data URI (a real cause)."""
    prose = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n" * 30_000
    head = "---\ntype: post\ntitle: A big post\ndate: 2020-01-01\n---\n\n" + prose
    tail = ")\n\nThe end.\n"
    image_bytes = (size - len(head) - len(tail) - 40) * 3 // 4
    with path.open("w", encoding="utf-8") as stream:
        stream.write(head + "![pasted](data:image/png;base64,")
        stream.write(base64.b64encode(os.urandom(image_bytes)).decode())
        stream.write(tail)


@pytest.mark.slow
def test_a_50_mb_post_builds(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "small.md").write_text(post("Small", "2020-01-02"), encoding="utf-8")
    write_big_post(docs / "big.md", 50 * 1024 * 1024)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Big\nsite_url: https://example.org/\nplugins: [blogposts]\n",
        encoding="utf-8")
    result = mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    listing = (tmp_path / "site" / "blog" / "index.html").read_text(encoding="utf-8")
    assert titles_listed(listing) == ["Small", "A big post"]
    assert (tmp_path / "site" / "big" / "index.html").stat().st_size > 50_000_000


# Collisions: one message naming both files -------------------------------------------------

def test_two_posts_on_one_url_are_named_and_one_is_left_out(make_site):
    site = make_site({
        "index.md": "# Home\n",
        "same.md": post("First", "2024-01-01"),
        "same/index.md": post("Second", "2024-01-02"),
        "Page.md": "# A page\n",
        "page/index.md": post("Third", "2024-01-03"),
    }, expected_warnings=[
        "same/index.md: its URL 'same/' is also the URL of same.md; the post is left out",
        "page/index.md: its URL 'page/' is also the URL of Page.md; the post is left out",
    ])
    assert titles_listed(site.read("blog/index.html")) == ["First"]
    assert "First" in site.read("same/index.html")


def test_terms_that_share_a_url_are_named_but_spellings_merge_silently(make_site):
    site = make_site({
        "index.md": "# Home\n",
        "a.md": post("A", "2024-01-01", tags=["C#", "Vie privée"]),
        "b.md": post("B", "2024-01-02", tags=["C", "Vie Privée", "vie privee"]),
    }, expected_warnings=[
        "tags 'C#' in a.md, 'C' in b.md share the URL segment 'c'; they are merged as 'C'",
    ])
    assert site.exists("blog/tags/vie-privee/index.html")


def test_a_users_page_where_a_generated_one_would_go_is_kept(make_site):
    site = make_site({
        "index.md": "# Home\n",
        "a.md": post("A", "2024-01-01"),
        "blog/archive/index.md": "# My own archive\n",
    })
    assert site.messages(logging.INFO).count(
        "blog/archive/index.md: your page is used instead of the generated page 'Archive'") == 1
    assert "My own archive" in site.read("blog/archive/index.html")


def test_two_posts_given_one_url_by_post_url_are_named(make_site):
    make_site({
        "index.md": "# Home\n",
        "a.md": post("Same", "2024-01-01", slug="same"),
        "b.md": post("Same", "2024-01-01", slug="same"),
    }, {"plugins": [{"blogposts": {"post_url": "{yyyy}/{slug}/"}}]}, expected_warnings=[
        "b.md: post_url gives '2024/same/', the URL of a.md too; it keeps its own URL 'b/'",
    ])
