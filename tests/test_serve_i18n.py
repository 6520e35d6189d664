"""A real `mkdocs serve` of example_site_i18n: static-i18n's per-language rebuilds pick up
a new post in its language's blog only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from example_sites import QUIET_ENV, REPO, stop
from test_serve import Server, free_port

pytest.importorskip("mkdocs_static_i18n")
pytestmark = pytest.mark.slow

NEW_POST = """---
type: post
title: Un billet écrit pendant le serve
date: 2024-06-01
---

Écrit pendant que `mkdocs serve` tournait.
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`mkdocs serve` of a copy of example_site_i18n, stopped by its pid afterwards."""
    shutil.copytree(REPO / "example_site_i18n", tmp_path / "site")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
             "-f", str(tmp_path / "site" / "mkdocs.yml")],
            stdout=output, stderr=subprocess.STDOUT, env=QUIET_ENV, start_new_session=True,
        )
    running = Server(process, f"http://127.0.0.1:{port}/lumen-starter/",
                     tmp_path / "site" / "docs", log)
    try:
        running.wait_for("serving fr/blog/", lambda: running.page("fr/blog/")[0] == 200)
        yield running
    finally:
        stop(process)


def test_serve_adds_a_new_post_to_its_languages_blog_only(server: Server) -> None:
    assert "Atelier ouvert le 25 novembre" in server.page("fr/blog/")[1]
    assert "A new changelog format" in server.page("blog/")[1]
    post = server.docs_dir / "blog" / "posts" / "2024-06-01-pendant-le-serve.fr.md"
    post.write_text(NEW_POST, encoding="utf-8")
    server.wait_for("listing the new post on fr/blog/",
                    lambda: "Un billet écrit pendant le serve" in server.page("fr/blog/")[1])
    assert "Un billet écrit pendant le serve" not in server.page("blog/")[1]
    status, page = server.page("fr/blog/posts/2024-06-01-pendant-le-serve/")
    assert status == 200 and '<html lang="fr"' in page
