"""Language suffixes in file names ('about.en.md', 'x/index.fr.md') never reach URLs.

As Hugo does with `defaultContentLanguageInSubdir: false`: a page of the default
language goes where the file without suffix would ('about.fr.md' -> 'about/'), a page of
another language under its language's folder ('about.en.md' -> 'en/about/').
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from mkdocs.structure.files import File, Files

from .languages import known_language, language_tag, url_segment
from .permalinks import folders, move_page, occupied


@dataclass
class SuffixMoves:
    """Pages moved out of their suffixed URL (their previous URL), and warnings."""

    old_urls: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def suffix_language(src_uri: str) -> str | None:
    """'about.en.md' -> 'en'; 'about.md' and 'v1.2.md' -> None."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    base, dot, suffix = stem.rpartition(".")
    return language_tag(suffix) if dot and base and known_language(suffix) else None


def unsuffixed_dest(file: File, lang: str, default_lang: str) -> str | None:
    """The output path of `file` without its language suffix; None if MkDocs' has none."""
    stem = posixpath.splitext(posixpath.basename(file.src_uri))[0]
    base, _, suffix = stem.rpartition(".")
    folder, name = posixpath.split(file.dest_uri)
    if f".{suffix}" not in file.dest_uri:
        return None  # another plugin (mkdocs-static-i18n) already took it out
    if name == f"{stem}.html":
        name = f"{base}.html"
    elif posixpath.basename(folder) == stem:
        folder = posixpath.join(posixpath.dirname(folder), base)
    if base in ("index", "README") and name == "index.html" and folder.endswith(f"/{base}"):
        folder = posixpath.dirname(folder)  # 'x/index.fr/' is the folder's own page: 'x/'
    elif base in ("index", "README") and folder == base:
        folder = ""
    prefix = "" if lang == default_lang else url_segment(lang)
    return posixpath.join(prefix, folder, name) if prefix or folder else name


def strip_language_suffixes(files: Files, default_lang: str) -> SuffixMoves:
    """Move every suffixed page to its URL without suffix, refusing collisions."""
    moves = SuffixMoves()
    wanted = [(file, dest) for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri)
              if (lang := suffix_language(file.src_uri))
              and (dest := unsuffixed_dest(file, lang, default_lang)) not in (None, file.dest_uri)]
    if not wanted:
        return moves  # most sites: the indexes below cost a pass over every file
    taken = occupied(files)
    under = folders(files)
    for file, dest in wanted:
        assert dest is not None
        other = taken.get(dest.casefold())
        if other is not None and other is not file:
            moves.messages.append(f"{file.src_uri}: its URL without the language suffix would "
                                  f"be that of {other.src_uri}; it keeps its URL '{file.url}'")
            continue
        moves.old_urls[file.src_uri] = file.url
        moves.messages += move_page(file, dest, under, taken)
    return moves
