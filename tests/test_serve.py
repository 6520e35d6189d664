"""A real `mkdocs serve` of the example site: drafts are previewed, and edits reach the listings.

The server runs in its own process group on a free loopback port and is stopped by its pid.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from example_sites import QUIET_ENV, copy_example, stop

pytestmark = pytest.mark.slow
TIMEOUT = 60.0
NEW_POST = """---
title: Un billet tout neuf
date: '2026-03-15'
lang: fr
type: post
section: journal
---

Écrit pendant que `mkdocs serve` tournait.
"""
MOVED = "journal/2023/02/bienvenue-atelier-lumen/index.md"
MOVED_TITLE = "Bienvenue chez Atelier Lumen"


def free_port() -> int:
    """A loopback port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """(status, text) of a GET; a refused or hanging request counts as status 0."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, ""


def wait_until(process: subprocess.Popen[bytes], output: Callable[[], str], what: str,
               check: Callable[[], bool], interval: float) -> None:
    """Poll `check` while `mkdocs serve` runs; fail with its log after TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, f"mkdocs serve exited:\n{output()}"
        if check():
            return
        time.sleep(interval)
    raise AssertionError(f"after {TIMEOUT:.0f} s, still not {what}:\n{output()}")


@dataclass
class Server:
    """A running `mkdocs serve`: its process, base URL, docs folder and log file."""

    process: subprocess.Popen[bytes]
    base_url: str
    docs_dir: Path
    log: Path

    def wait_for(self, what: str, check: Callable[[], bool]) -> None:
        """Poll `check` until it holds; fail with the server's log after TIMEOUT seconds."""
        wait_until(self.process, self.output, what, check, interval=0.5)

    def page(self, path: str) -> tuple[int, str]:
        """(status, text) of a page of the served site."""
        return fetch(self.base_url + path)

    def output(self) -> str:
        """The last lines MkDocs printed."""
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`mkdocs serve` of a copy of the example site, stopped by its pid afterwards."""
    config_file = copy_example(tmp_path / "site", "mkdocs")
    port = free_port()
    site_path = urlsplit(yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"]).path
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
             "-f", str(config_file)],
            stdout=output, stderr=subprocess.STDOUT, env=QUIET_ENV, start_new_session=True,
        )
    running = Server(process, f"http://127.0.0.1:{port}{site_path}", tmp_path / "site" / "docs",
                     log)
    try:
        running.wait_for("serving blog/", lambda: running.page("blog/")[0] == 200)
        yield running
    finally:
        stop(process)
    assert process.returncode is not None


def docs_files(docs_dir: Path) -> set[str]:
    """Every file under docs_dir."""
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()}


def test_serve_lists_drafts_with_a_badge(server: Server) -> None:
    status, listing = server.page("blog/fr/")
    assert status == 200
    card = listing.split("Un budget de performance pour chaque projet", 1)[1].split("</article>")[0]
    assert 'class="blogposts-draft-badge"' in card
    status, post = server.page("tech/2026/04/un-budget-de-performance/")
    assert status == 200 and 'class="blogposts-draft-notice"' in post
    assert server.page("blog/fr/2026/04/")[0] == 200


def test_serve_shows_a_new_post_and_a_changed_date(server: Server) -> None:
    before = docs_files(server.docs_dir)
    assert MOVED_TITLE in server.page("blog/fr/2023/02/")[1]
    new_post = server.docs_dir / "journal/2026/03/un-billet-tout-neuf/index.md"
    new_post.parent.mkdir(parents=True)
    new_post.write_text(NEW_POST, encoding="utf-8")
    moved = server.docs_dir / MOVED
    moved.write_text(moved.read_text(encoding="utf-8").replace("date: '2023-02-14'",
                                                               "date: '2025-12-05'"),
                     encoding="utf-8")

    server.wait_for("listing the new post on blog/fr/",
                    lambda: "Un billet tout neuf" in server.page("blog/fr/")[1])
    server.wait_for("listing the new post on its month page",
                    lambda: "Un billet tout neuf" in server.page("blog/fr/2026/03/")[1])
    server.wait_for("listing the re-dated post on its new month page",
                    lambda: MOVED_TITLE in server.page("blog/fr/2025/12/")[1])
    status, old_month = server.page("blog/fr/2023/02/")
    assert status == 404 or MOVED_TITLE not in old_month
    assert "Un billet tout neuf" in server.page("journal/2026/03/un-billet-tout-neuf/")[1]
    # Nothing but our two edits changed the docs: the plugin never writes into docs_dir.
    assert docs_files(server.docs_dir) == before | {"journal/2026/03/un-billet-tout-neuf/index.md"}


def test_free_port_is_free() -> None:
    port = free_port()
    assert fetch(f"http://127.0.0.1:{port}/")[0] == 0
