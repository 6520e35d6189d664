"""Crawl built sites: every internal link, image, script and stylesheet resolves to a built file.

The example site (in each theme) and the borisschapira corpus are built with
use_directory_urls on and off. Every href/src/srcset of every built HTML page, every <loc> of
sitemap.xml and every link of the feeds is resolved like a browser would; external URLs are
skipped, and URLs under site_url count as internal. The corpus ships its Markdown only, so the
few links it has broken in its own source are listed in CORPUS_BROKEN, each with its reason;
nothing the plugin generates may be broken.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import CORPUS, PLUGIN_LOGGER, BuiltSite, run_build
from example_sites import THEMES, run_mkdocs, write_config

# Links that are broken in the corpus's own Markdown, not by the plugin. Each excused URL must
# appear as such in the corpus's .md files (asserted below), so the list cannot hide a link
# that the plugin writes.
CORPUS_BROKEN = (
    # Images and documents of the original blog: the corpus keeps only the .md files (its
    # `{% responsive_image path: assets/… %}` tags become relative <img> links).
    re.compile(r"^(?:/|(?:\.\./)+)assets/"),
    # The original site's permalinks (/:year/:month/:name/, with their images); without
    # `post_url` the posts live under their section folder (default/2016/04/confiance/).
    re.compile(r"^(?:https://borisschapira\.com)?/(?:papa/)?\d{4}/\d{2}/[^/]+/"),
    # Pages and the feed of the original site that are not in the corpus.
    re.compile(r"^/en/about/sharing/$"),
    re.compile(r"^/feed\.xml$"),
    # A typography test post's code-as-link.
    re.compile(r"^`toto`$"),
)
ATTRIBUTES = {"href", "src", "poster", "data"}
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True)
class Link:
    """One URL found in a built file."""

    source: str  # the file it was found in, relative to site_dir
    tag: str
    url: str


class LinkParser(HTMLParser):
    """Collects every URL-valued attribute of an HTML page."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ATTRIBUTES and not (tag == "link" and name == "href" and not value):
                self.links.append(Link(self.source, tag, value.strip()))
            elif name == "srcset":
                self.links += [Link(self.source, tag, part.split()[0])
                               for part in value.split(",") if part.strip()]


def html_links(site_dir: Path) -> Iterator[Link]:
    """Every URL in every built HTML page."""
    for path in sorted(site_dir.rglob("*.html")):
        parser = LinkParser(path.relative_to(site_dir).as_posix())
        parser.feed(path.read_text(encoding="utf-8"))
        yield from parser.links


def xml_links(site_dir: Path) -> Iterator[Link]:
    """Every <loc> of the sitemap and every link of the feeds (Atom, RSS, JSON Feed)."""
    patterns = (r"<loc>([^<]+)</loc>", r"<link>([^<]+)</link>", r'<link[^>]* href="([^"]+)"',
                r'"(?:url|home_page_url|feed_url)": "([^"]+)"')
    for path in sorted([*site_dir.rglob("*.xml"), *site_dir.rglob("*.json")]):
        if path.name == "search_index.json":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            for url in re.findall(pattern, text):
                yield Link(path.relative_to(site_dir).as_posix(), path.suffix, url)


def target_file(link: Link, site_dir: Path, site_url: str) -> Path | None:
    """The built file `link` points to, or None for an external URL."""
    url = link.url
    if site_url and url.startswith(site_url):
        url = "/" + url[len(site_url):]
    elif EXTERNAL.match(url):
        return None
    path = unquote(urlsplit(urljoin("/" + link.source, url)).path)
    prefix = urlsplit(site_url).path.rstrip("/")
    if prefix and url.startswith(prefix + "/"):
        path = path[len(prefix):]  # 404.html links by absolute paths under site_url's path
    if not path or path == "/" + link.source:
        return site_dir / link.source  # "#anchor" or "" point to the page itself
    target = site_dir / path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(links: Iterable[Link], site_dir: Path, site_url: str,
                 allowed: tuple[re.Pattern[str], ...] = (), has_home: bool = True
                 ) -> tuple[list[str], set[str]]:
    """('source: url' of every link that resolves to no file, the allowed URLs among them).

    Without a home page (`has_home` false) the theme's links to the site's root are expected.
    """
    broken, excused = [], set()
    home = site_dir / "index.html"
    for link in links:
        target = target_file(link, site_dir, site_url)
        if target is None or target.is_file() or (target == home and not has_home):
            continue
        if any(pattern.search(link.url) for pattern in allowed):
            excused.add(link.url)
        else:
            broken.append(f"{link.source}: <{link.tag}> {link.url}")
    return broken, excused


def crawl(site_dir: Path, docs_dir: Path, site_url: str,
          allowed: tuple[re.Pattern[str], ...] = ()) -> tuple[int, list[str], set[str]]:
    """(links checked, broken ones, allowed broken URLs) over the HTML, sitemap and feeds."""
    links = [*html_links(site_dir), *xml_links(site_dir)]
    has_home = any((docs_dir / name).is_file() for name in ("index.md", "README.md"))
    return (len(links), *broken_links(links, site_dir, site_url, allowed, has_home))


def mkdocs_warnings(site: BuiltSite) -> list[str]:
    """Every warning logged during the build by MkDocs itself or a plugin other than ours."""
    return [r.getMessage() for r in site.records
            if r.levelno >= logging.WARNING and not r.name.startswith(PLUGIN_LOGGER)]


@pytest.mark.parametrize("theme", THEMES)
def test_example_site_has_no_broken_link(theme: str, use_directory_urls: bool,
                                         tmp_path: Path) -> None:
    config_file = write_config(tmp_path, theme, use_directory_urls=use_directory_urls)
    site = run_build(config_file)
    assert mkdocs_warnings(site) == []
    site_url = yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"]
    checked, broken, _ = crawl(site.site_dir, site.docs_dir, site_url)
    assert broken == [], f"{len(broken)} broken of {checked} links:\n" + "\n".join(broken)
    assert checked > 1000


def test_corpus_has_no_broken_link_but_its_own(use_directory_urls: bool, tmp_path: Path) -> None:
    site_url = "https://borisschapira.com/"
    config = {
        "site_name": "Boris Schapira", "site_url": site_url, "docs_dir": str(CORPUS),
        "site_dir": str(tmp_path / "site"), "use_directory_urls": use_directory_urls,
        "theme": {"name": "material", "language": "fr"}, "plugins": ["blogposts"],
        # The corpus's one broken link (see CORPUS_BROKEN) is checked by the crawl instead.
        "validation": {"links": {"not_found": "info", "unrecognized_links": "info",
                                 "anchors": "info"}},
    }
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    # The plugin's messages about the corpus are test_corpus.py's business: build as users do.
    run_mkdocs("build", "-f", str(config_file))
    checked, broken, excused = crawl(tmp_path / "site", CORPUS, site_url, CORPUS_BROKEN)
    assert broken == [], f"{len(broken)} broken of {checked} links:\n" + "\n".join(broken[:50])
    assert checked > 10_000
    # The allow-list excuses only URLs written as such in the corpus's Markdown.
    source = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.rglob("*.md"))
    assert sorted(url for url in excused if url.lstrip("./") not in source) == []


def test_crawler_reports_a_missing_page(tmp_path: Path) -> None:
    """The crawl itself works: a link to a page that was not built is reported."""
    site_dir = tmp_path / "site"
    (site_dir / "a").mkdir(parents=True)
    (site_dir / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">missing</a><img src="a/x.png" srcset="a/x.png 2x">'
        '<a href="https://example.org/c/">internal by site_url</a>'
        '<a href="https://other.org/">external</a><a href="#top">anchor</a>',
        encoding="utf-8",
    )
    (site_dir / "a" / "index.html").write_text('<a href="../">up</a>', encoding="utf-8")
    links = list(html_links(site_dir))
    allowed = (re.compile(r"x\.png"),)
    broken, excused = broken_links(links, site_dir, "https://example.org/", allowed)
    assert broken == ["index.html: <a> b/", "index.html: <a> https://example.org/c/"]
    assert excused == {"a/x.png"}
