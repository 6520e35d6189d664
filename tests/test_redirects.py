"""Old URLs keep working: `aliases` and `redirect_from` become redirect pages (real builds)."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_blogposts.redirects import alias_path, inside_site
from tests.conftest import BuiltSite, post


class _Redirect(HTMLParser):
    """What a browser and a crawler read in a redirect page."""

    def __init__(self) -> None:
        super().__init__()
        self.refresh = self.canonical = self.link = ""
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        self.tags.append(tag)
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.refresh = values["content"]
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        elif tag == "a":
            self.link = values["href"]

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def read_redirect(site: BuiltSite, path: str) -> _Redirect:
    parser = _Redirect()
    parser.feed(site.read(path))
    return parser


def landing(site: BuiltSite, page: str, href: str) -> Path:
    """The file a relative URL on site page `page` leads to."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    path = site.site_dir / target
    return path / "index.html" if href.endswith("/") else path


def test_aliases_absolute_relative_and_html_redirect_to_the_post(make_site, use_directory_urls):
    site = make_site(
        {
            "index.md": "# Home\n",
            "posts/hello.md": post("Hello", "2020-01-01", aliases=[
                "/old/2019/hello/", "hello-old", "/2019/01/01/hello.html"]),
        },
        {"use_directory_urls": use_directory_urls},
    )
    post_page = "posts/hello/index.html" if use_directory_urls else "posts/hello.html"
    post_url = "posts/hello/" if use_directory_urls else "posts/hello.html"
    for path in ("old/2019/hello/index.html", "posts/hello-old/index.html",
                 "2019/01/01/hello.html"):
        page = read_redirect(site, path)
        target = page.refresh.removeprefix("0; url=")
        assert landing(site, path, target) == site.site_dir / post_page, path
        assert page.link == target
        assert page.canonical == f"https://example.com/{post_url}"
        assert page.text == ["Hello", "This page has moved to", "Hello", "."]
    assert "old/2019" not in site.read("sitemap.xml")


def test_redirect_text_follows_the_posts_language_and_is_escaped(make_site):
    title = "<script>alert(1)</script> & co"
    site = make_site({
        "p.md": post(title, "2020-01-01", "fr", redirect_from=["/ancien/"]),
    }, {"site_url": "", "plugins": [{"blogposts": {"feeds": {
        "atom": False, "rss": False, "json": False}}}]})
    html = site.read("ancien/index.html")
    assert "<script>" not in html
    assert '<html lang="fr">' in html
    assert ("<p>Cette page a été déplacée vers <a href=\"../p/\">&lt;script&gt;alert(1)"
            "&lt;/script&gt; &amp; co</a>.</p>") in html
    assert '<link rel="canonical" href="../p/">' in html


@pytest.mark.parametrize(
    ("alias", "reason"),
    [
        ("../../../etc", "it leaves site_dir"),
        ("/../etc/passwd", "it leaves site_dir"),
        ("/%2e%2e/%2E%2E/etc/", "it contains '\\', NUL or an encoded '.', '/' or '\\'"),
        ("..\\..\\windows", "it contains '\\', NUL or an encoded '.', '/' or '\\'"),
        ("C:/Windows/", "it is not a path on this site"),
        ("https://evil.example/", "it is not a path on this site"),
        ("//evil.example/x/", "it is not a path on this site"),
        ("/?p=123", "a static site cannot redirect a URL with '?' or '#'"),
        ("/feed.php", "a static host would not serve a '.php' file as a web page"),
    ],
)
def test_unsafe_aliases_are_refused(make_site, alias, reason):
    site = make_site(
        {"posts/p.md": post("P", "2020-01-01", aliases=[alias, "/kept/"])},
        expected_warnings=[f"posts/p.md: alias {alias!r} is refused: {reason}"],
    )
    assert site.exists("kept/index.html")
    written = {p.relative_to(site.site_dir).as_posix() for p in site.site_dir.rglob("*.html")}
    assert {p for p in written if "etc" in p or "windows" in p or "evil" in p} == set()
    assert not (site.site_dir.parent / "etc").exists()


def test_a_redirect_never_overwrites_a_page_a_file_or_another_redirect(make_site,
                                                                        use_directory_urls):
    about = "about/index.html" if use_directory_urls else "about.html"
    site = make_site(
        {
            "index.md": "# Home\n",
            "about.md": "# About me\n",
            "img/logo.html": "<p>static</p>",
            "a.md": post("A", "2020-01-01", aliases=[f"/{about}", "/shared/"]),
            "b.md": post("B", "2020-01-02", aliases=["/shared/", "/img/logo.html", "/404.html"]),
        },
        {"use_directory_urls": use_directory_urls},
        expected_warnings=[
            f"a.md: alias '/{about}' is refused: it would overwrite about.md",
            "b.md: alias '/shared/' is refused: it is also an alias of a.md ('/shared/')",
            "b.md: alias '/img/logo.html' is refused: it would overwrite img/logo.html",
            "b.md: alias '/404.html' is refused: MkDocs writes '404.html' itself",
        ],
    )
    assert "About me" in site.read(about)
    assert site.read("img/logo.html") == "<p>static</p>"
    assert read_redirect(site, "shared/index.html").text[0] == "A"


def test_redirects_follow_a_moved_post_and_drafts_get_none(make_site):
    site = make_site({
        "posts/2016-04-29-confiance.md": post("Confiance", "2016-04-29", "fr",
                                              aliases=["confiance-old/"]),
        "posts/draft.md": post("Brouillon", "2016-05-01", "fr", draft=True,
                               aliases=["/brouillon-old/"]),
    }, {"plugins": [{"blogposts": {"post_url": "{lang}/{yyyy}/{slug}/"}}]})
    # A relative alias is taken from the folder that holds the post's (new) page.
    page = read_redirect(site, "fr/2016/confiance-old/index.html")
    assert page.refresh == "0; url=../confiance/"
    assert site.exists("fr/2016/confiance/index.html")
    assert not site.exists("brouillon-old/index.html")


def jekyll_post(title: str, redirects: list[str], body: str = "Text.") -> str:
    lines = "".join(f"  - {r}\n" for r in redirects)
    return f"---\nlayout: post\ntitle: {title}\nredirect_from:\n{lines}---\n\n{body}\n"


def test_jekyll_site_keeps_its_old_urls(make_site, use_directory_urls):
    """Posts named YYYY-MM-DD-slug.md without a date, `layout: post`, `redirect_from` lists."""
    site = make_site(
        {
            "index.md": "# Home\n",
            "_posts/2015-03-14-pi-day.md": jekyll_post("Pi day", [
                "/2015/03/14/pi-day.html", "/blog/pi/"]),
            "_posts/2016-02-29-leap.md": jekyll_post("Leap", ["/2016/02/29/leap.html"],
                                                     "See [Pi day](2015-03-14-pi-day.md)."),
            "about.md": "---\nlayout: page\ntitle: About\n---\nNot a post.\n",
        },
        {"use_directory_urls": use_directory_urls, "plugins": [{"blogposts": {
            "match": {"layout": "post"}, "post_url": "{yyyy}/{mm}/{dd}/{slug}/",
            "blog_dir": "archives"}}]},
    )
    pages = {"2015/03/14/pi-day.html": "2015/03/14/pi-day/index.html",
             "blog/pi/index.html": "2015/03/14/pi-day/index.html",
             "2016/02/29/leap.html": "2016/02/29/leap/index.html"}
    for old, new in pages.items():
        target = read_redirect(site, old).refresh.removeprefix("0; url=")
        assert landing(site, old, target) == site.site_dir / new
    leap = site.read("2016/02/29/leap/index.html")
    link = re.search(r'<a href="([^"]+)">Pi day</a>', leap)
    assert link is not None
    assert landing(site, "2016/02/29/leap/index.html", link.group(1)) == \
        site.site_dir / "2015/03/14/pi-day/index.html"
    assert "Leap" in site.read("archives/index.html")


@pytest.mark.parametrize(
    ("alias", "post_url", "expected"),
    [
        ("/old/hello/", "posts/hello/", "old/hello/index.html"),
        ("/old/hello", "posts/hello/", "old/hello/index.html"),
        ("old.html", "posts/hello/", "posts/old.html"),
        ("../old/", "posts/2020/hello.html", "posts/old/index.html"),
        ("/caf%C3%A9/", "p/", "café/index.html"),
        ("/v1.2", "p/", "v1.2/index.html"),
        ("/", "p/", "index.html"),
    ],
)
def test_alias_paths(alias, post_url, expected):
    assert alias_path(alias, post_url) == (expected, "")


def test_alias_with_nul_is_refused_even_if_front_matter_kept_it():
    assert alias_path("/old\0/", "p/") == (
        None, "it contains '\\', NUL or an encoded '.', '/' or '\\'")


def test_inside_site_resolves_dots_without_climbing_out():
    assert inside_site("a/./b/../c/") == "a/c/"
    assert inside_site("/a/..") == "/"
    assert inside_site("a/../../b") is None
