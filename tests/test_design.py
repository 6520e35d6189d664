"""The blog's look in builds: month titles, one chip per name, landing words, lit nav entry."""

from __future__ import annotations

import re

import pytest

from mkdocs_blogposts.i18n import Strings
from tests.conftest import post


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "Avril 2016"), ("es", "Abril de 2016"), ("ru", "Апрель 2016\u202fг."),
    ("de", "April 2016"), ("ja", "2016年4月"), ("pl", "Kwiecień 2016"),
])
def test_month_titles_start_with_a_capital_where_the_script_has_one(lang, expected):
    assert Strings(lang, {}).month(2016, 4) == expected


def test_a_name_in_two_taxonomies_makes_one_chip(make_site):
    site = make_site({"a.md": post("A", "2020-01-01", section="web", categories=["web"],
                                   tags=["Web", "css"])})
    chips = re.findall(r'blogposts-term-(\w+)"><a href="([^"]*)">([^<]+)<',
                       site.read("a/index.html"))
    assert chips == [("section", "../blog/section/web/", "web"),
                     ("tags", "../blog/tags/css/", "css")]


def test_the_landing_speaks_the_default_language(make_site):
    site = make_site({"a.md": post("A", "2020-01-01", "fr"), "b.md": post("B", "2020-01-02", "fr"),
                      "c.md": post("C", "2020-01-03", "en")},
                     {"plugins": [{"blogposts": {"default_lang": "en"}}]})
    landing = site.read("blog/index.html")
    assert "Subscribe" in landing and "S’abonner" not in landing


@pytest.mark.parametrize(("page", "lit"), [
    ("blog/en/2020/03/index.html", "2020"),
    ("blog/en/tags/css/index.html", "Recent posts"),
    ("a/index.html", "2020"),
])
def test_a_page_out_of_the_nav_lights_its_nearest_entry(make_site, page, lit):
    site = make_site({"a.md": post("A", "2020-03-01", tags=["css"]),
                      "b.md": post("B", "2020-04-01", "fr")}, {"theme": "material"})
    # The entry is marked as Material marks the current page's parents; blogposts.css colours it.
    active = re.findall(r'<li class="md-nav__item md-nav__item--active">\s*<a [^>]*>\s*'
                        r'<span class="md-ellipsis">\s*([^<]+?)\s*<', site.read(page))
    assert active == [lit]


def test_year_pages_are_paginated_with_every_month_listed(make_site):
    files = {f"p{m}.md": post(f"P{m}", f"2020-{m:02d}-01") for m in range(1, 13)}
    site = make_site(files, {"plugins": [{"blogposts": {"per_page": 5}}]})
    first, third = site.read("blog/2020/index.html"), site.read("blog/2020/page/3/index.html")
    assert first.count('class="blogposts-card"') == 5 and third.count('class="blogposts-card"') == 2
    assert first.count('href="01/"') == 1 and "Page 3 of 3" in third
    assert len(re.findall(r'<ul class="blogposts-subpages">(.*?)</ul>', third, re.S)[0]
               .split("<li>")) == 13
