"""Property-based builds: random front matter and bodies never crash the build.

Hypothesis writes posts with YAML values of every type (unicode, control characters,
huge numbers, nested lists and mappings, impossible dates, raw broken YAML) and random
Markdown bodies, then builds a small site with the real MkDocs. Each build must succeed
(problems are warnings naming their file) and its pages must hold no element that came
from front matter: a canary tag hidden in the values must only ever show as text.
"""

from __future__ import annotations

import logging
import os
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PLUGIN_LOGGER, post, write_site

# A modest number keeps the suite fast; FUZZ_EXAMPLES=1000 searches harder.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
CANARY = '<b data-fuzz="1">'
KEYS = ("title", "date", "lang", "language", "tags", "categories", "section", "authors",
        "author", "summary", "description", "excerpt", "slug", "aliases", "redirect_from",
        "canonical", "draft", "published", "hidden", "reading_time", "updated", "expires",
        "translationKey", "type", "2016", "permalink", "url")
# Any character but lone surrogates (a file cannot hold them; YAML escapes can).
CHARACTERS = st.characters(exclude_categories=("Cs",))
TEXT = st.one_of(
    st.text(CHARACTERS, max_size=40),
    st.sampled_from(["", " ", "no", "yes", "~", "null", "2016-02-30", "2024-05-01",
                     "../../etc", "/abs", "%2e%2e", "a\\b", "javascript:alert(1)", CANARY,
                     f"x{CANARY}y", '"><b data-fuzz="1">', "&nbsp;&#160;", "{{ page }}",
                     "\x00\x1b\x7f", "\ud800", "post", "fr", "pt_BR", "zh-Hant"]),
    st.text(CHARACTERS, min_size=2000, max_size=5000),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), TEXT,
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(timezones=st.one_of(st.none(), st.just(timezone.utc),
                                     st.just(timezone(timedelta(hours=14))))),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
FRONT_MATTER = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), VALUES,
                               max_size=8)
# No '...' or '---' line: it would end the block and make the next lines the post's body, the
# author's own Markdown where raw HTML is allowed (test_units checks where blocks end).
RAW_YAML = st.lists(st.sampled_from([
    "title: [unclosed", "date: 2016-02-30", "\ttags: [a]", "- a", ": x", "? [a]\n: b",
    "title: !!python/object/apply:os.system ['true']", "a: &x [1, *x]", "title: 'it''s'",
    "date: 2015-05-11 10:05:07 +0200", "lang: no", "type: post", "tags: " + "[" * 40,
    "title: " + CANARY, "- ---", "a: ...",
]), min_size=1, max_size=6).map(lambda lines: "\n".join(["type: post", *lines]))
BODY = st.lists(st.one_of(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="<&"), max_size=200),
    st.sampled_from(["# Heading", "Title\n=====", "<!-- more -->", "```\ncode\n```",
                     "[link](other.md)", "![img](missing.png)", "<script>var x = 1;</script>",
                     "{% raw %}", "{{< ref x >}}", "{% post_url a %}", "{{ site.baseurl }}",
                     "\r\n", "\x00", "| a | b |\n|---|---|\n| 1 | 2 |"]),
), max_size=8).map("\n\n".join)


def document(front_matter: dict[str, Any] | str, body: str) -> str:
    """A post: YAML from a mapping (marked as a post) or raw text, then the body.

    Only posts are the plugin's: a page that is not one prints its title raw in every
    theme, with or without the plugin.
    """
    if isinstance(front_matter, str):
        header = front_matter
    else:
        data = {**front_matter, "type": "post"}
        try:
            header = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        except (yaml.YAMLError, ValueError, TypeError):
            header = "title: unrepresentable"
    return f"---\n{header.rstrip()}\n---\n\n{body}"


class Elements(HTMLParser):
    """Start tags that carry the canary attribute: markup that came from front matter."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(name == "data-fuzz" for name, _ in attrs):
            self.injected.append(self.get_starttag_text() or tag)


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(PLUGIN_LOGGER):
            self.messages.append(record.getMessage())


def build_site(files: dict[str, str | bytes], config: dict[str, Any] | None = None
               ) -> tuple[Path, list[str]]:
    """Build with MkDocs' API in a fresh folder; return the site folder and our warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    config_file = write_site(root, files, {"site_url": "https://example.org/", **(config or {})})
    collect = Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    try:
        build(load_config(str(config_file)))
    finally:
        logging.getLogger("mkdocs").removeHandler(collect)
    return root / "site", collect.messages


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(posts=st.lists(st.tuples(st.one_of(FRONT_MATTER, FRONT_MATTER, RAW_YAML), BODY),
                     min_size=1, max_size=3))
def test_random_posts_build_and_inject_nothing(posts):
    files: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "posts/good.md": post("A good post", "2024-05-01", tags=["ok"]),
    }
    for number, (front_matter, body) in enumerate(posts):
        files[f"posts/fuzz-{number}.md"] = document(front_matter, body)
    site, warnings = build_site(files)  # any exception but a warning fails the test
    names = [name for name in files if name != "index.md"]
    for message in warnings:
        assert any(name in message for name in names), message
    listing = (site / "blog" / "index.html").read_text(encoding="utf-8")
    assert "A good post" in listing
    for page in site.rglob("*.html"):
        elements = Elements()
        elements.feed(page.read_text(encoding="utf-8"))
        elements.close()
        assert not elements.injected, (page, elements.injected)
    for feed in site.rglob("*.xml"):
        ET.parse(feed)  # well-formed whatever the titles held


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(value=VALUES)
def test_every_value_reads_as_a_post_or_a_warning(value):
    """Each known key given any value: a Post or None, and only one-line messages."""
    from mkdocs_blogposts.post_reader import PostSettings
    from mkdocs_blogposts.post_reader import post_from_front_matter as read_post

    now = datetime(2030, 1, 1, tzinfo=timezone.utc)
    settings_ = PostSettings(timezone=timezone.utc, default_lang="en",
                             taxonomies=("tags", "categories"),
                             translation_keys=("translationKey",), now=now)
    for key in KEYS:
        data = {"title": "T", "date": "2024-01-01", key: value}
        found, messages = read_post("posts/a.md", data, settings_)
        for message in messages:
            assert message.startswith("posts/a.md: ") and "\n" not in message
            assert len(message) < 600, message
        if found is not None:
            assert found.title and found.slug and "/" not in found.slug
            texts = (found.title, *found.authors, *found.terms.get("tags", ()))
            assert not [ch for text in texts for ch in text
                        if unicodedata.category(ch) in ("Cc", "Cs")], texts


# File names, folder names and headings are sources of titles and slugs too.
_NAME_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="/\\")
NAME = st.one_of(
    st.text(_NAME_CHARACTERS, min_size=1, max_size=30),
    st.sampled_from(["con", "NUL", "aux.fr", "lpt9", "com1.txt", "feed", "sitemap", "search",
                     "x" * 230, "漢" * 75, CANARY, "2024-05-01-dated", " spaced ", "trailing.",
                     "a:b*c?"]),
).filter(lambda name: name.strip(" .") != "" and not name.startswith(".")
         and len(name.encode("utf-8")) <= 240
         # 'feed.xml.md' or 'index.html/' make MkDocs alone write a file where a folder goes.
         and not name.lower().endswith((".html", ".htm", ".xml", ".json", ".gz")))
HEADING = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60),
    st.sampled_from([f"Fish &amp; chips `{CANARY}`", "*em* and **strong** [link](x)",
                     "&lt;script&gt;", "\u202eright to left", "漢" * 100, "#", "C#"]),
)


@settings(max_examples=max(EXAMPLES // 4, 5), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(folder=NAME, name=NAME, heading=HEADING, bundle=st.booleans(), moved=st.booleans())
def test_file_folder_and_heading_as_title_and_slug(folder, name, heading, bundle, moved):
    """A post titled by its heading, in any folder, under any name: the build goes on, every
    written name fits 255 bytes and Windows, and nothing from the heading becomes markup."""
    from mkdocs_blogposts.slugs import is_windows_reserved

    source = f"{folder}/{name}/index.md" if bundle else f"{folder}/{name}.md"
    files: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "posts/good.md": post("A good post", "2024-05-01"),
        source: f"---\ntype: post\ndate: 2024-05-02\n---\n\n# {heading}\n\nBody.\n",
    }
    config = {"plugins": [{"blogposts": {"post_url": "{slug}/"}}]} if moved else None
    site, _ = build_site(files, config)  # any exception fails the test
    assert "A good post" in (site / "blog" / "index.html").read_text(encoding="utf-8")
    for path in site.rglob("*"):
        for part in path.relative_to(site).parts:
            assert len(part.encode("utf-8")) <= 255, part
            if "blog" in path.relative_to(site).parts[:1] or moved:
                assert not is_windows_reserved(part), path
        if path.suffix == ".html":
            elements = Elements()
            elements.feed(path.read_text(encoding="utf-8"))
            elements.close()
            assert not elements.injected, (path, elements.injected)
    for feed in site.rglob("*.xml"):
        ET.parse(feed)
