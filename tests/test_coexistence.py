"""The blog next to the plugins people already use: search, Material's tags, redirects."""

from __future__ import annotations

import json

import pytest

from tests.conftest import post

pytest.importorskip("mkdocs_redirects", reason="mkdocs-redirects is in the test extra")


def test_blog_works_next_to_search_tags_and_redirects(make_site):
    site = make_site(
        {
            "index.md": "# Home\n",
            "posts/bonjour.md": post("Bonjour", "2020-01-01", "fr", tags=["Un"]),
            "posts/hello.md": post("Hello", "2020-01-02", "en", tags=["One"]),
            "tags.md": "# Tags\n\n<!-- material/tags -->\n",
        },
        {
            "theme": {"name": "material"},
            "plugins": [
                "search",
                {"tags": {"tags_file": "tags.md"}},
                {"redirects": {"redirect_maps": {"old-hello.md": "posts/hello.md"}}},
                "blogposts",
            ],
        },
    )
    assert ">Hello</a>" in site.read("blog/en/index.html")
    assert ">Bonjour</a>" in site.read("blog/fr/tags/un/index.html")
    index = json.loads(site.read("search/search_index.json"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "blog/fr/" in locations and "posts/hello/" in locations
    assert "Bonjour" in next(d["text"] for d in index["docs"] if d["location"] == "blog/fr/")
    assert "posts/hello/" in site.read("old-hello/index.html")
    assert "Hello" in site.read("tags/index.html")
