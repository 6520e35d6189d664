"""Multilingual blogs: translations, hreflang, per-page language and localized UI words."""

from __future__ import annotations

import re

import pytest

from mkdocs_blogposts.i18n import Strings, fallback_chain
from tests.conftest import post

SITE = {
    "index.md": "# Home\n",
    "fr/bonjour.md": post("Bonjour", "2016-04-29", "fr", translationKey="hello"),
    "en/hello.md": post("Hello", "2016-04-30", "en", translationKey="hello"),
    "de/hallo.md": post("Hallo", "2016-04-29", "de", translationKey="hello"),
    "posts/chat.fr.md": "---\ntitle: Le chat\ndate: '2017-01-02'\ntype: post\n---\nMiaou.",
    "posts/chat.en.md": "---\ntitle: The cat\ndate: '2017-01-03'\ntype: post\n---\nMeow.",
    "ja/konnichiwa.md": post("こんにちは", "2016-04-29", "ja", body="日本語の文章です。" * 40),
    "ar/marhaba.md": post("مرحبا", "2016-04-29", "ar", body="نص عربي قصير."),
    "zh/nihao.md": post("你好", "2016-04-29", "zh_CN"),
}


@pytest.fixture
def site(make_site):
    return make_site(SITE, {"site_url": "https://example.org/blog-test/", "theme": "mkdocs"})


def alternates(html: str) -> dict[str, str]:
    found = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
    return {lang: href for href, lang in found}


def test_each_page_carries_its_own_language(site):
    expected = {"fr/bonjour/index.html": "fr", "en/hello/index.html": "en",
                "de/hallo/index.html": "de", "ja/konnichiwa/index.html": "ja",
                "zh/nihao/index.html": "zh-CN", "blog/fr/index.html": "fr",
                "blog/ja/archive/index.html": "ja", "blog/de/2016/04/index.html": "de"}
    for page, lang in expected.items():
        assert re.search(rf'<html lang="{lang}"', site.read(page)), page


def test_right_to_left_pages_get_dir_rtl(site):
    assert '<html dir="rtl" lang="ar"' in site.read("ar/marhaba/index.html")
    assert re.search(r'<html[^>]*dir="rtl"', site.read("blog/ar/index.html"))
    assert not re.search(r'<html[^>]*dir="rtl"', site.read("blog/fr/index.html"))


def test_dates_follow_the_posts_language(site):
    assert "29 avril 2016" in site.read("fr/bonjour/index.html")
    assert "29. April 2016" in site.read("de/hallo/index.html")
    assert "2016年4月29日" in site.read("ja/konnichiwa/index.html")
    assert "avril 2016" in site.read("blog/fr/2016/04/index.html")


def test_translations_link_both_ways_by_key_and_by_file_name(site):
    root = "https://example.org/blog-test/"
    by_key = {"fr": f"{root}fr/bonjour/", "en": f"{root}en/hello/", "de": f"{root}de/hallo/"}
    for page in ("fr/bonjour/index.html", "en/hello/index.html", "de/hallo/index.html"):
        links = alternates(site.read(page))
        assert {k: v for k, v in links.items() if k != "x-default"} == by_key
        assert links["x-default"] == by_key["en"]
    # Language suffixes leave the URL: English (the default) at the root, French under fr/.
    for here, there, name in (("fr/posts/chat/index.html", "../../../posts/chat/", "English"),
                              ("posts/chat/index.html", "../../fr/posts/chat/", "Français")):
        header = site.read(here).split("blogposts-translations")[1].split("</p>")[0]
        assert f'href="{there}"' in header and f">{name}</a>" in header


def test_also_in_is_written_in_the_pages_language_with_each_languages_own_name(site):
    header = site.read("fr/bonjour/index.html").split("blogposts-translations")[1]
    header = header.split("</p>")[0]
    assert header.startswith('">Aussi en\u202f:')  # French spacing before a colon
    assert ">English</a>" in header and ">Deutsch</a>" in header


def test_generated_pages_have_alternates_in_other_languages(site):
    links = alternates(site.read("blog/fr/archive/index.html"))
    assert links["en"] == "https://example.org/blog-test/blog/en/archive/"
    assert links["ja"] == "https://example.org/blog-test/blog/ja/archive/"


def test_reading_time_counts_cjk_characters(site):
    assert "分" in site.read("ja/konnichiwa/index.html").split("blogposts-reading-time")[1][:40]


def test_landing_links_every_languages_blog_and_nav_labels_languages(site):
    html = site.read("blog/index.html")
    switch = html.split("blogposts-languages")[1].split("</nav>")[0]
    for name in ("Français", "English", "Deutsch", "日本語", "العربية"):
        assert f">{name}</a>" in switch


def test_unknown_language_gives_one_warning_and_english_dates(make_site):
    site = make_site(
        {"a.md": post("Klingon", "2016-04-29", "tlh"), "b.md": post("Also", "2016-04-28", "tlh"),
         "c.md": post("English", "2016-04-27", "en")},
        expected_warnings=["a.md, b.md: 'lang' 'tlh' is not a language known to Babel; "
                           "dates and UI words are shown in English"],
    )
    assert "April 29, 2016" in site.read("a/index.html")


def test_user_strings_override_shipped_ones(make_site):
    site = make_site({"a.md": post("Un", "2016-04-29", "fr")},
                     {"plugins": [{"blogposts": {"strings": {"fr": {"recent_posts": "Billets"}}}}]})
    assert '<h1 class="blogposts-title">Billets</h1>' in site.read("blog/index.html")


@pytest.mark.parametrize(("tag", "chain"), [
    ("pt-BR", ["pt_BR", "pt", "en"]), ("fr", ["fr", "en"]), ("zh-Hant-TW", ["zh_Hant_TW",
                                                                          "zh_TW", "zh_Hant",
                                                                          "zh", "en"]),
])
def test_fallback_chain(tag, chain):
    assert fallback_chain(tag) == chain


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "it", "pt", "nl", "ja", "zh"])
def test_shipped_tables_are_complete(lang):
    english = Strings("en", {})
    strings = Strings(lang, {})
    keys = list(english._tables[1])
    assert keys
    missing = [key for key in keys if key not in strings._tables[1]]
    assert missing == []
