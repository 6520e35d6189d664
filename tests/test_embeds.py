"""Post lists anywhere: the marker's syntax, its filters and the list in real builds."""

from __future__ import annotations

import re

import pytest

from mkdocs_blogposts.embeds import Embed, parse_embed, select
from tests.conftest import post
from tests.test_reading import make_post, newest_first

TAXONOMIES = ("section", "tags", "series")


def test_the_marker_words_are_read():
    embed, problems = parse_embed(' latest 3 lang=fr tags="Vie privée" layout=lines more=no ',
                                  TAXONOMIES)
    assert embed == Embed(3, "fr", (("tags", "vie-privee"),), None, "lines", False)
    assert problems == []
    assert parse_embed("", TAXONOMIES) == (Embed(), [])


@pytest.mark.parametrize(("words", "expected"), [
    ("latest many", "'latest' must be a whole number of 1 or more, got 'many'; showing 5"),
    ("layout=grid", "'layout' must be cards or lines, got 'grid'; using cards"),
    ("colour=red", "unknown key 'colour', expected one of latest, lang, layout, more, author, "
                   "section, tags, series; ignored"),
    ("lang=??", "'lang' must be a language code such as 'fr' or 'all', got '??'; "
                "using the page's language"),
    ('tags="open', "the words must have balanced quotes, got 'tags=\"open'"),
    ("five", "expected 'latest N' or key=value, got 'five'; ignored"),
])
def test_bad_words_are_named(words, expected):
    assert parse_embed(words, TAXONOMIES)[1] == [expected]


def test_filters_keep_the_newest_matching_posts():
    posts = newest_first(
        make_post("a", 1, ("Trip",), tags=("python",)),
        make_post("b", 2, tags=("Python", "web"), section=("code",)),
        make_post("c", 3, tags=("web",)),
        make_post("d", 4, tags=("python",), section=("code",)),
    )
    names = [p.title for p in select(posts, Embed(limit=2, terms=(("tags", "python"),)))]
    assert names == ["d", "b"]
    both = Embed(terms=(("tags", "python"), ("section", "code")))
    assert [p.title for p in select(posts, both)] == ["d", "b"]
    assert [p.title for p in select(posts, Embed(terms=(("series", "trip"),)))] == ["a"]


HOME = """# Home

<!-- blogposts: latest 2 -->

<!-- blogposts: latest 5 tags=python layout=lines author="Ada" -->

    <!-- blogposts: in a code block stays text -->
"""


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_a_home_page_lists_the_latest_posts(make_site, theme):
    site = make_site({
        "index.md": HOME,
        "fr.md": "---\nlang: fr\n---\n# Accueil\n\n<!-- blogposts: latest 9 -->\n",
        "p/a.md": post("Alpha", "2020-01-01", tags=["python"], author="Ada"),
        "p/b.md": post("Beta", "2020-02-01", tags=["python"], author="Bob"),
        "p/c.md": post("Gamma", "2020-03-01", tags=["web"], body="Gamma's excerpt."),
        "p/d.md": post("Delta", "2020-04-01", body="Delta's excerpt."),
        "p/f.md": post("Français", "2020-05-01", "fr"),
    }, {"theme": theme})
    html = site.read("index.html")
    cards, lines = html.split('class="blogposts-embed blogposts-embed-cards"')[1].split(
        'class="blogposts-embed blogposts-embed-lines"')
    assert re.findall(r'blogposts-card-title"><a href="[^"]*">([^<]+)<', cards) == [
        "Delta", "Gamma"]
    assert "Delta's excerpt." in cards and 'href="blog/en/"' in cards
    assert re.findall(r'</time> – <a href="[^"]*">([^<]+)<', lines) == ["Alpha"]
    assert 'href="blog/en/tags/python/"' in lines
    assert "&lt;!-- blogposts: in a code block stays text --&gt;" in html
    french = site.read("fr/index.html")
    assert re.findall(r'blogposts-card-title"><a href="[^"]*">([^<]+)<', french) == [
        "Français"]
    assert "Plus d’articles" in french


def test_a_bad_marker_is_reported_with_its_page(make_site):
    site = make_site({"index.md": "<!-- blogposts: layout=grid -->\n",
                      "a.md": post("A", "2020-01-01")},
                     expected_warnings=["index.md: post list: 'layout' must be cards or lines, "
                                        "got 'grid'; using cards"])
    assert 'class="blogposts-embed blogposts-embed-cards"' in site.read("index.html")
