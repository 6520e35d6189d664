"""Hostile input, round 2: each case is a real build, a CLI run or a pure call, with the exact
message it must give. No traceback, no live markup in feeds, no user page silently replaced."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from tests.conftest import BuiltSite, post, run_build, write_site

# Script vectors that survive naive deny-lists; a feed reader that shows entry HTML runs them.
FEED_PAYLOADS = {
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text y="20">svg</text></a></svg>',
    "svg-animate": ('<svg><a><animate attributeName="href" values="javascript:alert(2)"/>'
                    '<text y="20">anim</text></a></svg>'),
    "iframe-svg-data": '<iframe src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMyk+">'
                       '</iframe>',
    "img-svg-data": '<img src="data:image/svg+xml,&lt;svg onload=alert(4)&gt;">',
    "object-data": '<object data="javascript:alert(5)">o</object>',
    "embed": '<embed src="data:text/html,&lt;script&gt;alert(6)&lt;/script&gt;">',
    "form-action": '<form action="javascript:alert(7)"><button>go</button></form>',
    "button-formaction": '<button formaction="javascript:alert(8)">b</button>',
    "math-href": '<math><mi href="javascript:alert(9)">m</mi></math>',
    "entity-scheme": '<a href="java&#x09;script:alert(10)">tab</a>',
    "base": '<base href="javascript:alert(11)//">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(12)">',
    "style-url": '<p style="background:url(javascript:alert(13))">styled</p>',
    "srcset": '<img srcset="javascript:alert(14) 1x, data:image/svg+xml,x 2x">',
    "video-poster": '<video poster="javascript:alert(15)"></video>',
    "vbscript": '<a href="vbscript:msgbox(16)">vb</a>',
    "data-html-link": '<a href="data:text/html,&lt;script&gt;alert(17)&lt;/script&gt;">d</a>',
    "event": '<p onmouseover="alert(18)">hover</p>',
}
# What must not appear in an entry's HTML, whatever the payload was.
SCRIPT_VECTOR_RE = re.compile(
    r"javascript:|vbscript:|data:(?!image/(png|jpeg|gif|webp|avif))|<(svg|math|iframe|object|"
    r"embed|form|button|base|meta|script|animate|set)\b|\son\w+\s*=|\sstyle\s*=|xlink:|"
    r"formaction|\saction\s*=|\sposter\s*=",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:

    body = "\n\n".join(f'<div markdown="0">{html}</div>' for html in FEED_PAYLOADS.values())
    body += ("\n\nKept: ![png](data:image/png;base64,iVBORw0KGgo=) [rel](../other/) "
             "[mail](mailto:a@example.org)[^1]\n\n[^1]: A footnote.")
    files = {"posts/vectors.md": post("Vectors", "2024-05-01", body=body)}
    config = {"markdown_extensions": ["footnotes", "md_in_html"],
              "plugins": [{"blogposts": {"feeds": {"full_content": True}}}]}
    return run_build(write_site(tmp_path_factory.mktemp("feeds"), files, config))


def _entry_html(site: BuiltSite) -> dict[str, str]:
    """The entry HTML of each feed file, as a reader gets it (feedparser, no sanitising)."""
    found: dict[str, str] = {}
    for path in sorted(site.site_dir.glob("blog/*")):
        if path.suffix not in (".xml", ".json"):
            continue
        if path.suffix == ".json":
            found[path.name] = json.loads(path.read_text("utf-8"))["items"][0]["content_html"]
            continue
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        assert not parsed.bozo, (path, parsed.bozo_exception)
        entry = parsed.entries[0]
        found[path.name] = entry.content[0].value if "content" in entry else entry.summary
    return found


def test_feed_entries_carry_no_script_vector(feed_site: BuiltSite) -> None:
    entries = _entry_html(feed_site)
    assert set(entries) == {"feed.xml", "rss.xml", "feed.json"}, entries.keys()
    for name, html in entries.items():
        assert SCRIPT_VECTOR_RE.search(html) is None, (name, SCRIPT_VECTOR_RE.search(html))
        # What blog content needs is still there, made absolute against the post's URL.
        assert 'src="data:image/png;base64,iVBORw0KGgo="' in html, name
        assert 'href="https://example.com/posts/other/"' in html, name
        assert 'href="mailto:a@example.org"' in html, name
        assert 'href="https://example.com/posts/vectors/#fn:1"' in html, name
        assert "hover" in html and "styled" in html, name  # text of dropped markup stays
