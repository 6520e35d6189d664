"""Hostile input, round 2: each case is a real build, a CLI run or a pure call, with the exact
message it must give. No traceback, no live markup in feeds, no user page silently replaced."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest

from mkdocs_blogposts.claims import Claim, Claims, mkdocs_claims
from mkdocs_blogposts.dates import whole_minute_offset
from mkdocs_blogposts.slugs import SLUG_BYTES, fit_segment, is_windows_reserved
from tests.conftest import BuiltSite, post, run_build, write_site
from tests.example_sites import CHROMIUM, chromium, serve
from tests.test_cli import cli
from tests.test_config_errors import PLUGIN, load

# Script vectors that survive naive deny-lists; a feed reader that shows entry HTML runs them.
FEED_PAYLOADS = {
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text y="20">svg</text></a></svg>',
    "svg-animate": ('<svg><a><animate attributeName="href" values="javascript:alert(2)"/>'
                    '<text y="20">anim</text></a></svg>'),
    "iframe-svg-data": '<iframe src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMyk+">'
                       '</iframe>',
    "img-svg-data": '<img src="data:image/svg+xml,&lt;svg onload=alert(4)&gt;">',
    "object-data": '<object data="javascript:alert(5)">o</object>',
    "embed": '<embed src="data:text/html,&lt;script&gt;alert(6)&lt;/script&gt;">',
    "form-action": '<form action="javascript:alert(7)"><button>go</button></form>',
    "button-formaction": '<button formaction="javascript:alert(8)">b</button>',
    "math-href": '<math><mi href="javascript:alert(9)">m</mi></math>',
    "entity-scheme": '<a href="java&#x09;script:alert(10)">tab</a>',
    "base": '<base href="javascript:alert(11)//">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(12)">',
    "style-url": '<p style="background:url(javascript:alert(13))">styled</p>',
    "srcset": '<img srcset="javascript:alert(14) 1x, data:image/svg+xml,x 2x">',
    "video-poster": '<video poster="javascript:alert(15)"></video>',
    "vbscript": '<a href="vbscript:msgbox(16)">vb</a>',
    "data-html-link": '<a href="data:text/html,&lt;script&gt;alert(17)&lt;/script&gt;">d</a>',
    "event": '<p onmouseover="alert(18)">hover</p>',
}
# What must not appear in an entry's HTML, whatever the payload was.
SCRIPT_VECTOR_RE = re.compile(
    r"javascript:|vbscript:|data:(?!image/(png|jpeg|gif|webp|avif))|<(svg|math|iframe|object|"
    r"embed|form|button|base|meta|script|animate|set)\b|\son\w+\s*=|\sstyle\s*=|xlink:|"
    r"formaction|\saction\s*=|\sposter\s*=",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:

    body = "\n\n".join(f'<div markdown="0">{html}</div>' for html in FEED_PAYLOADS.values())
    body += ("\n\nKept: ![png](data:image/png;base64,iVBORw0KGgo=) [rel](../other/) "
             "[mail](mailto:a@example.org)[^1]\n\n[^1]: A footnote.")
    files = {"posts/vectors.md": post("Vectors", "2024-05-01", body=body)}
    config = {"markdown_extensions": ["footnotes", "md_in_html"],
              "plugins": [{"blogposts": {"feeds": {"full_content": True}}}]}
    return run_build(write_site(tmp_path_factory.mktemp("feeds"), files, config))


def _entry_html(site: BuiltSite) -> dict[str, str]:
    """The entry HTML of each feed file, as a reader gets it (feedparser, no sanitising)."""
    found: dict[str, str] = {}
    for path in sorted(site.site_dir.glob("blog/*")):
        if path.suffix not in (".xml", ".json"):
            continue
        if path.suffix == ".json":
            found[path.name] = json.loads(path.read_text("utf-8"))["items"][0]["content_html"]
            continue
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        assert not parsed.bozo, (path, parsed.bozo_exception)
        entry = parsed.entries[0]
        found[path.name] = entry.content[0].value if "content" in entry else entry.summary
    return found


def test_feed_entries_carry_no_script_vector(feed_site: BuiltSite) -> None:
    entries = _entry_html(feed_site)
    assert set(entries) == {"feed.xml", "rss.xml", "feed.json"}, entries.keys()
    for name, html in entries.items():
        assert SCRIPT_VECTOR_RE.search(html) is None, (name, SCRIPT_VECTOR_RE.search(html))
        # What blog content needs is still there, made absolute against the post's URL.
        assert 'src="data:image/png;base64,iVBORw0KGgo="' in html, name
        assert 'href="https://example.com/posts/other/"' in html, name
        assert 'href="mailto:a@example.org"' in html, name
        assert 'href="https://example.com/posts/vectors/#fn:1"' in html, name
        assert "hover" in html and "styled" in html, name  # text of dropped markup stays


# --- Paths: names no file system takes, and places another file takes ---------------------

LONG = "x" * 300
KANJI = "漢" * 100  # 300 bytes in UTF-8
TOO_LONG = "is too long for a file name (300 bytes, at most 240)"
POST_URL = {"plugins": [{"blogposts": {"post_url": "{slug}/"}}]}
IN_BLOG = {"plugins": [{"blogposts": {"post_url": "blog/{slug}"}}]}
WITH_SEARCH = {"plugins": ["search", {"blogposts": {"post_url": "{slug}/"}}]}


def hello(**extra: object) -> str:
    return post("Hello", "2024-05-01", **extra)


def fitted_shown(text: str) -> str:
    fitted = fit_segment(text, SLUG_BYTES)
    return f"{fitted[:40]}…{fitted[-11:]}"


PATH_CASES = [
    ("long-tag", {"posts/a.md": hello(tags=[LONG])}, None,
     [f"posts/a.md: tags: URL segment '{'x' * 40}…' {TOO_LONG}; using '{fitted_shown(LONG)}'"],
     f"blog/tags/{fit_segment(LONG, SLUG_BYTES)}/index.html"),
    ("long-cjk-tag", {"posts/a.md": hello(tags=[KANJI])}, None,
     [f"posts/a.md: tags: URL segment '{'漢' * 40}…' {TOO_LONG}; using '{fitted_shown(KANJI)}'"],
     f"blog/tags/{fit_segment(KANJI, SLUG_BYTES)}/index.html"),
    ("long-slug", {"posts/a.md": hello(slug=LONG)}, POST_URL,
     [f"posts/a.md: slug '{'x' * 40}…' {TOO_LONG}; using '{fitted_shown(LONG)}'"],
     f"{fit_segment(LONG, SLUG_BYTES)}/index.html"),
    ("long-cjk-title", {"posts/a/index.md": post(KANJI, "2024-05-01")}, POST_URL,
     [f"posts/a/index.md: slug '{'漢' * 40}…' {TOO_LONG}; using '{fitted_shown(KANJI)}'"],
     f"{fit_segment(KANJI, SLUG_BYTES)}/index.html"),
    ("long-alias", {"posts/a.md": hello(aliases=[f"/{LONG}/"])}, None,
     [f"posts/a.md: alias '/{LONG}/' is refused: '{'x' * 40}…' is too long for a file name "
      "(300 bytes, at most 255)"], "posts/a/index.html"),
    ("windows-tags", {"posts/a.md": hello(tags=["CON", "nul", "lpt9", "com1"])}, None,
     [f"posts/a.md: tags: URL segment '{name}' is a name Windows cannot create; using "
      f"'{name}_'" for name in ("con", "nul", "lpt9", "com1")], "blog/tags/con_/index.html"),
    ("windows-slug", {"posts/a.md": hello(slug="aux")}, POST_URL,
     ["posts/a.md: slug 'aux' is a name Windows cannot create; using 'aux_'"],
     "aux_/index.html"),
    ("windows-alias", {"posts/a.md": hello(aliases=["/com1/", "/old/nul.html"])}, None,
     ["posts/a.md: alias '/com1/' is refused: 'com1' is a name Windows cannot create",
      "posts/a.md: alias '/old/nul.html' is refused: 'nul.html' is a name Windows cannot "
      "create"], "posts/a/index.html"),
    ("alias-feed", {"posts/a.md": hello(aliases=["/blog/feed.json/"])}, None,
     ["posts/a.md: alias '/blog/feed.json/' is refused: 'blog/feed.json' is already the output "
      "of the blog's feeds"], "blog/feed.json"),
    ("alias-sitemap", {"posts/a.md": hello(aliases=["/sitemap.xml/"])}, None,
     ["posts/a.md: alias '/sitemap.xml/' is refused: MkDocs writes 'sitemap.xml' itself"],
     "sitemap.xml"),
    ("alias-404", {"posts/a.md": hello(aliases=["/404.html/"])}, None,
     ["posts/a.md: alias '/404.html/' is refused: MkDocs writes '404.html' itself"],
     "404.html"),
    ("alias-inside-a-file", {"posts/a.md": hello(aliases=["/a/index.html/x/"]),
                             "a/index.md": "# A\n"}, None,
     ["posts/a.md: alias '/a/index.html/x/' is refused: 'a/index.html' is already the output "
      "of a/index.md"], "a/index.html"),
    ("alias-stylesheet", {"posts/a.md": hello(aliases=["/assets/blogposts/blogposts.css/"])},
     None, ["posts/a.md: alias '/assets/blogposts/blogposts.css/' is refused: "
            "'assets/blogposts/blogposts.css' is already the output of the blog's stylesheet"],
     "assets/blogposts/blogposts.css"),
    ("alias-search", {"posts/a.md": hello(aliases=["/search/"])},
     {"plugins": ["search", "blogposts"]},
     ["posts/a.md: alias '/search/' is refused: the search plugin writes 'search/' itself"],
     "search/search_index.json"),
    ("slug-feed", {"posts/a.md": hello(slug="feed.xml")}, IN_BLOG,
     ["posts/a.md: post_url gives 'blog/feed.xml/': 'blog/feed.xml' is already the output of "
      "the blog's feeds; it keeps its own URL 'posts/a/'"], "blog/feed.xml"),
    ("slug-search", {"posts/a.md": hello(slug="search")}, WITH_SEARCH,
     ["posts/a.md: post_url gives 'search/': the search plugin writes 'search/' itself; it "
      "keeps its own URL 'posts/a/'"], "posts/a/index.html"),
]


@pytest.mark.parametrize(("files", "config", "warnings", "written"),
                         [case[1:] for case in PATH_CASES], ids=[c[0] for c in PATH_CASES])
def test_a_path_no_file_system_takes_or_another_file_takes_is_one_warning(
        make_site, files, config, warnings, written) -> None:
    site = make_site(files, config, expected_warnings=warnings)
    assert site.exists(written), written
    for path in site.site_dir.rglob("*"):
        assert all(len(part.encode()) <= 255 and not is_windows_reserved(part)
                   for part in path.relative_to(site.site_dir).parts), path


def test_a_post_links_to_its_fitted_term_page(make_site) -> None:
    site = make_site({"posts/a.md": hello(tags=[LONG])}, expected_warnings=[
        f"posts/a.md: tags: URL segment '{'x' * 40}…' {TOO_LONG}; using '{fitted_shown(LONG)}'"])
    assert f'href="../../blog/tags/{fit_segment(LONG, SLUG_BYTES)}/"' in site.read(
        "posts/a/index.html")


def test_fit_segment_is_stable_and_portable() -> None:
    assert fit_segment("CON") == "CON_"
    assert fit_segment("nul.txt") == "nul_.txt"
    assert fit_segment("console") == "console"
    assert fit_segment('a:b*c?') == "a-b-c-"
    assert fit_segment(LONG) == fit_segment(LONG) != fit_segment(LONG + "y")
    assert len(fit_segment(KANJI, 240).encode()) <= 240
    assert fit_segment(KANJI, 240).encode().decode() == fit_segment(KANJI, 240)


def test_claims_refuse_a_file_a_folder_and_the_same_path_case_folded() -> None:
    claims = Claims(mkdocs_claims(search=True))
    assert claims.claim("a/index.html", "a.md") is None
    assert claims.claim("A/INDEX.HTML", "b.md") == Claim("a/index.html", "a.md")
    assert claims.claim("a/index.html/x/index.html", "c.md") == Claim("a/index.html", "a.md")
    assert claims.claim("a", "d.md") == Claim("a/index.html", "a.md")
    assert claims.claim("search/x/index.html", "e.md") == Claim("search/", "the search plugin")
    assert claims.claim("sitemap.xml.gz", "f.md") == Claim("sitemap.xml.gz", "MkDocs")
    assert claims.claim("b/index.html", "g.md") is None


# --- Options that cannot work are refused when the config is read ---------------------------

CONFIG_ERRORS = [
    ({"blog_dir": "sitemap.xml"},
     "'blog_dir': must be a folder MkDocs does not write itself (not 404.html, sitemap.xml, "
     "sitemap.xml.gz) and that every file system can create, got 'sitemap.xml'"),
    ({"blog_dir": "news/con"},
     "'blog_dir': must be a folder MkDocs does not write itself (not 404.html, sitemap.xml, "
     "sitemap.xml.gz) and that every file system can create, got 'news/con': 'con' is a name "
     "Windows cannot create"),
    ({"strings": {"en": {"min_read": "{minutes:d} min"}}},
     "'strings': 'en.min_read' may only use plain placeholders such as {minutes}, without a "
     "format spec, conversion, index or attribute, got '{minutes:d} min'"),
    ({"strings": {"en": {"min_read": "{minutes!r} min"}}},
     "'strings': 'en.min_read' may only use plain placeholders such as {minutes}, without a "
     "format spec, conversion, index or attribute, got '{minutes!r} min'"),
    ({"strings": {"en": {"min_read": "{minutes.real} min"}}},
     "'strings': 'en.min_read' may only use plain placeholders such as {minutes}, without a "
     "format spec, conversion, index or attribute, got '{minutes.real} min'"),
    ({"taxonomies": ["archive"]},
     "'taxonomies': must not be a folder the blog's own pages use ('archive', 'page' or a "
     "year), got 'archive'"),
    ({"taxonomies": ["tags", "page"]},
     "'taxonomies': must not be a folder the blog's own pages use ('archive', 'page' or a "
     "year), got 'page'"),
    ({"taxonomies": ["2024"]},
     "'taxonomies': must not be a folder the blog's own pages use ('archive', 'page' or a "
     "year), got '2024'"),
    ({"taxonomies": ["nul"]}, "'taxonomies': must be a name Windows can create, got 'nul'"),
]


@pytest.mark.parametrize(("options", "message"), CONFIG_ERRORS)
def test_an_option_that_cannot_work_is_refused_at_config_time(tmp_path, options, message
                                                              ) -> None:
    lines, failed = load(tmp_path, options)
    assert failed
    assert lines == [f"ERROR: {PLUGIN} {message}"]


# --- The command line: one line and exit status 1, never a traceback ------------------------

def cli_site(tmp_path: Path) -> Path:
    write_site(tmp_path, {"index.md": "# Home\n"})
    return tmp_path


def test_new_with_a_title_too_long_for_a_file_name_writes_a_slug_that_fits(tmp_path) -> None:
    done = cli("new", "t" * 300, "--date", "2024-05-01", cwd=cli_site(tmp_path))
    fitted = fit_segment("t" * 300, SLUG_BYTES)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == f"docs/posts/2024/05/{fitted}/index.md\n"
    assert f"slug: {fitted}\n" in (tmp_path / done.stdout.strip()).read_text("utf-8")


def test_new_keeps_the_year_as_typed(tmp_path) -> None:
    done = cli("new", "Old", "--date", "0999-05-05", cwd=cli_site(tmp_path))
    assert (done.returncode, done.stdout) == (0, "docs/posts/0999/05/old/index.md\n"), done
    assert "date: '0999-05-05'" in (tmp_path / done.stdout.strip()).read_text("utf-8")


CLI_ERRORS = [
    (("new", "Hi", "--slug", "s" * 300),
     f"mkdocs-blogposts new: --slug '{'s' * 40}…' is too long for a file name (300 bytes, at "
     "most 240)"),
    (("check", "-f", "docs"), "mkdocs-blogposts check: cannot read docs: Is a directory"),
    (("check", "-f", "bad.yml"),
     "mkdocs-blogposts check: cannot load bad.yml: MkDocs encountered an error parsing the "
     "configuration file: while parsing a flow sequence in \"{root}/bad.yml\", line 1, column "
     "12 expected ',' or ']', but got '<stream end>' in \"{root}/bad.yml\", line 2, column 1"),
    (("new", "Hello", "--date", "2024-05-01"),
     "mkdocs-blogposts new: cannot write docs/posts/2024/05/hello/index.md: Not a directory"),
]


@pytest.mark.parametrize(("args", "message"), CLI_ERRORS, ids=["slug", "dir", "yaml", "write"])
def test_the_cli_refuses_in_one_line(tmp_path, args, message) -> None:
    root = cli_site(tmp_path)
    (root / "bad.yml").write_text("site_name: [x\n", encoding="utf-8")
    (root / "docs" / "posts").write_text("a file where a folder must go", encoding="utf-8")
    before = sorted(p.as_posix() for p in root.rglob("*"))
    done = cli(*args, cwd=root)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == message.format(root=root) + "\n"
    assert sorted(p.as_posix() for p in root.rglob("*")) == before


# --- A user's page at a generated page's place wins, and says which one it replaced ----------

def test_a_users_page_at_the_same_output_wins_with_one_info_line(make_site, use_directory_urls
                                                                 ) -> None:
    site = make_site({
        "posts/a.md": hello(tags=["python"]),
        "blog.md": "# My blog\n",
        "blog/archive.md": "# My archive\n",
        "blog/tags/python.md": "# My python\n",
    }, {"use_directory_urls": use_directory_urls})
    notes = [m for m in site.messages(logging.INFO) if "your page" in m]
    if use_directory_urls:
        assert notes == [
            "blog.md: your page is used instead of the generated page 'Recent posts' "
            "(blog/index.md)",
            "blog/archive.md: your page is used instead of the generated page 'Archive' "
            "(blog/archive/index.md)",
            "blog/tags/python.md: your page is used instead of the generated page "
            "'Tags: python' (blog/tags/python/index.md)",
        ]
        for path, title in (("blog/index.html", "My blog"), ("blog/archive/index.html",
                            "My archive"), ("blog/tags/python/index.html", "My python")):
            assert title in site.read(path), path
    else:  # 'blog.html' and 'blog/index.html' are two pages: nothing is replaced
        assert notes == []
        assert "My archive" in site.read("blog/archive.html")
        assert 'id="my-archive"' not in site.read("blog/archive/index.html")


def test_the_plugins_own_pages_never_say_a_user_page_replaced_them(make_site) -> None:
    site = make_site({"posts/a.md": hello(tags=["page", "archive", "2024"],
                                          categories=["tags"])})
    assert [m for m in site.messages(logging.INFO) if "your page" in m] == []


# --- Wrong output: links to pages not built, dates, titles, encodings -----------------------

def test_no_link_or_hreflang_to_an_unbuilt_translation(make_site) -> None:
    site = make_site({
        "posts/a.md": post("A", "2024-05-01", translationKey="k"),
        "posts/a.fr.md": post("A fr", "2024-05-01", lang="fr", translationKey="k", draft=True),
        "posts/a.de.md": post("A de", "2099-05-01", lang="de", translationKey="k"),
        "posts/a.es.md": post("A es", "2024-05-02", lang="es", translationKey="k"),
    })
    page = site.read("posts/a/index.html")
    assert re.findall(r'hreflang="([\w-]+)"', page) == ["en", "es", "x-default", "es"]
    assert not site.exists("posts/a.fr/index.html") and not site.exists("posts/a.de/index.html")


def test_dates_of_a_zone_with_seconds_in_its_offset_are_rfc3339(make_site) -> None:
    site = make_site({"posts/a.md": post("Old", "1900-05-01 10:00:00")},
                     {"plugins": [{"blogposts": {"timezone": "Europe/Paris"}}]})
    # 10:00 in Paris mean time (+00:09:21) is 09:50:39 UTC: the same instant at +00:09.
    assert 'datetime="1900-05-01T09:59:39+00:09"' in site.read("posts/a/index.html")
    atom = feedparser.parse(site.read("blog/feed.xml"))
    assert atom.entries[0].published == "1900-05-01T09:59:39+00:09"
    assert "Tue, 01 May 1900 09:59:39 +0009" in site.read("blog/rss.xml")
    assert '"date_published": "1900-05-01T09:59:39+00:09"' in site.read("blog/feed.json")


def test_whole_minute_offset_keeps_the_instant() -> None:
    paris = ZoneInfo("Europe/Paris")
    moment = datetime(1900, 5, 1, 10, 0, tzinfo=paris)
    rounded = whole_minute_offset(moment)
    assert rounded.utcoffset() == timedelta(minutes=9)
    assert rounded == moment  # the same instant
    assert whole_minute_offset(datetime(2024, 5, 1, tzinfo=paris)).tzinfo is paris


def test_a_title_from_a_heading_is_plain_text(make_site) -> None:
    site = make_site({"posts/a.md": "---\ntype: post\ndate: 2024-05-01\n---\n\n"
                                    "# Fish &amp; chips with `code`\n\nText."})
    listing = site.read("blog/index.html")
    assert ">Fish &amp; chips with code</a>" in listing
    assert "&amp;amp;" not in listing and "`code`" not in listing
    assert feedparser.parse(site.read("blog/feed.xml")).entries[0].title == \
        "Fish & chips with code"


UNREADABLE = [
    ("posts/y1.md", post("Y1", "0001-01-01T00:00:00+02:00"),
     "posts/y1.md: 'date' must be a moment between 0001-01-01T00:00:00Z and "
     "9999-12-31T23:59:59Z once in UTC, got '0001-01-01T00:00:00+02:00'; the post is left out"),
    ("posts/u16.md", post("U", "2024-05-01").encode("utf-16"),
     "posts/u16.md: the file must be Markdown text in UTF-8, got UTF-16 (it starts with a "
     "UTF-16 byte-order mark); the page is left out"),
]


@pytest.mark.parametrize(("name", "content", "message"), UNREADABLE, ids=["year-1", "utf-16"])
def test_a_date_out_of_range_and_a_utf16_file_say_what_they_are(make_site, name, content,
                                                                 message) -> None:
    make_site({"posts/ok.md": hello(), name: content}, expected_warnings=[message])


RLO = "\u202e"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium")
def test_user_text_beside_ours_is_bidi_isolated_in_chromium(make_site) -> None:
    site = make_site({
        "posts/a.md": post(f"Title {RLO}evil", "2024-05-01", tags=[f"tag{RLO}x"],
                           authors=[f"Ann{RLO}"]),
        "posts/b.md": post(f"Next {RLO}b", "2024-05-02"),
    })
    selectors = {"blog/": [".blogposts-card-title a", ".blogposts-authors", ".blogposts-terms a"],
                 "blog/archive/": [".blogposts-archive li > a"],
                 "blog/tags/": [".blogposts-term-list a"],
                 "posts/a/": [".blogposts-post-nav a"]}
    with serve(site.site_dir) as base, chromium() as browser:
        page = browser.new_page()
        for path, wanted in selectors.items():
            page.goto(base + path)
            for selector in wanted:
                styles = page.eval_on_selector_all(
                    selector, "els => els.map(e => getComputedStyle(e).unicodeBidi)")
                assert styles and set(styles) == {"plaintext"}, (path, selector, styles)
