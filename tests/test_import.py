"""`mkdocs-blogposts import`: small Hugo and Jekyll sites (fr/en) keep every old URL."""

from __future__ import annotations

import hashlib
import logging
import textwrap
from pathlib import Path

import pytest
import yaml

from mkdocs_blogposts.cli import main
from tests.conftest import PLUGIN_LOGGER, BuiltSite, run_build

HUGO = {
    "config.toml": """
        baseURL = "https://example.org/"
        title = "Mon blog"
        defaultContentLanguage = "fr"
        [languages.fr]
        weight = 1
        [languages.en]
        weight = 2
        [permalinks]
        posts = "/:year/:month/:slug/"
        [taxonomies]
        tag = "tags"
        """,
    "content/_index.md": "---\ntitle: Accueil\n---\n\nBienvenue.\n",
    "content/about.md": '+++\ntitle = "À propos"\n+++\n\nQui je suis.\n',
    "content/about.en.md": '{\n  "title": "About"\n}\n\nWho I am.\n',
    "content/posts/confiance/index.md": textwrap.dedent("""\
        +++
        title = "Confiance"
        date = 2016-04-29T10:00:00+02:00
        tags = ["web"]
        translationKey = "trust"
        +++

        ![Une photo](photo.jpg)

        {{< figure src="photo.jpg" caption="La photo" >}}
        """),
    "content/posts/confiance/index.en.md": textwrap.dedent("""\
        ---
        title: Trust
        date: 2016-04-29T10:00:00+02:00
        translationKey: trust
        ---

        See [the other]({{< ref "posts/second.md" >}}).
        """),
    "content/posts/second.md": textwrap.dedent("""\
        ---
        title: Deuxième billet
        date: 2016-05-02
        aliases: [/ancien/deuxieme/]
        ---

        Un gist : {{< gist someone 42 >}}

        ```
        {{< gist kept-in-code 1 >}}
        ```
        """),
    "content/posts/confiance/photo.jpg": "jpeg",
    "static/images/logo.png": "png",
    "layouts/index.html": "<html></html>",
}
# Hugo's URLs for these files (default language at the root, permalinks for posts).
HUGO_URLS = ["", "about/", "en/about/", "2016/04/confiance/", "en/2016/04/trust/",
             "2016/05/deuxieme-billet/", "ancien/deuxieme/", "images/logo.png"]

JEKYLL = {
    "_config.yml": """
        title: Mon blog Jekyll
        url: https://example.net
        baseurl: ""
        lang: fr
        reading_speed: 230
        defaults:
          - scope: {path: en}
            values: {lang: en}
        """,
    "_posts/2016-04-29-bonjour-le-monde.md": textwrap.dedent("""\
        ---
        layout: post
        title: Bonjour
        categories: [Web]
        ---

        ![logo]({{ site.baseurl }}/assets/logo.png) à {{ site.reading_speed }} mots par minute.
        Lire [l'autre]({% post_url 2016-05-01-autre %}).

        {% highlight ruby %}
        puts "bonjour"
        {% endhighlight %}
        """),
    "_posts/2016-05-01-autre.md": "---\ntitle: Autre\n---\n\n{% include toc.html %}\nTexte.\n",
    "en/_posts/2016-05-03-hello.md": "---\ntitle: Hello\npermalink: /en/hello/\n---\n\nHi.\n",
    "about.md": "---\ntitle: À propos\n---\n\nQui je suis.\n",
    "contact.md": "---\ntitle: Contact\npermalink: /contact/\n---\n\nÉcrivez-moi.\n",
    "assets/logo.png": "png",
    "index.html": "---\nlayout: home\n---\n",
    "_layouts/default.html": "<html>{{ content }}</html>",
    "Gemfile": "source 'https://rubygems.org'",
}
# Jekyll's URLs (style `date`: /:categories/:year/:month/:day/:title.html, pages as .html).
JEKYLL_URLS = ["web/2016/04/29/bonjour-le-monde.html", "2016/05/01/autre.html", "en/hello/",
               "about.html", "contact/", "assets/logo.png"]


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text,
                        encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def import_site(engine: str, files: dict[str, str], tmp_path: Path,
                capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    src = write_tree(tmp_path / "old", files)
    before = snapshot(src)
    assert main(["import", engine, str(src), str(tmp_path / "new")]) == 0
    assert snapshot(src) == before  # the old site is only read
    return tmp_path / "new", capsys.readouterr().out


def build(config_file: Path, expected: list[str]) -> BuiltSite:
    """Build the imported site: the only warnings are the plugin's, named in the report."""
    site = run_build(config_file, expected)
    others = [r.getMessage() for r in site.records
              if r.levelno >= logging.WARNING and not r.name.startswith(PLUGIN_LOGGER)]
    assert others == []
    return site


def served(site: BuiltSite, url: str) -> bool:
    """Whether the old URL is served: as a file, a folder's index, or a redirect page."""
    path = url + "index.html" if url.endswith("/") or not url else url
    return site.exists(path)


def test_hugo_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest, report = import_site("hugo", HUGO, tmp_path, capsys)
    config = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://example.org/"
    assert config["plugins"][1]["blogposts"] == {
        "default_lang": "fr", "languages": ["fr", "en"], "taxonomies": ["tags"],
        "post_url": "{lang_prefix}/{yyyy}/{mm}/{slug}/"}
    assert (dest / "docs/index.md").is_file() and (dest / "docs/images/logo.png").is_file()
    assert (dest / "docs/about.md").read_text(encoding="utf-8").startswith("---\ntitle: À propos")
    assert "content/posts/second.md:7: {{< gist >}} cannot be converted" in report
    assert "layouts/: Hugo templates and data are not imported" in report
    site = build(dest / "mkdocs.yml", [
        "posts/second.md: 1 Hugo shortcode ({{< gist >}}) cannot be converted; they are left "
        "out of the page"])
    assert [url for url in HUGO_URLS if not served(site, url)] == []
    page = site.read("2016/04/confiance/index.html")
    assert "<figcaption>La photo</figcaption>" in page and "{{" not in page
    assert "../../../2016/05/deuxieme-billet/" in site.read("en/2016/04/trust/index.html")
    assert "{{&lt; gist kept-in-code 1 &gt;}}" in site.read("2016/05/deuxieme-billet/index.html")


def test_jekyll_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest, report = import_site("jekyll", JEKYLL, tmp_path, capsys)
    blog = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"][1]
    assert blog["blogposts"]["jekyll_permalink"] == "date"
    assert blog["blogposts"]["legacy_variables"]["reading_speed"] == 230
    assert "_posts/2016-05-01-autre.md:5: {% include %} cannot be converted" in report
    assert "index.html:1: a page Jekyll renders with Liquid" in report
    assert not (dest / "docs/Gemfile").exists() and not (dest / "docs/_layouts").exists()
    site = build(dest / "mkdocs.yml", [
        "posts/2016-05-01-autre.md: 1 Liquid tag ({% include %}) cannot be converted; they are "
        "left out of the page"])
    assert [url for url in JEKYLL_URLS if not served(site, url)] == []
    page = site.read("web/2016/04/29/bonjour-le-monde.html")
    assert "230 mots" in page and "{{" not in page and "{%" not in page
    assert 'class="language-ruby"' in page
    assert 'href="../../../../2016/05/01/autre.html"' in page
    assert 'lang="en"' in site.read("en/hello/index.html")


def test_jekyll_site_with_redirects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest, _ = import_site("jekyll", JEKYLL, tmp_path, capsys)
    config_file = dest / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"][1]["blogposts"]["old_urls"] = "redirect"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    site = build(config_file, [
        "posts/2016-05-01-autre.md: 1 Liquid tag ({% include %}) cannot be converted; they are "
        "left out of the page"])
    assert [url for url in JEKYLL_URLS if not served(site, url)] == []
    assert "http-equiv=\"refresh\"" in site.read("about.html")
    assert site.exists("about/index.html")


@pytest.mark.parametrize("where", ["inside", "not-empty"])
def test_the_destination_must_be_new_and_outside(tmp_path: Path, where: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = write_tree(tmp_path / "old", JEKYLL)
    dest = src / "site" if where == "inside" else write_tree(tmp_path / "full", {"x": "x"})
    assert main(["import", "jekyll", str(src), str(dest)]) == 1
    error = capsys.readouterr().err
    assert ("is inside" if where == "inside" else "is not an empty folder") in error
    assert not (src / "site").exists()


def test_a_folder_that_is_not_a_site_is_refused(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["import", "hugo", str(tmp_path / "empty"), str(tmp_path / "new")]) == 1
    assert "is it a Hugo site?" in capsys.readouterr().err


def test_hugo_content_folder_per_language(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        "config.yaml": "baseURL: https://example.org/\ndefaultContentLanguage: fr\n"
                       "languages:\n  fr: {weight: 1, contentDir: content/fr}\n"
                       "  en: {weight: 2, contentDir: content/en}\n",
        "content/fr/posts/bonjour.md": "---\ntitle: Bonjour\ndate: 2020-01-02\n---\n\nSalut.\n",
        "content/en/posts/hello.md": "---\ntitle: Hello\ndate: 2020-01-03\n---\n\nHi.\n",
    }
    dest, _ = import_site("hugo", files, tmp_path, capsys)
    assert (dest / "docs/en/posts/hello.md").is_file()  # its folder says its language
    site = build(dest / "mkdocs.yml", [])
    assert served(site, "posts/bonjour/") and served(site, "en/posts/hello/")
    assert 'lang="en"' in site.read("en/posts/hello/index.html")
