"""Language codes: parsing, Babel locales, display names, text direction, and in file paths."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# BCP 47 subset used by blogs: language, optional script, optional region.
_TAG_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")
_RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})


def language_tag(code: object) -> str | None:
    """Return `code` in BCP 47 form ('pt_br' -> 'pt-BR'), or None if it is not a language code."""
    if not isinstance(code, str):
        return None
    match = _TAG_RE.match(code.strip())
    if match is None:
        return None
    lang, script, region = match.groups()
    parts = [lang.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "-".join(parts)


@cache
def babel_locale(tag: str) -> Locale | None:
    """The Babel locale for a BCP 47 tag, or None if Babel does not know the language."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(tag.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return None


def known_language(code: str) -> str | None:
    """Return the tag of `code` if it is a language Babel knows, else None."""
    tag = language_tag(code)
    return tag if tag is not None and babel_locale(tag) is not None else None


def url_segment(tag: str) -> str:
    """The lowercase form of a language tag used in URLs: 'zh-CN' -> 'zh-cn'."""
    return tag.lower()


def is_rtl(tag: str) -> bool:
    """Whether the language is written right to left."""
    return tag.split("-")[0] in _RTL_LANGUAGES


@cache
def language_name(tag: str) -> str:
    """The language's own name for itself: 'Français', 'English', '日本語'."""
    locale = babel_locale(tag)
    if locale is None:
        return tag
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:]


def split_language_suffix(src_uri: str) -> tuple[str, str | None]:
    """'hello.fr.md' -> ('hello', 'fr'); 'hello.md' -> ('hello', None)."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    base, dot, suffix = stem.rpartition(".")
    if dot and base and known_language(suffix):
        return base, language_tag(suffix)
    return stem, None


def translation_stem(src_uri: str) -> str:
    """The file's path with its language taken out, shared by its translations."""
    stem, _ = split_language_suffix(src_uri)
    parts = posixpath.dirname(src_uri).split("/")
    kept = [part for part in parts if part and not known_language(part)]
    if stem == "index" and kept:
        return "/".join(kept)
    return "/".join([*kept, stem])


def infer_lang(src_uri: str) -> str | None:
    """Language from a 'name.fr.md' suffix, else from a language folder such as 'fr/'."""
    _, suffix = split_language_suffix(src_uri)
    if suffix:
        return suffix
    for part in posixpath.dirname(src_uri).split("/"):
        if len(part) <= 7 and known_language(part):
            return language_tag(part)
    return None


def theme_language(theme: Mapping[str, object]) -> str:
    """The theme's language (Material's `language`, MkDocs' `locale`), else English."""
    for value in (theme.get("language"), theme.get("locale")):
        tag = language_tag(str(value)) if value else None
        if tag:
            return tag
    return "en"


def og_locale(tag: str) -> str:
    """Open Graph's language_TERRITORY form: 'fr' -> 'fr_FR', 'pt-BR' -> 'pt_BR'."""
    locale = babel_locale(tag)
    if locale is None:
        return tag.replace("-", "_")
    territory = locale.territory
    if territory is None:
        subtags = get_global("likely_subtags")
        key = f"{locale.language}_{locale.script}" if locale.script else locale.language
        likely = str(subtags.get(key) or subtags.get(locale.language) or "")
        territory = likely.split("_")[-1] if likely.count("_") else None
    return f"{locale.language}_{territory}" if territory else locale.language
