"""The blog from `type: post` pages: discovery, listings, archives and nav (real builds)."""

from __future__ import annotations

import logging
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import BuiltSite, post


class _Links(HTMLParser):
    """Collect hrefs inside an element with a given class."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class, self.depth, self.hrefs = css_class, 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or self.css_class in classes:
            self.depth += 1
            if tag == "a" and dict(attrs).get("href"):
                self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def listed_titles(site: BuiltSite, page: str) -> list[str]:
    """Titles of the post cards on a built listing page, in order."""
    html = site.read(page)
    return re.findall(r'class="blogposts-card-title"><a href="[^"]*">([^<]*)</a>', html)


def resolve(site: BuiltSite, page: str, href: str) -> Path:
    """The file a relative link on `page` points to."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    path = site.site_dir / target
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


def test_reference_post_is_listed_by_language_year_and_month(make_site, use_directory_urls):
    site = make_site(
        {
            "index.md": "# Home\n",
            "default/2016/04/confiance/index.md": post("Confiance", "2016-04-29", "fr"),
            "default/2016/05/hello/index.md": post("Hello", "2016-05-02", "en"),
            "about.md": "---\ntitle: About\ndate: 2015-10-05T17:15:20\n---\nNot a post.\n",
        },
        {"use_directory_urls": use_directory_urls, "site_url": "https://example.org/"},
    )
    assert listed_titles(site, "blog/fr/2016/04/index.html") == ["Confiance"]
    assert listed_titles(site, "blog/en/2016/05/index.html") == ["Hello"]
    assert listed_titles(site, "blog/fr/2016/index.html") == ["Confiance"]
    assert set(listed_titles(site, "blog/index.html")) == {"Confiance", "Hello"}
    archive = site.read("blog/fr/archive/index.html")
    assert re.findall(r'</time> – <a href="[^"]*">([^<]*)</a>', archive) == ["Confiance"]
    html = site.read("default/2016/04/confiance/index.html")
    assert '<time datetime="2016-04-29T00:00:00+00:00">29 avril 2016</time>' in html
    hrefs = re.findall(r'class="blogposts-card-title"><a href="([^"]+)"',
                       site.read("blog/fr/index.html"))
    assert [resolve(site, "blog/fr/index.html", href).is_file() for href in hrefs] == [True]


def test_every_link_from_listings_resolves(make_site, use_directory_urls):
    files = {
        f"posts/2020-0{m}-0{m}-note-{m}.md": f"---\ntype: post\ntitle: Note {m}\n---\nText."
        for m in range(1, 8)
    }
    site = make_site(files, {"use_directory_urls": use_directory_urls,
                             "plugins": [{"blogposts": {"per_page": 3}}]})
    pages = [p.relative_to(site.site_dir).as_posix()
             for p in (site.site_dir / "blog").rglob("*.html")]
    assert "blog/page/3/index.html" in pages
    checked = 0
    for page in pages:
        parser = _Links("blogposts-listing")
        parser.feed(site.read(page))
        for href in parser.hrefs:
            assert resolve(site, page, href).is_file(), (page, href)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    ("name", "date_line", "expected"),
    [
        ("quoted.md", "date: '2016-04-29'", "2016-04-29T00:00:00+00:00"),
        ("yaml-date.md", "date: 2016-04-29", "2016-04-29T00:00:00+00:00"),
        ("naive.md", "date: 2015-10-05T17:15:20", "2015-10-05T17:15:20+00:00"),
        ("offset.md", "date: 2015-05-11 10:05:07 +0200", "2015-05-11T10:05:07+02:00"),
        ("2016-04-29-jekyll.md", "", "2016-04-29T00:00:00+00:00"),
    ],
)
def test_every_date_form_is_understood(make_site, name, date_line, expected):
    text = f"---\ntitle: Post\n{date_line}\ntype: post\n---\nBody.\n"
    site = make_site({f"posts/{name}": text})
    assert f'datetime="{expected}"' in site.read("blog/archive/index.html")


def test_language_comes_from_key_suffix_folder_then_theme(make_site):
    site = make_site(
        {
            "a.fr.md": "---\ntitle: Suffixe\ndate: '2020-01-01'\ntype: post\n---\nTexte.",
            "de/b.md": "---\ntitle: Ordner\ndate: '2020-01-02'\ntype: post\n---\nText.",
            "c.md": "---\ntitle: Sans langue\ndate: '2020-01-03'\ntype: post\n---\nTexte.",
            "d.md": post("Região", "2020-01-04", "pt_BR"),
            "e.md": post("简体", "2020-01-05", "zh_CN"),
        },
        {"theme": {"name": "mkdocs", "locale": "fr"}},
    )
    assert listed_titles(site, "blog/fr/index.html") == ["Sans langue", "Suffixe"]
    assert listed_titles(site, "blog/de/index.html") == ["Ordner"]
    assert listed_titles(site, "blog/pt-br/index.html") == ["Região"]
    assert listed_titles(site, "blog/zh-cn/index.html") == ["简体"]
    assert '<html lang="pt-BR"' in site.read("d/index.html")
    assert "1 de janeiro de 2020" not in site.read("d/index.html")
    assert "4 de janeiro de 2020" in site.read("d/index.html")


def test_unusual_but_valid_files_are_read(make_site):
    crlf = post("Windows", "2020-02-01").replace("\n", "\r\n")
    bom = "\ufeff" + post("Bom", "2020-02-02")
    odd = ("---\ntitle: Odd keys\ndate: '2020-02-03'\ntype: post\ntags:\n2016: ['04']\n---\n"
           "No newline")
    site = make_site({"crlf.md": crlf, "bom.md": bom, "odd.md": odd})
    assert listed_titles(site, "blog/index.html") == ["Odd keys", "Bom", "Windows"]


def test_drafts_unpublished_and_hidden_posts_are_not_listed_in_a_build(make_site):
    site = make_site({
        "shown.md": post("Shown", "2020-03-01"),
        "draft.md": post("Draft", "2020-03-02", draft=True),
        "unpublished.md": post("Unpublished", "2020-03-03", published=False),
        "hidden.md": post("Hidden", "2020-03-04", hidden=True),
        "future.md": post("Future", "2999-01-01"),
    })
    everything = "".join(p.read_text() for p in (site.site_dir / "blog").rglob("*.html"))
    assert listed_titles(site, "blog/index.html") == ["Shown"]
    for title in ("Draft", "Unpublished", "Hidden", "Future"):
        assert f">{title}<" not in everything
    assert site.exists("hidden/index.html")
    assert not site.exists("draft/index.html")
    assert not site.exists("unpublished/index.html")
    assert not site.exists("future/index.html")
    assert "draft/" not in site.read("sitemap.xml")


def test_a_users_page_at_a_generated_path_wins(make_site):
    site = make_site({
        "blog/archive/index.md": "# My own archive\n",
        "p.md": post("Post", "2020-01-01"),
    })
    assert "My own archive" in site.read("blog/archive/index.html")
    assert "blog/archive/index.md: your page is used instead of the generated page 'Archive'" in \
        site.messages(logging.INFO)


def test_nav_has_one_blog_section_and_no_posts(make_site):
    files = {f"p{i}.md": post(f"Post {i}", f"20{10 + i % 10}-01-{1 + i % 28:02d}",
                              "fr" if i % 3 else "en") for i in range(40)}
    files["index.md"] = "# Home\n"
    site = make_site(files, {"theme": "mkdocs"})
    html = site.read("index.html")
    assert html.count('data-bs-toggle="dropdown"  aria-expanded="false">Blog</a>') == 1
    assert "Post 1<" not in html
    assert 'class="dropdown-item">Français</a>' in html
    assert 'class="dropdown-item">English</a>' in html
    assert len(re.findall(r'class="dropdown-item"', html)) < 30


def test_explicit_nav_place_is_respected_and_nothing_is_duplicated(make_site):
    site = make_site(
        {"index.md": "# Home\n", "about.md": "# About\n", "p.md": post("Post", "2020-01-01")},
        {"theme": "readthedocs", "nav": ["index.md", {"News": "blog/index.md"}, "about.md"]},
    )
    html = site.read("about/index.html")
    menu = html[html.find('wy-menu-vertical'):html.find("</nav>", html.find("wy-menu-vertical"))]
    labels = re.findall(r'<a class="[^"]*reference internal[^"]*" href="[^"]*">([^<]+)</a>', menu)
    assert labels == ["Home", "News", "Archive", "2020", "About"]
    assert menu.count('href="../blog/"') == 1


def test_post_pages_link_to_the_newer_and_older_post_of_their_language(make_site):
    site = make_site({
        "a.md": post("Un", "2020-01-01", "fr"),
        "b.md": post("Deux", "2020-01-02", "fr"),
        "c.md": post("Three", "2020-01-03", "en"),
        "d.md": post("Trois", "2020-01-04", "fr"),
    })
    footer = site.read("b/index.html").split("blogposts-post-nav")[1].split("</nav>")[0]
    # Newest first, as on the index's pagination: the newer post on the left, rel=prev.
    # Each link is labelled above its title: "Article précédent", "Article suivant".
    assert re.search(r'rel="prev" href="../d/"><span class="blogposts-nav-label">'
                     r'Article précédent</span>← Trois</a>', footer)
    assert re.search(r'rel="next" href="../a/"><span class="blogposts-nav-label">'
                     r'Article suivant</span>Un →</a>', footer)
    assert "Three" not in footer


def test_single_language_blog_has_no_language_segment(make_site):
    site = make_site({"a.md": post("Seul", "2021-06-01", "fr")},
                     {"theme": {"name": "mkdocs", "locale": "fr"}})
    assert listed_titles(site, "blog/index.html") == ["Seul"]
    assert site.exists("blog/2021/06/index.html")
    assert not site.exists("blog/fr/index.html")
    assert "Articles récents" in site.read("blog/index.html")
    assert "blogposts-languages" not in site.read("blog/index.html")


def menu_labels(html: str) -> list[str]:
    """The page links of the readthedocs theme's menu, in order."""
    menu = html[html.find('wy-menu-vertical'):html.find("</nav>", html.find("wy-menu-vertical"))]
    return re.findall(r'<a class="[^"]*reference internal[^"]*" href="[^"]*">([^<]+)</a>', menu)


@pytest.mark.parametrize(("entries", "expected"), [
    (None, ["Home", "Blog", "Articles récents", "Archives", "2019", "Recent posts", "Archive",
            "2020"]),
    (["index", "taxonomies"], ["Home", "Blog", "Articles récents", "Étiquettes",
                               "Recent posts", "Tags"]),
    ([], ["Home", "Blog"]),
])
def test_nav_entries_choose_what_the_blog_section_lists(make_site, entries, expected):
    files = {"index.md": "# Home\n",
             "a.md": post("Un", "2019-05-01", "fr", tags=["Web"]),
             "c.md": post("Deux", "2019-06-01", "fr"),
             "b.md": post("Two", "2020-01-01", "en", tags=["Web"])}
    options = {} if entries is None else {"nav_entries": entries}
    site = make_site(files, {"theme": "readthedocs", "plugins": [{"blogposts": options}]})
    assert menu_labels(site.read("index.html")) == expected
    # Out of the nav, the taxonomy overviews are linked from every listing of their language.
    index = site.read("blog/fr/index.html")
    links = index.split('<nav class="blogposts-taxonomies"')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', links) == [("tags/", "Étiquettes")]
    assert "blogposts-taxonomies" not in site.read("blog/fr/tags/index.html")


def test_markdown_converts_the_posts_but_not_the_generated_listings(make_site, tmp_path: Path,
                                                                   monkeypatch):
    """Listings are filled from templates: Markdown (and its extensions) never runs on them.

    MkDocs sets up a converter with every extension for each page it converts (5 ms a page
    with Material's usual extensions). A real extension notes each set-up: the site has
    2 Markdown pages and 6 generated listings.
    """
    log = tmp_path / "converters.log"
    (tmp_path / "noting_extension.py").write_text(
        "from markdown import Extension\n"
        "class NoteExtension(Extension):\n"
        "    def extendMarkdown(self, md):\n"
        f"        with open({str(log)!r}, 'a') as f:\n"
        "            f.write('set up\\n')\n"
        "def makeExtension(**kwargs):\n"
        "    return NoteExtension(**kwargs)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    site = make_site({"index.md": "# Home\n",
                      "p.md": post("Post", "2020-01-01", body="Body.", tags=["Web"])},
                     {"markdown_extensions": ["toc", "noting_extension"]})
    generated = sorted(page.parent.relative_to(site.site_dir).as_posix()
                       for page in site.site_dir.glob("blog/**/index.html"))
    assert generated == ["blog", "blog/2020", "blog/2020/01", "blog/archive", "blog/tags",
                         "blog/tags/web"]
    # One set-up when MkDocs checks the config, then one per Markdown page; none per listing.
    assert log.read_text(encoding="utf-8").splitlines() == ["set up"] * (1 + 2)
    assert 'class="blogposts-card-title"><a href="../p/">Post</a>' in site.read("blog/index.html")
