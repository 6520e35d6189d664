"""Old URLs keep working: `aliases` (Hugo) and `redirect_from` (Jekyll) become redirect pages."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup, escape
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from .claims import Claim, Claims, mkdocs_claims, refusal
from .i18n import Strings
from .model import Post
from .permalinks import dest_of, occupied
from .slugs import NOT_IN_URLS

# 'old.php' names a file a static host serves as it is; 'v1.2' is a folder like any other.
_FILE_EXTENSION_RE = re.compile(r"^\.[A-Za-z][A-Za-z0-9]{0,4}$")


@dataclass(frozen=True)
class Redirect:
    """One old URL of a post: the file written there and the post it sends readers to."""

    path: str
    alias: str
    post: Post


@dataclass
class RedirectPlan:
    """The redirects to write, and why some aliases were refused."""

    redirects: list[Redirect] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def inside_site(path: str) -> str | None:
    """'a/../b/' -> 'b/', resolved from the site's root; None if it climbs above the root."""
    kept: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if not kept:
                return None
            kept.pop()
        elif segment not in ("", "."):
            kept.append(segment)
    return "/".join(kept) + ("/" if path.endswith(("/", "/.", "/..")) else "")


def alias_path(alias: str, post_url: str) -> tuple[str | None, str]:
    """The output file for an alias, or None and the reason it is refused.

    '/old/hello/' is taken from the site's root; 'hello-old' from the folder that holds
    the post's page (for 'posts/hello/' that is 'posts/'), as Hugo does.
    """
    text = alias.strip()
    lowered = text.lower()
    if any(ch in text for ch in "\\\0") or any(code in lowered for code in ("%2e", "%2f", "%5c",
                                                                              "%00")):
        return None, "it contains '\\', NUL or an encoded '.', '/' or '\\'"
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or text.startswith("//"):
        return None, "it is not a path on this site"
    if parts.query or parts.fragment or "?" in text or "#" in text:
        return None, "a static site cannot redirect a URL with '?' or '#'"
    path = unquote(parts.path)
    if any(ch in path for ch in NOT_IN_URLS) or any(ord(ch) < 32 for ch in path):
        return None, "it contains characters that no URL path holds (<, >, \", |, control)"
    if not path.startswith("/"):
        page = unquote(post_url).rstrip("/")
        path = posixpath.join(posixpath.dirname(page), path)
    inside = inside_site(path)
    if inside is None:
        return None, "it leaves site_dir"
    extension = posixpath.splitext(inside)[1]
    if _FILE_EXTENSION_RE.match(extension) and extension.lower() not in (".html", ".htm"):
        return None, f"a static host would not serve a '{extension}' file as a web page"
    dest = "index.html" if inside.strip("/") == "" else dest_of(inside)
    if dest is None:
        return None, "it is not a safe path inside site_dir"
    return dest, ""


def plan_redirects(posts: Iterable[Post], urls: dict[str, str], files: Files,
                   built: Callable[[Post], bool], claims: Claims | None = None) -> RedirectPlan:
    """A redirect per alias of each built post, refusing any that would overwrite a file."""
    plan = RedirectPlan()
    claims = claims or Claims(mkdocs_claims(search=False))
    taken = occupied(files)
    written: dict[str, Redirect] = {}
    for post in sorted(posts, key=lambda post: post.src_uri):
        if not built(post) or post.src_uri not in urls:
            continue
        for alias in post.aliases:
            dest, reason = alias_path(alias, urls[post.src_uri])
            key = dest.casefold() if dest is not None else ""
            if dest is not None and key in taken:
                reason = f"it would overwrite {taken[key].src_uri}"
            elif dest is not None and key in written:
                other = written[key]
                reason = f"it is also an alias of {other.post.src_uri} ('{other.alias}')"
            elif dest is not None:
                reason = refusal(dest, claims.conflict(dest)) or ""
            if reason:
                plan.messages.append(f"{post.src_uri}: alias {alias!r} is refused: {reason}")
                continue
            assert dest is not None
            written[key] = Redirect(dest, alias, post)
            claims.add(Claim(dest, post.src_uri))
    plan.redirects = list(written.values())
    return plan


def redirect_page(env: jinja2.Environment, redirect: Redirect, post_url: str, site_url: str,
                  strings: Strings) -> str:
    """The HTML of a redirect: meta refresh, canonical link and a visible link."""
    target = get_relative_url(post_url, redirect.path)
    canonical = site_url.rstrip("/") + "/" + post_url if site_url else target
    link = Markup('<a href="{}">{}</a>').format(target, redirect.post.title)
    try:
        message = escape(strings.get("moved_to")).format(link=link)
    except (KeyError, IndexError, ValueError):
        message = escape(Strings("en", {}).get("moved_to")).format(link=link)
    return env.get_template("blogposts/redirect.html").render(
        lang=redirect.post.lang, title=redirect.post.title, target=target,
        canonical=canonical, message=message,
    )
