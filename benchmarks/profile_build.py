"""Where one build's CPU time goes: Markdown and theme per kind of page, and each plugin step.

    python benchmarks/profile_build.py path/to/mkdocs.yml [--cprofile build.prof]
    python benchmarks/profile_build.py site/mkdocs.yml --dirty-edit docs/post.md [--change title]

With --dirty-edit, the build measured is the one `mkdocs serve --dirty` runs after that
post's body changed: a first serve build into a temporary folder (not measured), the edit,
then a dirty rebuild with the config loaded again, as serve's builder does.

CPU time (not wall time) is used, so other work on the machine barely changes the split.
Pages are counted as posts, generated listings, or other pages. With --cprofile, the whole
build also runs under cProfile and the plugin's heaviest functions are listed.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import logging
import pstats
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import CombinedEvent

from mkdocs_blogposts import plugin as blog_plugin

PER_PAGE_STEPS = ("on_page_context", "on_post_page")
STEPS = ("on_config", "on_files", "on_nav", "on_env", "on_page_markdown", "on_page_content",
         "on_page_context", "on_post_page", "on_post_build")


class Split:
    """CPU seconds and call counts per category."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: Counter[str] = Counter()
        self.current: Any = None

    def kind(self, page: Any) -> str:
        """'post', 'listing' or 'other', as the plugin sees the page."""
        if page.file.generated_by == "blogposts":
            return "listing"
        plan = getattr(self.current, "plan", None)
        posts = plan.posts if plan is not None else {}
        return "post" if page.file.src_uri in posts else "other"

    def timed(self, name: str, function: Callable[..., Any], per_page: bool = False
              ) -> Callable[..., Any]:
        """`function`, adding its CPU time to `name` (per kind of page for build steps)."""
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                page = kwargs.get("page") or next((a for a in args if hasattr(a, "file")), None)
                key = f"{name} ({self.kind(page)})" if per_page else name
                self.seconds[key] = self.seconds.get(key, 0.0) + time.process_time() - start
                self.calls[key] += 1
        return wrapper


def instrument(split: Split) -> None:
    """Wrap MkDocs' per-page steps and the blog builder's methods with CPU timers."""
    mkdocs_build._populate_page = split.timed(
        "Markdown to HTML", mkdocs_build._populate_page, per_page=True)
    mkdocs_build._build_page = split.timed(
        "theme template", mkdocs_build._build_page, per_page=True)
    mkdocs_utils.write_file = split.timed(
        "of which: writing files", mkdocs_utils.write_file)
    original_init = blog_plugin.BlogpostsPlugin.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        split.current = self

    blog_plugin.BlogpostsPlugin.__init__ = init  # type: ignore[method-assign]
    for step in STEPS:
        if hasattr(blog_plugin.BlogpostsPlugin, step):
            method = getattr(blog_plugin.BlogpostsPlugin, step)
            per_page = step in PER_PAGE_STEPS
            if isinstance(method, CombinedEvent):  # each handler timed, its priority kept
                timed = CombinedEvent(*(split.timed(f"plugin {step}", handler, per_page)
                                        for handler in method.methods))
                setattr(blog_plugin.BlogpostsPlugin, step, timed)
            else:
                setattr(blog_plugin.BlogpostsPlugin, step,
                        split.timed(f"plugin {step}", method, per_page))


SERVE_URL = "http://127.0.0.1:8000/"


def edited(source: bytes, change: str) -> bytes:
    """A post's source after one edit: a line added to its body, or its title changed."""
    if change == "body":
        return source + b"\n\nUne phrase de plus.\n"
    text = source.decode("utf-8")
    head, found, rest = text.partition("\ntitle:")
    if not found:
        raise SystemExit("the post has no 'title:' line in its front matter")
    _, newline, after = rest.partition("\n")
    return f"{head}\ntitle: 'Un autre titre'{newline}{after}".encode()


def first_serve_build(config_file: str, post: Path, change: str = "body"
                      ) -> tuple[Any, Callable[[], None]]:
    """What `mkdocs serve --dirty` does before a rebuild: on_startup, a first build into a
    temporary folder, then the post edited; return the rebuild's config and an undo."""
    site_dir = tempfile.mkdtemp(prefix="profile-serve-")
    original = post.read_bytes()

    def config() -> Any:
        loaded = load_config(config_file, site_dir=site_dir)
        loaded.site_url = SERVE_URL
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build.build(first, serve_url=SERVE_URL, dirty=True)
    time.sleep(0.05)  # a later mtime than the pages just written
    post.write_bytes(edited(original, change))

    def restore() -> None:
        post.write_bytes(original)
        shutil.rmtree(site_dir, ignore_errors=True)

    return config(), restore


def main() -> None:
    """Build once, instrumented, and print the split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", help="the site's mkdocs.yml")
    parser.add_argument("--cprofile", metavar="OUT", help="also write cProfile stats to OUT")
    parser.add_argument("--top", type=int, default=25, help="plugin functions to list")
    parser.add_argument("--dirty-edit", metavar="POST",
                        help="measure the dirty rebuild after appending a line to POST")
    parser.add_argument("--change", choices=("body", "title"), default="body",
                        help="with --dirty-edit: add a line to the body, or change the title")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    split = Split()
    instrument(split)
    config = load_config(args.config)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    restore = None
    if args.dirty_edit:
        config, restore = first_serve_build(args.config, Path(args.dirty_edit), args.change)
        split.seconds.clear()  # only the rebuild is measured
        split.calls.clear()
    profiler = cProfile.Profile() if args.cprofile else None
    start = time.process_time()
    if profiler is not None:
        profiler.enable()
    if restore is None:
        mkdocs_build.build(config)
    else:
        mkdocs_build.build(config, serve_url=SERVE_URL, dirty=True)
    if profiler is not None:
        profiler.disable()
    total = time.process_time() - start
    if restore is not None:
        restore()
        split.seconds.pop("plugin on_startup", None)
    print(f"build: {total:.2f} s CPU (under cProfile: {bool(profiler)}); 'theme template' "
          "includes fill_page and edit_head, 'Markdown to HTML' includes read_post")
    for key, seconds in sorted(split.seconds.items(), key=lambda item: -item[1]):
        print(f"  {key:40s} {seconds:7.2f} s {100 * seconds / total:5.1f} %  "
              f"{split.calls[key]} calls")
    if profiler is not None:
        profiler.dump_stats(args.cprofile)
        stats = pstats.Stats(args.cprofile)
        print("Plugin functions by cumulative CPU time (with what they call):")
        stats.sort_stats("cumulative").print_stats("mkdocs_blogposts", args.top)
        print("Plugin functions by own CPU time:")
        stats.sort_stats("tottime").print_stats("mkdocs_blogposts", args.top)


if __name__ == "__main__":
    main()
