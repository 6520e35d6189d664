"""Readable, stable ASCII slugs for titles, terms and URLs."""

from __future__ import annotations

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
