"""The blog's files in MkDocs' collection: listings, redirects, stylesheet; a user's file wins."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import yaml

try:  # libyaml's dumper is several times faster; the YAML it writes is the same
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment,unused-ignore]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .listings import Listing
from .paths import Paths
from .permalinks import set_destination
from .redirects import Redirect
from .text import escape_text


def listing_source(listing: Listing) -> str:
    """The Markdown of a generated page: only its title, the body is rendered later."""
    # Themes print page titles raw (readthedocs in title="..."), so it is stored escaped.
    header = yaml.dump({"title": escape_text(listing.title)}, Dumper=_Dumper, allow_unicode=True)
    return f"---\n{header}---\n"


class ListingPage(Page):
    """A generated page: its HTML comes from the plugin's templates, just before it is drawn.

    Its Markdown is empty, yet MkDocs would still set up a Markdown converter with every
    extension of the site to convert it: some 5 ms a page with Material's usual extensions,
    seconds on a blog of a few hundred listings.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert: an empty body and table of contents until the listing is filled."""
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def add_listing_files(listings: Sequence[Listing], files: Files, config: MkDocsConfig,
                      paths: Paths | None = None, appended: bool = False
                      ) -> tuple[dict[str, str], list[str]]:
    """Append a generated file per listing; return every listing's URL, and info messages.

    A user's page at the listing's source path, or written to the same output file
    ('blog.md' and 'blog/index.md' both make 'blog/index.html'), is kept instead; with
    `appended` (Material's convention) the listing is appended to it.
    """
    urls: dict[str, str] = {}
    kept: list[str] = []
    outputs = {file.dest_uri.casefold(): file for file in files}
    for listing in listings:
        file = File.generated(config, listing.src_uri, content=listing_source(listing),
                              inclusion=InclusionLevel.NOT_IN_NAV)
        if paths is not None and paths.site_folder:  # static-i18n's language folder
            set_destination(file, paths.output(file.dest_uri))
        existing = files.get_file_from_path(listing.src_uri) or outputs.get(
            file.dest_uri.casefold())
        if existing is not None:
            urls[listing.src_uri] = existing.url
            if existing.generated_by != file.generated_by:  # never about the plugin's own
                kept.append(f"{existing.src_uri}: the listing is appended to your page"
                            if appended else kept_message(existing.src_uri, listing))
            continue
        ListingPage(None, file, config)  # becomes file.page, which MkDocs' nav then uses
        files.append(file)
        outputs[file.dest_uri.casefold()] = file
        urls[listing.src_uri] = file.url
    return urls, kept


def kept_message(src_uri: str, listing: Listing) -> str:
    """The note that a user's page stands where a generated one would go, naming that one."""
    where = "" if src_uri == listing.src_uri else f" ({listing.src_uri})"
    return (f"{src_uri}: your page is used instead of the generated page "
            f"'{listing.title}'{where}")


STYLESHEET_URI = "assets/blogposts/blogposts.css"
_STYLESHEET = Path(__file__).parent / "assets" / "blogposts.css"


def add_stylesheet(files: Files, config: MkDocsConfig) -> None:
    """Ship the blog's small stylesheet, unless the user has a file at the same path."""
    if files.get_file_from_path(STYLESHEET_URI) is None:
        files.append(File.generated(config, STYLESHEET_URI,
                                    content=_STYLESHEET.read_text(encoding="utf-8")))


def add_redirect_files(redirects: Iterable[Redirect], files: Files, config: MkDocsConfig,
                       render: Callable[[Redirect], str]) -> None:
    """Append each redirect as a generated HTML file: MkDocs copies it into site_dir."""
    for redirect in redirects:
        files.append(File.generated(config, redirect.path, content=render(redirect),
                                    inclusion=InclusionLevel.INCLUDED))


def drop_template_overrides(files: Files, theme_dirs: Sequence[str]) -> None:
    """Leave out of the site the user's overrides of our templates (custom_dir/blogposts/...).

    MkDocs copies a theme folder's non-HTML files into the site, so an overridden feed
    template would otherwise be published raw at site/blogposts/feeds/atom.xml.
    """
    for file in list(files):
        if file.src_uri.startswith("blogposts/") and file.src_dir in theme_dirs:
            files.remove(file)


def write_outputs(site_dir: str, documents: Mapping[str, str]) -> None:
    """Write files MkDocs does not write (feeds) into site_dir, by their path under it."""
    for path, text in documents.items():
        target = Path(site_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
