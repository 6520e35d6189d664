"""Hugo's multilingual URLs: the default language at the root, the others under their prefix."""

from __future__ import annotations

from typing import Any

from tests.conftest import post

HUGO_SITE = {
    "about.md": "# À propos\n",
    "about.en.md": "# About\n",
    "index.fr.md": "# Accueil\n",
    "index.en.md": "# Home\n",
    "posts/confiance/index.fr.md": post("Confiance", "2016-04-29", lang="fr",
                                        translationKey="trust"),
    "posts/confiance/index.en.md": post("Trust", "2016-04-29", lang="en",
                                        translationKey="trust"),
    "posts/confiance/photo.jpg": b"jpeg",
}


def test_language_suffixes_never_reach_urls(make_site: Any, use_directory_urls: bool) -> None:
    site = make_site(HUGO_SITE, {"theme": {"name": "mkdocs", "locale": "fr"}},
                     use_directory_urls=use_directory_urls)
    html = ".html" if not use_directory_urls else "/index.html"
    expected = ["about" + html, "en/about" + html, "index.html", "en/index.html",
                "posts/confiance/index.html", "en/posts/confiance/index.html"]
    assert [path for path in expected if not site.exists(path)] == []
    assert not list(site.site_dir.glob("**/*.fr/index.html"))
    assert not list(site.site_dir.glob("**/*.en*"))
    assert site.exists("posts/confiance/photo.jpg")  # shared by the bundle's two pages


def test_a_suffix_that_would_take_another_pages_url_is_refused(make_site: Any) -> None:
    site = make_site({"about.md": "# A\n", "about.fr.md": "# B\n"},
                     {"theme": {"name": "mkdocs", "locale": "fr"}},
                     expected_warnings=["about.fr.md: its URL without the language suffix would "
                                        "be that of about.md; it keeps its URL 'about.fr/'"])
    assert site.exists("about.fr/index.html")


def test_lang_prefix_is_empty_for_the_default_language(make_site: Any) -> None:
    files = {
        "posts/2016-04-29-confiance.md": post("Confiance", "2016-04-29", lang="fr"),
        "posts/2016-04-29-trust.md": post("Trust", "2016-04-29", lang="en"),
    }
    site = make_site(files, {"plugins": [{"blogposts": {
        "default_lang": "fr", "post_url": "{lang_prefix}/{yyyy}/{mm}/{name}/"}}]})
    assert site.exists("2016/04/confiance/index.html")
    assert site.exists("en/2016/04/trust/index.html")
