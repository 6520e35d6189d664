"""Replace each post-list marker of a page's HTML by the list it asks for (see embeds.py)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from .embeds import ALL, MARKER, Embed, parse_embed, select
from .model import Post
from .render import Renderer, place


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


def render_embed(embed: Embed, page_lang: str | None, renderer: Renderer, page_url: str
                 ) -> str:
    """The HTML of one post list, links relative to `page_url`."""
    lang = _language(embed, page_lang, renderer)
    blog = renderer.plan.blog
    pool: tuple[Post, ...] = blog.all_listed() if lang is None else blog.listed.get(lang, ())
    posts = select(pool, embed)
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
