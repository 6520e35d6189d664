"""A blog inside a site translated with mkdocs-static-i18n: real builds with the real plugin.

static-i18n builds the site once per language; each build must have its own language's blog
under that language's folder, link translations across builds, and overwrite nothing of
another build. Sites come in both of its structures (`post.fr.md` and `fr/post.md`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from conftest import BuiltSite
from feed_checks import check_atom, check_json_feed, check_rss
from test_links import crawl, mkdocs_warnings

from mkdocs_blogposts import static_i18n

pytest.importorskip("mkdocs_static_i18n")

SITE_URL = "https://example.com/"
CARD_RE = re.compile(r'blogposts-card-title"><a href="[^"]*">([^<]*)</a>')


def _post(title: str, date: str, tags: list[str], **extra: Any) -> str:
    """A post without `lang`: its language comes from static-i18n's structure."""
    meta = {"type": "post", "title": title, "date": date, "tags": tags, **extra}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\nSome text.\n"


def site_files(structure: str) -> dict[str, str]:
    """Home pages, a translated post, an English-only and a French-only post."""
    pages = {
        ("en", "index.md"): "# Home\n\nRead [the blog](blog/index.md).\n",
        ("fr", "index.md"): "# Accueil\n\nLisez [le journal](blog/index.md).\n",
        ("en", "blog/posts/hello.md"): _post("Hello", "2024-05-01", ["news"]),
        ("fr", "blog/posts/hello.md"): _post("Bonjour", "2024-05-01", ["nouvelles"]),
        ("en", "blog/posts/only-en.md"): _post("Only English", "2024-04-01", ["news"],
                                               aliases=["/old/only-en/"]),
        ("fr", "blog/posts/seulement-fr.md"): _post("Seulement en français", "2024-03-01", []),
    }
    if structure == "folder":
        return {f"{lang}/{path}": text for (lang, path), text in pages.items()}
    return {(path if lang == "en" else path.replace(".md", ".fr.md")): text
            for (lang, path), text in pages.items()}


def i18n_config(structure: str, theme: str = "material", fallback: bool = True,
                blogposts_first: bool = False, **options: Any) -> dict[str, Any]:
    """search, i18n (English default, French) and blogposts, in either order."""
    i18n = {"i18n": {"docs_structure": structure, "fallback_to_default": fallback,
                     "languages": [{"locale": "en", "default": True, "name": "English"},
                                   {"locale": "fr", "name": "Français",
                                    "nav_translations": {"Blog": "Blogue"}}]}}
    blogposts = {"blogposts": options} if options else "blogposts"
    plugins = ["search", blogposts, i18n] if blogposts_first else ["search", i18n, blogposts]
    return {"theme": {"name": theme}, "plugins": plugins, "site_url": SITE_URL}


def cards(site: BuiltSite, path: str) -> list[str]:
    """Titles of the posts a listing shows."""
    return CARD_RE.findall(site.read(path))


@pytest.fixture(params=["suffix", "folder"])
def structure(request: pytest.FixtureRequest) -> str:
    """Each of static-i18n's docs structures."""
    return str(request.param)


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_each_language_build_has_its_own_blog_at_its_prefix(make_site, structure, theme):
    site = make_site(site_files(structure), i18n_config(structure, theme))
    assert cards(site, "blog/index.html") == ["Hello", "Only English"]
    assert cards(site, "fr/blog/index.html") == ["Bonjour", "Seulement en français"]
    assert site.exists("blog/tags/news/index.html")
    assert site.exists("fr/blog/tags/nouvelles/index.html")
    assert not site.exists("blog/tags/nouvelles/index.html")
    assert not site.exists("fr/blog/tags/news/index.html")
    assert not site.exists("blog/fr/index.html") and not site.exists("blog/en/index.html")
    french = site.read("fr/blog/archive/index.html")
    assert '<html lang="fr"' in french and "1 mai 2024" in french and "Archives" in french
    assert "Blogue" in french and ">Blog<" not in french  # nav_translations respected
    english = site.read("blog/archive/index.html")
    assert "May 1, 2024" in english and "Blogue" not in english


def test_pages_link_to_their_languages_blog_as_to_any_page(make_site, structure):
    site = make_site(site_files(structure), i18n_config(structure))
    assert mkdocs_warnings(site) == []  # 'blog/index.md' is found in each build
    assert '<a href="blog/">le journal</a>' in site.read("fr/index.html")
    assert '<a href="blog/">the blog</a>' in site.read("index.html")


def test_no_page_lists_another_languages_posts(make_site, structure):
    site = make_site(site_files(structure), i18n_config(structure))
    for page in site.site_dir.rglob("*.html"):
        relative = page.relative_to(site.site_dir).as_posix()
        text = page.read_text(encoding="utf-8")
        if relative.startswith("fr/blog/") and "/posts/" not in relative:
            assert not {"Hello", "Only English"} & set(CARD_RE.findall(text)), relative
        elif relative.startswith("blog/"):
            assert "Bonjour" not in text and "Seulement" not in text, relative
        if "blog/" not in relative:  # static-i18n's own pages (its fr build rewrites 404.html)
            continue
        # Each blog page was last written by its own language's build.
        expected = "en" if not relative.startswith("fr/") or "only-en" in relative else "fr"
        assert f'<html lang="{expected}"' in text, relative


def test_feeds_are_valid_and_hold_their_language_only(make_site, structure):
    site = make_site(site_files(structure), i18n_config(structure))
    expected = {"blog": ({"Hello", "Only English"}, "en"),
                "fr/blog": ({"Bonjour", "Seulement en français"}, "fr")}
    for folder, (titles, lang) in expected.items():
        atom = site.read(f"{folder}/feed.xml")
        assert check_atom(atom) == [] and check_rss(site.read(f"{folder}/rss.xml")) == []
        assert check_json_feed(site.read(f"{folder}/feed.json")) == []
        parsed = feedparser.parse(atom)
        assert not parsed.bozo
        assert {entry.title for entry in parsed.entries} == titles
        assert parsed.feed.get("language", lang) == lang
        assert all(entry.link.startswith(SITE_URL + (folder.removesuffix("blog")))
                   for entry in parsed.entries)


def _links(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<a href="([^"]*)" hreflang="[^"]*"[^>]*class="{css_class}"', html)


def test_translations_link_each_other_across_builds(make_site, structure):
    site = make_site(site_files(structure), i18n_config(structure))
    french = site.read("fr/blog/posts/hello/index.html")
    also_in = re.search(r'blogposts-translations">.*?<a href="([^"]*)" hreflang="en"',
                        french, re.S)
    assert also_in is not None and also_in.group(1) == "../../../../blog/posts/hello/"
    assert f'href="{SITE_URL}blog/posts/hello/" hreflang="en"' in french
    assert f'href="{SITE_URL}blog/posts/hello/" hreflang="x-default"' in french
    # Material's language selector goes to the translated post, not to the other home.
    assert _links(french, "md-select__link") == ["../../../../blog/posts/hello/", "./"]
    english = site.read("blog/posts/hello/index.html")
    assert 'href="../../../fr/blog/posts/hello/" hreflang="fr" lang="fr">Français' in english
    # A generated page's selector goes to the other language's same page.
    assert _links(site.read("fr/blog/archive/index.html"), "md-select__link") == [
        "../../../blog/archive/", "./"]
    assert _links(site.read("blog/tags/news/index.html"), "md-select__link") == [
        "./", "../../../fr/blog/"]


def test_a_post_in_one_language_follows_static_i18ns_fallback(make_site, structure):
    site = make_site(site_files(structure), i18n_config(structure))
    assert site.exists("fr/blog/posts/only-en/index.html")  # static-i18n builds the copy
    assert "Only English" not in cards(site, "fr/blog/index.html")
    listed = make_site(site_files(structure), i18n_config(structure, list_fallbacks=True))
    assert cards(listed, "fr/blog/index.html") == ["Bonjour", "Only English",
                                                   "Seulement en français"]
    assert 'blogposts-fallback-badge" lang="en">English' in listed.read("fr/blog/index.html")
    assert cards(listed, "blog/index.html") == ["Hello", "Only English"]
    strict = make_site(site_files(structure),
                       i18n_config(structure, fallback=False, list_fallbacks=True))
    assert not strict.exists("fr/blog/posts/only-en/index.html")
    assert cards(strict, "fr/blog/index.html") == ["Bonjour", "Seulement en français"]
    assert "blogposts-translations" not in strict.read("blog/posts/only-en/index.html")


def test_no_build_overwrites_another(make_site, structure):
    site = make_site(site_files(structure), i18n_config(structure))
    # The English post's alias is written by the English build only, to the English post.
    redirect = site.read("old/only-en/index.html")
    assert "blog/posts/only-en/" in redirect and "fr/blog" not in redirect
    assert not site.exists("fr/old/only-en/index.html")
    sitemap = site.read("sitemap.xml")
    for url in ("blog/", "fr/blog/", "fr/blog/archive/", "blog/posts/hello/"):
        assert sitemap.count(f"<loc>{SITE_URL}{url}</loc>") == 1, url
    assert f'hreflang="en" href="{SITE_URL}blog/"' in sitemap
    checked, broken, _ = crawl(site.site_dir, site.docs_dir, SITE_URL)
    assert broken == [] and checked > 100


def test_plugin_order_does_not_matter(make_site, structure):
    after = make_site(site_files(structure), i18n_config(structure))
    before = make_site(site_files(structure), i18n_config(structure, blogposts_first=True))

    def contents(site: BuiltSite) -> dict[str, bytes]:
        return {path.relative_to(site.site_dir).as_posix(): path.read_bytes()
                for path in site.site_dir.rglob("*") if path.is_file()}

    built_after, built_before = contents(after), contents(before)
    assert sorted(built_after) == sorted(built_before)
    assert [p for p in built_after if built_after[p] != built_before[p]] == []


def test_directory_urls_off(make_site, structure):
    site = make_site(site_files(structure), i18n_config(structure), use_directory_urls=False)
    assert cards(site, "fr/blog/index.html") == ["Bonjour", "Seulement en français"]
    french = site.read("fr/blog/posts/hello.html")
    assert 'href="../../../blog/posts/hello.html" hreflang="en" lang="en"' in french
    checked, broken, _ = crawl(site.site_dir, site.docs_dir, SITE_URL)
    assert broken == [] and checked > 100


def test_post_url_is_not_applied_and_says_so_once(make_site):
    site = make_site(site_files("suffix"), i18n_config("suffix", post_url="{yyyy}/{slug}/"),
                     expected_warnings=[static_i18n.NO_POST_URL])
    assert site.exists("fr/blog/posts/hello/index.html")


def test_own_urls_are_not_applied_and_say_so_once(make_site, structure):
    files = site_files(structure)
    about = "fr/about.md" if structure == "folder" else "about.fr.md"
    files[about] = "---\npermalink: /a-propos/\n---\n\n# À propos\n"
    site = make_site(files, i18n_config(structure, jekyll_permalink="pretty"),
                     expected_warnings=[static_i18n.NO_OWN_URLS])
    assert site.exists("fr/about/index.html") and not site.exists("a-propos/index.html")
    assert site.exists("fr/blog/posts/hello/index.html")  # static-i18n's URLs, suffix-free


def test_nav_translations_apply_to_generated_pages(make_site):
    config = i18n_config("suffix")
    french = config["plugins"][1]["i18n"]["languages"][1]
    french["nav_translations"] = {"Blog": "Journal", "Articles récents": "Derniers billets"}
    site = make_site(site_files("suffix"), config)
    nav = site.read("fr/blog/archive/index.html")
    assert "Journal" in nav and "Blogue" not in nav
    assert "Derniers billets" in nav and "Articles récents" not in nav
    assert "Recent posts" in site.read("blog/archive/index.html")


def test_a_language_without_posts_gets_an_empty_blog(make_site):
    config = i18n_config("suffix", fallback=False)
    config["plugins"][1]["i18n"]["languages"] += [{"locale": "de", "name": "Deutsch"},
                                                  {"locale": "es", "name": "Español",
                                                   "build": False}]
    site = make_site(site_files("suffix") | {"index.de.md": "# Start\n"}, config)
    assert site.exists("de/blog/index.html") and cards(site, "de/blog/index.html") == []
    assert '<html lang="de"' in site.read("de/blog/index.html")
    assert not site.exists("es/blog/index.html")
    # The German selector entry of a post without German version goes to static-i18n's home.
    links = _links(site.read("fr/blog/archive/index.html"), "md-select__link")
    assert links == ["../../../blog/archive/", "./", "../../../de/blog/archive/"]


def test_a_post_whose_language_contradicts_its_file_is_named_once(make_site, structure):
    odd = "blog/posts/odd.md" if structure == "suffix" else "en/blog/posts/odd.md"
    hint = "a '.fr.md' suffix" if structure == "suffix" else "the 'fr/' folder"
    site = make_site({**site_files(structure), odd: _post("Odd", "2024-02-01", [], lang="fr")},
                     i18n_config(structure), expected_warnings=[
        f"{odd}: the post's language is 'fr' but mkdocs-static-i18n builds this file among its "
        f"'en' pages; set 'lang: en' or give the file {hint}"])
    assert "Odd" not in cards(site, "blog/index.html")
    assert "Odd" in cards(site, "fr/blog/index.html")  # its French fallback copy is French


def test_sites_without_static_i18n_keep_their_layout(make_site):
    site = make_site({"a.md": _post("Hello", "2024-05-01", [], lang="en"),
                      "b.md": _post("Bonjour", "2024-05-01", [], lang="fr")})
    assert site.exists("blog/index.html") and site.exists("blog/fr/index.html")
    assert not site.exists("fr/blog/index.html")


def test_selector_entries_without_a_blog_are_kept():
    alternates = [{"name": "English", "link": "/", "lang": "en"},
                  {"name": "Elsewhere", "link": "https://example.org/", "lang": "null"}]
    chosen = static_i18n.language_selector(alternates, {}, {"en": "blog/"})
    assert chosen == [{"name": "English", "link": "blog/", "lang": "en"}, alternates[1]]
    assert alternates[0]["link"] == "/"  # the given entries are left alone


def test_language_build_reads_static_i18ns_options(tmp_path: Path):
    from mkdocs.config import load_config

    config_file = tmp_path / "mkdocs.yml"
    config = i18n_config("folder")
    config["plugins"][1]["i18n"]["languages"].append(
        {"locale": "pt_BR", "name": "Português", "build": False})
    config_file.write_text(yaml.safe_dump({"site_name": "x", **config}), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    build = static_i18n.language_build(load_config(str(config_file)))
    assert build == static_i18n.LanguageBuild("en", "en", {"en": "", "fr": "fr"}, True, {},
                                              "folder")
    assert build.is_default and build.folder == ""


def test_language_blog_lists_its_language_and_gives_fallbacks_no_neighbours():
    from datetime import datetime, timezone

    from mkdocs_blogposts.model import Post

    def make(src_uri: str, lang: str, day: int) -> Post:
        return Post(src_uri, src_uri, datetime(2024, 5, day, tzinfo=timezone.utc), lang, src_uri)

    build = static_i18n.LanguageBuild("fr", "en", {"en": "", "fr": "fr"})
    posts = [make("a.fr.md", "fr", 3), make("b.md", "en", 2), make("c.fr.md", "fr", 1)]
    blog = static_i18n.language_blog(posts, build, preview=False, list_fallbacks=False)
    assert blog.languages == ("fr",) and not blog.multilingual
    assert [p.src_uri for p in blog.listed["fr"]] == ["a.fr.md", "c.fr.md"]
    listed = static_i18n.language_blog(posts, build, preview=False, list_fallbacks=True)
    assert [p.src_uri for p in listed.listed["fr"]] == ["a.fr.md", "b.md", "c.fr.md"]
    assert listed.neighbours(posts[1]) == (None, None)
    assert listed.neighbours(posts[0]) == (None, posts[1])
    assert static_i18n.owns(build, posts[0]) and not static_i18n.owns(build, posts[1])
