"""sitemap.xml with the blog's true dates and language alternates, rewritten from MkDocs' own."""

from __future__ import annotations

import gzip
import html
import io
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

from .model import Status
from .sharing import Sharing

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class Entry:
    """What the blog knows of one URL: its last change and its versions in other languages."""

    lastmod: date | None = None
    alternates: Mapping[str, str] = field(default_factory=dict)  # hreflang (or x-default) -> URL


def _text(value: str) -> str:
    """`value` escaped as XML element text (&, < and >)."""
    return html.escape(value, quote=False)


def _attribute(value: str) -> str:
    """`value` as a quoted XML attribute, written as `xml.sax.saxutils.quoteattr` does:
    that module imports urllib.request and ssl, 5 ms and 0.7 MB of every build."""
    text = _text(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def read_urls(xml: str) -> list[tuple[str, str | None]]:
    """Each <url>'s loc and lastmod, in the order of the file."""
    root = ET.fromstring(xml)
    urls = []
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        lastmod = url.findtext(f"{{{SITEMAP_NS}}}lastmod")
        if loc:
            urls.append((loc, lastmod.strip() if lastmod else None))
    return urls


def _url_element(loc: str, lastmod: str | None, entry: Entry | None, kept: Collection[str]
                 ) -> str:
    lines = [f"    <loc>{_text(loc)}</loc>"]
    shown = entry.lastmod.isoformat() if entry and entry.lastmod else lastmod
    if shown:
        lines.append(f"    <lastmod>{_text(shown)}</lastmod>")
    alternates = {lang: url for lang, url in (entry.alternates if entry else {}).items()
                  if url in kept}
    if len([lang for lang in alternates if lang != "x-default"]) > 1:
        lines += [f'    <xhtml:link rel="alternate" hreflang={_attribute(lang)} '
                  f"href={_attribute(url)}/>" for lang, url in alternates.items()]
    return "  <url>\n" + "\n".join(lines) + "\n  </url>\n"


def rewrite(xml: str, entries: Mapping[str, Entry], dropped: Collection[str]) -> str:
    """MkDocs' sitemap with the blog's entries updated and the `dropped` URLs left out.

    Alternates only name URLs the sitemap keeps: a link to a left-out page would be an error.
    """
    urls = [(loc, lastmod) for loc, lastmod in read_urls(xml) if loc not in dropped]
    kept = {loc for loc, _ in urls}
    body = "".join(_url_element(loc, lastmod, entries.get(loc), kept) for loc, lastmod in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n{body}</urlset>\n')


def gzip_mtime(data: bytes) -> int | None:
    """The modification time stored in a gzip header (MkDocs stamps its build date there)."""
    if data[:2] != b"\x1f\x8b" or len(data) < 8:
        return None
    return int.from_bytes(data[4:8], "little")


def gzipped(text: str, filename: str, mtime: int | None) -> bytes:
    """`text` gzipped as MkDocs writes sitemap.xml.gz: the file's name and a fixed mtime."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=filename, mode="wb", mtime=mtime) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def blog_locs(sharing: Sharing) -> dict[str, str]:
    """The sitemap URL of every post and generated page, as MkDocs writes it (`canonical_url`).

    From the Plan: a dirty build of `mkdocs serve` lists the pages it did not redraw too.
    """
    plan, site_url = sharing.plan, sharing.settings.site_url
    if site_url is None:
        return {}
    pages = [uri for uri in plan.posts if uri in plan.urls] + sorted(plan.generated)
    return {uri: urljoin(site_url, plan.urls[uri]) for uri in pages}


def blog_entries(sharing: Sharing) -> tuple[dict[str, Entry], set[str]]:
    """The blog's sitemap entries by URL, and the URLs the sitemap must leave out."""
    plan = sharing.plan
    locs = blog_locs(sharing)
    landing = locs.get(plan.paths.landing())
    entries, dropped = {}, set()
    for uri, loc in locs.items():
        post, listing = plan.posts.get(uri), plan.listings.get(uri)
        # A post whose canonical URL is elsewhere is that page's copy: sitemaps list originals.
        if (post is not None and (post.status is not Status.PUBLISHED
                                  or sharing.canonical(post) not in (None, loc))) or (
                listing is not None and sharing.paginated_out(listing)):
            dropped.add(loc)
            continue
        alternates = {lang: locs[other] for lang, other in plan.versions(uri).items()
                      if other in locs}
        fallback = alternates.get(plan.default_lang) or landing
        if len(alternates) > 1 and fallback:
            alternates["x-default"] = fallback
        entries[loc] = Entry(sharing.lastmod(uri), alternates)
    return entries, dropped


def write_sitemap(site_dir: str, sharing: Sharing, memo: dict[str, str] | None = None
                  ) -> list[str]:
    """Rewrite the sitemap MkDocs wrote (and its .gz) with the blog's dates and languages.

    `memo` holds the last rewrite by what MkDocs wrote, for builds of the same plan
    (`serve --dirty`). Returns the warnings to log.
    """
    target = Path(site_dir) / "sitemap.xml"
    if not sharing.settings.sitemap or not target.is_file():
        return []
    source = target.read_text(encoding="utf-8")
    text = memo.get(source) if memo is not None else None
    if text is None:
        entries, dropped = blog_entries(sharing)
        if not entries and not dropped:
            return []
        try:
            text = rewrite(source, entries, dropped)
        except ParseError as error:
            return [f"sitemap.xml: not rewritten, MkDocs' file could not be read ({error})"]
        if memo is not None:
            memo.clear()
            memo[source] = text
    target.write_text(text, encoding="utf-8")
    packed = target.with_name("sitemap.xml.gz")
    if packed.is_file():
        mtime = gzip_mtime(packed.read_bytes())
        packed.write_bytes(gzipped(text, str(packed), mtime))
    return []
