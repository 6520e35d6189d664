"""What readers do next: series, related posts and scoped previous/next (pure and in builds)."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mkdocs_blogposts.model import Post
from mkdocs_blogposts.neighbours import neighbours_in
from mkdocs_blogposts.related import related_posts
from mkdocs_blogposts.series import parts_index, series_of
from tests.conftest import CORPUS, post, run_build, write_site
from tests.test_corpus import LEGACY_WARNINGS


def make_post(name: str, day: int, series: tuple[str, ...] = (), **terms: tuple[str, ...]
              ) -> Post:
    return Post(f"{name}.md", name, datetime(2020, 1, day, tzinfo=timezone.utc), "en", name,
                terms=dict(terms), series=series)


def newest_first(*posts: Post) -> tuple[Post, ...]:
    return tuple(sorted(posts, key=lambda p: p.sort_key))


# Known overlaps: `rare` is on a and b only, `mid` on a, c, d, `common` on every post but e.
FIXTURE = newest_first(
    make_post("a", 1, tags=("rare", "mid", "common")),
    make_post("b", 2, tags=("rare", "common")),
    make_post("c", 3, tags=("mid", "common")),
    make_post("d", 4, tags=("mid",), section=("Common",)),
    make_post("e", 5, tags=("alone",)),
)


def titles(posts: tuple[Post, ...]) -> list[str]:
    return [p.title for p in posts]


def test_related_posts_prefer_the_rarest_shared_terms_then_the_newest():
    related = related_posts(FIXTURE, limit=3)
    # a-b share rare (log 5/2) + common (log 5/4); a-c and a-d share mid (log 5/3) + common,
    # a tie that the newer post, d, wins.
    assert titles(related["a.md"]) == ["b", "d", "c"]
    assert titles(related["b.md"]) == ["a", "d", "c"]
    # A term shared by one post only relates nothing: e has no related post.
    assert "e.md" not in related


def test_related_posts_treat_one_name_in_two_taxonomies_as_one_term():
    related = related_posts(FIXTURE, limit=1)
    # d's `section: Common` is the `common` tag of the others: c wins on mid + common.
    assert titles(related["d.md"]) == ["c"]


def test_related_posts_skip_terms_on_more_posts_than_the_cap():
    related = related_posts(FIXTURE, limit=5, max_df=3)
    # `common` (4 posts) is skipped: b shares only `rare` with a, and nothing with c or d.
    assert titles(related["b.md"]) == ["a"]
    assert related_posts(FIXTURE, limit=0) == {}


def test_related_posts_stay_linear_on_a_large_blog():
    posts = newest_first(*(make_post(f"p{i}", 1 + i % 28, tags=(f"t{i % 300}", "all", f"u{i % 7}"))
                           for i in range(5000)))
    started = datetime.now(timezone.utc)
    related = related_posts(posts, limit=5)
    elapsed = (datetime.now(timezone.utc) - started).total_seconds()
    assert len(related) == 5000 and elapsed < 10, elapsed


def test_series_run_oldest_first_and_merge_spellings():
    posts = newest_first(make_post("one", 1, ("Trip",)), make_post("three", 3, ("trip",)),
                         make_post("two", 2, ("Trip", "Other")), make_post("solo", 4, ("Solo",)))
    series = {term.slug: term for term in series_of(posts)}
    assert titles(series["trip"].posts) == ["one", "two", "three"]
    assert series["trip"].name == "Trip"
    index = parts_index(series.values())
    assert [(p.series.slug, p.number) for p in index["two.md"]] == [("trip", 2)]
    assert index["two.md"][0].previous.title == "one"
    assert index["two.md"][0].next.title == "three"
    assert "solo.md" not in index  # a series of one part gets no box


def test_neighbours_stay_in_the_first_term_of_the_scope():
    posts = newest_first(make_post("a", 1, section=("web",)), make_post("b", 2, section=("life",)),
                         make_post("c", 3, section=("web", "life")), make_post("d", 4))
    pairs = neighbours_in(posts, "section")
    assert pairs["c.md"] == (None, posts[3])  # newer: none in web; older: a
    assert titles(tuple(p for p in pairs["b.md"] if p)) == []
    assert [p and p.title for p in pairs["d.md"]] == [None, "c"]  # no section: the language
    assert [p and p.title for p in neighbours_in(posts, "language")["b.md"]] == ["c", "a"]


SERIES_SITE = {
    "index.md": "# Home\n",
    "p/a.md": post("Part A", "2020-01-01", series="Road trip", tags=["car"]),
    "p/b.md": post("Part B", "2020-02-01", series=["Road trip"], tags=["car"]),
    "p/c.md": post("Part C", "2020-03-01", series="Road trip"),
    "p/x.md": post("Other", "2020-04-01", tags=["car"]),
}


def test_a_post_in_a_series_shows_every_part_in_order(make_site, use_directory_urls):
    site = make_site(SERIES_SITE, {"use_directory_urls": use_directory_urls})
    page = "p/b/index.html" if use_directory_urls else "p/b.html"
    box = site.read(page).split('class="blogposts-series"')[1].split("</aside>")[0]
    assert "Part 2 of 3" in box
    assert re.findall(r"<li>(?:<a [^>]*>|<strong[^>]*>)([^<]+)<", box) == [
        "Part A", "Part B", "Part C"]
    assert "← Previous part" in box and "Next part →" in box
    assert re.findall(r'">(Part [ABC])</a>', site.read("blog/series/road-trip/index.html")) == [
        "Part A", "Part B", "Part C"]
    assert "Road trip" in site.read("blog/series/index.html")


def test_related_posts_and_scoped_neighbours_in_a_build(make_site):
    site = make_site(SERIES_SITE, {"plugins": [{"blogposts": {"related": 1,
                                                              "neighbours": "tags"}}]})
    footer = site.read("p/a/index.html").split("blogposts-post-footer")[1]
    related = footer.split('class="blogposts-related"')[1].split("</section>")[0]
    assert re.findall(r'<a href="[^"]*">([^<]+)</a>', related) == ["Other"]
    nav = footer.split("blogposts-post-nav")[1].split("</nav>")[0]
    assert "Part B" in nav and "Part C" not in nav  # c has no `car` tag


def test_neighbours_must_name_a_taxonomy(tmp_path: Path):
    config = write_site(tmp_path, {"a.md": post("A", "2020-01-01")},
                        {"plugins": [{"blogposts": {"neighbours": "colour"}}]})
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        load_config(str(config))


def test_the_corpus_series_and_chips(tmp_path: Path):
    site = run_build(write_site(tmp_path, {}, {
        "docs_dir": str(CORPUS), "site_url": "https://borisschapira.com/",
        "plugins": ["blogposts"], "theme": {"name": "mkdocs", "locale": "fr"}}),
        expected_warnings=LEGACY_WARNINGS, strict=False)
    html = site.read("default/2014/05/sudweb-2014-lidee-au-projet-genese-dune-lightning-talk/"
                     "index.html")
    assert re.search(r"Partie \d sur \d", html)
    chips = re.findall(r'class="blogposts-term blogposts-term-\w+"><a href="[^"]*">([^<]+)<',
                       html)
    assert chips and len(chips) == len(set(chips)), chips
    assert site.exists("blog/fr/series/sud-web-2014/index.html")
    assert site.exists("blog/fr/2007/page/2/index.html")
