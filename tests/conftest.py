"""Shared fixtures: real MkDocs builds of small sites written into temporary folders."""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus" / "borisschapira" / "content"
PLUGIN_LOGGER = "mkdocs.plugins.mkdocs_blogposts"
PLUGIN_PREFIX = "mkdocs_blogposts: "


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class BuiltSite:
    """A built site: its folders, and what the plugin logged while building it."""

    root: Path
    site_dir: Path
    docs_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    def read(self, path: str) -> str:
        """The text of a built file, by its path under site_dir."""
        return (self.site_dir / path).read_text(encoding="utf-8")

    def exists(self, path: str) -> bool:
        """Whether the build wrote `path` under site_dir."""
        return (self.site_dir / path).is_file()

    def messages(self, level: int = logging.WARNING) -> list[str]:
        """The plugin's messages at `level` exactly, without the 'mkdocs_blogposts: ' prefix."""
        return plugin_messages(self.records, level, exact=True)


def plugin_messages(records: list[logging.LogRecord], level: int, exact: bool = False
                    ) -> list[str]:
    """Messages the plugin logged at `level` (or above, unless `exact`)."""
    return [
        r.getMessage().removeprefix(PLUGIN_PREFIX)
        for r in records
        if r.name.startswith(PLUGIN_LOGGER) and (r.levelno == level or
                                                 (not exact and r.levelno > level))
    ]


def post(title: str, date: str, lang: str = "en", body: str = "Some text.", **extra: Any) -> str:
    """The Markdown of a post in the reference format."""
    meta = {"title": title, "date": date, "lang": lang, "type": "post", **extra}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def write_site(root: Path, files: dict[str, str | bytes], config: dict[str, Any] | None = None
               ) -> Path:
    """Write docs files and an mkdocs.yml; return the path of mkdocs.yml."""
    docs = root / "docs"
    for name, content in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content,
                            encoding="utf-8")
    # site_url is set as on a real site: without it the plugin warns and writes no feeds.
    settings: dict[str, Any] = {"site_name": "Test blog", "site_url": "https://example.com/",
                                "plugins": ["blogposts"]}
    settings.update(config or {})
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config_file


def run_build(config_file: Path, expected_warnings: list[str] | None = None,
              **overrides: Any) -> BuiltSite:
    """Build with MkDocs' own API; fail on any plugin warning not in `expected_warnings`."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(str(config_file), **overrides)
        # As `mkdocs build` does: MkDocs reuses plugin instances that define on_startup, so a
        # test that previewed (command 'serve') must not leave drafts listed in later builds.
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
    site = BuiltSite(config_file.parent, Path(config.site_dir), Path(config.docs_dir),
                     collector.records)
    ours = plugin_messages(collector.records, logging.WARNING)
    assert sorted(ours) == sorted(expected_warnings or []), ours
    return site


@pytest.fixture
def make_site(tmp_path: Path) -> Iterator[Any]:
    """Write and build a site: make_site(files, config=None, expected_warnings=None, **kw)."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes], config: dict[str, Any] | None = None,
             expected_warnings: list[str] | None = None, **overrides: Any) -> BuiltSite:
        root = tmp_path / f"site{next(counter)}"
        return run_build(write_site(root, files, config), expected_warnings, **overrides)

    yield make


@pytest.fixture(params=[True, False], ids=["directory-urls", "file-urls"])
def use_directory_urls(request: pytest.FixtureRequest) -> bool:
    """Run a test with both values of MkDocs' use_directory_urls."""
    return bool(request.param)
