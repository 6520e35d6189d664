"""The search index of a `serve --dirty` build made whole: the search plugins index only the
pages a build draws, so the entries of the others are taken from the last build, and every
page's entries are put in the order a clean build writes them (the order pages are drawn).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

INDEX = "search/search_index.json"
Entries = list[dict[str, Any]]


def page_of(location: str) -> str:
    """The page URL of an index entry: 'posts/a/#section' -> 'posts/a/'."""
    return location.split("#", 1)[0]


def latest_runs(docs: Sequence[Any]) -> dict[str, Entries] | None:
    """Each page's entries: the last run of consecutive entries of that page (Material's
    search plugin appends a dirty build's entries after the last build's); None when an
    entry is not a mapping with a text location."""
    runs: dict[str, Entries] = {}
    current: str | None = None
    for entry in docs:
        if not isinstance(entry, dict) or not isinstance(entry.get("location"), str):
            return None
        page = page_of(entry["location"])
        if page != current:
            runs[page], current = [], page
        runs[page].append(entry)
    return runs


def _writer(data: object, text: str) -> Callable[[object], str] | None:
    """How the search plugin serialised its index (MkDocs' sorts keys, Material's does
    not), if one of these writes `text` again byte for byte."""
    for sort_keys in (True, False):
        def write(value: object, sort_keys: bool = sort_keys) -> str:
            return json.dumps(value, sort_keys=sort_keys, separators=(",", ":"), default=str)
        if write(data) == text:
            return write
    return None


def complete_index(site_dir: str, pages: Sequence[str], drawn: Collection[str],
                   last: Mapping[str, Entries]) -> dict[str, Entries] | None:
    """Rewrite the site's search index so that it holds, for each page URL in `pages` (in
    drawing order), its entries from this build if it was `drawn`, else from `last`.

    Returns every page's entries, for the next build; None (the file left alone) without
    an index, or with one in a form this does not know (a prebuilt Lunr index, say).
    """
    path = Path(site_dir, INDEX)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return None
    write = _writer(data, text)
    docs = data.get("docs") if isinstance(data, dict) else None
    runs = latest_runs(docs) if isinstance(docs, list) and set(data) == {"config", "docs"} \
        else None
    if write is None or runs is None:
        return None
    kept = {page: runs.get(page, []) if page in drawn else list(last.get(page, ()))
            for page in pages}
    data["docs"] = [entry for page in pages for entry in kept[page]]
    rewritten = write(data)
    if rewritten != text:
        path.write_text(rewritten, encoding="utf-8")
    return kept
