"""The benchmark's generated blog builds with the plugin, and every post reaches the listings."""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import yaml
from conftest import REPO, run_build

COUNT = 30


def load_generator(name: str = "generate") -> ModuleType:
    """benchmarks/<name>.py, imported by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}",
                                                  REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def listed_titles(site_dir: Path, lang: str) -> list[str]:
    """Titles of the post cards on every page of a language's paginated index."""
    root = site_dir / "blog" / lang
    pages = [root / "index.html", *(root / "page").glob("*/index.html")]
    titles = []
    for page in pages:
        cards = page.read_text(encoding="utf-8").split('<article class="blogposts-card"')[1:]
        for card in cards:
            link = re.search(r"<a href=[^>]*>([^<]+)</a>", card)
            assert link is not None, card
            titles.append(html.unescape(link.group(1)).strip())
    return titles


def test_generated_blog_builds_and_lists_every_post(tmp_path: Path) -> None:
    generator = load_generator()
    posts = generator.write_blog(tmp_path, COUNT, seed=7)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump({"site_name": "Smoke", "site_url": "https://example.org/",
                                           "plugins": ["blogposts"]}),
                           encoding="utf-8")
    site = run_build(config_file)
    listed = {lang: listed_titles(site.site_dir, lang) for lang in ("fr", "en", "de")}
    assert sorted(t for titles in listed.values() for t in titles) == sorted(
        p.title for p in posts)
    for lang, titles in listed.items():
        assert sorted(titles) == sorted(p.title for p in posts if p.lang == lang)
    for spec in posts:
        assert site.exists(spec.src_uri.replace("index.md", "index.html"))


def test_generator_is_deterministic_and_writes_both_variants(tmp_path: Path) -> None:
    generator = load_generator()
    generator.write_blog(tmp_path / "a", 12, seed=3)
    generator.write_blog(tmp_path / "b", 12, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.md"))
    assert files_a == files_b
    for path in files_a:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()
    first = next(p for p in files_a if p.parts[0] == "docs" and "posts" in p.parts)
    quoted = (tmp_path / "a" / first).read_text(encoding="utf-8")
    bare = (tmp_path / "a" / "docs-material" / Path(*first.parts[1:])).read_text(encoding="utf-8")
    assert re.search(r"^date: '\d{4}-\d\d-\d\d'$", quoted, re.MULTILINE)
    assert re.search(r"^date: \d{4}-\d\d-\d\d$", bare, re.MULTILINE)
    assert "\ntype: post\n" in quoted
    assert (tmp_path / "a" / "docs-material" / "blog" / "index.md").is_file()


def test_equal_pages_floor_draws_the_same_pages_and_nav(tmp_path: Path) -> None:
    """The floor replays a captured blogposts build with no blog plugin: every file but the
    plugin's <head> edits comes out the same, and no listing is converted from Markdown."""
    bench = load_generator("run")
    site = bench.prepare_generated(COUNT, tmp_path, 7)
    capture = tmp_path / "capture"
    ours = bench.write_config(site, "mkdocs", "ours", tmp_path, False, capture=capture,
                              name="capture")
    run_build(ours)
    manifest = yaml.safe_load((capture / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["kind"] for entry in manifest["pages"].values()} == {"post", "generated"}
    assert manifest["extras"], "the feeds the plugin writes are captured"
    equal = bench.write_config(site, "mkdocs", "equal", tmp_path, False, capture=capture)
    settings = yaml.safe_load(equal.read_text(encoding="utf-8"))
    assert "blogposts" not in str(settings["plugins"])
    run_build(equal)
    check = bench.compare_floor(tmp_path / "site" / "capture",
                                tmp_path / "site" / f"{COUNT}-mkdocs-equal", site.name, "mkdocs")
    assert not check.missing and not check.extra
    # sitemap.xml lists the same pages, in the order of MkDocs' file collection
    assert set(check.examples) <= {"sitemap.xml", "sitemap.xml.gz"}, check.examples
    assert check.same_body >= check.files - 2
