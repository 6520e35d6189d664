"""Jekyll's `permalink:` and Hugo's `url:` keep a page's old URL, as the page or a redirect."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

import pytest

from mkdocs_blogposts.jekyll_urls import PageValues, fill, pattern_of, unknown_placeholders

SLAP_CHOP = PageValues(title="slap-chop", slug="slap-chop", lang="en", path="_posts",
                       basename="2009-04-29-slap-chop",
                       date=datetime(2009, 4, 29, 8, 5, 9, tzinfo=timezone.utc),
                       categories=("Jekyll", "Update"))


@pytest.mark.parametrize(("style", "path"), [
    # The examples of Jekyll's documentation, for a post in categories Jekyll and Update.
    ("date", "jekyll/update/2009/04/29/slap-chop.html"),
    ("pretty", "jekyll/update/2009/04/29/slap-chop/"),
    ("ordinal", "jekyll/update/2009/119/slap-chop.html"),
    ("weekdate", "jekyll/update/2009/W18/Wed/slap-chop.html"),
    ("none", "jekyll/update/slap-chop.html"),
    ("/:year/:i_month/:i_day/:short_year/:hour:minute:second/:title/", "2009/4/29/09/080509/"
                                                                      "slap-chop/"),
    ("/:lang/:short_month/:long_month/:slug", "en/Apr/April/slap-chop"),
    ("/blog/:year-:month-:day-:title.html", "blog/2009-04-29-slap-chop.html"),
])
def test_jekyll_styles_and_placeholders(style: str, path: str) -> None:
    assert fill(pattern_of(style), SLAP_CHOP) == path


def test_unknown_placeholders_and_missing_dates_are_named() -> None:
    assert unknown_placeholders("/:year/:nonsense/:title/") == ["nonsense"]
    undated = PageValues(title="about", slug="about", lang="en", path="", basename="about")
    with pytest.raises(ValueError, match=":year"):
        fill("/:year/:title/", undated)


def jekyll_post(title: str, date: str, **extra: Any) -> str:
    meta = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return f"---\nlayout: post\ntitle: {title}\ndate: {date}\n{meta}---\n\nText of {title}.\n"


JEKYLL_SITE = {
    "_posts/2016-04-29-hello-world.md": jekyll_post("Hello", "2016-04-29", categories="[Web]"),
    "_posts/2016-05-02-bonjour.md": jekyll_post("Bonjour", "2016-05-02", lang="fr",
                                                permalink="/fr/:year/:title/"),
    "about.md": "---\ntitle: About\npermalink: /a-propos/\n---\n\n# About\n",
    "contact.md": "---\ntitle: Contact\nurl: /contact-us/\n---\n\n# Contact\n",
    "index.md": "# Home\n",
}


def plugin(**options: Any) -> dict[str, Any]:
    return {"plugins": [{"blogposts": {"match": {"layout": "post"}, **options}}]}


def test_pages_and_posts_get_their_old_urls(make_site: Any, use_directory_urls: bool) -> None:
    site = make_site(JEKYLL_SITE, plugin(jekyll_permalink="pretty"),
                     use_directory_urls=use_directory_urls)
    for path in ("web/2016/04/29/hello-world/index.html", "fr/2016/bonjour/index.html",
                 "a-propos/index.html", "contact-us/index.html"):
        assert site.exists(path), path
    assert not site.exists("_posts/2016-04-29-hello-world/index.html")
    # Links to the pages follow them: the blog's index and the nav point at the new URLs.
    assert "web/2016/04/29/hello-world/" in site.read("blog/index.html")
    assert "a-propos/" in site.read("index.html")


def test_the_date_style_writes_html_files(make_site: Any) -> None:
    site = make_site(JEKYLL_SITE, plugin(jekyll_permalink="date"))
    assert site.exists("web/2016/04/29/hello-world.html")


def test_redirect_mode_keeps_mkdocs_urls_and_redirects_the_old_ones(make_site: Any) -> None:
    site = make_site(JEKYLL_SITE, plugin(jekyll_permalink="pretty", old_urls="redirect"))
    assert site.exists("_posts/2016-04-29-hello-world/index.html")
    assert site.exists("about/index.html")
    for old, target in (("web/2016/04/29/hello-world/index.html",
                         "../../../../../_posts/2016-04-29-hello-world/"),
                        ("a-propos/index.html", "../about/"),
                        ("contact-us/index.html", "../contact/")):
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', site.read(old))
        assert refresh is not None and refresh.group(1) == target, old


def test_collisions_and_unsafe_values_are_named_and_refused(make_site: Any) -> None:
    files = {
        "a.md": "---\npermalink: /same/\n---\n\n# A\n",
        "b.md": "---\npermalink: /same/\n---\n\n# B\n",
        "c.md": "---\npermalink: /../../etc/\n---\n\n# C\n",
        "d.md": "---\npermalink: /:year/:title/\n---\n\n# D\n",
        "e.md": "---\npermalink: /:bogus/\n---\n\n# E\n",
        "f.md": "---\nurl: [1, 2]\n---\n\n# F\n",
        "g.md": "---\npermalink: /a/\n---\n\n# G\n",
    }
    site = make_site(files, expected_warnings=[
        "b.md: its old URL '/same/' is also the URL of a.md; it keeps its URL 'b/'",
        "c.md: 'permalink' gives '/../../etc/', which is refused: it leaves site_dir; "
        "it keeps its URL 'c/'",
        "d.md: 'permalink' uses :year, which this page has no value for, in '/:year/:title/'; "
        "it keeps its URL 'd/'",
        "e.md: 'permalink' uses :bogus, which Jekyll does not define, in '/:bogus/'; "
        "it keeps its URL 'e/'",
        "f.md: 'url' must be a path such as /2016/04/hello/, got [1, 2]; it keeps its URL 'f/'",
        "g.md: its old URL '/a/' is also the URL of a.md; it keeps its URL 'g/'",
    ])
    assert "# A" not in site.read("same/index.html") and ">A</h1>" in site.read("same/index.html")
    assert not site.exists("etc/index.html")
