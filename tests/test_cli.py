"""The `mkdocs-blogposts` command, run as a real process: new, list, check."""

from __future__ import annotations

import hashlib
import html
import os
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
import yaml

from tests.conftest import post, write_site
from tests.example_sites import build

_SCRIPT = Path(sys.executable).with_name("mkdocs-blogposts")
COMMAND = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "mkdocs_blogposts.cli"]
REFERENCE = {
    "index.md": "# Home\n",
    "default/2016/04/confiance/index.md": post("Confiance", "2016-04-29", "fr",
                                               section="default"),
    "default/2016/05/hello/index.md": post("Hello", "2016-05-02", "en", section="default"),
    "papa/2016/06/brouillon/index.md": post("Brouillon", "2016-06-01", "fr", draft=True),
}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs-blogposts ARGS` in `cwd`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*COMMAND, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes and its modification time."""
    return {
        path.relative_to(folder).as_posix():
            hashlib.sha256(path.read_bytes()).hexdigest() + str(path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_new_writes_a_reference_post_that_the_build_lists(tmp_path):
    config_file = write_site(tmp_path, REFERENCE)
    result = cli("new", "L'été à Paris !", "--lang", "fr", "--section", "papa",
                 "--date", "2024-05-01", "--tags", "Vie privée,Famille", "--tags", "Paris",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "docs/papa/2024/05/l-ete-a-paris/index.md\n"
    written = tmp_path / "docs/papa/2024/05/l-ete-a-paris/index.md"
    document = frontmatter.loads(written.read_text(encoding="utf-8"))
    assert document.metadata == {
        "title": "L'été à Paris !", "date": "2024-05-01", "section": "papa", "lang": "fr",
        "type": "post", "tags": ["Vie privée", "Famille", "Paris"],
    }
    assert written.read_text(encoding="utf-8").startswith(
        "---\ntitle: L'été à Paris !\ndate: '2024-05-01'\nsection: papa\nlang: fr\ntype: post\n")
    site_dir = build(config_file)
    listing = html.unescape((site_dir / "blog/fr/index.html").read_text(encoding="utf-8"))
    assert ">L'été à Paris !</a>" in listing
    assert (site_dir / "papa/2024/05/l-ete-a-paris/index.html").is_file()


def test_new_refuses_to_overwrite(tmp_path):
    write_site(tmp_path, REFERENCE)
    before = tree_hash(tmp_path / "docs")
    result = cli("new", "Confiance", "--lang", "fr", "--section", "default", "--date",
                 "2016-04-29", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.endswith(
        "mkdocs-blogposts new: docs/default/2016/04/confiance/index.md already exists; "
        "choose another title or give --slug\n")
    assert tree_hash(tmp_path / "docs") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "français"], "--lang must be a language code such as 'fr', got 'français'"),
        (["--date", "May 1st"], "--date must be a date such as 2024-05-01 or "
                                "2024-05-01T09:30:00+02:00, got 'May 1st'"),
        (["--slug", "../../etc"], "'slug'"),
    ],
)
def test_new_refuses_bad_values_and_writes_nothing(tmp_path, args, message):
    write_site(tmp_path, REFERENCE)
    before = tree_hash(tmp_path / "docs")
    result = cli("new", "Title", *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("mkdocs-blogposts new: ")
    assert message in result.stderr
    assert tree_hash(tmp_path / "docs") == before


def test_new_follows_post_url_and_the_f_option(tmp_path):
    site = tmp_path / "site"
    write_site(site, REFERENCE, {"plugins": [{"blogposts": {
        "post_url": "{lang}/{yyyy}/{mm}/{slug}/"}}]})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("new", "Bonjour", "--lang", "fr", "--date", "2024-05-01T09:30:00+02:00",
                 "-f", str(site / "mkdocs.yml"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written == site / "docs/fr/2024/05/bonjour/index.md"
    assert frontmatter.load(written)["date"] == "2024-05-01T09:30:00+02:00"


def test_new_follows_a_jekyll_layout(tmp_path):
    files = {
        "index.md": "# Home\n",
        "_posts/2015-03-14-pi-day.md": "---\nlayout: post\ntitle: Pi day\n---\nPi.\n",
        "_posts/2016-02-29-leap.md": "---\nlayout: post\ntitle: Leap\n---\nLeap.\n",
    }
    config_file = write_site(tmp_path, files, {"plugins": [{"blogposts": {
        "match": {"layout": "post"}}}]})
    result = cli("new", "Hello World", "--date", "2016-03-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "docs/_posts/2016-03-01-hello-world.md\n"
    written = tmp_path / "docs/_posts/2016-03-01-hello-world.md"
    assert frontmatter.load(written).metadata == {
        "title": "Hello World", "date": "2016-03-01", "lang": "en", "layout": "post"}
    listing = (build(config_file) / "blog/index.html").read_text(encoding="utf-8")
    assert ">Hello World</a>" in listing


def test_list_prints_a_filterable_table(tmp_path):
    write_site(tmp_path, REFERENCE)
    result = cli("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows == [
        ["DATE", "LANG", "STATUS", "PATH", "TITLE"],
        ["2016-06-01", "fr", "draft", "docs/papa/2016/06/brouillon/index.md", "Brouillon"],
        ["2016-05-02", "en", "published", "docs/default/2016/05/hello/index.md", "Hello"],
        ["2016-04-29", "fr", "published", "docs/default/2016/04/confiance/index.md", "Confiance"],
    ]
    by_lang = cli("list", "--lang", "FR", "--status", "published", cwd=tmp_path)
    assert [line.split()[-1] for line in by_lang.stdout.splitlines()] == ["TITLE", "Confiance"]
    bad = cli("list", "--status", "secret", cwd=tmp_path)
    assert bad.returncode == 2 and "invalid choice: 'secret'" in bad.stderr


BROKEN = {
    "index.md": "# Home\n",
    "posts/good.md": post("Good", "2020-01-01"),
    "posts/bad-date.md": "---\ntitle: Bad date\ndate: May 1st\ntype: post\n---\nText.\n",
    "posts/bad-yaml.md": "---\ntitle: [unclosed\ndate: 2020-01-01\ntype: post\n---\nText.\n",
    "posts/bad-lang.md": post("Bad lang", "2020-01-02", "klingon"),
    "posts/no-title.md": "---\ndate: 2020-01-03\ntype: post\n---\nText.\n",
    "posts/twice.md": "---\ntitle: A\ntitle: B\ndate: 2020-01-04\ntype: post\n---\nText.\n",
    "posts/bad-alias.md": post("Bad alias", "2020-01-05", aliases=["../../../etc"]),
}


def test_check_reports_every_broken_post_and_changes_nothing(tmp_path):
    write_site(tmp_path, BROKEN)
    before = tree_hash(tmp_path)
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    named = {line.split(":", 1)[0] for line in lines}
    assert named == {f"docs/{name}" for name in BROKEN if "good" not in name and "/" in name}
    assert "docs/posts/bad-alias.md: alias '../../../etc' is refused: it leaves site_dir" in lines
    assert result.stderr.endswith(f"posts checked: 5; problems: {len(lines)}\n")
    assert cli("list", cwd=tmp_path).returncode == 0
    assert tree_hash(tmp_path) == before


def test_check_is_quiet_on_a_clean_site(tmp_path):
    write_site(tmp_path, REFERENCE)
    before = tree_hash(tmp_path)
    result = cli("check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "posts checked: 3; problems: 0\n")
    assert tree_hash(tmp_path) == before


def test_a_site_without_the_plugin_or_with_bad_options_is_refused(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "No blog"}))
    result = cli("list", cwd=tmp_path)
    assert result.returncode == 1
    assert "mkdocs.yml does not enable the plugin: add 'blogposts' under 'plugins:'" in \
        result.stderr
    write_site(tmp_path, {}, {"plugins": [{"blogposts": {"post_url": "{year}/{slug}/"}}]})
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "option 'post_url': may only use the placeholders" in result.stderr
    assert "mkdocs-blogposts check: cannot load mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_draft_says_the_build_leaves_it_out(tmp_path):
    write_site(tmp_path, REFERENCE)
    result = cli("new", "Idée", "--lang", "fr", "--draft", "--date", "2024-05-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "docs/posts/2024/05/idee/index.md\n"
    assert result.stderr.endswith(
        "note: a draft post is listed by 'mkdocs serve' only, not by 'mkdocs build'\n")
    assert frontmatter.load(tmp_path / "docs/posts/2024/05/idee/index.md")["draft"] is True
