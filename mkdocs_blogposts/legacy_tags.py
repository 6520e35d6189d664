"""Each known Liquid tag and Hugo shortcode, as the Markdown or HTML it stands for."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import escape
from mkdocs.utils import get_relative_url

# name=value (Hugo), name: value (Liquid plugins), or a bare value; quoted or not
_ARGUMENT_RE = re.compile(r"""\s*(?:([A-Za-z_][\w-]*)\s*[=:]\s*)?"""
                          r"""("(?:[^"\\]|\\.)*"|`[^`]*`|'[^']*'|[^\s"'`]+)""")
_VARIABLE_RE = re.compile(r"[A-Za-z_][\w.-]*")
_VIDEO_ID_RE = re.compile(r"[\w-]{1,64}")
# (what replaces the tag, (label, engine) of a tag left out, or None)
Result = tuple[str, "tuple[str, str] | None"]


def _no_page(name: str, referrer: str) -> str | None:
    return None


@dataclass(frozen=True)
class LegacyContext:
    """What converting one page needs to know about it and the site.

    `find_post` turns a `post_url` name ('2016-04-29-hello') into a source path,
    `find_page` a `link`/`ref` path as written on page `src_uri`; `url_of` gives a
    source path's URL.
    """

    src_uri: str
    page_url: str
    site_url: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    site_vars: Mapping[str, Any] = field(default_factory=dict)
    find_post: Callable[[str, str], str | None] = _no_page
    find_page: Callable[[str, str], str | None] = _no_page
    url_of: Callable[[str], str | None] = lambda src_uri: None


@dataclass(frozen=True)
class Leftover:
    """A tag that was left out of the page: where, what, from which engine."""

    line: int
    label: str
    engine: str  # 'liquid' or 'hugo'


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        inner = value[1:-1]
        return re.sub(r"\\(.)", r"\1", inner) if value[0] == '"' else inner
    return value


def split_arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """'go "linenos=table"' -> (['go', 'linenos=table'], {}); 'src="a.png" alt=b' -> names."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for name, value in _ARGUMENT_RE.findall(text):
        if name:
            named[name] = _unquote(value)
        else:
            positional.append(_unquote(value))
    return positional, named


def code_fence(code: str, arguments: tuple[list[str], dict[str, str]]) -> str:
    """A fenced code block holding `code`, with the language of a highlight tag."""
    positional, _ = arguments
    lang = positional[0] if positional and re.fullmatch(r"[\w+#.-]+", positional[0]) else ""
    body = code.strip("\n")
    longest = max((len(run) for run in re.findall(r"`{3,}", body)), default=2)
    fence = "`" * (longest + 1)
    return f"\n{fence}{lang}\n{body}\n{fence}\n"


def _root(context: LegacyContext, in_link: bool) -> str:
    """The site's root: from the source file in a Markdown link, from the URL in HTML."""
    if in_link:
        return posixpath.relpath(".", posixpath.dirname(context.src_uri) or ".")
    return get_relative_url(".", context.page_url)


def _site_path(path: str, context: LegacyContext, in_link: bool) -> str:
    """A path from the site's root ('/assets/a.png') as seen from this page."""
    if re.match(r"[a-z][a-z0-9+.-]*:|//", path, re.IGNORECASE):
        return path  # already an address
    return _root(context, in_link) + "/" + path.lstrip("/")


def _page_target(target: str, anchor: str, context: LegacyContext, in_link: bool) -> str | None:
    if in_link:  # MkDocs rewrites a link to the source file to wherever the page ends up
        return quote_path(posixpath.relpath(target, posixpath.dirname(context.src_uri) or ".")
                          + anchor)
    url = context.url_of(target)
    return None if url is None else get_relative_url(url, context.page_url) + anchor


def _lookup(values: Mapping[str, Any], dotted: str) -> str | None:
    value: Any = values
    for key in dotted.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def _variable(name: str, context: LegacyContext, in_link: bool) -> tuple[str, bool] | None:
    """A Liquid variable's value and whether it is a URL (else text); None if unknown."""
    if name == "site.baseurl":
        return _root(context, in_link), True
    if name == "site.url":
        return (context.site_url.rstrip("/") or _root(context, in_link)), True
    if name == "page.url":
        own = get_relative_url(context.page_url, context.page_url)
        return (context.site_url.rstrip("/") + "/" + context.page_url
                if context.site_url else own), True
    scope, _, rest = name.partition(".")
    values = {"site": context.site_vars, "page": context.meta}.get(scope)
    found = _lookup(values, rest) if values is not None and rest else None
    return None if found is None else (found, found.startswith(("http://", "https://")))


def _apply_filter(value: str, is_url: bool, spec: str, context: LegacyContext,
                  in_link: bool) -> tuple[str, bool] | None:
    name, _, written = spec.partition(":")
    name, written = name.strip(), written.strip()
    argument = _unquote(written)
    if name == "relative_url" or (name == "prepend" and argument == "site.baseurl"):
        return _site_path(value, context, in_link), True
    if name == "absolute_url":
        if context.site_url:
            return context.site_url.rstrip("/") + "/" + value.lstrip("/"), True
        return _site_path(value, context, in_link), True
    if name in ("append", "prepend") and written[:1] not in "\"'":
        return None  # a variable: its value is not known here
    if name == "append":
        return value + argument, is_url
    if name == "prepend":
        return argument + value, is_url
    return None


def liquid_output(inner: str, context: LegacyContext, in_link: bool) -> Result:
    """`{{ site.baseurl }}`, `{{ "/a.png" | relative_url }}`, `{{ page.title }}`…"""
    head, *filters = (part.strip() for part in inner.split("|"))
    label = f"{{{{ {head} }}}}" if _VARIABLE_RE.fullmatch(head) else "{{ … }}"
    if head[:1] in "\"'" and len(head) > 1:
        value: tuple[str, bool] | None = (_unquote(head), False)
    else:
        value = _variable(head, context, in_link) if _VARIABLE_RE.fullmatch(head) else None
    for spec in filters:
        if value is None:
            break
        value = _apply_filter(value[0], value[1], spec, context, in_link)
        if value is None:
            label = f"{{{{ … | {spec.partition(':')[0].strip()} }}}}"
    if value is None:
        return "", (label, "liquid")
    text, is_url = value
    return (text if is_url and in_link else str(escape(text))), None


def _image(src: str, alt: str) -> str:
    return f'<img src="{escape(src)}" alt="{escape(html.unescape(alt))}">'


def _video(host: str, video_id: str) -> str | None:
    if not _VIDEO_ID_RE.fullmatch(video_id):
        return None
    src = {"youtube": f"https://www.youtube-nocookie.com/embed/{video_id}",
           "vimeo": f"https://player.vimeo.com/video/{video_id}"}[host]
    return (f'<iframe src="{src}" title="{host.capitalize()} video" loading="lazy" '
            f'allowfullscreen style="width:100%;aspect-ratio:16/9;border:0"></iframe>')


def _reference(kind: str, path: str, context: LegacyContext, in_link: bool,
               find: Callable[[str, str], str | None]) -> str | None:
    target, hash_sign, anchor = path.partition("#")
    src_uri = find(target, context.src_uri) if target else context.src_uri
    if src_uri is None:
        return None
    return _page_target(src_uri, hash_sign + anchor, context, in_link)


def liquid_tag(inner: str, context: LegacyContext, in_link: bool) -> Result:
    """`{% post_url name %}`, `{% link path %}`, `{% responsive_image … %}`…"""
    name, _, rest = inner.strip().partition(" ")
    rest = rest.strip()
    converted: str | None = None
    if name.startswith("end"):
        return "", None  # its opening tag was converted or reported
    if name in ("post_url", "link"):
        find = context.find_post if name == "post_url" else context.find_page
        converted = _reference(name, rest, context, in_link, find)
        if converted is None:
            return "", (f"{{% {name} {rest} %}}", "liquid")
    elif name == "responsive_image":
        _, named = split_arguments(rest)
        if "path" in named:
            converted = _image(_site_path(named["path"], context, False), named.get("alt", ""))
    elif name == "youtube":
        converted = _video("youtube", _unquote(rest))
    if converted is None:
        return "", (f"{{% {name} %}}", "liquid")
    return converted, None


def _figure(named: dict[str, str], context: LegacyContext) -> str | None:
    if "src" not in named:
        return None
    src = named["src"]
    src = _site_path(src, context, False) if src.startswith("/") else src
    image = _image(src, named.get("alt", named.get("caption", "")))
    if "link" in named:
        image = f'<a href="{escape(named["link"])}">{image}</a>'
    caption = named.get("caption") or named.get("title")
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    css = f' class="{escape(named["class"])}"' if "class" in named else ""
    return f"<figure{css}>{image}{figcaption}</figure>"


def hugo_shortcode(kind: str, name: str, arguments: str, context: LegacyContext,
                   in_link: bool) -> Result:
    """`{{< ref "x" >}}`, `{{< figure src=… >}}`, `{{< youtube id >}}`, `{{< param x >}}`…"""
    positional, named = split_arguments(arguments)
    first = named.get("id", named.get("path", positional[0] if positional else ""))
    converted: str | None = None
    end = ">" if kind == "<" else "%"
    if name in ("ref", "relref"):
        converted = _reference(name, first, context, in_link, context.find_page)
        if converted is None:
            return "", (f'{{{{{kind} {name} "{first}" {end}}}}}', "hugo")
    elif name == "figure":
        converted = _figure(named, context)
    elif name in ("youtube", "vimeo"):
        converted = _video(name, first)
    elif name == "param":
        found = _lookup(context.meta, first)
        converted = None if found is None else str(escape(found))
    if converted is None:
        return "", (f"{{{{{kind} {name} {end}}}}}", "hugo")
    return converted, None


def quote_path(path: str) -> str:
    """A path written into a Markdown link, with spaces and parentheses escaped."""
    return quote(path, safe="/#.-_~")
