"""The real 832-post bilingual blog builds strictly, with every post in its place."""

from __future__ import annotations

import logging
import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import CORPUS, BuiltSite, run_build

# Jekyll tags left in the corpus' text: `{{ page.canonical }}` and 67 `{% responsive_image %}`
# are converted; the reading speeds of the old _config.yml are not known here.
LEGACY_WARNINGS = [
    "default/2016/02/jekyll-codeship/index.md: 4 Liquid tags ({{ site.author.reading_speed_en }}"
    " ×1, {{ site.author.reading_speed_fr }} ×1, {{ site.reading_speed }} ×1, {{ site.time }}"
    " ×1) cannot be converted; they are left out of the page",
]
HIDDEN_OR_UNPUBLISHED = {
    "papa/2015/05/la-main-sur-les-fesses/index.md",
    "papa/2016/09/l-enigme-de-la-meche-coupee/index.md",
    "default/2016/11/agile-tour-bordeaux-2016/index.md",
    "default/2005/01/typo-test/index.md",
    "default/2005/01/test-typo/index.md",
}
ENGLISH_UI_WORDS = ["Recent posts", "Read more", "min read", "Also in", "Older posts",
                    "Newer posts", "Archive<", "Subscribe", "Page 2 of"]


def build_corpus(root: Path, theme: str) -> BuiltSite:
    """Build the corpus with default plugin options and MkDocs' strict mode."""
    config = {
        "site_name": "Boris Schapira",
        "site_url": "https://borisschapira.com/",
        "docs_dir": str(CORPUS),
        "site_dir": str(root / "site"),
        "theme": {"name": theme, "language": "fr"} if theme == "material" else
                 {"name": theme, "locale": "fr"},
        "plugins": ["blogposts"],
        "strict": True,
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    collector: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            collector.append(record)

    handler = Keep(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        # The plugin's report on Liquid leftovers is expected: checked below, not fatal here.
        site = run_build(root / "mkdocs.yml", LEGACY_WARNINGS, strict=False)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    warnings = [r.getMessage() for r in collector]
    assert [w.removeprefix("mkdocs_blogposts: ") for w in warnings] == LEGACY_WARNINGS, warnings
    return site


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The corpus built once per theme."""
    return build_corpus(tmp_path_factory.mktemp(f"corpus-{request.param}"), request.param)


def corpus_posts() -> dict[str, dict[str, object]]:
    """Front matter of every post in the corpus, read independently of the plugin."""
    posts = {}
    for path in CORPUS.rglob("*.md"):
        text = path.read_text(encoding="utf-8-sig")
        meta = yaml.safe_load(text.split("---", 2)[1])
        if meta.get("type") == "post":
            posts[path.relative_to(CORPUS).as_posix()] = meta
    return posts


def page_of(src: str) -> str:
    return posixpath.dirname(src) + "/index.html" if src.endswith("/index.md") else \
        src[:-3] + "/index.html"


def test_every_listed_post_is_on_exactly_one_month_page_of_its_language(corpus):
    posts = corpus_posts()
    assert len(posts) == 832
    links: Counter[str] = Counter()
    for month_page in corpus.site_dir.glob("blog/*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html"):
        lang = month_page.relative_to(corpus.site_dir).parts[1]
        html = month_page.read_text(encoding="utf-8")
        for href in set(re.findall(r'class="blogposts-card-title"><a href="([^"]+)"', html)):
            target = (month_page.parent / href / "index.html").resolve()
            links[f"{lang}:{target.relative_to(corpus.site_dir.resolve()).as_posix()}"] += 1
    expected = {
        f"{meta['lang']}:{page_of(src)}"
        for src, meta in posts.items()
        if src not in HIDDEN_OR_UNPUBLISHED
    }
    assert len(expected) == 827
    assert set(links) == expected
    assert set(links.values()) == {1}


def test_the_reference_post_is_in_april_2016_with_a_french_date(corpus):
    assert ">Confiance</a>" in corpus.read("blog/fr/2016/04/index.html")
    assert "29 avril 2016" in corpus.read("default/2016/04/confiance/index.html")
    assert "avril 2016" in corpus.read("blog/fr/2016/04/index.html")


def test_hidden_and_unpublished_posts_are_listed_nowhere(corpus):
    titles = {
        yaml.safe_load((CORPUS / src).read_text(encoding="utf-8").split("---", 2)[1])["title"]
        for src in HIDDEN_OR_UNPUBLISHED
    }
    listings = "".join(p.read_text(encoding="utf-8")
                       for p in corpus.site_dir.glob("blog/**/*.html"))
    for title in titles:
        assert f">{title}</a>" not in listings


def test_about_pages_are_not_posts(corpus):
    assert "blogposts-post-header" not in corpus.read("about/index.html")
    assert "blogposts-post-header" not in corpus.read("en/about/index.html")


def test_no_page_has_a_nav_of_more_than_60_links(corpus):
    pages = sorted(corpus.site_dir.rglob("*.html"))
    assert len(pages) > 1000
    for page in pages[::25]:
        html = page.read_text(encoding="utf-8")
        if "md-nav--primary" in html:
            nav = html[html.find("md-nav--primary"):html.find("md-sidebar--secondary")]
        else:
            nav = html[html.find('class="navbar-nav"'):html.find('class="col-md-3"')]
        assert len(re.findall(r"<a\s", nav)) <= 60, page


def test_translated_pairs_link_to_each_other(corpus):
    pairs: dict[str, list[str]] = {}
    for src, meta in corpus_posts().items():
        if meta.get("i18n-key"):
            pairs.setdefault(str(meta["i18n-key"]), []).append(src)
    assert len(pairs) == 4
    for first, second in pairs.values():
        for here, there in ((first, second), (second, first)):
            html = corpus.read(page_of(here))
            header = html.split("blogposts-translations")[1].split("</p>")[0]
            href = re.search(r'href="([^"]+)"', header)
            assert href is not None
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page_of(here)),
                                                       href.group(1)))
            assert f"{target}/index.html" == page_of(there)
            assert 'hreflang="' in html


def test_french_pages_show_no_english_ui_word(corpus):
    french = sorted(corpus.site_dir.glob("blog/fr/**/*.html"))[:200]
    french += [corpus.site_dir / "default/2016/04/confiance/index.html"]
    for page in french:
        html = page.read_text(encoding="utf-8")
        plugin_part = "".join(re.findall(r'<div class="blogposts-.*?</div>', html, re.S))
        for word in ENGLISH_UI_WORDS:
            assert word not in plugin_part, (page, word)
        assert '<html lang="fr"' in html
