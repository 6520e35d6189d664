"""What a blogger sees while writing: excerpts, reading time, terms, drafts (real builds)."""

from __future__ import annotations

import posixpath
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_blogposts.excerpts import reading_minutes, split_excerpt
from mkdocs_blogposts.slugs import slugify
from tests.conftest import CORPUS, BuiltSite, post, write_site


def cards(site: BuiltSite, page: str) -> dict[str, str]:
    """The post cards of a listing page by title."""
    html = site.read(page)
    found = re.findall(r'<article class="blogposts-card".*?</article>', html, re.DOTALL)
    return {re.search(r'card-title"><a href="[^"]*">([^<]*)</a>', c).group(1): c  # type: ignore[union-attr]
            for c in found}


def lines(site: BuiltSite, page: str) -> dict[str, str]:
    """The posts of an archive or term page: link by title."""
    html = site.read(page)
    return {title: href for href, title in re.findall(
        r'<li><time datetime="[^"]+">[^<]+</time> – <a href="([^"]*)">([^<]*)</a>', html)}


def excerpt_of(card: str) -> str:
    return card.split('<div class="blogposts-excerpt">')[1].split("</div>")[0]


def test_excerpts_marker_summary_description_and_first_paragraph(make_site):
    site = make_site({
        "posts/more.md": post("More", "2020-01-06", body="Intro.\n\n<!-- more -->\n\nRest."),
        "posts/tight.md": post("Tight", "2020-01-05", body="Tight intro.\n\n<!--more-->\n\nRest."),
        "posts/summary.md": post("Summary", "2020-01-04", summary="A <b>summary</b>",
                                 body="Body one.\n\nBody two."),
        "posts/description.md": post("Description", "2020-01-03", description="Described.",
                                     body="Body."),
        "posts/first.md": post("First", "2020-01-02", body="First para.\n\nSecond para."),
        "posts/short.md": post("Short", "2020-01-01", body="Only one paragraph."),
        "posts/ends.md": post("Ends", "2019-12-31", body="All of it.\n\n<!-- more -->\n"),
    })
    shown = cards(site, "blog/index.html")
    expected = {
        "More": "<p>Intro.</p>",
        "Tight": "<p>Tight intro.</p>",
        "Summary": "<p>A &lt;b&gt;summary&lt;/b&gt;</p>",
        "Description": "<p>Described.</p>",
        "First": "<p>First para.</p>",
        "Short": "<p>Only one paragraph.</p>",
        "Ends": "<p>All of it.</p>",
    }
    assert {title: excerpt_of(card) for title, card in shown.items()} == expected
    with_more = {title for title, card in shown.items() if "blogposts-read-more" in card}
    assert with_more == {"More", "Tight", "Summary", "Description", "First"}
    assert "Rest." not in site.read("blog/index.html")


def test_excerpt_images_and_links_work_on_every_listing(make_site, use_directory_urls):
    body = ("See ![chart](img/chart.png), [the notes](notes.md) and "
            "[the end](#the-end).\n\n<!-- more -->\n\n## The end\n")
    site = make_site(
        {
            "posts/2020/perf.md": post("Perf", "2020-03-04", "fr", body=body,
                                       tags=["Performance Web"]),
            "posts/2020/img/chart.png": b"\x89PNG",
            "posts/2020/notes.md": "# Notes\n",
        },
        {"use_directory_urls": use_directory_urls},
    )
    suffix = "index.html"
    listings = [f"blog/{suffix}", f"blog/2020/{suffix}", f"blog/2020/03/{suffix}"]
    for listing in listings:
        excerpt = excerpt_of(cards(site, listing)["Perf"])
        urls = re.findall(r'(?:src|href)="([^"#]+)', excerpt)
        assert len(urls) == 3, (listing, excerpt)
        for url in urls:
            path = site.site_dir / posixpath.normpath(posixpath.join(posixpath.dirname(listing),
                                                                     url))
            path = path / "index.html" if url.endswith("/") else path
            assert path.is_file(), (listing, url)
        assert re.search(r'href="[^"]*perf[^"]*#the-end"', excerpt), excerpt
    term_page = f"blog/tags/performance-web/{suffix}"
    link = lines(site, term_page)["Perf"]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(term_page), link))
    assert (site.site_dir / target / ("index.html" if link.endswith("/") else "")).is_file()


def test_reading_time_in_the_posts_language(make_site):
    french = " ".join(["mot"] * 1100)
    site = make_site({
        "fr.md": post("Long", "2020-01-03", "fr", body=french),
        "ja.md": post("日本語", "2020-01-02", "ja", body="あ" * 1500),
        "off.md": post("Off", "2020-01-01", "fr", body="Court.", reading_time=False),
    })
    assert "5 min de lecture" in cards(site, "blog/fr/index.html")["Long"]
    assert "5 min de lecture" in site.read("fr/index.html")
    assert "3分で読めます" in site.read("ja/index.html")
    assert "blogposts-reading-time" not in site.read("off/index.html")
    assert "blogposts-reading-time" not in cards(site, "blog/fr/index.html")["Off"]


def test_reading_time_can_be_turned_off_for_the_whole_blog(make_site):
    site = make_site({"p.md": post("P", "2020-01-01", body="Words " * 600)},
                     {"plugins": [{"blogposts": {"reading_time": False}}]})
    assert "blogposts-reading-time" not in site.read("p/index.html")
    assert "blogposts-reading-time" not in site.read("blog/index.html")


@pytest.mark.parametrize(
    ("html", "minutes"),
    [("<p>word</p>", 1), ("<p>" + "word " * 440 + "</p>", 2),
     ("<p>" + "字" * 1000 + "</p>", 2), ("<script>" + "x " * 5000 + "</script><p>a</p>", 1)],
)
def test_reading_minutes(html, minutes):
    assert reading_minutes(html, 220) == minutes


def test_split_excerpt_prefers_the_marker_then_summary_then_first_paragraph():
    assert split_excerpt("<p>a</p><!-- more --><p>b</p>", "s") == ("<p>a</p>", True)
    assert split_excerpt("<p>a</p><p>b</p>", "s & t") == ("<p>s &amp; t</p>", True)
    assert split_excerpt("<h2>T</h2><p>a</p><p>b</p>", None) == ("<p>a</p>", True)
    assert split_excerpt("<p>a</p>", None) == ("<p>a</p>", False)


def test_terms_per_language_with_overview_counts(make_site):
    site = make_site({
        "a.md": post("Un", "2020-01-01", "fr", tags=["Performance Web", "Éducation"],
                     section="papa", categories="Vie privée"),
        "b.md": post("Deux", "2020-01-02", "fr", tags="Performance Web", section="default"),
        "c.md": post("Three", "2020-01-03", "en", tags=["Performance Web"], categories=[]),
    })
    overview = site.read("blog/fr/tags/index.html")
    counts = re.findall(r'<a href="([^"]+)">([^<]+)</a> <span class="blogposts-count">(\d+)',
                        overview)
    assert counts == [("performance-web/", "Performance Web", "2"),
                      ("education/", "Éducation", "1")]
    assert lines(site, "blog/fr/tags/performance-web/index.html") == {
        "Deux": "../../../../b/", "Un": "../../../../a/"}
    assert set(lines(site, "blog/en/tags/performance-web/index.html")) == {"Three"}
    assert set(lines(site, "blog/fr/section/papa/index.html")) == {"Un"}
    assert set(lines(site, "blog/fr/categories/vie-privee/index.html")) == {"Un"}
    assert not site.exists("blog/en/categories/index.html")
    terms = site.read("a/index.html").split('<ul class="blogposts-terms">')[1].split("</ul>")[0]
    links = {name: href for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>',
                                                           terms)}
    assert links["Éducation"] == "../blog/fr/tags/education/"
    assert links["Vie privée"] == "../blog/fr/categories/vie-privee/"


def test_terms_that_slug_alike_are_merged_with_a_warning(make_site):
    site = make_site(
        {"a.md": post("A", "2020-01-01", tags=["C#"]), "b.md": post("B", "2020-01-02",
                                                                   tags=["C"])},
        expected_warnings=["tags 'C#' in a.md, 'C' in b.md share the URL segment 'c'; "
                           "they are merged as 'C'"],
    )
    assert set(lines(site, "blog/tags/c/index.html")) == {"A", "B"}


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Performance Web", "performance-web"), ("Éducation", "education"),
     ("L'été à Paris !", "l-ete-a-paris"), ("L’astuce du jour", "l-astuce-du-jour"),
     ("aujourd’hui", "aujourd-hui"), ("Vie privée", "vie-privee"), ("C++", "c"),
     ("Straße & Œuvre", "strasse-oeuvre"), ("日本語", "日本語"), ("  spaced   out ", "spaced-out")],
)
def test_term_slugs(name, slug):
    assert slugify(name) == slug


def statuses(now: datetime) -> dict[str, str]:
    past, future = (now - timedelta(days=2)).date(), (now + timedelta(days=30)).date()
    return {
        "shown.md": post("Shown", "2020-03-01"),
        "draft.md": post("Draft", "2020-03-02", draft=True),
        "unpublished.md": post("Unpublished", "2020-03-03", published=False),
        "hidden.md": post("Hidden", "2020-03-04", hidden=True),
        "future.md": post("Future", future.isoformat()),
        "expired.md": post("Expired", "2020-03-05", expiryDate=past.isoformat()),
        "expires.md": post("Expires later", "2020-03-06", expires=future.isoformat()),
    }


def test_draft_future_expired_and_hidden_posts_in_a_build(make_site):
    site = make_site(statuses(datetime.now(timezone.utc)))
    assert set(cards(site, "blog/index.html")) == {"Shown", "Expires later"}
    everything = "".join(p.read_text() for p in (site.site_dir / "blog").rglob("*.*")
                         if p.suffix in (".html", ".xml", ".json"))
    for title in ("Draft", "Unpublished", "Hidden", "Future", "Expired"):
        assert f">{title}<" not in everything and f'"{title}"' not in everything, title
    for name in ("draft", "unpublished", "future"):
        assert not site.exists(f"{name}/index.html"), name
        assert f"/{name}/" not in site.read("sitemap.xml")
    assert site.exists("hidden/index.html")
    assert site.exists("expired/index.html")


def test_drafts_are_listed_with_a_badge_while_previewing(tmp_path: Path):
    """`mkdocs serve` runs on_startup('serve') then builds with a serve URL: do exactly that."""
    config = load_config(str(write_site(tmp_path, statuses(datetime.now(timezone.utc)))))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        # MkDocs reuses plugin instances that define on_startup: leave ours as a build's.
        config.plugins.on_startup(command="build", dirty=False)
    site = BuiltSite(tmp_path, Path(config.site_dir), Path(config.docs_dir))
    shown = cards(site, "blog/index.html")
    assert set(shown) == {"Shown", "Draft", "Unpublished", "Future", "Expires later"}
    for title in ("Draft", "Unpublished", "Future"):
        assert '<span class="blogposts-draft-badge">Draft</span>' in shown[title], title
    assert "blogposts-draft-badge" not in shown["Shown"]
    assert "blogposts-draft-notice" in site.read("draft/index.html")


def test_serve_rebuilds_read_again_only_the_front_matter_that_changed(tmp_path: Path):
    files = {f"p{number}.md": post(f"Post {number}", f"2020-01-0{number}") for number in (1, 2, 3)}
    config_file = write_site(tmp_path, files)
    edited = tmp_path / "docs" / "p2.md"
    config = load_config(str(config_file))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        plugin = config.plugins["blogposts"]
        before = dict(plugin.cache.entries)  # type: ignore[attr-defined]
        edited.write_text(post("Post 2, edited", "2020-01-02"), encoding="utf-8")
        config = load_config(str(config_file))  # as serve does on each change
        build(config, serve_url="http://127.0.0.1:8000/")
        assert config.plugins["blogposts"] is plugin
        after = plugin.cache.entries  # type: ignore[attr-defined]
    finally:
        config.plugins.on_startup(command="build", dirty=False)
    assert set(after) == set(before) == {str(tmp_path / "docs" / name) for name in files}
    for path, (_, info) in after.items():
        assert (info is before[path][1]) == (path != str(edited)), path
    assert after[str(edited)][1].front_matter.data["title"] == "Post 2, edited"
    site = BuiltSite(tmp_path, Path(config.site_dir), Path(config.docs_dir))
    assert set(cards(site, "blog/index.html")) == {"Post 1", "Post 2, edited", "Post 3"}
    # One `mkdocs build` per process: nothing is kept.
    assert not plugin.cache.entries  # type: ignore[attr-defined]


def test_corpus_excerpts_and_every_term_page(tmp_path: Path):
    """The 832-post corpus: excerpts cut at <!-- more -->; each term lists each of its posts."""
    config_file = write_site(tmp_path, {}, {"docs_dir": str(CORPUS), "theme": "mkdocs",
                                            "validation": {"links": {"not_found": "info"}}})
    config = load_config(str(config_file))
    build(config)
    site_dir = Path(config.site_dir)
    linked: dict[str, set[str]] = {}
    for page in (site_dir / "blog").glob("*/*/*/**/index.html"):
        relative = page.relative_to(site_dir).as_posix()
        lang, taxonomy, slug = relative.split("/")[1:4]
        hrefs = re.findall(r'</time> – <a href="([^"]+)"', page.read_text())
        linked.setdefault(f"{lang}/{taxonomy}/{slug}", set()).update(
            posixpath.normpath(posixpath.join(posixpath.dirname(relative), h)) for h in hrefs)
    listed = checked = 0
    for path in sorted(CORPUS.rglob("*/index.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        if meta.get("published") is False or meta.get("hidden") or meta.get("draft"):
            continue
        listed += 1
        own = path.parent.relative_to(CORPUS).as_posix()
        for taxonomy in ("section", "categories", "tags"):
            values = meta.get(taxonomy) or []
            for name in values if isinstance(values, list) else [values]:
                key = f"{meta['lang']}/{taxonomy}/{slugify(str(name))}"
                assert own in linked.get(key, set()), (own, key)
                checked += 1
    assert (listed, checked) == (827, 1844)
    assert not list(site_dir.glob("blog/*/*/*/page")), "a term's posts are all on one page"
    index = (site_dir / "blog/fr/index.html").read_text(encoding="utf-8")
    newest = CORPUS / "papa/2016/11/dans-la-peau/index.md"
    source = newest.read_text(encoding="utf-8")
    card = cards(BuiltSite(tmp_path, site_dir, CORPUS), "blog/fr/index.html")["Dans la peau"]
    assert "<!-- more -->" in source and "blogposts-read-more" in card
    after = source.split("<!-- more -->")[1].split()
    assert " ".join(after[:3]) not in excerpt_of(card)
    assert index.count("blogposts-excerpt") == 10
