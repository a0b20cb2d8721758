"""Benchmark this project's build of a Jekyll blog against plain Sphinx + MyST + furo.

Generates realistic Jekyll sites of N posts (deterministic, fixed seed), then
builds each with two configurations, alternating between them, each in
fresh temporary folders:

  ours   this repository (its conf.py, docs and extension) with JEKYLL_SITE
         set to the generated site: python -m sphinx -b html -q . OUT
  plain  a minimal Sphinx project (myst_parser, furo, deflist, html_image)
         holding the same post files as orphan pages, warnings not fatal

and prints, per N, the median over the runs of each figure and the ratio
ours/plain.  It measures; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import browser
import generate
import jekyll
import measure
import report

REPO = Path(__file__).resolve().parent.parent
CONFIGS = ("ours", "plain")
FIGURES_HELP = """\
figures, per N and configuration (median over the runs, and ours/plain):
  full build, -j 1 and -j auto    wall time of a build into empty folders
  incremental builds              the -j auto command rerun on its output after
                                  (1) a paragraph is appended to one post,
                                  (2) that post's title is changed, (3) a post
                                  is added; each also counts the documents read
                                  (doctrees rewritten) and pages written (HTML
                                  files rewritten)
  live reload                     the preview on a free 127.0.0.1 port (ours:
                                  `make livehtml`'s command; plain:
                                  sphinx-autobuild); time from saving a post
                                  until its page on disk shows the edit, and,
                                  with Chromium and Playwright, until the page
                                  open in Chromium shows it (a body edit; for
                                  ours, a title edit too)
  peak RSS                        largest resident set of the build process or
                                  a worker it waited for (os.wait4)
  sizes                           output folder, the edited post's page,
                                  searchindex.js, after the full build
  warnings                        warning and error lines of the full build
  jekyll                          only if `jekyll` is on PATH: `jekyll build` of
                                  the same site, with the .jekyll-cache a build
                                  before it left and without one (a first
                                  build), and its regeneration after a body
                                  edit (`jekyll build --watch`, saving to page
                                  on disk, as the live reload); plugins it
                                  cannot load are left out, and named
  GC freeze off                   the body-edit build once more with
                                  -D jekyll_gc_freeze=0 (ours only)

The project's modules are byte-compiled first, as an installed package's are.

output: the report on stdout (machine, versions, the commit measured, then a
table per site, also as JSON with --json); progress and failed builds on
stderr.  A failed build is reported and its run skipped, not fatal.

examples:
  python bench/run.py --quick
  python bench/run.py --n 100 1000 --runs 3 --json results.json
  make bench N="100 1000 5000" RUNS=5
  make bench BENCH_ARGS="--n 100 --no-autobuild --markdown"
"""


@dataclasses.dataclass(frozen=True)
class Tools:
    """The interpreter that builds, and the live-reload server next to it."""

    python: Path

    @property
    def autobuild(self) -> Path:
        return self.python.parent / "sphinx-autobuild"


@dataclasses.dataclass(frozen=True)
class Workspace:
    """One configuration's private files for one run: what it builds and what gets edited."""

    name: str
    root: Path
    #: the Jekyll site that ours reads (a private copy, since it is edited)
    site: Path
    #: the Sphinx source folder
    src: Path
    #: the post file the incremental builds and the live reload edit
    post: Path

    @property
    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "JEKYLL_SITE"}
        return env | {"JEKYLL_SITE": str(self.site)} if self.name == "ours" else env

    def out(self, jobs: str) -> tuple[Path, Path]:
        """The HTML and doctree folders of the build with ``-j jobs``."""
        return self.root / f"j{jobs}" / "html", self.root / f"j{jobs}" / "doctrees"

    def build_command(self, tools: Tools, jobs: str) -> list[str]:
        """``python -m sphinx`` into this workspace's folders: nothing is written elsewhere."""
        html, doctrees = self.out(jobs)
        return [str(tools.python), "-m", "sphinx", "-b", "html", "-q", "-j", jobs,
                "-d", str(doctrees), str(self.src), str(html)]

    def page(self, outdir: Path) -> Path:
        """The edited post's page; both configurations put posts in ``posts/``."""
        return outdir / "posts" / f"{self.post.stem}.html"

    def add_post(self, filename: str, text: str) -> None:
        """Add a post where this configuration finds posts."""
        if self.name == "ours":
            (self.site / "_posts" / filename).write_text(text, encoding="utf-8")
        else:
            generate.write_plain_post(self.src, Path(filename).stem, text)


def workspace(name: str, template: Path, root: Path, post: Path) -> Workspace:
    """Fresh files for a configuration: a copy of the site, or a plain Sphinx project of it."""
    root.mkdir(parents=True)
    if name == "ours":
        site = root / "site"
        shutil.copytree(template, site)
        return Workspace(name, root, site, REPO, site / post.relative_to(template))
    src = root / "src"
    generate.make_plain_source(template, src)
    return Workspace(name, root, template, src, src / "posts" / f"{post.stem}.md")


def progress(message: str) -> None:
    """Progress goes to stderr, so that stdout holds the report only."""
    print(message, file=sys.stderr, flush=True)


def full_build(space: Workspace, tools: Tools, jobs: str) -> dict[str, float]:
    """A build into empty folders: its time and memory, and the output's sizes."""
    build = measure.run_build(space.build_command(tools, jobs), space.env, space.src)
    key = f"j{jobs}"
    figures = {f"full_{key}_s": build.seconds, f"rss_{key}_mib": build.max_rss_kib / 1024}
    if jobs == "1":
        figures["warnings"] = build.warnings
    else:  # the sizes, once: both builds write the same files
        html, doctrees = space.out(jobs)
        figures |= {"out_mib": measure.folder_size(html) / 2**20,
                    "page_kib": space.page(html).stat().st_size / 1024,
                    "searchindex_kib": (html / "searchindex.js").stat().st_size / 1024,
                    "documents": len(list(doctrees.rglob("*.doctree"))),
                    "pages": len(list(html.rglob("*.html")))}
    return figures


def incremental(space: Workspace, tools: Tools, kind: str,
                options: tuple[str, ...] = ()) -> dict[str, float]:
    """The ``-j auto`` build rerun on its own output, after an edit."""
    html, doctrees = space.out("auto")
    command = space.build_command(tools, "auto")
    command[3:3] = options  # after "-m sphinx"
    build, changes = measure.measure_incremental(command, space.env, space.src, html, doctrees)
    return {f"{kind}_s": build.seconds, f"{kind}_read": changes.read,
            f"{kind}_written": changes.written}


def retitle(post: Path) -> None:
    """Give the post a new title in its front matter."""
    text = post.read_text(encoding="utf-8")
    text = re.sub(r"^title:.*$", 'title: "A retitled post"', text, count=1, flags=re.M)
    post.write_text(text, encoding="utf-8")
    os.utime(post)


def body_without_gc_freeze(space: Workspace, tools: Tools) -> dict[str, float]:
    """Ours only: the body-edit build with the extension's garbage-collector setting off."""
    if space.name != "ours":
        return {}
    measure.append_paragraph(space.post, "Another paragraph, for the build without the GC freeze.")
    return {"body_nogc_s": incremental(space, tools, "body", ("-D", "jekyll_gc_freeze=0"))["body_s"]}


def steps(new_post: tuple[str, str]) -> list[tuple[str, Callable[[Workspace, Tools], dict]]]:
    """The measurements of one run, in order; each is made for ours, then plain."""

    def edited(kind: str, edit: Callable[[Workspace], None]) -> Callable[[Workspace, Tools], dict]:
        def step(space: Workspace, tools: Tools) -> dict:
            edit(space)
            return incremental(space, tools, kind)
        return step

    return [
        ("full build -j 1", lambda space, tools: full_build(space, tools, "1")),
        ("full build -j auto", lambda space, tools: full_build(space, tools, "auto")),
        ("body edited", edited("body", lambda space: measure.append_paragraph(
            space.post, "A paragraph added for the incremental build."))),
        ("body edited, GC freeze off", body_without_gc_freeze),
        ("title edited", edited("title", lambda space: retitle(space.post))),
        ("post added", edited("new", lambda space: space.add_post(*new_post))),
    ]


def live_reload(name: str, template: Path, post: Path, tools: Tools, runs: int) -> dict[str, list[float]]:
    """Live-reload latencies of one configuration's preview server, one per run: ours
    is `make livehtml`'s command, plain is sphinx-autobuild.  Save to page on disk,
    then, with Chromium, save to new text on the open page (and, for ours, a title)."""
    with tempfile.TemporaryDirectory(prefix="bench-live-") as tmp:
        space = workspace(name, template, Path(tmp) / name, post)
        port, outdir = measure.free_port(), Path(tmp) / "html"
        if name == "ours":  # as `make livehtml` runs it, with the default SPHINXOPTS and JOBS
            serve = [str(tools.python), "-m", "jekyll_myst.preview", "-b", "html",
                     "-d", str(Path(tmp) / "doctrees"), "-j", "auto", "-W", "--keep-going", "-n",
                     "--host", "127.0.0.1", "--port", str(port), "--watch", str(space.site),
                     "--ignore", "_build", "--ignore", ".venv", ".", str(outdir)]
        else:
            serve = [str(tools.autobuild), "-b", "html", "--host", "127.0.0.1", "--port", str(port),
                     str(space.src), str(outdir)]
        server = measure.LiveServer(serve, space.env, space.src, port, outdir, space.post,
                                    space.page(outdir))
        edits = [("body", browser.append_text(space.post))]
        if name == "ours":  # plain MyST does not show the front matter's title
            edits.append(("title", browser.retitle(space.post)))
        return measure.live_reload_latencies(server, runs, Path(tmp) / "preview.log", browser_edits=edits)


def median(values: list[float], integer: bool) -> float | None:
    """The median, an actual sample for counts; ``None`` when nothing was measured."""
    if not values:
        return None
    return statistics.median_low(values) if integer else statistics.median(values)


def summarise(label: str, runs: int, samples: dict[str, dict[str, list[float]]],
              jekyll_figures: jekyll.JekyllFigures | None) -> dict[str, Any]:
    """Medians per configuration and their ratio, the counts, and the raw samples."""
    metrics = {}
    for key, _label in report.METRICS:
        if all(key not in samples[name] for name in CONFIGS):
            continue  # not measured in this mode (live reload in --quick)
        integer = key in report.INTEGER_KEYS
        ours = median(samples["ours"].get(key, []), integer)
        plain = median(samples["plain"].get(report.BASELINE.get(key, key), []), integer)
        ratio = ours / plain if ours is not None and plain else None
        metrics[key] = {"ours": ours, "plain": plain, "ratio": ratio}
    counts = {kind: {name: {what: median(samples[name].get(f"{kind}_{what}", []), True)
                            for what in ("read", "written")} for name in CONFIGS}
              for kind, _label in report.COUNTS}
    return {"label": label, "runs": runs, "metrics": metrics, "counts": counts,
            "jekyll": _jekyll_summary(jekyll_figures), "samples": samples}


def _jekyll_summary(figures: jekyll.JekyllFigures | None) -> dict[str, Any] | None:
    if figures is None:
        return None
    return {"version": figures.version, "left_out": figures.left_out,
            "build_s": median(figures.build_s, False),
            "cold_build_s": median(figures.cold_build_s, False),
            "regeneration_s": median(figures.regeneration_s, False),
            "samples": {"build_s": figures.build_s, "cold_build_s": figures.cold_build_s,
                        "regeneration_s": figures.regeneration_s}}


def bench_site(label: str, template: Path, args: argparse.Namespace, tools: Tools) -> dict:
    """Every measurement for one Jekyll site, ``args.runs`` times, alternating configurations."""
    posts = generate.post_files(template)
    post = posts[len(posts) // 2]  # the same post is edited and measured every time
    samples: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in CONFIGS}
    failures: list[str] = []
    for run in range(args.runs):
        failures += one_run(f"{label}, run {run + 1}/{args.runs}", template, post,
                            generate.added_post(template, args.seed), tools, samples)
    if not args.no_autobuild:
        for name in CONFIGS:
            try:
                samples[name].update(live_reload(name, template, post, tools, args.runs))
            except Exception as error:  # noqa: BLE001 - the browser's too: report it, keep the builds' figures
                failures.append(f"{name}, live reload: {error}")
                progress(f"[{label}] {name}: live reload: FAILED: {error}")
            live = {key: samples[name].get(key) for key in ("live_s", "browser_body_s", "browser_title_s")}
            progress(f"[{label}] {name}: live reload: {live}")
    jekyll_figures = None
    try:
        with tempfile.TemporaryDirectory(prefix="bench-jekyll-log-") as tmp:
            jekyll_figures = jekyll.measure_jekyll(template, post, args.runs, Path(tmp) / "jekyll.log")
    except Exception as error:  # noqa: BLE001 - Jekyll is optional: report it, keep ours and plain
        failures.append(f"jekyll: {error!r}")
        progress(f"[{label}] jekyll: FAILED: {error}\n{getattr(error, 'log', '')}")
    if jekyll_figures is not None:
        progress(f"[{label}] jekyll: build {jekyll_figures.build_s}, without its cache "
                 f"{jekyll_figures.cold_build_s}, "
                 f"regeneration {jekyll_figures.regeneration_s}")
    result = summarise(label, args.runs, {name: dict(values) for name, values in samples.items()},
                       jekyll_figures)
    return result | {"failures": failures}


def one_run(label: str, template: Path, post: Path, new_post: tuple[str, str], tools: Tools,
            samples: dict[str, dict[str, list[float]]]) -> list[str]:
    """One run of the build steps in fresh folders; returns what failed.

    A configuration whose build fails skips the rest of the run (its later
    steps would start from a broken state); the other one carries on.
    """
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        spaces = {name: workspace(name, template, Path(tmp) / name, post) for name in CONFIGS}
        for step_label, step in steps(new_post):
            for name in CONFIGS:
                if name in failures:
                    continue
                try:
                    figures = step(spaces[name], tools)
                except measure.BuildFailed as error:
                    failures[name] = f"{name}, {label}, {step_label}: {error}"
                    progress(f"[{label}] {name}: {step_label}: FAILED: {error}\n{error.log}")
                    continue
                if not figures:
                    continue  # a step for the other configuration
                for key, value in figures.items():
                    samples[name][key].append(value)
                seconds = next(iter(figures.values()))
                progress(f"[{label}] {name}: {step_label}: {seconds:.2f} s")
    return list(failures.values())


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/run.py", description=__doc__.split("\n\n", 1)[1],
        epilog=FIGURES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="*", default=[100, 1000], metavar="N",
                        help="post counts to generate sites of (default: 100 1000); "
                             "none with --site measures that site only")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per configuration; figures are medians (default: 3)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: N=20, one run, no live reload")
    parser.add_argument("--no-autobuild", action="store_true",
                        help="skip the live-reload measurement")
    parser.add_argument("--site", type=Path, metavar="PATH",
                        help="also measure this existing Jekyll site (its _posts, _authors, "
                             "_config.yml, site files); it is copied, never edited")
    parser.add_argument("--seed", type=int, default=generate.SEED,
                        help=f"seed of the generated sites (default: {generate.SEED})")
    parser.add_argument("--python", type=Path, default=default_python(), metavar="PATH",
                        help="the interpreter with the requirements installed "
                             "(default: the repository's .venv, else this one)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument("--markdown", action="store_true",
                        help="also print each table as Markdown, for the documentation")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.runs, args.no_autobuild = [20], 1, True
    if args.runs < 1 or any(count < 2 for count in args.n):
        parser.error("--runs must be at least 1 and each N at least 2")
    if not args.n and not args.site:
        parser.error("nothing to measure: give --n N... or --site PATH")
    return args


def default_python() -> Path:
    """The repository's virtual environment (``make venv``), else the running interpreter."""
    venv = REPO / ".venv" / "bin" / "python"
    return venv if venv.exists() else Path(sys.executable)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    tools = Tools(args.python)
    machine = report.machine(tools.python)
    load_before, state_before = os.getloadavg()[0], report.project_state(REPO)
    command = shlex.join(["python", "bench/run.py", *argv])
    # installed packages (Sphinx, MyST) come byte-compiled: so should ours
    subprocess.run([str(tools.python), "-m", "compileall", "-q", str(REPO / "jekyll_myst")], check=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-sites-") as tmp:
        sites = []
        for count in args.n:
            site = Path(tmp) / f"site-{count}"
            generate.generate_site(site, count, args.seed)
            sites.append((f"N = {count} generated posts", site))
        if args.site:
            sites.append((f"the Jekyll site {args.site.name}", args.site.resolve()))
        for label, site in sites:
            results.append(bench_site(label, site, args, tools))
    # Other work on the machine slows both configurations: show how busy it was.
    machine["load_average"] = {"start": load_before, "end": os.getloadavg()[0]}
    state_after = report.project_state(REPO)
    print(f"machine: {report.describe_machine(machine)}")
    print(f"project: {state_before}")
    if state_after != state_before:
        print(f"WARNING: the project changed during the run ({state_after} at the end): "
              f"the figures mix versions")
    print(f"1-minute load average: {load_before:.2f} at the start, "
          f"{machine['load_average']['end']:.2f} at the end")
    print(f"command: {command}\n")
    for result in results:
        print(report.block(result) + "\n")
        if args.markdown:
            print(report.markdown_table(result) + "\n")
    if args.json:
        payload = {"machine": machine, "command": command, "project": [state_before, state_after],
                   "results": results}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
