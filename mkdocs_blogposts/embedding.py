"""Replace each post-list marker of a page's HTML by the list it asks for (see embeds.py)."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .embeds import ALL, MARKER, Embed, parse_embed, select
from .languages import language_tag
from .model import Post
from .render import Renderer, place
from .series import TAXONOMY as SERIES

if TYPE_CHECKING:
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page


def _language(embed: Embed, page_lang: str | None, renderer: Renderer) -> str | None:
    """The language whose posts are listed; None for every language."""
    blog = renderer.plan.blog
    lang = page_lang if embed.lang is None else embed.lang
    if lang == ALL or (not blog.multilingual and embed.lang is None):
        return None
    return lang


def _more_url(embed: Embed, lang: str | None, renderer: Renderer, page_url: str) -> str:
    """The full list: the term's page for one term, else the language's index or the landing."""
    plan = renderer.plan
    if lang is None and not plan.blog.multilingual:
        lang = plan.blog.languages[0]  # a blog of one language has its pages only
    target = plan.paths.landing() if lang is None else plan.paths.index(lang)
    if len(embed.terms) == 1 and lang is not None:
        taxonomy, slug = embed.terms[0]
        target = plan.paths.term(lang, taxonomy, slug)
    return renderer.url(target, page_url) if target in plan.urls else ""


def _shown(embed: Embed, lang: str | None, renderer: Renderer) -> tuple[Post, ...]:
    """The posts a list of language `lang` (None: every language) shows."""
    blog = renderer.plan.blog
    pool: tuple[Post, ...] = blog.all_listed() if lang is None else blog.listed.get(lang, ())
    return select(pool, embed)


def render_embed(embed: Embed, page_lang: str | None, renderer: Renderer, page_url: str
                 ) -> str:
    """The HTML of one post list, links relative to `page_url`."""
    lang = _language(embed, page_lang, renderer)
    posts = _shown(embed, lang, renderer)
    show = renderer.card if embed.layout == "cards" else renderer.line
    context: dict[str, Any] = {
        "t": renderer.plan.strings_for(lang or page_lang).get,
        "layout": embed.layout,
        "items": [Markup(show(post)) for post in posts],
        "more_url": _more_url(embed, lang, renderer, page_url) if embed.more else "",
    }
    html = renderer.env.get_template("blogposts/partials/embed.html").render(context)
    return place(html, page_url)


def embed_lists(html: str, page_lang: str | None, renderer: Renderer, page_url: str,
                taxonomies: tuple[str, ...]) -> tuple[str, list[str]]:
    """`html` with its markers replaced, and one message per word a marker could not use."""
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        embed, found = parse_embed(match["words"], taxonomies)
        problems.extend(found)
        return render_embed(embed, page_lang, renderer, page_url)

    return MARKER.sub(replace, html), problems


def embed_page(page: Page, renderer: Renderer, default_lang: str,
               taxonomies: Collection[str]) -> tuple[str | None, list[str]]:
    """A user's page's HTML with its markers replaced, and messages; the blog's own pages
    and pages without a marker are left as they are."""
    html = page.content
    if html is None or "blogposts:" not in html or page.file.generated_by == "blogposts":
        return html, []
    src_uri = page.file.src_uri
    lang = renderer.plan.language_of(src_uri) or language_tag(page.meta.get("lang"))
    html, problems = embed_lists(html, lang or default_lang, renderer, page.url,
                                 (*taxonomies, SERIES))
    return html, [f"{src_uri}: post list: {problem}" for problem in problems]


def embed_inputs(file: File, renderer: Renderer, taxonomies: Collection[str]) -> str:
    """What the lists of a user's page are drawn from, as text, for `serve --dirty`: each
    marker and the cards or lines it may show.

    Read from the page's source, which a dirty build has even for pages MkDocs skips; the
    page's language is not known then, so the lists of every language are counted.
    """
    if file.generated_by is not None:
        return ""
    try:
        source = file.content_string
    except (OSError, UnicodeDecodeError):
        return ""
    if "blogposts:" not in source:
        return ""
    blog = renderer.plan.blog
    inputs: list[str] = []
    for match in MARKER.finditer(source):
        embed, _ = parse_embed(match["words"], (*taxonomies, SERIES))
        show = renderer.card if embed.layout == "cards" else renderer.line
        langs = {_language(embed, lang, renderer) for lang in (None, *blog.languages)}
        inputs.append(repr(embed))
        inputs += [show(post) for lang in sorted(langs, key=str)
                   for post in _shown(embed, lang, renderer)]
    return "\0".join(inputs)
