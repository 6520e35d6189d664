"""`post_url` patterns such as '{lang}/{yyyy}/{mm}/{slug}/': their placeholders and checks."""

from __future__ import annotations

import string

from .slugs import URL_DELIMITERS

# {lang_prefix} is {lang} but empty for the default language (Hugo's default at the root).
PLACEHOLDERS = ("lang", "lang_prefix", "yyyy", "mm", "dd", "slug", "name", "section")
# Either gives each post a URL of its own; {name} keeps the URLs of a Hugo or Jekyll blog.
_DISTINCT = ("slug", "name")
_EXAMPLE = "'{lang}/{yyyy}/{mm}/{slug}/'"


def check_pattern(pattern: str) -> str:
    """The pattern in normal form ('/{slug}' -> '{slug}/'); ValueError says what is wrong."""
    try:
        fields = list(string.Formatter().parse(pattern))
    except ValueError:
        raise ValueError(f"has an unbalanced '{{' or '}}' (use a pattern such as {_EXAMPLE}), "
                         f"got {pattern!r}") from None
    for _, name, spec, conversion in fields:
        if name is not None and (name not in PLACEHOLDERS or spec or conversion):
            allowed = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            given = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValueError(f"may only use the placeholders {allowed}, got {{{given}}} "
                             f"in {pattern!r}")
    if not any(name in _DISTINCT for _, name, _, _ in fields):
        raise ValueError(f"must contain {{slug}} or {{name}} so that posts get distinct URLs, "
                         f"such as {_EXAMPLE}, got {pattern!r}")
    sample = pattern.format(**dict.fromkeys(PLACEHOLDERS, "x"))
    segments = [s for s in sample.split("/") if s]
    if (any(ch in sample for ch in "\\\0" + URL_DELIMITERS) or sample.startswith("//")
            or any(s in (".", "..") for s in segments)):
        raise ValueError(f"must be a path inside the site without '..', '\\', '%', ':', '?' "
                         f"or '#', such as {_EXAMPLE}, got {pattern!r}")
    normal = pattern.lstrip("/")
    return normal if normal.endswith(("/", ".html", ".htm")) else normal + "/"
