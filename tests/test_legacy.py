"""Jekyll's Liquid and Hugo's shortcodes are converted or reported, never shown as text."""

from __future__ import annotations

import json
from typing import Any

import feedparser
import pytest

from mkdocs_blogposts.legacy import Leftover, LegacyContext, convert, report
from tests.conftest import post

POSTS = {"2016-04-29-hello": "posts/2016-04-29-hello.md"}
URLS = {"about.md": "about/", "posts/2016-04-29-hello.md": "2016/04/29/hello/"}


def context(**extra: Any) -> LegacyContext:
    values: dict[str, Any] = {
        "src_uri": "posts/x/index.md", "page_url": "posts/x/",
        "site_url": "https://example.com/blog/",
        "meta": {"title": "A <b> title", "canonical": "https://c.example/"},
        "site_vars": {"author": {"speed": 230}},
        "find_post": lambda name, referrer: POSTS.get(name),
        "find_page": lambda path, referrer: "about.md" if path.strip("/") in ("about", "about.md")
        else None,
        "url_of": URLS.get,
    }
    values.update(extra)
    return LegacyContext(**values)


@pytest.mark.parametrize(("markdown", "expected"), [
    ("[a]({{ site.baseurl }}/assets/a.png)", "[a](../../assets/a.png)"),
    ('<img src="{{ site.baseurl }}/b.png">', '<img src="../../b.png">'),
    ("{{ site.url }}{{ site.baseurl }}/feed.xml", "https://example.com/blog/feed.xml"),
    ('<link href="{{ "/x.css" | relative_url }}">', '<link href="../../x.css">'),
    ('{{ "/x.css" | absolute_url }}', "https://example.com/blog/x.css"),
    ("[s]({% post_url 2016-04-29-hello %})", "[s](../2016-04-29-hello.md)"),
    ('<a href="{% post_url 2016-04-29-hello %}">s</a>', '<a href="../../2016/04/29/hello/">s</a>'),
    ("[a]({% link about.md %})", "[a](../../about.md)"),
    ("[{{ page.title }}]({{ page.canonical }})", "[A &lt;b&gt; title](https://c.example/)"),
    ("{{ site.author.speed }} words", "230 words"),
    ("{% raw %}{{ kept }}{% endraw %}", "{{ kept }}"),
    ("a{% comment %}{% include x %}{% endcomment %}b", "ab"),
    ("{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}", "\n```ruby\nputs 1\n```\n"),
    ('{% responsive_image path: assets/1.jpg alt: "Un &quot;x&quot;" %}',
     '<img src="../../assets/1.jpg" alt="Un &#34;x&#34;">'),
    ('[r]({{< ref "about" >}})', "[r](../../about.md)"),
    ('<a href="{{< relref "/about.md#top" >}}">', '<a href="../../about/#top">'),
    ('{{< figure src="/img/a.jpg" caption="Cap & co" >}}',
     '<figure><img src="../../img/a.jpg" alt="Cap &amp; co">'
     "<figcaption>Cap &amp; co</figcaption></figure>"),
    ("{{< youtube w7Ft2ymGmfc >}}", '<iframe src="https://www.youtube-nocookie.com/embed/'
     'w7Ft2ymGmfc" title="Youtube video" loading="lazy" allowfullscreen '
     'style="width:100%;aspect-ratio:16/9;border:0"></iframe>'),
    ('{{< highlight go "linenos=table" >}}\nfunc f() {}\n{{< /highlight >}}',
     "\n```go\nfunc f() {}\n```\n"),
    ("{{< param title >}}", "A &lt;b&gt; title"),
    ("{{</* figure src=x */>}}", "{{< figure src=x >}}"),
])
def test_known_tags_are_converted(markdown: str, expected: str) -> None:
    result = convert(markdown, context())
    assert (result.markdown, result.leftovers) == (expected, [])


def test_code_is_never_touched() -> None:
    markdown = ("Use `{{ site.baseurl }}` and ``{% include a %}``.\n\n```liquid\n"
                "{% include b %}\n```\n\n~~~~\n{{< gist x >}}\n~~~~\n")
    assert convert(markdown, context()).markdown == markdown


def test_unknown_tags_are_left_out_and_counted_in_one_message() -> None:
    markdown = ("{% include toc.html %}\n\nText {% include a.html %} and {{ site.time }}.\n"
                "[b]({% post_url 1999-01-01-gone %})\n{{< gist user 1 >}}\n"
                "{{% notice %}}kept inside{{% /notice %}}")
    result = convert(markdown, context())
    assert result.markdown == "\n\nText  and .\n[b]()\n\nkept inside"
    assert result.leftovers == [
        Leftover(1, "{% include %}", "liquid"), Leftover(3, "{% include %}", "liquid"),
        Leftover(3, "{{ site.time }}", "liquid"),
        Leftover(4, "{% post_url 1999-01-01-gone %}", "liquid"),
        Leftover(5, "{{< gist >}}", "hugo"), Leftover(6, "{{% notice %}}", "hugo"),
    ]
    assert report("posts/x.md", result.leftovers) == (
        "posts/x.md: 4 Liquid tags ({% include %} ×2, {% post_url 1999-01-01-gone %} ×1, "
        "{{ site.time }} ×1) and 2 Hugo shortcodes ({{% notice %}} ×1, {{< gist >}} ×1) "
        "cannot be converted; they are left out of the page"
    )
    assert report("posts/x.md", []) is None


BODY = ("Intro {% include share.html %} with [a link]({% post_url 2016-04-29-other %}) "
        "and {{< gist someone 42 >}}.\n\n<!-- more -->\n\nRest.\n")


def test_leftovers_reach_neither_page_nor_excerpt_nor_feed(make_site: Any) -> None:
    site = make_site(
        {"posts/2016-04-29-other.md": post("Other", "2016-04-29"),
         "posts/2016-05-01-hello.md": post("Hello", "2016-05-01", body=BODY),
         "about.md": "# About\n\nSee {{< ref \"posts/2016-05-01-hello.md\" >}}.\n"},
        expected_warnings=[
            "posts/2016-05-01-hello.md: 1 Liquid tag ({% include %}) and 1 Hugo shortcode "
            "({{< gist >}}) cannot be converted; they are left out of the page",
        ],
        config={"plugins": [{"blogposts": {"feeds": {"full_content": True}}}]},
    )
    page = site.read("posts/2016-05-01-hello/index.html")
    assert '<a href="../2016-04-29-other/">a link</a>' in page
    assert "../posts/2016-05-01-hello/" in site.read("about/index.html")
    built = [site.read("blog/index.html"), site.read("blog/feed.xml"), site.read("blog/rss.xml"),
             page]
    for text in built:
        assert "{%" not in text and "{{" not in text
    feed = feedparser.parse(site.read("blog/feed.xml"))
    assert "a link" in feed.entries[0].content[0].value
    assert "{%" not in json.dumps(json.loads(site.read("blog/feed.json")))


def test_keep_leaves_the_markdown_as_written(make_site: Any) -> None:
    site = make_site({"posts/2016-05-01-hello.md": post("Hello", "2016-05-01", body=BODY)},
                     config={"plugins": [{"blogposts": {"legacy_syntax": "keep"}}]})
    assert "{% include share.html %}" in site.read("posts/2016-05-01-hello/index.html")
