"""The `mkdocs-blogposts` command: write a new post, list the posts, check them, import a
Hugo or Jekyll site."""

from __future__ import annotations

import argparse
import logging
import posixpath
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import frontmatter as yaml_front_matter  # python-frontmatter, not our .frontmatter
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.files import Files, get_files

from .collect import FrontMatterCache, collect_posts
from .config import BlogpostsConfig
from .dates import DateError, date_from_filename, parse_date_string
from .importer import ImportProblem, run_import
from .languages import language_tag, theme_language
from .model import Post, Status
from .permalinks import post_path
from .post_reader import PostSettings, post_from_front_matter, post_settings
from .slugs import SLUG_BYTES, fit_slug, segment_problem, slugify

PLUGIN_LOGGER = "mkdocs.plugins.mkdocs_blogposts"


class CommandError(Exception):
    """A problem that stops the command; the message is printed as it is."""


@dataclass
class Project:
    """A site's configuration as MkDocs loads it, and its blog options."""

    config: MkDocsConfig
    options: BlogpostsConfig
    plugin_name: str

    @property
    def default_lang(self) -> str:
        """The language of posts that do not say theirs, as the plugin decides it."""
        return self.options.default_lang or theme_language(self.config.theme)

    def settings(self) -> PostSettings:
        """How the plugin reads posts in a build started now."""
        return post_settings(self.options, self.default_lang, datetime.now(timezone.utc))

    def files(self) -> Files:
        """The files of docs_dir, read the way MkDocs reads them."""
        return get_files(self.config)

    def display(self, src_uri: str) -> str:
        """A file of docs_dir as a path to show: relative to the current folder when inside it."""
        path = Path(self.config.docs_dir, src_uri)
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)


def load_site(config_file: str | None) -> Project:
    """Load mkdocs.yml with MkDocs (so plugin options are validated) and find our options."""
    shown = config_file or "mkdocs.yml"
    try:
        config = load_config(config_file)
    except (Abort, ConfigurationError) as error:  # the reasons were logged just before
        # YAML errors span lines ('in "mkdocs.yml", line 2'): the command prints one.
        raise CommandError(f"cannot load {shown}: {' '.join(str(error).split())}") from None
    except OSError as error:  # a folder, or a file this user may not read
        raise CommandError(f"cannot read {shown}: {error.strerror or error}") from None
    for plugin_name, plugin in config.plugins.items():
        if isinstance(plugin.config, BlogpostsConfig):
            return Project(config, plugin.config, plugin_name)
    name = config.config_file_path or config_file or "mkdocs.yml"
    raise CommandError(f"{name} does not enable the plugin: add 'blogposts' under 'plugins:'")


def find_posts(site: Project) -> tuple[list[Post], list[str]]:
    """The posts of the site, newest first, and the problems found reading them."""
    found = collect_posts(site.files(), site.options.match, site.settings(), FrontMatterCache())
    return sorted(found.posts, key=lambda post: post.sort_key), found.warnings


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Collect the plugin's warnings instead of printing them."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage().removeprefix("mkdocs_blogposts: "))

    logger = logging.getLogger(PLUGIN_LOGGER)
    handler, propagate = Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def command_check(site: Project, args: argparse.Namespace) -> int:
    """Run the plugin's own reading and planning, and print every warning a build would give."""
    files = site.files()
    posts, _ = find_posts(site)
    with captured_warnings() as messages:
        # The first events of a build, run by MkDocs' own plugin collection, as `mkdocs
        # build` runs them: every warning the build would give about the blog.
        plugins = site.config.plugins
        plugins.on_startup(command="build", dirty=False)
        config = plugins.on_config(site.config)
        files = plugins.on_files(files, config=config)
    for message in messages:
        head, sep, rest = message.partition(": ")
        shown = site.display(head) if sep and head in files.src_uris else head
        print(f"{shown}{sep}{rest}")
    count = len(posts)
    summary = f"posts checked: {count}; problems: {len(messages)}"
    print(summary, file=sys.stderr if messages else sys.stdout)
    return 1 if messages else 0


def command_list(site: Project, args: argparse.Namespace) -> int:
    """Print the posts as a table: date, language, status, path, title."""
    posts, problems = find_posts(site)
    lang = language_tag(args.lang) if args.lang else None
    if args.lang and lang is None:
        raise CommandError(f"--lang must be a language code such as 'fr', got {args.lang!r}")
    rows = [("DATE", "LANG", "STATUS", "PATH", "TITLE")] + [
        (post.date.strftime("%Y-%m-%d"), post.lang, post.status.value,
         site.display(post.src_uri), post.title)
        for post in posts
        if (lang is None or post.lang.lower() == lang.lower())
        and (args.status is None or post.status.value == args.status)
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4])
    if problems:
        print(f"problems found: {len(problems)}; 'mkdocs-blogposts check' lists them",
              file=sys.stderr)
    return 0


def new_post_meta(site: Project, args: argparse.Namespace) -> dict[str, Any]:
    """The front matter of a new post, in the reference format."""
    lang = language_tag(args.lang) if args.lang else None
    if args.lang and lang is None:
        raise CommandError(f"--lang must be a language code such as 'fr', got {args.lang!r}")
    zone = ZoneInfo(site.options.timezone)
    try:
        date = parse_date_string(args.date, zone) if args.date else datetime.now(zone)
    except DateError as error:
        raise CommandError(f"--date {error}") from None
    # isoformat, not strftime('%Y'): the year 999 must stay '0999', as the user typed it.
    meta: dict[str, Any] = {"title": args.title, "date": date.date().isoformat()}
    if args.date and len(args.date.strip()) > len("2024-05-01"):
        meta["date"] = date.isoformat()
    if args.section:
        meta["section"] = args.section
    meta["lang"] = lang or site.default_lang
    for key, values in site.options.match.items():
        meta[key] = values[0]
    tags = [tag.strip() for value in args.tags or [] for tag in value.split(",") if tag.strip()]
    if tags:
        meta["tags"] = tags
    if args.slug and (problem := segment_problem(args.slug.strip(), SLUG_BYTES)):
        raise CommandError(f"--slug {problem}")
    fitted, problem = fit_slug(slugify(args.title))
    if args.slug or problem:  # a title too long for a file name gets a slug that fits
        meta["slug"] = args.slug or fitted
    if args.draft:
        meta["draft"] = True
    return meta


def new_post_path(site: Project, meta: dict[str, Any], post: Post, posts: Sequence[Post]) -> str:
    """Where a new post goes, as a path in docs_dir.

    With `post_url`, the docs mirror the URL; a site of Jekyll-style files
    ('2024-05-01-hello.md') gets one more, next to its newest; otherwise
    '<section or posts>/<yyyy>/<mm>/<slug>/index.md', the reference layout.
    """
    if site.options.post_url:
        path = post_path(site.options.post_url, post, site.default_lang)
        return path + "index.md" if path.endswith("/") else posixpath.splitext(path)[0] + ".md"
    dated = [p for p in posts if date_from_filename(posixpath.basename(p.src_uri), ZoneInfo("UTC"))]
    if posts and len(dated) * 2 > len(posts):
        folder = posixpath.dirname(dated[0].src_uri)
        name = f"{post.date.date().isoformat()}-{post.slug}.md"
        return posixpath.join(folder, name) if folder else name
    section = slugify(str(meta.get("section") or "")) or "posts"
    return f"{section}/{post.date.year:04d}/{post.date:%m}/{post.slug}/index.md"


def command_new(site: Project, args: argparse.Namespace) -> int:
    """Write a new post where the site's layout puts it, and print its path."""
    meta = new_post_meta(site, args)
    settings = site.settings()
    section = slugify(str(meta.get("section") or "")) or "posts"
    draft, messages = post_from_front_matter(f"{section}/new/index.md", meta, settings)
    if draft is None or messages:
        raise CommandError("; ".join(messages) or "the new post's front matter is not valid")
    posts, _ = find_posts(site)
    src_uri = new_post_path(site, meta, draft, posts)
    path = Path(site.config.docs_dir, src_uri)
    document = yaml_front_matter.Post("")
    document.metadata.update(meta)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as output:
            output.write(yaml_front_matter.dumps(document, sort_keys=False) + "\n\n")
    except FileExistsError:
        raise CommandError(f"{site.display(src_uri)} already exists; choose another title "
                           f"or give --slug") from None
    except OSError as error:  # a read-only docs folder, a file where a folder must go
        raise CommandError(f"cannot write {site.display(src_uri)}: "
                           f"{error.strerror or error}") from None
    print(site.display(src_uri))
    if draft.status.is_preview:
        print(f"note: a {draft.status.value} post is listed by 'mkdocs serve' only, not by "
              f"'mkdocs build'", file=sys.stderr)
    return 0


def command_import(args: argparse.Namespace) -> int:
    """Import a Hugo or Jekyll site, then print the report."""
    try:
        report = run_import(args.engine, args.src, args.dest)
    except ImportProblem as error:
        raise CommandError(str(error)) from None
    print(f"Imported the {args.engine} site {args.src} into {args.dest}")
    print("\n".join(report.lines()))
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: `new`, `list` and `check`, each reading mkdocs.yml; `import`."""
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("-f", "--config-file", metavar="FILE",
                        help="the site's MkDocs configuration (default: ./mkdocs.yml)")
    main = argparse.ArgumentParser(prog="mkdocs-blogposts",
                                   description="Write, list and check the posts of a site.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser("new", parents=[config], help="write a new post")
    new.add_argument("title")
    new.add_argument("--lang", help="language code, such as fr (default: the blog's)")
    new.add_argument("--section", help="front matter 'section', such as papa")
    new.add_argument("--date", help="2024-05-01 or 2024-05-01T09:30:00+02:00 (default: today)")
    new.add_argument("--tags", action="append", help="comma-separated; may be repeated")
    new.add_argument("--slug", help="URL segment (default: from the title)")
    new.add_argument("--draft", action="store_true", help="write 'draft: true'")
    new.set_defaults(run=command_new)
    listing = commands.add_parser("list", parents=[config], help="print the posts as a table")
    listing.add_argument("--lang", help="only posts in this language")
    listing.add_argument("--status", choices=[status.value for status in Status])
    listing.set_defaults(run=command_list)
    check = commands.add_parser("check", parents=[config],
                                help="report every problem a build would warn about")
    check.set_defaults(run=command_check)
    imports = commands.add_parser("import", help="copy a Hugo or Jekyll site into a new MkDocs "
                                  "blog (SRC is only read)")
    imports.add_argument("engine", choices=["hugo", "jekyll"])
    imports.add_argument("src", type=Path, help="the Hugo or Jekyll site's folder")
    imports.add_argument("dest", type=Path, help="a new or empty folder for the MkDocs site")
    imports.set_defaults(run=command_import)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit status 0 on success, 1 on a problem."""
    args = parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        if args.command == "import":  # there is no mkdocs.yml yet
            return command_import(args)
        return int(args.run(load_site(args.config_file), args))
    except CommandError as error:
        print(f"mkdocs-blogposts {args.command}: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `mkdocs-blogposts list | head`: the reader has seen enough
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover - `python -m mkdocs_blogposts.cli`
    sys.exit(main())
