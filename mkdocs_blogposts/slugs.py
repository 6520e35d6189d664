"""Readable, stable ASCII slugs for titles, terms and URLs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_WORD_RE = re.compile(r"[^\w]+", re.UNICODE)
_LIGATURES = str.maketrans({"æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


@lru_cache(maxsize=16384)  # terms are slugified again on every listing that shows them
def slugify(text: str) -> str:
    """'L'été à Paris !' -> 'l-ete-a-paris'; scripts without ASCII keep their letters."""
    lowered = text.lower().translate(_LIGATURES)
    # 'L’été' and 'L'été' must agree: non-ASCII punctuation separates words, like ASCII's.
    spaced = "".join(
        " " if ord(ch) > 127 and unicodedata.category(ch)[0] in "PSZ" else ch
        for ch in unicodedata.normalize("NFKD", lowered)
    )
    ascii_text = spaced.encode("ascii", "ignore").decode()
    slug = _NON_WORD_RE.sub("-", ascii_text).strip("-_").replace("_", "-")
    if slug:
        return slug
    # Japanese or Arabic titles have no ASCII form: keep the letters, URLs allow them.
    return _NON_WORD_RE.sub("-", unicodedata.normalize("NFC", lowered)).strip("-_")


# The one definition of the characters a written path segment avoids, by reason; the checks
# of blog_dir, post_url, file names in URLs and aliases are made of these.
# A URL gives these a meaning: '%' escapes, ':' a scheme, '?' a query, '#' a fragment.
URL_DELIMITERS = "%:?#"
# No URL path holds these unescaped (RFC 3986), and Windows holds none of them in a name.
NOT_IN_URLS = '<>"|'
# Windows cannot hold these in a file or folder name, nor control characters.
NOT_IN_WINDOWS_NAMES = '<>:"|?*'


def is_safe_segment(segment: str) -> bool:
    """Whether a path segment from front matter stays where it is put (no '..', '/', NUL)."""
    lowered = segment.lower()
    return not (
        segment in ("", ".", "..")
        or any(ch in segment for ch in "/\\\0")
        or "%2e" in lowered
        or "%2f" in lowered
        or "%5c" in lowered
    )


# Most file systems allow 255 bytes per name; a slug leaves room for '.html' or '.fr'.
MAX_SEGMENT_BYTES = 255
SLUG_BYTES = 240
_WINDOWS_RESERVED_RE = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?",
                                  re.IGNORECASE)
# Written paths avoid what Windows cannot hold on every system, so a site checks out anywhere.
_NOT_PORTABLE_RE = re.compile(f"[{re.escape(NOT_IN_WINDOWS_NAMES)}\\x00-\\x1f]")


def is_windows_reserved(segment: str) -> bool:
    """Whether Windows refuses `segment` as a file or folder name ('CON', 'nul.txt', 'lpt9')."""
    return bool(_WINDOWS_RESERVED_RE.fullmatch(segment)) or segment.endswith((".", " "))


def _shortened(segment: str, limit: int) -> str:
    """The longest start of `segment` that fits `limit` bytes with a stable hash of the whole."""
    suffix = "-" + hashlib.sha256(segment.encode("utf-8")).hexdigest()[:10]
    head = segment.encode("utf-8")[:limit - len(suffix)].decode("utf-8", "ignore")
    return head.rstrip("-_. ") + suffix


def fit_segment(segment: str, limit: int = MAX_SEGMENT_BYTES) -> str:
    """`segment` as a name every file system can write: portable characters, not a Windows
    device name ('con' -> 'con_'), at most `limit` bytes (shortened with a stable hash)."""
    fitted = _NOT_PORTABLE_RE.sub("-", segment)
    if is_windows_reserved(fitted):
        stem, dot, rest = fitted.rstrip(". ").partition(".")
        fitted = f"{stem}_{dot}{rest}"
    if len(fitted.encode("utf-8")) > limit:
        fitted = _shortened(fitted, limit)
    return fitted


def segment_problem(segment: str, limit: int = MAX_SEGMENT_BYTES) -> str | None:
    """Why `segment` cannot be written as it is on every file system, or None."""
    size = len(segment.encode("utf-8"))
    if size > limit:
        return f"'{segment[:40]}…' is too long for a file name ({size} bytes, at most {limit})"
    if is_windows_reserved(segment):
        return f"'{segment}' is a name Windows cannot create"
    if _NOT_PORTABLE_RE.search(segment):
        return (f"'{segment}' holds a character Windows cannot hold in a name "
                f"({NOT_IN_WINDOWS_NAMES})")
    return None


def fit_slug(slug: str) -> tuple[str, str | None]:
    """A slug that fits in a file name, and why it was changed ("'x…' is too long…; using
    'y'"), or None when it is kept as it is."""
    problem = segment_problem(slug, SLUG_BYTES)
    if problem is None:
        return slug, None
    fitted = fit_segment(slug, SLUG_BYTES)
    shown = fitted if len(fitted) <= 60 else f"{fitted[:40]}…{fitted[-11:]}"
    return fitted, f"{problem}; using '{shown}'"
