"""A rendered page's <html> and <head>: language, direction, alternates, canonical, feeds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from mkdocs.utils import get_relative_url

from .languages import is_rtl
from .metadata import insert_block
from .plan import Plan
from .sharing import Sharing

_HTML_TAG_RE = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_ATTR_RE_TEMPLATE = r"""\s{name}\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)"""
_CANONICAL_RE = re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*>\s*""", re.IGNORECASE)
_HEAD_END_RE = re.compile(r"</head\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class HeadLink:
    """A <link> to add to the head."""

    rel: str
    href: str
    hreflang: str | None = None
    type: str | None = None
    title: str | None = None

    def html(self) -> str:
        """The element, with every attribute escaped."""
        attrs = [("rel", self.rel), ("href", self.href), ("hreflang", self.hreflang),
                 ("type", self.type), ("title", self.title)]
        text = " ".join(f'{name}="{escape(value, quote=True)}"' for name, value in attrs if value)
        return f"<link {text}>"


_ATTR_RES = {name: re.compile(_ATTR_RE_TEMPLATE.format(name=name), re.IGNORECASE)
             for name in ("lang", "dir")}


def _set_attribute(tag: str, name: str, value: str | None) -> str:
    pattern = _ATTR_RES[name]
    tag = pattern.sub("", tag)
    if value is None:
        return tag
    return f'{tag[:5]} {name}="{escape(value, quote=True)}"{tag[5:]}'


def set_language(output: str, lang: str, rtl: bool) -> str:
    """Give the <html> element the page's own `lang` (and `dir` for right-to-left text)."""
    match = _HTML_TAG_RE.search(output)
    if match is None:
        return output
    tag = _set_attribute(match.group(0), "lang", lang)
    tag = _set_attribute(tag, "dir", "rtl" if rtl else None) if rtl or " dir=" in tag else tag
    return output[: match.start()] + tag + output[match.end():]


def add_links(output: str, links: Sequence[HeadLink], replace_canonical: bool) -> str:
    """Insert links before </head>; a new canonical link replaces the theme's."""
    output, block = _without_canonical(output, links, replace_canonical), links_block(links)
    return insert_block(output, block)


def _without_canonical(output: str, links: Sequence[HeadLink], replace_canonical: bool) -> str:
    """The page without the theme's canonical link when `links` bring their own."""
    return _CANONICAL_RE.sub("", output, count=1) if links and replace_canonical else output


def links_block(links: Sequence[HeadLink]) -> str:
    """The links as lines for <head>."""
    return "".join(f"  {link.html()}\n" for link in links)


def alternate_links(versions: dict[str, str], default_lang: str | None,
                    landing: str | None) -> list[HeadLink]:
    """`hreflang` links to every language version of a page (itself included) and x-default.

    `versions` maps each language to the URL of its version; x-default points to
    the default language's version, else to the blog's landing page.
    """
    if len(versions) < 2:
        return []
    links = [HeadLink("alternate", url, hreflang=lang) for lang, url in versions.items()]
    fallback = versions.get(default_lang or "") or landing
    if fallback:
        links.append(HeadLink("alternate", fallback, hreflang="x-default"))
    return links


def _absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


def _link(plan: Plan, src_uri: str, page_url: str, site_url: str) -> str:
    """An absolute URL when site_url is set (as hreflang wants), else a relative one."""
    url = plan.urls[src_uri]
    return _absolute(site_url, url) if site_url else get_relative_url(url, page_url)


def blog_head_links(plan: Plan, src_uri: str, page_url: str, site_url: str) -> list[HeadLink]:
    """A blog page's links: the post's canonical URL, its language versions, its feeds."""
    post = plan.posts.get(src_uri)
    links = [HeadLink("canonical", post.canonical)] if post and post.canonical else []
    versions = {lang: _link(plan, uri, page_url, site_url)
                for lang, uri in plan.versions(src_uri).items() if uri in plan.urls}
    versions.update({lang: _absolute(site_url, url) if site_url else get_relative_url(url, page_url)
                     for lang, url in plan.elsewhere.get(src_uri, {}).items()})
    landing = plan.paths.landing()
    links += alternate_links(
        versions, plan.x_default or plan.default_lang,
        _link(plan, landing, page_url, site_url) if landing in plan.urls else None)
    if post is not None:
        feeds = plan.feed_links(post.lang)
    elif src_uri in plan.listings:
        feeds = [*plan.term_feed_links(src_uri), *plan.feed_links(plan.listings[src_uri].lang)]
    else:
        feeds = []
    links += [HeadLink("alternate", _absolute(site_url, feed["url"]), type=feed["type"],
                       title=feed["title"]) for feed in feeds]
    return links


def edit_head(output: str, sharing: Sharing, src_uri: str, page_url: str, lang: str,
              site_url: str) -> str:
    """Give a page in language `lang` its `<html lang>`, and a blog page its head links and
    metadata (Open Graph, Twitter card, JSON-LD: the tags the page does not have yet)."""
    output = set_language(output, lang, is_rtl(lang))
    plan = sharing.plan
    post = plan.posts.get(src_uri)
    links = blog_head_links(plan, src_uri, page_url, site_url)
    output = _without_canonical(output, links, bool(post and post.canonical))
    # One insertion before </head>: the links, then the metadata the page does not have yet
    # (links hold no <meta> nor JSON-LD, so the page's tags are the same before and after).
    return insert_block(output, links_block(links) + sharing.block(src_uri, output))


def fingerprint(sharing: Sharing, src_uri: str, page_url: str, site_url: str) -> str:
    """What `edit_head` adds to a blog page's head is drawn from, to tell when it changed:
    the links, and what the metadata says (its settings are the build's)."""
    links = blog_head_links(sharing.plan, src_uri, page_url, site_url)
    return "".join([*(link.html() for link in links), repr(sharing.data(src_uri))])
