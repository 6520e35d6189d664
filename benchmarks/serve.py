"""Time an edit under a real `mkdocs serve --dirty`; compare what it serves with a clean serve.

For each site (the corpus, generated blogs of N posts) and theme, with blogposts:

1. `python -m mkdocs serve --dirty` starts on a copy of the site; after "Serving on", one
   post's body is edited `--edits` times, and each edit is timed from the write to the
   server's "Reloading browsers" line (MkDocs' own "Documentation built in" figure is kept
   too; the difference is the file watcher's delay).
2. A fresh plain `mkdocs serve` starts on the edited sources; every file either server
   wrote is fetched over HTTP from both (the livereload script's two numbers, which differ
   from one server to another, are blanked) and the differing files are counted.
3. The same edits are timed under that plain `mkdocs serve`, which rebuilds everything.
4. The floor's full `mkdocs build` (no blog plugin) is timed, for the ratio the issue sets.

Each server runs with its own TMPDIR, so the folder it serves from is known; servers are
stopped by their process group id.

    python benchmarks/serve.py --sizes corpus,3000 --themes material --edits 3
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402

LIVERELOAD = re.compile(rb"livereload\(\d+, \d+\)")
EDIT = "\n\nUne phrase de plus, écrite pendant que le serveur tournait ({n}).\n"
TITLE = re.compile(r"^title:.*$", re.MULTILINE)  # the front matter's, the first line of its kind


@dataclass
class ServeResult:
    """One site and theme: edit-to-rebuilt times and how the dirty output differs."""

    site: str
    theme: str
    dirty_first: float = 0.0
    dirty_edits: list[float] = field(default_factory=list)
    dirty_built: list[float] = field(default_factory=list)
    plain_edits: list[float] = field(default_factory=list)
    plain_built: list[float] = field(default_factory=list)
    floor_build: list[float] = field(default_factory=list)
    dirty_cpu: list[float] = field(default_factory=list)
    plain_cpu: list[float] = field(default_factory=list)
    floor_cpu: list[float] = field(default_factory=list)
    files: int = 0
    differing: int = 0
    only_dirty: int = 0
    only_clean: int = 0
    examples: list[str] = field(default_factory=list)
    differing_kinds: dict[str, int] = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)
    error: str = ""


class Server:
    """A `mkdocs serve` process: its log lines with the time each was read, its site folder."""

    def __init__(self, config: Path, workdir: Path, dirty: bool, name: str,
                 port: int | None = None) -> None:
        self.port = port or free_port()
        self.tmp = workdir / "tmp" / name
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}",
                   "-f", str(config), *(["--dirty"] if dirty else [])]
        env = {**run.child_env(), "TMPDIR": str(self.tmp)}
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, env=env, cwd=run.REPO,
                                        start_new_session=True)
        self.lines: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            with self.changed:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace")))
                self.changed.notify_all()

    def wait_for(self, text: str, after: int, timeout: float) -> tuple[int, float]:
        """The index and time of the first log line from `after` on containing `text`."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                for index in range(after, len(self.lines)):
                    if text in self.lines[index][1]:
                        return index, self.lines[index][0]
                left = deadline - time.perf_counter()
                if left <= 0 or self.process.poll() is not None:
                    tail = "".join(line for _, line in self.lines[-5:])
                    raise RuntimeError(f"no {text!r} in the server's log:\n{tail}")
                self.changed.wait(min(left, 0.5))

    def built_seconds(self, after: int, before: int) -> float | None:
        """MkDocs' own "Documentation built in N seconds" figure, between lines `after` and
        `before`; None when MkDocs' log dropped it, as it drops any message it logged before
        (two builds that took as long)."""
        with self.changed:
            lines = [line for _, line in self.lines[after:before]]
        for line in lines:
            found = re.search(r"built in ([\d.]+) seconds", line)
            if found:
                return float(found.group(1))
        return None

    def cpu(self) -> float:
        """CPU seconds (user + system) the server process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def site_dir(self) -> Path:
        """The folder MkDocs builds into: the one mkdtemp made under this server's TMPDIR."""
        folders = [p for p in self.tmp.iterdir() if p.is_dir() and p.name.startswith("mkdocs_")]
        if len(folders) != 1:
            raise RuntimeError(f"expected one mkdocs_* folder in {self.tmp}: {folders}")
        return folders[0]

    def fetch(self, relative: str) -> bytes | None:
        """A served file's bytes (None when the server answers with an error)."""
        url = f"http://127.0.0.1:{self.port}/{relative}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return bytes(response.read())
        except urllib.error.HTTPError:
            return None

    def stop(self) -> None:
        """Stop the server's process group (the server and nothing else)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def free_port() -> int:
    """A loopback port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def edit_post(post: Path, change: str, number: int) -> float:
    """Save one edit of a post: a sentence added to its body, or a new title; when."""
    if change == "body":
        with post.open("a", encoding="utf-8") as stream:
            written = time.perf_counter()
            stream.write(EDIT.format(n=number))
        return written
    text = TITLE.sub(f"title: 'Un autre titre ({number})'", post.read_text(encoding="utf-8"),
                     count=1)
    written = time.perf_counter()
    post.write_text(text, encoding="utf-8")
    return written


def timed_edits(server: Server, post: Path, count: int, start: int, timeout: float,
                first_edit: int, change: str = "body"
                ) -> tuple[list[float], list[float], list[float]]:
    """Edit `post` `count` times; each edit's seconds to "Reloading browsers", MkDocs' own
    figure, and the CPU seconds the server used meanwhile."""
    edits, built, cpu = [], [], []
    for number in range(first_edit, first_edit + count):
        time.sleep(1.0)  # let the watcher settle
        after = len(server.lines)
        used = server.cpu()
        written = edit_post(post, change, number)
        index, reloaded = server.wait_for("Reloading browsers", after, timeout)
        edits.append(reloaded - written)
        cpu.append(server.cpu() - used)
        seconds = server.built_seconds(after, index)
        if seconds is not None:
            built.append(seconds)
        progress(f"  edit {number}: reloaded {edits[-1]:.2f} s after the write "
                 f"(MkDocs: built in {seconds if seconds is not None else '(not logged)'} s; "
                 f"{cpu[-1]:.2f} s CPU)")
    del start
    return edits, built, cpu


def snapshot(server: Server) -> dict[str, bytes | None]:
    """Every file the server wrote, as served over HTTP (livereload numbers, build date blanked)."""
    served = {}
    for relative in sorted(run.site_files(server.site_dir())):
        body = server.fetch(relative)
        served[relative] = None if body is None else \
            run.BUILD_DATE.sub(b"", LIVERELOAD.sub(b"", body))
    return served


def kind(relative: str) -> str:
    """What a served file is, for counting differences."""
    if relative.endswith((".xml", ".json")) and "feed" in relative:
        return "feeds"
    if relative.startswith("blog/"):
        return "blog pages"
    if relative.endswith(".html"):
        return "posts and other pages"
    return "other files"


def compare(dirty: dict[str, bytes | None], clean: dict[str, bytes | None],
            result: ServeResult) -> None:
    """Count the files the two servers serve differently."""
    result.files = len(set(dirty) | set(clean))
    result.only_dirty = len(set(dirty) - set(clean))
    result.only_clean = len(set(clean) - set(dirty))
    for relative in sorted(set(dirty) | set(clean)):
        a, b = dirty.get(relative), clean.get(relative)
        if a is not None and a == b:
            continue
        result.differing += 1
        result.differing_kinds[kind(relative)] = result.differing_kinds.get(kind(relative), 0) + 1
        if len(result.examples) < 8:
            result.examples.append(relative)
        if len(result.hints) < 4 and a is not None and b is not None:
            result.hints.append(f"{relative}: {first_difference(a, b)}")


def first_difference(a: bytes, b: bytes) -> str:
    """The first line where `a` (dirty) and `b` (clean) differ, shortened."""
    for left, right in zip(a.splitlines(), b.splitlines()):
        if left != right:
            return (f"dirty {left.strip()[:100].decode('utf-8', 'replace')!r} / clean "
                    f"{right.strip()[:100].decode('utf-8', 'replace')!r}")
    return f"{len(a.splitlines())} lines against {len(b.splitlines())}"


def measure_site(site: run.Site, theme: str, args: argparse.Namespace) -> ServeResult:
    """The whole serve benchmark of one site and theme."""
    result = ServeResult(site.name, theme)
    config = run.write_config(site, theme, "ours", args.workdir, False, args.extensions)
    floor = run.write_config(site, theme, "floor", args.workdir, False, args.extensions)
    assert config is not None and floor is not None
    original = site.post.read_bytes()
    dirty = clean = None
    try:
        progress(f"{site.name} {theme}: mkdocs serve --dirty")
        dirty = Server(config, args.workdir, True, "dirty")
        start = time.perf_counter()
        dirty.wait_for("Serving on", 0, args.timeout)
        result.dirty_first = time.perf_counter() - start
        result.dirty_edits, result.dirty_built, result.dirty_cpu = timed_edits(
            dirty, site.post, args.edits, 0, args.timeout, 1, args.change)
        time.sleep(2.0)  # no rebuild left pending
        served = snapshot(dirty)
        port = dirty.port
        dirty.stop()
        dirty = None
        progress(f"{site.name} {theme}: fresh mkdocs serve on the same port, comparing")
        clean = Server(config, args.workdir, False, "clean", port)
        clean.wait_for("Serving on", 0, args.timeout)
        compare(served, snapshot(clean), result)
        progress(f"  {result.differing} of {result.files} files differ "
                 f"({result.only_dirty} only in dirty, {result.only_clean} only in clean; "
                 f"{result.differing_kinds}): {result.examples}")
        for hint in result.hints:
            progress(f"  {hint}")
        progress(f"{site.name} {theme}: plain mkdocs serve edits")
        result.plain_edits, result.plain_built, result.plain_cpu = timed_edits(
            clean, site.post, args.edits, 0, args.timeout, args.edits + 1, args.change)
    except RuntimeError as error:
        result.error = str(error).splitlines()[0]
        progress(f"  FAILED: {error}")
    finally:
        for server in (dirty, clean):
            if server is not None:
                server.stop()
        site.post.write_bytes(original)
    for _ in range(args.edits):
        sample = run.measure_build(floor, site.name, theme, "floor", args.timeout)
        result.floor_build.append(sample.seconds)
        result.floor_cpu.append(sample.cpu)
    progress(f"  floor build: {result.floor_build} s, {result.floor_cpu} s CPU")
    return result


def med(values: list[float]) -> float | None:
    """The median, or None."""
    return statistics.median(values) if values else None


def table(results: list[ServeResult]) -> str:
    """Medians per site and theme, as Markdown."""
    header = ["site", "theme", "edits", "--dirty edit→reload s", "--dirty built s",
              "--dirty CPU s", "plain edit→reload s", "plain built s", "plain CPU s",
              "floor build s", "floor CPU s", "--dirty / floor", "--dirty built / floor",
              "--dirty / floor CPU",
              "files", "differing", "examples"]
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    for r in results:
        dirty, floor = med(r.dirty_edits), med(r.floor_build)
        lines.append("| " + " | ".join([
            run.label(r.site), r.theme, str(len(r.dirty_edits)), run.fmt(dirty),
            run.fmt(med(r.dirty_built)), run.fmt(med(r.dirty_cpu)), run.fmt(med(r.plain_edits)),
            run.fmt(med(r.plain_built)), run.fmt(med(r.plain_cpu)), run.fmt(floor),
            run.fmt(med(r.floor_cpu)), run.ratio(dirty, floor),
            run.ratio(med(r.dirty_built), floor), run.ratio(med(r.dirty_cpu), med(r.floor_cpu)),
            str(r.files), f"{r.differing} ({r.only_dirty} only dirty, {r.only_clean} only "
            f"clean; " + ", ".join(f"{k}: {v}" for k, v in sorted(r.differing_kinds.items()))
            + ")",
            ", ".join(f"`{e}`" for e in r.examples[:4]) or "none"]) + " |")
    return "\n".join(lines)


def report(results: list[ServeResult], args: argparse.Namespace) -> str:
    """The Markdown written to results-serve.md."""
    failures = [f"- {r.site} {r.theme}: {r.error}" for r in results if r.error]
    return "\n".join([
        "# Serve benchmark", "", run.machine(), "",
        f"Load averages (1, 5, 15 min): {args.load_before} before, {run.load_average()} after.",
        "", f"Command: `python benchmarks/serve.py {' '.join(sys.argv[1:])}`", "",
        "blogposts with default options, no search plugin. Each edit changes one post's "
        f"{args.change}. Edit→reload: from saving the post to the server's "
        "\"Reloading browsers\" line (includes the file "
        "watcher's delay); built: MkDocs' own \"Documentation built in\" figure; CPU: "
        "what the server process used from the write to that line (user + system, from "
        "/proc), which other work on the machine barely changes. Differing: "
        "files (fetched over HTTP, livereload numbers blanked) that the `--dirty` server "
        "serves differently from a freshly started plain `mkdocs serve` of the same "
        "sources, after the edits. Floor build: a full `mkdocs build` with no blog plugin.",
        "", table(results), "", "First differing line of a few files (dirty / clean):", "",
        *[f"- {r.site} {r.theme}: {hint}" for r in results for hint in r.hints],
        *(["", "Failures:", *failures] if failures else []), ""])


def progress(text: str) -> None:
    """One line on stderr."""
    print(f"[{datetime.now(timezone.utc):%H:%M:%S}] {text}", file=sys.stderr, flush=True)


def main() -> None:
    """Measure each site and theme; write results-serve.md and .json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="corpus,3000")
    parser.add_argument("--themes", default="material")
    parser.add_argument("--edits", type=int, default=3, help="timed edits per server")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extensions", action="store_true")
    parser.add_argument("--change", choices=("body", "title"), default="body",
                        help="what each edit changes in the post")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "blogposts-serve-bench")
    parser.add_argument("--output", type=Path, default=HERE / "results-serve.md")
    args = parser.parse_args()
    args.load_before = run.load_average()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.sizes.split(","):
        site = run.prepare(name, args)
        for theme in args.themes.split(","):
            results.append(measure_site(site, theme, args))
            args.output.write_text(report(results, args), encoding="utf-8")
            args.output.with_suffix(".json").write_text(json.dumps(
                {"results": [asdict(r) for r in results],
                 "load": {"before": args.load_before, "after": run.load_average()}},
                indent=1), encoding="utf-8")
    print(report(results, args))


if __name__ == "__main__":
    main()
