"""Insert the Blog section into MkDocs' navigation and keep its links consistent."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .languages import language_name
from .plan import Plan


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
                  languages: Sequence[tuple[str, Sequence[Page]]]) -> Section:
    """The Blog section: the landing page, then one subsection per language.

    A one-language blog gets its pages directly in the section.
    """
    if len(languages) == 1 and landing is None:
        return Section(title, list(languages[0][1]))
    children: list[StructureItem] = [landing] if landing is not None else []
    children += [Section(name, list(pages)) for name, pages in languages if pages]
    return Section(title, children)


def place_section(nav: Navigation, section: Section, landing: Page | None,
                  at_start: bool) -> None:
    """Put the section where the user listed the landing page, else at the start or end."""
    if landing is not None and landing in nav.pages:
        container = landing.parent.children if landing.parent else nav.items
        folder = landing.parent
        if folder is not None and container == [landing]:
            # The auto nav's section of the blog's folder (Material's `blog/index.md`): the Blog
            # section takes its place rather than nesting 'Blog' in 'Blog'.
            container = folder.parent.children if folder.parent else nav.items
            container[container.index(folder)] = section
            return
        container[container.index(landing)] = section
    elif at_start:
        nav.items.insert(0, section)
    else:
        nav.items.append(section)


def adopt(page: Page, parent: Section) -> None:
    """Give a page that is not in the nav a parent, so the theme highlights the Blog section."""
    # Identity, not `in`: Page.__eq__ compares titles and files, child by child.
    if page.parent is None and all(child is not page for child in parent.children):
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


def _page_of(files: Files, src_uri: str) -> Page | None:
    file = files.get_file_from_path(src_uri)  # mkdocs-static-i18n's Files answers for a language
    return file.page if file is not None else None


def retitle(files: Files, plan: Plan, nav_config: Any) -> None:
    """Give generated pages the titles an explicit `nav:` gives them."""
    for uri, nav_title in titles_in_config(nav_config).items():
        if uri in plan.listings and (page := _page_of(files, uri)) is not None:
            page.title = nav_title


def insert_blog_section(nav: Navigation, files: Files, plan: Plan, title: str,
                        at_start: bool) -> None:
    """Insert the Blog section once, where the user wants it, unless they laid it out.

    A user's nav that lists generated pages but not the landing page is theirs: it is kept.
    """
    landing = _page_of(files, plan.paths.landing())
    landing_in_nav = landing is not None and landing in nav.pages
    if not landing_in_nav and any(p.file.src_uri in plan.listings for p in nav.pages):
        return
    languages = [
        (language_name(lang), [page for uri in plan.layout.nav.get(lang, ())
                               if (page := _page_of(files, uri)) is not None
                               and (page is landing or page not in nav.pages)])
        for lang in plan.blog.languages
    ]
    multilingual = plan.blog.multilingual
    section = build_section(title, landing if multilingual else None, languages)
    place_section(nav, section, landing if landing_in_nav else None, at_start)
    relink(nav)
    _adopt_unlisted(files, plan, section)


def _adopt_unlisted(files: Files, plan: Plan, section: Section) -> None:
    """Posts and generated pages outside the nav get their language's section as parent."""
    by_lang = {
        lang: next((s for s in section.children if isinstance(s, Section)
                    and s.title == language_name(lang)), section)
        for lang in plan.blog.languages
    }
    owners = [(listing.src_uri, listing.lang or "") for listing in plan.layout.listings]
    owners += [(post.src_uri, post.lang) for post in plan.blog.posts]
    for src_uri, lang in owners:
        if (page := _page_of(files, src_uri)) is not None:
            adopt(page, by_lang.get(lang, section))
