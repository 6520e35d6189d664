"""Insert the Blog section into MkDocs' navigation and keep its links consistent."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def walk(items: Iterable[StructureItem]) -> Iterator[StructureItem]:
    """Every item of a nav tree, depth first, in reading order."""
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from walk(item.children)


def relink(nav: Navigation) -> None:
    """Recompute parents, the page list and previous/next links after editing the tree."""

    def set_parents(items: Sequence[StructureItem], parent: Section | None) -> None:
        for item in items:
            item.parent = parent
            if isinstance(item, Section):
                set_parents(item.children, item)

    set_parents(nav.items, None)
    nav.pages = [item for item in walk(nav.items) if isinstance(item, Page)]
    for before, after in zip([None, *nav.pages], [*nav.pages, None]):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before


def build_section(title: str, landing: Page | None,
                  languages: Sequence[tuple[str, Sequence[Page]]]) -> list[StructureItem]:
    """The Blog section: the landing page, then one subsection per language.

    A one-language blog gets its pages directly in the section.
    """
    if len(languages) == 1 and landing is None:
        return [Section(title, list(languages[0][1]))]
    children: list[StructureItem] = [landing] if landing is not None else []
    children += [Section(name, list(pages)) for name, pages in languages if pages]
    return [Section(title, children)]


def place_section(nav: Navigation, section: list[StructureItem], landing: Page | None,
                  at_start: bool) -> bool:
    """Put the section where the user listed the landing page, else at the start or end.

    Returns False when the user's nav already lists generated pages elsewhere,
    in which case their layout is kept as it is.
    """
    if landing is not None and landing in nav.pages:
        container = landing.parent.children if landing.parent else nav.items
        container[container.index(landing)] = section[0]
        return True
    if at_start:
        nav.items[:0] = section
    else:
        nav.items.extend(section)
    return True


def adopt(page: Page, parent: Section) -> None:
    """Give a page that is not in the nav a parent, so the theme highlights the Blog section."""
    if page.parent is None and page not in parent.children:
        page.parent = parent


def titles_in_config(nav_config: Any) -> dict[str, str]:
    """The titles an explicit `nav:` gives its pages, by path: {'blog/index.md': 'News'}.

    MkDocs keeps the title of a page that already exists when it builds the nav, and the
    blog's generated pages exist from `on_files` on: their titles are set again from these.
    """
    titles: dict[str, str] = {}

    def visit(items: Any) -> None:
        for item in items if isinstance(items, list) else ():
            for title, value in item.items() if isinstance(item, dict) else ():
                if isinstance(value, str):
                    titles[value.lstrip("/")] = str(title)
                else:
                    visit(value)

    visit(nav_config)
    return titles
