"""The example site in every supported theme: strict builds, native pieces, template overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BuiltSite, run_build
from example_sites import REPO, write_config

TEMPLATES = REPO / "mkdocs_blogposts" / "templates"
POST = "journal/2024/11/ateliers-accessibilite-au-lycee/index.html"
MATERIAL_FEATURES = ["navigation.tabs", "navigation.sections", "navigation.indexes",
                     "navigation.instant"]
# Where each template's output shows in the example site (French side).
TEMPLATE_PAGES = {
    "blogposts/listing.html": "blog/fr/index.html",
    "blogposts/archive.html": "blog/fr/archive/index.html",
    "blogposts/taxonomy.html": "blog/fr/tags/index.html",
    "blogposts/term.html": "blog/fr/tags/bordeaux/index.html",
    "blogposts/partials/post_line.html": "blog/fr/tags/bordeaux/index.html",
    "blogposts/post_header.html": POST,
    "blogposts/post_footer.html": POST,
    "blogposts/partials/post_card.html": "blog/fr/index.html",
    "blogposts/partials/post_meta.html": POST,
    "blogposts/partials/post_terms.html": POST,
    "blogposts/partials/languages.html": "blog/fr/index.html",
    "blogposts/partials/pagination.html": "blog/fr/index.html",
    "blogposts/partials/feeds.html": "blog/fr/index.html",
    "blogposts/partials/taxonomies.html": "blog/fr/index.html",
    "blogposts/feeds/atom.xml": "blog/fr/feed.xml",
    "blogposts/feeds/rss.xml": "blog/fr/rss.xml",
    "blogposts/series.html": "blog/fr/series/carnet-typographique/index.html",
    "blogposts/partials/series.html": "tech/2024/09/rythme-vertical/index.html",
    "blogposts/partials/embed.html": "index.html",
}


def build_theme(root: Path, theme_name: str, **settings: object) -> BuiltSite:
    """Build the example site in a theme with MkDocs' strict mode."""
    return run_build(write_config(root, theme_name, **settings), strict=True)


def material_theme(palette_first: str = "default") -> dict[str, object]:
    """Material with the nav features users turn on, light or dark palette first."""
    palettes = [
        {"scheme": "default", "toggle": {"icon": "material/weather-night", "name": "Dark mode"}},
        {"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light mode"}},
    ]
    if palette_first == "slate":
        palettes.reverse()
    return {"name": "material", "language": "en", "font": False, "features": MATERIAL_FEATURES,
            "palette": palettes}


def check_blog_pages(site: BuiltSite) -> None:
    """What every theme must show: listings, post decorations, languages, the stylesheet."""
    landing = site.read("blog/index.html")
    assert 'class="blogposts-listing' in landing
    assert re.search(r'<a[^>]+href="(?:\./|\.\./blog/|blog/)?"?[^>]*>\s*Blog\s*</a>', landing) \
        or ">Blog<" in landing
    french = site.read("blog/fr/index.html")
    assert '<html lang="fr"' in french and "Articles récents" in french
    post = site.read(POST)
    assert '<html lang="fr"' in post
    assert 'class="blogposts-post-header"' in post and "8 novembre 2024" in post
    assert 'hreflang="en"' in post and "teaching-accessibility-to-teenagers/" in post
    assert "blogposts.css" in post and site.exists("assets/blogposts/blogposts.css")


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_builtin_themes_build_strictly_with_the_whole_blog(theme: str, tmp_path: Path) -> None:
    site = build_theme(tmp_path, theme)
    check_blog_pages(site)


@pytest.mark.parametrize("palette_first", ["default", "slate"])
def test_material_with_nav_features_builds_strictly(palette_first: str, tmp_path: Path) -> None:
    site = build_theme(tmp_path, "material", theme=material_theme(palette_first))
    check_blog_pages(site)
    landing = site.read("blog/index.html")
    assert 'class="md-tabs' in landing
    assert '"navigation.instant"' in landing  # the feature list Material hands its scripts
    # The Blog tab leads to the landing page, and the French listings sit in the sidebar.
    assert re.search(r'class="md-tabs__link[^"]*"[^>]*>\s*Blog\s*</a>', landing) \
        or re.search(r'href="\./"\s+class="md-tabs__link[^"]*"', landing)
    assert 'href="fr/2024/"' in landing


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_post_page_shows_its_title_as_a_heading(theme: str, tmp_path: Path) -> None:
    site = build_theme(tmp_path, theme)
    assert re.search(r"<h1[^>]*>\s*Des ateliers d(?:'|&#39;|&#x27;)accessibilité au lycée",
                     site.read(POST))


@pytest.mark.parametrize("template", sorted(TEMPLATE_PAGES))
def test_custom_dir_overrides_each_template(template: str, tmp_path: Path) -> None:
    shipped = TEMPLATES / template
    assert shipped.is_file(), f"{template} is no longer shipped: update TEMPLATE_PAGES"
    marker = f"custom override of {template}"
    override = tmp_path / "overrides" / template
    override.parent.mkdir(parents=True)
    override.write_text(f"<p>{marker}</p>\n", encoding="utf-8")
    site = build_theme(tmp_path / "build", "mkdocs",
                       theme={"name": "mkdocs", "highlightjs": False,
                              "custom_dir": str(tmp_path / "overrides")})
    assert marker in site.read(TEMPLATE_PAGES[template])


def test_every_shipped_template_is_covered_by_the_override_test() -> None:
    shipped = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.*")}
    # redirect.html renders only for posts with aliases; the example site has none.
    assert shipped - set(TEMPLATE_PAGES) - {"blogposts/redirect.html"} == set()


def test_material_custom_dir_override_of_a_post_card(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides" / "blogposts" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "post_card.html").write_text(
        '<article class="my-card">{{ post.title }} – {{ post.date_text }}</article>\n',
        encoding="utf-8",
    )
    theme = {**material_theme(), "custom_dir": str(tmp_path / "overrides")}
    site = build_theme(tmp_path / "build", "material", theme=theme)
    listing = site.read("blog/fr/2024/11/index.html")
    assert '<article class="my-card">Des ateliers d&#39;accessibilité au lycée – ' \
           '8 novembre 2024</article>' in listing
    assert "blogposts-card" not in listing
