"""A real `mkdocs serve --dirty`: after each edit it serves what a fresh `mkdocs serve` serves,
byte for byte, and redraws only the pages the edit changes.

Each server runs with its own TMPDIR, so the site folder MkDocs serves from can be read
directly; the livereload script `mkdocs serve` adds to pages when it serves them is not in
those files.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from conftest import post, write_site
from discovery_checks import png
from example_sites import QUIET_ENV, stop
from test_serve import free_port, wait_until

pytestmark = pytest.mark.slow
BUILD_DATE_RE = re.compile(rb"Build Date UTC : [^\n]*")


def body(text: str, paragraphs: int = 2) -> str:
    """A post body of a few paragraphs, with a `more` marker after the first."""
    rest = "\n\n".join(f"{text}, paragraph {n}." for n in range(2, paragraphs + 2))
    return f"{text}, first paragraph.\n\n<!-- more -->\n\n{rest}\n"


SITE = {
    "index.md": "# Home\n\nWelcome.\n\n<!-- blogposts: latest 3 layout=lines -->\n",
    "about.md": "# About us\n\nWho we are. Read [Delta](posts/delta.md).\n",
    "posts/alpha.md": post("Alpha", "2024-01-10", tags=["python"], body=body("Alpha")),
    "posts/beta.md": post("Beta", "2024-02-11", tags=["python", "web"], body=body("Beta"),
                          aliases=["/old/beta/"]),
    "posts/gamma.md": post("Gamma", "2024-03-12", tags=["web"], series="Trip",
                           body=body("Gamma")),
    "posts/delta.md": post("Delta", "2025-04-13", body=body("Delta")),
    "posts/epsilon.md": post("Epsilon", "2025-05-14", series="Trip",
                             body="![A view](view.png)\n\n" + body("Epsilon")),
    "posts/view.png": png(40, 20),
    "billets/alpha.fr.md": post("Alpha en français", "2024-01-10", lang="fr",
                                body=body("Alpha fr")),
}
CONFIG = {"theme": {"name": "mkdocs"},
          "plugins": ["search", {"blogposts": {"per_page": 2, "cover_from_first_image": True}}],
          "nav": [{"Home": "index.md"}, {"About": "about.md"}]}


class Serve:
    """One `mkdocs serve` process of a site, with the folder it serves from."""

    def __init__(self, config_file: Path, port: int, tmp: Path, dirty: bool) -> None:
        tmp.mkdir(parents=True)
        self.tmp, self.log = tmp, tmp.parent / f"{tmp.name}.log"
        args = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                "-f", str(config_file), *(["--dirty"] if dirty else [])]
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                args, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
                env={**QUIET_ENV, "TMPDIR": str(tmp)})
        self.wait_for("serving", lambda: "Serving on" in self.output())

    def output(self) -> str:
        """What MkDocs printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        """How many rebuilds have finished (MkDocs drops a log line equal to an earlier one,
        so "Documentation built in 0.52 seconds" may show once for two builds)."""
        return self.output().count("Reloading browsers")

    def wait_for(self, what: str, check: Callable[[], bool]) -> None:
        """Poll `check` until it holds; fail with the server's log after TIMEOUT seconds."""
        wait_until(self.process, self.output, what, check, interval=0.2)

    @property
    def site_dir(self) -> Path:
        """The temporary folder MkDocs builds into and serves from."""
        found = [path for path in self.tmp.iterdir() if path.name.startswith("mkdocs_")]
        assert len(found) == 1, found
        return found[0]

    def rebuilt_after(self, edit: Callable[[], None]) -> None:
        """Make an edit and wait for the rebuild it triggers."""
        done = self.builds()
        time.sleep(0.05)  # a modification time the last build's outputs cannot share
        edit()
        self.wait_for("rebuilt", lambda: self.builds() > done)
        assert "ERROR" not in self.output() and "Traceback" not in self.output(), self.output()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: gzip files uncompressed, and the build time
    the mkdocs theme prints on the home page (which differs between any two builds) cut out."""
    files = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            data = gzip.decompress(data) if path.suffix == ".gz" else data
            files[path.relative_to(folder).as_posix()] = BUILD_DATE_RE.sub(b"", data)
    return files


def mtimes(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its modification time."""
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
            for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A small bilingual blog, and the port both servers use (canonical URLs carry it)."""
    yield write_site(tmp_path / "site", SITE, CONFIG), free_port()


def fresh_serve(config_file: Path, as_port: int, tmp: Path) -> dict[str, bytes]:
    """What a freshly started (not dirty) `mkdocs serve` serves, as if on port `as_port`.

    It runs beside the dirty server, so on another port; serve writes its address into
    canonical links and feeds, and that address is the only thing put back.
    """
    port = free_port()
    server = Serve(config_file, port, tmp, dirty=False)
    try:
        files = snapshot(server.site_dir)
    finally:
        stop(server.process)
    ours, theirs = f"127.0.0.1:{port}".encode(), f"127.0.0.1:{as_port}".encode()
    return {path: data.replace(ours, theirs) for path, data in files.items()}


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a source file, as an editor saving it would."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def differing(served: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    """Files present in one folder only, or with other bytes."""
    return sorted(path for path in served.keys() | clean.keys()
                  if served.get(path) != clean.get(path))


def replay(server: Serve, edits: list[tuple[str, Callable[[], None]]], config_file: Path,
           port: int, tmp_path: Path, unlike: frozenset[str] = frozenset()
           ) -> list[tuple[str, dict[str, bytes], set[str]]]:
    """Make each edit under the dirty server; after each, what it serves must be what a fresh
    serve of the same sources serves (but the files in `unlike`). Returns each state: its
    files and the files redrawn."""
    states = []
    for what, change in edits:
        before = mtimes(server.site_dir)
        server.rebuilt_after(change)
        after = mtimes(server.site_dir)
        redrawn = {path for path, stamp in after.items() if before.get(path) != stamp}
        states.append((what, snapshot(server.site_dir), redrawn))
        fresh = fresh_serve(config_file, port, tmp_path / what.replace(" ", "-"))
        assert [path for path in differing(states[-1][1], fresh) if path not in unlike] == [], what
    return states


def test_dirty_serve_serves_what_a_fresh_serve_serves_and_redraws_only_what_changed(
        site: tuple[Path, int], tmp_path: Path) -> None:
    config_file, port = site
    docs = config_file.parent / "docs"
    server = Serve(config_file, port, tmp_path / "dirty", dirty=True)
    try:
        edits: list[tuple[str, Callable[[], None]]] = [
            ("a post's body", lambda: edit(docs / "posts/beta.md", "Beta, first", "Beta, 1st")),
            ("after the excerpt", lambda: edit(docs / "posts/epsilon.md", "Epsilon, paragraph 2",
                                               "Epsilon, second paragraph")),
            ("a post's title", lambda: edit(docs / "posts/gamma.md", "title: Gamma",
                                            "title: Gamma ray")),
            ("a new post", lambda: (docs / "posts/zeta.md").write_text(
                post("Zeta", "2025-06-15", tags=["web"], body=body("Zeta")),
                encoding="utf-8")),
            ("a post's date", lambda: edit(docs / "posts/alpha.md", "2024-01-10",
                                           "2023-12-31")),
            ("a deleted post", lambda: (docs / "posts/delta.md").unlink()),
            ("a page's heading", lambda: edit(docs / "about.md", "# About us", "# About")),
            ("a post's first image", lambda: (docs / "posts/view.png").write_bytes(png(80, 30))),
        ]
        states = states_after = replay(server, edits, config_file, port, tmp_path)
    finally:
        stop(server.process)
    body_edit, states = states[0][2], [states[0], *states[2:]]
    after_excerpt = states_after[1][2]
    assert "posts/epsilon/index.html" in after_excerpt
    assert "blog/en/2025/05/index.html" not in after_excerpt  # its card: the same excerpt
    assert "posts/delta/index.html" not in after_excerpt  # its footer: titles only
    assert "posts/beta/index.html" in body_edit
    assert "blog/en/2024/02/index.html" in body_edit  # its card shows the new excerpt
    assert "posts/epsilon/index.html" not in body_edit
    assert "about/index.html" not in body_edit
    assert "blog/en/archive/index.html" not in body_edit  # titles only: unchanged
    title_edit = states[1][2]  # Gamma's neighbours (Beta, Delta) name it in their footers
    assert {"posts/gamma/index.html", "posts/beta/index.html", "posts/delta/index.html",
            "blog/en/archive/index.html"} <= title_edit
    assert "posts/alpha/index.html" not in title_edit and "about/index.html" not in title_edit
    # Epsilon's series box names Gamma, part 1 of "Trip"; the home page's list shows it.
    assert {"posts/epsilon/index.html", "blog/en/series/trip/index.html",
            "index.html"} <= title_edit
    assert "index.html" not in body_edit  # its list shows lines: titles and dates
    new_post = states[2][2]  # the Blog section stays the same: other pages are left alone
    assert {"posts/zeta/index.html", "posts/epsilon/index.html", "index.html",
            "blog/en/2025/index.html"} <= new_post
    assert "about/index.html" not in new_post and "posts/alpha/index.html" not in new_post
    deleted = states[4][2]  # about.md's link to Delta is left as written, as MkDocs does
    assert "about/index.html" in deleted and "posts/beta/index.html" not in deleted
    new_year = states[3][2]  # 2023 enters the Blog section of every page's nav
    assert {"about/index.html", "posts/epsilon/index.html", "blog/en/2023/index.html"} <= new_year
    # What the head's metadata says follows the edit on the page redrawn for it...
    gamma = states[1][1]["posts/gamma/index.html"].decode()
    assert '<meta property="og:title" content="Gamma ray">' in gamma
    assert '"headline":"Gamma ray"' in gamma
    beta = states[0][1]["posts/beta/index.html"].decode()
    assert '<meta property="og:description" content="Beta, 1st paragraph.">' in beta
    # ...and the sitemap still lists the pages a dirty build did not redraw, with their dates.
    sitemap = states[0][1]["sitemap.xml"].decode()
    assert "posts/epsilon/</loc>\n    <lastmod>2025-05-14</lastmod>" in sitemap
    heading_edit = states[5][2]  # its nav title is the explicit one: only the page changes
    assert "about/index.html" in heading_edit and "posts/epsilon/index.html" not in heading_edit
    image = states[6][1]["posts/epsilon/index.html"].decode()  # its cover's size, measured
    assert '<meta property="og:image:width" content="80">' in image
    assert "posts/epsilon/index.html" in states[6][2] and "about/index.html" not in states[6][2]
    assert "old/beta/index.html" in states[0][1]  # the redirect stand-in, kept
    for what, _, redrawn in states:
        print(what, sorted(path for path in redrawn if path.endswith(".html")))


def test_dirty_serve_of_a_material_blog_follows_authors_links_pins_and_its_own_index(
        tmp_path: Path) -> None:
    """A blog in Material's form: what posts show from the authors file, their related links,
    pins and the listing appended to the user's blog/index.md follow each edit."""
    root = tmp_path / "material"
    shutil.copytree(Path(__file__).parent / "data" / "material_blog", root)
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"] = {"name": "mkdocs"}  # Material's meta plugin by its full name then
    config["plugins"][0] = "material/meta"
    config["plugins"][1] = {"blogposts": config["plugins"][1]["blog"]}
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    docs, port = root / "docs", free_port()
    edit(docs / "blog/posts/new-tools.md", "  - index.md\n",
         "  - index.md\n  - blog/posts/pinned.md\n")  # a related post not its neighbour
    server = Serve(config_file, port, tmp_path / "dirty", dirty=True)
    try:
        edits: list[tuple[str, Callable[[], None]]] = [
            ("an author's avatar", lambda: edit(docs / "blog/.authors.yml", "assets/grace.svg",
                                                "https://example.org/grace.png")),
            ("a linked post's title", lambda: edit(docs / "blog/posts/pinned.md",
                                                   "# Read this first", "# Read me first")),
            ("a pin", lambda: edit(docs / "blog/posts/spring.md", "date: 2024-03-20",
                                   "date: 2024-03-20\npin: true")),
            ("the blog's own index", lambda: edit(docs / "blog/index.md", "newest first",
                                                  "latest first")),
        ]
        states = replay(server, edits, config_file, port, tmp_path)
    finally:
        stop(server.process)
    tools = "blog/2024/01/31/tools-we-use/index.html"
    assert "https://example.org/grace.png" in states[0][1][tools].decode()
    assert {tools, "blog/author/grace-h/index.html"} <= states[0][2]  # her cards too
    related = states[1][1][tools].decode().split('class="blogposts-related"')[1]
    assert "Read me first" in related and tools in states[1][2]
    assert "blog/index.html" in states[2][2]  # the pinned post comes first
    assert "latest first" in states[3][1]["blog/index.html"].decode()


def test_dirty_serve_of_a_static_i18n_site_keeps_each_language_blog_whole(
        tmp_path: Path) -> None:
    """mkdocs-static-i18n builds each language in turn: each keeps what its last build drew."""
    pytest.importorskip("mkdocs_static_i18n")
    root = tmp_path / "i18n"
    shutil.copytree(Path(__file__).parent.parent / "example_site_i18n", root)
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"] = {"name": "mkdocs"}
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    posts, port = root / "docs" / "blog" / "posts", free_port()
    english = posts / "2024-03-02-line-height.md"
    server = Serve(config_file, port, tmp_path / "dirty", dirty=True)
    try:
        edits: list[tuple[str, Callable[[], None]]] = [
            ("an English post's body", lambda: english.write_text(
                english.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")),
            ("a French post", lambda: (posts / "2024-06-01-nouveau.fr.md").write_text(
                post("Nouveau billet", "2024-06-01", lang="fr", tags=["version"]),
                encoding="utf-8")),
        ]
        # MkDocs' search indexes only the pages a dirty build draws (see the README).
        states = replay(server, edits, config_file, port, tmp_path,
                        frozenset({"search/search_index.json"}))
    finally:
        stop(server.process)
    body, added = states[0][2], states[1][2]
    assert "blog/posts/2024-03-02-line-height/index.html" in body
    assert not any(path.startswith("fr/") and path.endswith(".html") for path in body)
    assert "fr/blog/posts/2024-06-01-nouveau/index.html" in added
    assert not any(path.startswith("blog/posts/") for path in added)


def test_dirty_serve_of_the_example_site_with_material_and_its_search(tmp_path: Path) -> None:
    """The demo blog (Material, its search plugin, two languages): a post's body, a title, a
    new post and a deleted one, each served as a fresh serve serves it, search index too."""
    root = tmp_path / "example"
    shutil.copytree(Path(__file__).parent.parent / "example_site", root)
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["font"] = False  # offline
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    docs, port = root / "docs", free_port()
    rhythm = docs / "tech/2024/09/rythme-vertical/index.md"
    notes = docs / "journal/2024/01/a-new-home-for-our-notes/index.md"
    fresh = docs / "tech/2025/12/nouveau/index.md"

    def add_post() -> None:
        fresh.parent.mkdir(parents=True)
        fresh.write_text(post("Nouveau", "2025-12-01", lang="fr", tags=["css"],
                              body=body("Nouveau")), encoding="utf-8")

    server = Serve(config_file, port, tmp_path / "dirty", dirty=True)
    try:
        edits: list[tuple[str, Callable[[], None]]] = [
            ("a post's body", lambda: rhythm.write_text(
                rhythm.read_text(encoding="utf-8") + "\nUne phrase de plus.\n",
                encoding="utf-8")),
            ("a post's title", lambda: edit(notes, "title:", "title: Renamed #")),
            ("a new post", add_post),
            ("a deleted post", lambda: shutil.rmtree(rhythm.parent)),
        ]
        states = replay(server, edits, config_file, port, tmp_path)
    finally:
        stop(server.process)
    body_edit = states[0][2]
    assert "tech/2024/09/rythme-vertical/index.html" in body_edit
    assert "search/search_index.json" in body_edit
    assert not any(path.startswith("journal/") and path.endswith(".html") for path in body_edit)
