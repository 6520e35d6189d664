"""Time MkDocs builds with no blog plugin, with blogposts and with Material's blog plugin.

For each site (generated blogs of N posts, and the borisschapira corpus) and each theme,
the three builds run in alternation (floor, ours, Material, floor, ours, ...), each in a
fresh `python -m mkdocs build` process. Wall time is measured around the process and
peak memory is its own `ru_maxrss` (from `os.wait4`, so one build's peak is never mixed
with another's). Medians and ratios are printed as Markdown and written to results.md.

    python benchmarks/run.py                               # the full run (tens of minutes)
    python benchmarks/run.py --sizes 300 --themes mkdocs --repeats 1 --no-rebuild   # quick
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO / "tests" / "data" / "corpus" / "borisschapira" / "content"
CORPUS_SECTIONS = ("default", "papa", "citoyen")
VARIANTS = ("floor", "equal", "ours", "lean", "material")
LABELS = {"floor": "floor (no blog plugin)", "equal": "equal-pages floor", "ours": "blogposts",
          "lean": "blogposts, lean nav", "material": "Material blog"}
# The "lean" variant: blogposts with only each language's index and archive in the nav.
# Every nav entry is drawn on every page, so this shows what the years in the nav cost.
LEAN_OPTIONS = {"nav_entries": ["index", "archive"]}
SERVE_URL = "http://127.0.0.1:8000/"
# The Markdown extensions Material's documentation sets up, for --extensions: MkDocs sets up a
# converter with all of them for every page it converts.
USUAL_EXTENSIONS: list[Any] = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    {"toc": {"permalink": True}}, "pymdownx.betterem", "pymdownx.caret", "pymdownx.details",
    "pymdownx.emoji", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys",
    "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed",
    "pymdownx.tasklist", "pymdownx.tilde",
]

sys.path.insert(0, str(HERE))
from equal_pages_hooks import MANIFEST  # noqa: E402
from generate import write_blog  # noqa: E402


@dataclass
class Sample:
    """One build: what was built and what it cost."""

    site: str
    theme: str
    variant: str
    seconds: float
    peak_mib: float
    cpu: float = 0.0
    ok: bool = True
    error: str = ""


@dataclass
class Rebuild:
    """A `mkdocs serve`-like first build and rebuild after one post changed, in one process."""

    site: str
    theme: str
    variant: str
    first: float
    rebuild: float
    rebuild_cpu: float = 0.0
    ok: bool = True
    error: str = ""


@dataclass
class Check:
    """How close the equal-pages floor's output is to blogposts' (same build settings)."""

    site: str
    theme: str
    files: int
    identical: int
    same_body: int
    missing: list[str]
    extra: list[str]
    examples: list[str]


@dataclass
class Site:
    """A site to build: where its docs are, and one post to touch for rebuilds."""

    name: str
    docs: Path
    material_docs: Path | None
    not_in_nav: str
    post: Path
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- preparing sites

def prepare_generated(count: int, workdir: Path, seed: int) -> Site:
    """Write a generated blog of `count` posts (both variants) under `workdir`."""
    root = workdir / f"n{count}"
    posts = write_blog(root, count, seed)
    return Site(str(count), root / "docs", root / "docs-material", "/blog/posts/\n",
                root / "docs" / posts[len(posts) // 2].src_uri,
                {"site_url": "https://example.org/"})  # feeds need absolute URLs


def prepare_corpus(workdir: Path) -> Site:
    """Copy the corpus (rebuilds edit one of its posts, and shared/ is read-only)."""
    docs = workdir / "corpus" / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(CORPUS, docs)
    patterns = "".join(f"/{section}/\n" for section in CORPUS_SECTIONS)
    # One Jekyll tag in a link is the corpus' only MkDocs warning: keep the log quiet.
    extra = {"site_url": "https://borisschapira.com/",
             "validation": {"links": {"not_found": "info"}}}
    return Site("corpus", docs, None, patterns,
                docs / "default" / "2016" / "04" / "confiance" / "index.md", extra)


def write_config(site: Site, theme: str, variant: str, workdir: Path, search: bool,
                 extensions: bool = False, capture: Path | None = None,
                 name: str | None = None) -> Path | None:
    """The mkdocs.yml of one build, or None where that variant cannot build the site.

    `capture`: for "ours", a capture build writing there; for "equal", the capture to replay.
    """
    if variant == "material" and (theme != "material" or site.material_docs is None):
        return None
    if variant == "equal" and capture is None:
        return None
    name = name or f"{site.name}-{theme}-{variant}"
    plugins = ["search"] if search else []
    settings: dict[str, Any] = {
        "site_name": f"Benchmark {site.name}",
        "docs_dir": str(site.material_docs if variant == "material" else site.docs),
        "site_dir": str(workdir / "site" / name),
        "theme": {"name": theme, "language" if theme == "material" else "locale": "fr"},
        **site.extra,
    }
    if extensions:
        settings["markdown_extensions"] = USUAL_EXTENSIONS
    if variant == "floor":
        settings["plugins"] = plugins
        settings["not_in_nav"] = site.not_in_nav
    elif variant == "equal":
        assert capture is not None
        manifest = json.loads((capture / MANIFEST).read_text(encoding="utf-8"))
        settings["plugins"] = plugins
        settings["not_in_nav"] = site.not_in_nav
        settings["nav"] = manifest["nav"]
        settings["extra_css"] = manifest["extra_css"]
        settings["hooks"] = [str(write_hook(workdir, name, "replay_hooks", capture))]
    elif variant == "ours":
        settings["plugins"] = [*plugins, "blogposts"]
        if capture is not None:
            settings["hooks"] = [str(write_hook(workdir, name, "capture_hooks", capture))]
    elif variant == "lean":
        settings["plugins"] = [*plugins, {"blogposts": LEAN_OPTIONS}]
    else:
        settings["plugins"] = [*plugins, "material/blog"]
    path = workdir / "config" / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


def write_hook(workdir: Path, name: str, maker: str, capture: Path) -> Path:
    """A site's hooks file: the functions `maker` of equal_pages_hooks.py makes for `capture`."""
    path = workdir / "config" / f"{name}-hooks.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        f"from equal_pages_hooks import {maker}\n\n"
        f"globals().update({maker}({str(capture)!r}))\n", encoding="utf-8")
    return path


def site_files(root: Path) -> dict[str, Path]:
    """Every file under `root`, by its POSIX path relative to it."""
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


BUILD_DATE = re.compile(rb"Build Date UTC : [^\n]*")  # the mkdocs theme's home page says when


def without_head(text: bytes) -> bytes:
    """An HTML page without its <html> tag, <head> and build date: what the plugin's head
    edits and the clock change."""
    text = BUILD_DATE.sub(b"", text)
    start, end = text.find(b"<head"), text.find(b"</head>")
    if start < 0 or end < 0:
        return text
    opening = text.rfind(b"<html", 0, start)
    return text[: max(opening, 0)] + text[end:]


def compare_floor(ours: Path, equal: Path, site: str, theme: str) -> Check:
    """Compare the equal-pages floor's site with blogposts' site, file by file."""
    mine, theirs = site_files(ours), site_files(equal)
    identical = same_body = 0
    examples: list[str] = []
    for relative, path in sorted(mine.items()):
        other = theirs.get(relative)
        if other is None:
            continue
        a, b = path.read_bytes(), other.read_bytes()
        if a == b:
            identical += 1
            same_body += 1
        elif without_head(a) == without_head(b):
            same_body += 1
        elif len(examples) < 5:
            examples.append(relative)
    return Check(site, theme, len(mine), identical, same_body,
                 sorted(set(mine) - set(theirs))[:5], sorted(set(theirs) - set(mine))[:5],
                 examples)


def capture_build(site: Site, theme: str, args: argparse.Namespace) -> tuple[Path, Path] | None:
    """Build the site with blogposts and the capture hooks; return the capture and its site."""
    name = f"{site.name}-{theme}-capture"
    capture = args.workdir / "capture" / f"{site.name}-{theme}"
    config = write_config(site, theme, "ours", args.workdir, args.search, args.extensions,
                          capture=capture, name=name)
    assert config is not None
    site_dir = args.workdir / "site" / name
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]
    seconds, _, _, code, tail = run_child(command, args.timeout)
    progress(f"{site.name} {theme} capture: {seconds:.2f} s" + ("" if code == 0 else
                                                                 f" FAILED: {tail}"))
    return (capture, site_dir) if code == 0 else None


# ---------------------------------------------------------------- measuring

def child_env() -> dict[str, str]:
    """The environment of a build: Material's MkDocs 2 banner off, and modules' bytecode
    kept (in a folder of its own) as on a user's machine: with PYTHONDONTWRITEBYTECODE set,
    as here, each build compiled the plugin's modules again (0.08 s of CPU, 1 MB)."""
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "NO_MKDOCS_2_WARNING": "1",
            "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "blogposts-bench-pycache")}


def run_child(command: list[str], timeout: float) -> tuple[float, float, float, int, str]:
    """Run one process; return wall seconds, its peak RSS in MiB, its CPU seconds (user and
    system), exit code and stderr tail."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err,
                                   env=child_env(), cwd=REPO)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024, cpu, process.returncode, " | ".join(tail)


def measure_build(config: Path, site: str, theme: str, variant: str, timeout: float,
                  keep: bool = False) -> Sample:
    """One `python -m mkdocs build` in a fresh process (its site is removed unless `keep`)."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    shutil.rmtree(settings["site_dir"], ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]
    seconds, peak, cpu, code, tail = run_child(command, timeout)
    if not keep:
        shutil.rmtree(settings["site_dir"], ignore_errors=True)
    return Sample(site, theme, variant, seconds, peak, cpu, code == 0, "" if code == 0 else tail)


def measure_rebuild(config: Path, post: Path, site: str, theme: str, variant: str,
                    timeout: float) -> Rebuild:
    """A serve-like build then rebuild, in a fresh process running this script's child mode."""
    command = [sys.executable, str(Path(__file__).resolve()), "--rebuild-child", str(config),
               str(post)]
    with tempfile.TemporaryFile() as out:
        process = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=child_env(),
                                 cwd=REPO, timeout=timeout, check=False)
        out.seek(0)
        lines = out.read().decode().strip().splitlines()
    if process.returncode != 0 or not lines:
        tail = " | ".join(process.stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
        return Rebuild(site, theme, variant, 0.0, 0.0, 0.0, False, tail)
    times = json.loads(lines[-1])
    return Rebuild(site, theme, variant, times["first"], times["rebuild"], times["rebuild_cpu"])


def rebuild_child(config_file: str, post: str) -> None:
    """Do what `mkdocs serve` does: one config, on_startup once, then a build per change."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="bench-serve-")

    def get_config() -> Any:
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    path = Path(post)
    original = path.read_bytes()
    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL)
        first = time.perf_counter() - start
        path.write_bytes(original + b"\n\nUne phrase de plus, pour la reconstruction.\n")
        start, cpu = time.perf_counter(), time.process_time()
        build(get_config(), serve_url=SERVE_URL)  # serve's builder loads the config again
        rebuild, rebuild_cpu = time.perf_counter() - start, time.process_time() - cpu
        config.plugins.on_shutdown()
    finally:
        path.write_bytes(original)
        shutil.rmtree(site_dir, ignore_errors=True)
    print(json.dumps({"first": first, "rebuild": rebuild, "rebuild_cpu": rebuild_cpu}))


# ---------------------------------------------------------------- reporting

def median(values: list[float]) -> float | None:
    """The median, or None when nothing was measured."""
    return statistics.median(values) if values else None


def fmt(value: float | None, digits: int = 2) -> str:
    """A number for the table, or 'n/a'."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def ratio(top: float | None, bottom: float | None) -> str:
    """top / bottom for the table, or 'n/a'."""
    return "n/a" if top is None or not bottom else f"{top / bottom:.2f}"


def by_site(items: list[Any]) -> dict[tuple[str, str], list[Any]]:
    """Successful samples or rebuilds grouped by (site, theme), in the order measured."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for item in items:
        groups.setdefault((item.site, item.theme), [])
        if item.ok:
            groups[(item.site, item.theme)].append(item)
    return groups


def medians(items: list[Any], attribute: str) -> dict[str, float | None]:
    """The median of `attribute` for each variant."""
    return {v: median([getattr(i, attribute) for i in items if i.variant == v])
            for v in VARIANTS}


def label(site: str) -> str:
    """'300 posts' or 'corpus'."""
    return f"{site} posts" if site.isdigit() else site


def markdown_table(header: list[str], items: list[Any],
                   row: Callable[[list[Any]], list[str] | None]) -> str:
    """A Markdown table: site, theme, then `row` of each site's items (None leaves it out)."""
    lines = ["| " + " | ".join(["site", "theme", *header]) + " |", "|---" * (len(header) + 2) + "|"]
    for (site, theme), mine in by_site(items).items():
        cells = row(mine)
        if cells is not None:
            lines.append("| " + " | ".join([label(site), theme, *cells]) + " |")
    return "\n".join(lines)


def runs_of(items: list[Any]) -> str:
    """How many of `items` measured the plugin with default options."""
    return str(len([item for item in items if item.variant == "ours"]))


def build_table(samples: list[Sample]) -> str:
    """Medians of time and peak memory per site and theme, with the ratios that matter."""
    def row(mine: list[Sample]) -> list[str]:
        time_of, mem_of = medians(mine, "seconds"), medians(mine, "peak_mib")
        return [runs_of(mine), fmt(time_of["floor"]), fmt(time_of["ours"]),
                fmt(time_of["material"]), ratio(time_of["ours"], time_of["floor"]),
                ratio(time_of["ours"], time_of["material"]), fmt(mem_of["floor"], 0),
                fmt(mem_of["ours"], 0), fmt(mem_of["material"], 0),
                ratio(mem_of["ours"], mem_of["floor"]), ratio(mem_of["ours"], mem_of["material"])]

    return markdown_table(["runs", "floor s", "blogposts s", "Material s", "b/a time",
                           "b/c time", "floor MiB", "blogposts MiB", "Material MiB", "b/a mem",
                           "b/c mem"], samples, row)


def lean_table(samples: list[Sample]) -> str:
    """The lean-nav variant (b') against the floor and Material's plugin."""
    def row(mine: list[Sample]) -> list[str] | None:
        time_of, mem_of = medians(mine, "seconds"), medians(mine, "peak_mib")
        if time_of["lean"] is None:
            return None
        return [fmt(time_of["floor"]), fmt(time_of["lean"]),
                ratio(time_of["lean"], time_of["floor"]),
                ratio(time_of["lean"], time_of["material"]), fmt(mem_of["floor"], 0),
                fmt(mem_of["lean"], 0), ratio(mem_of["lean"], mem_of["floor"]),
                ratio(mem_of["lean"], mem_of["material"])]

    return markdown_table(["floor s", "lean s", "b'/a time", "b'/c time", "floor MiB",
                           "lean MiB", "b'/a mem", "b'/c mem"], samples, row)


def cpu_table(samples: list[Sample]) -> str:
    """Medians of CPU time (user + system): less disturbed by other work on the machine."""
    def row(mine: list[Sample]) -> list[str]:
        of = medians(mine, "cpu")
        return [fmt(of["floor"]), fmt(of["ours"]), fmt(of["material"]),
                ratio(of["ours"], of["floor"]), ratio(of["ours"], of["material"])]

    return markdown_table(["floor CPU s", "blogposts CPU s", "Material CPU s", "b/a CPU",
                           "b/c CPU"], samples, row)


def rebuild_table(rebuilds: list[Rebuild]) -> str:
    """Medians of the serve-like rebuild after one post changed."""
    def row(mine: list[Rebuild]) -> list[str]:
        of, cpu = medians(mine, "rebuild"), medians(mine, "rebuild_cpu")
        return [runs_of(mine), fmt(of["floor"]), fmt(of["ours"]), fmt(of["material"]),
                ratio(of["ours"], of["floor"]), ratio(cpu["ours"], cpu["floor"]),
                fmt(of["lean"]), ratio(of["lean"], of["floor"])]

    return markdown_table(["runs", "floor rebuild s", "blogposts rebuild s",
                           "Material rebuild s", "b/a rebuild", "b/a rebuild CPU",
                           "lean rebuild s", "b'/a rebuild"], rebuilds, row)


def equal_table(samples: list[Sample]) -> str:
    """blogposts against the equal-pages floor, in wall time, CPU time and peak memory."""
    def row(mine: list[Sample]) -> list[str] | None:
        wall, cpu, mem = (medians(mine, a) for a in ("seconds", "cpu", "peak_mib"))
        if wall["equal"] is None:
            return None
        return [str(len([s for s in mine if s.variant == "equal"])), fmt(wall["floor"]),
                fmt(wall["equal"]), fmt(wall["ours"]), fmt(wall["material"]),
                ratio(wall["ours"], wall["equal"]), fmt(cpu["equal"]), fmt(cpu["ours"]),
                ratio(cpu["ours"], cpu["equal"]), fmt(mem["equal"], 0), fmt(mem["ours"], 0),
                ratio(mem["ours"], mem["equal"]), ratio(wall["equal"], wall["floor"])]

    return markdown_table(["runs", "floor s", "equal s", "blogposts s", "Material s",
                           "b/e time", "equal CPU s", "blogposts CPU s", "b/e CPU",
                           "equal MiB", "blogposts MiB", "b/e mem", "e/a time"], samples, row)


def check_lines(checks: list[Check]) -> list[str]:
    """One line per site and theme: how equal the equal-pages floor's output is."""
    return [f"- {label(c.site)}, {c.theme}: {c.same_body} of {c.files} files equal to "
            f"blogposts' outside `<html>`/`<head>` ({c.identical} byte-identical)"
            + (f"; differing: {', '.join(c.examples)}" if c.examples else "")
            + (f"; missing: {', '.join(c.missing)}" if c.missing else "")
            + (f"; extra: {', '.join(c.extra)}" if c.extra else "") for c in checks]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` prints them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, else what platform says."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def version(package: str) -> str:
    """An installed distribution's version."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def commit() -> str:
    """The work tree's commit, marked when it has uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                              check=False).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" (with uncommitted changes)" if git("status", "--porcelain",
                                                         "mkdocs_blogposts") else "")


def machine() -> str:
    """One paragraph saying where and with what the numbers were measured."""
    return (
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {cpu_model()}, "
        f"{os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"mkdocs-material {version('mkdocs-material')}, Markdown {version('markdown')}; "
        f"mkdocs-blogposts at commit {commit()}."
    )


def report(samples: list[Sample], rebuilds: list[Rebuild], args: argparse.Namespace,
           checks: list[Check] | None = None) -> str:
    """The Markdown written to results.md."""
    failures = [s for s in samples if not s.ok] + [r for r in rebuilds if not r.ok]
    parts = [
        "# Benchmark results",
        "",
        machine(),
        "",
        f"Load averages (1, 5, 15 min): {args.load_before} before the run, "
        f"{load_average()} after (2 cores shared with other work: wall times are "
        "stretched by it, CPU times much less).",
        "",
        f"Command: `python benchmarks/run.py {' '.join(sys.argv[1:])}`".rstrip(),
        "",
        "Medians of wall time (whole `mkdocs build` process) and peak resident memory; "
        "a = floor (MkDocs, no blog plugin, posts kept out of the nav), b = blogposts with "
        "default options, c = Material's blog plugin on the same posts (Material theme "
        "only; it cannot read the corpus: posts outside `blog/posts`, quoted dates). "
        f"Builds alternate a, e, b, b', c (the variants run); generated sites use seed {args.seed}"
        + (", with the search plugin in every build" if args.search else
           ", without the search plugin")
        + (", with Material's usual Markdown extensions." if args.extensions else "."),
        "",
        build_table(samples),
        "",
        f"b' = blogposts with `nav_entries: {LEAN_OPTIONS['nav_entries']}` (the years left "
        "out of the nav; every nav entry is drawn on every page of the site):",
        "",
        lean_table(samples),
        "",
        "CPU time of the same builds (user + system, medians): other work on the machine "
        "stretches wall time much more than CPU time.",
        "",
        cpu_table(samples),
    ]
    if any(s.variant == "equal" for s in samples):
        parts += [
            "", "## Against the equal-pages floor", "",
            "e = the equal-pages floor: MkDocs and the theme drawing the same pages and the "
            "same nav as b, with no blog logic. A blogposts build is captured first (its "
            "generated files, nav, every post's and generated page's HTML as handed to the "
            "theme, the feeds), then replayed by hooks (`benchmarks/equal_pages_hooks.py`): "
            "generated pages as `File.generated` with the same src_uris and no Markdown "
            "conversion, posts converted as usual, each page's captured HTML swapped in "
            "just before the theme draws it (`on_page_context`) and released after, as the "
            "plugin does; the same nav as an explicit `nav:` (posts `not_in_nav`), the "
            "unpublished posts excluded, feeds copied as static files. b/e is what the plugin "
            "costs above that limit; e/a what the blog's pages and nav cost MkDocs and the "
            "theme themselves.",
            "", equal_table(samples), "",
            "Output of e against b (the plugin's `<head>` edits, page language and "
            "alternate links, are blog logic the floor leaves out):", "",
            *check_lines(checks or [])]
    if rebuilds:
        parts += ["", "Serve-like rebuild (one process, `on_startup` once, one post edited, "
                  "config reloaded, second build timed):", "", rebuild_table(rebuilds)]
    if failures:
        parts += ["", "Failed builds:", ""]
        parts += [f"- {f.site} {f.theme} {f.variant}: {f.error}" for f in failures]
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- the run

def parse_args() -> argparse.Namespace:
    """Command line options: what to build, how often, where to write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000,10000,corpus",
                        help="comma-separated post counts, and/or 'corpus'")
    parser.add_argument("--themes", default="mkdocs,material")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help="which of floor,equal,ours,lean,material to build")
    parser.add_argument("--repeats", type=int, default=5, help="builds of each variant")
    parser.add_argument("--repeats-large", type=int, default=2,
                        help="builds of each variant for sizes of --large posts or more")
    parser.add_argument("--large", type=int, default=3000)
    parser.add_argument("--rebuild-sites", default="corpus",
                        help="sites to measure serve-like rebuilds on ('' for none)")
    parser.add_argument("--no-rebuild", action="store_true", help="same as --rebuild-sites ''")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search", action="store_true", help="add the search plugin everywhere")
    parser.add_argument("--extensions", action="store_true",
                        help="add the Markdown extensions of Material's documentation everywhere")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds for one build")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "blogposts-bench")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--rebuild-child", nargs=2, metavar=("CONFIG", "POST"),
                        help=argparse.SUPPRESS)
    return parser.parse_args()


def progress(text: str) -> None:
    """One line on stderr, so a run in the background can be followed."""
    print(f"[{datetime.now(timezone.utc):%H:%M:%S}] {text}", file=sys.stderr, flush=True)


def prepare(name: str, args: argparse.Namespace) -> Site:
    """The site called `name`: 'corpus' or a number of posts."""
    if name == "corpus":
        return prepare_corpus(args.workdir)
    return prepare_generated(int(name), args.workdir, args.seed)


def save(samples: list[Sample], rebuilds: list[Rebuild], args: argparse.Namespace,
         checks: list[Check] | None = None) -> str:
    """Write results.md and the raw samples beside it; return the Markdown."""
    text = report(samples, rebuilds, args, checks)
    args.output.write_text(text, encoding="utf-8")
    raw = {"samples": [asdict(s) for s in samples], "rebuilds": [asdict(r) for r in rebuilds],
           "checks": [asdict(c) for c in checks or []],
           "load": {"before": args.load_before, "after": load_average()}}
    args.output.with_suffix(".json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return text


def run_site(site: Site, args: argparse.Namespace, samples: list[Sample],
             rebuilds: list[Rebuild], checks: list[Check]) -> None:
    """Every build of one site: each theme, variants in alternation, then the rebuilds.

    The equal-pages floor replays a capture of a blogposts build made first (untimed); its
    first build's site is compared with the capture's.
    """
    variants = args.variants.split(",")
    repeats = args.repeats_large if site.name.isdigit() and int(site.name) >= args.large \
        else args.repeats
    rebuild_sites = [] if args.no_rebuild else args.rebuild_sites.split(",")
    for theme in args.themes.split(","):
        captured = capture_build(site, theme, args) if "equal" in variants else None
        configs = {v: write_config(site, theme, v, args.workdir, args.search, args.extensions,
                                   capture=captured[0] if captured and v == "equal" else None)
                   for v in variants}
        for round_number in range(1, repeats + 1):
            for variant, config in configs.items():
                if config is None:
                    continue
                first_equal = variant == "equal" and round_number == 1 and captured is not None
                sample = measure_build(config, site.name, theme, variant, args.timeout,
                                       keep=first_equal)
                if first_equal and captured is not None:
                    equal_site = args.workdir / "site" / f"{site.name}-{theme}-equal"
                    check = compare_floor(captured[1], equal_site, site.name, theme)
                    checks.append(check)
                    progress(f"{site.name} {theme} equal-pages floor vs blogposts: "
                             f"{check.same_body}/{check.files} files equal outside <head>, "
                             f"{check.identical} identical; differing: {check.examples}, "
                             f"only in b: {check.missing}, only in e: {check.extra}")
                    shutil.rmtree(equal_site, ignore_errors=True)
                    shutil.rmtree(captured[1], ignore_errors=True)
                samples.append(sample)
                progress(f"{site.name} {theme} {variant} #{round_number}: "
                         f"{sample.seconds:.2f} s ({sample.cpu:.2f} s CPU), "
                         f"{sample.peak_mib:.0f} MiB"
                         + ("" if sample.ok else f" FAILED: {sample.error}"))
        if site.name not in rebuild_sites:
            continue
        for round_number in range(1, repeats + 1):
            for variant, config in configs.items():
                if config is None or variant == "equal":  # a replay has nothing to rebuild
                    continue
                post = site.post if variant != "material" or site.material_docs is None else \
                    site.material_docs / site.post.relative_to(site.docs)
                result = measure_rebuild(config, post, site.name, theme, variant, args.timeout)
                rebuilds.append(result)
                progress(f"{site.name} {theme} {variant} rebuild #{round_number}: "
                         f"{result.first:.2f} s then {result.rebuild:.2f} s"
                         + ("" if result.ok else f" FAILED: {result.error}"))


def main() -> None:
    """Prepare each site, build it in alternation, print and save the tables."""
    args = parse_args()
    if args.rebuild_child:
        rebuild_child(*args.rebuild_child)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.load_before = load_average()
    samples: list[Sample] = []
    rebuilds: list[Rebuild] = []
    checks: list[Check] = []
    for name in args.sizes.split(","):
        if name == "corpus" and not CORPUS.is_dir():
            progress(f"skipping the corpus: {CORPUS} does not exist")
            continue
        progress(f"preparing {name}")
        site = prepare(name, args)
        run_site(site, args, samples, rebuilds, checks)
        save(samples, rebuilds, args, checks)  # keep what was measured if a later size stops
    print(save(samples, rebuilds, args, checks))


if __name__ == "__main__":
    main()
