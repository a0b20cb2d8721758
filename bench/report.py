"""The benchmark's figures as a text table, and the machine they were measured on."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

#: (key, label) of each figure, in table order; the key ends with its unit.
METRICS = [
    ("full_j1_s", "full build, -j 1 (s)"),
    ("full_jauto_s", "full build, -j auto (s)"),
    ("body_s", "incremental: a post's body edited (s)"),
    ("body_nogc_s", "  the same, jekyll_gc_freeze off (s)"),
    ("title_s", "incremental: a post's title edited (s)"),
    ("new_s", "incremental: a post added (s)"),
    ("live_s", "live reload: save to page on disk (s)"),
    ("browser_body_s", "preview: save to new text in Chromium, body edit (s)"),
    ("browser_title_s", "preview: save to new title in Chromium (s)"),
    ("rss_j1_mib", "peak RSS, full build -j 1 (MiB)"),
    ("rss_jauto_mib", "peak RSS, full build -j auto (MiB)"),
    ("out_mib", "output folder (MiB)"),
    ("page_kib", "the edited post's page (KiB)"),
    ("searchindex_kib", "searchindex.js (KiB)"),
    ("documents", "documents (doctrees)"),
    ("pages", "HTML pages"),
    ("warnings", "warnings, full build"),
]
#: Figures measured for ours only, compared with this figure of plain's.
BASELINE = {"body_nogc_s": "body_s"}
#: Incremental builds whose documents read and pages written are counted.
COUNTS = [("body", "a post's body edited"), ("title", "a post's title edited"),
          ("new", "a post added")]
_VERSIONS = """\
import importlib.metadata as m, json, platform
names = ["sphinx", "myst-parser", "furo", "sphinx-autobuild", "docutils"]
print(json.dumps({"python": platform.python_version(), **{n: m.version(n) for n in names}}))
"""


def machine(python: Path) -> dict[str, Any]:
    """Cores, architecture, CPU model and the build interpreter's package versions."""
    versions = subprocess.run([str(python), "-c", _VERSIONS], check=True, capture_output=True,
                              text=True).stdout
    return {"cores": os.cpu_count(), "arch": platform.machine(), "cpu": cpu_model(),
            **json.loads(versions)}


def project_state(repo: Path) -> str:
    """The commit, and a digest of what builds "ours", to tell whether it changed during a run."""
    digest = hashlib.sha256()
    files = [repo / "conf.py", repo / "requirements.txt", *(repo / "jekyll_myst").rglob("*.py")]
    for path in sorted(path for path in files if path.is_file()):
        digest.update(path.relative_to(repo).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"  # no git: the digest still tells versions apart
    return f"commit {commit}, code digest {digest.hexdigest()[:12]}"


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass  # not Linux: fall back to what the platform module knows
    return platform.processor() or "unknown CPU"


def describe_machine(info: dict[str, Any]) -> str:
    """The machine and versions on one line."""
    return (f"{info['cores']} cores, {info['arch']}, {info['cpu']}; Python {info['python']}, "
            f"Sphinx {info['sphinx']}, myst-parser {info['myst-parser']}, furo {info['furo']}, "
            f"sphinx-autobuild {info['sphinx-autobuild']}, docutils {info['docutils']}")


#: The performance targets: (label, how the figure is read, limit).  A ratio to
#: plain's figure, to one of Jekyll's builds, or seconds of ours.  A row without
#: a limit is there to compare with the one above it.
TARGETS = [
    ("full build -j auto, ours / jekyll build", ("jekyll:build_s", "full_jauto_s"), 2.5),
    ("  the same, / jekyll build without .jekyll-cache", ("jekyll:cold_build_s", "full_jauto_s"), None),
    ("full build -j 1, ours / plain", ("ratio", "full_j1_s"), 1.10),
    ("full build -j auto, ours / plain", ("ratio", "full_jauto_s"), 1.10),
    ("body edit, ours / plain", ("ratio", "body_s"), 1.05),
    ("peak RSS -j 1, ours / plain", ("ratio", "rss_j1_mib"), 1.20),
    ("peak RSS -j auto, ours / plain", ("ratio", "rss_jauto_mib"), 1.20),
    ("preview, body edit in Chromium (s)", ("ours", "browser_body_s"), 1.0),
    ("preview, title edit in Chromium (s)", ("ours", "browser_title_s"), 2.0),
]


def target_lines(result: dict[str, Any]) -> list[str]:
    """Each target with its figure, and whether this run met it."""
    rows = [["target", "figure", "limit", ""]]
    for label, (kind, key), limit in TARGETS:
        figures = result["metrics"].get(key) or {}
        if kind.startswith("jekyll:"):
            jekyll = result["jekyll"] or {}
            ours, theirs = figures.get("ours"), jekyll.get(kind.removeprefix("jekyll:"))
            value = ours / theirs if ours and theirs else None
        else:
            value = figures.get(kind)
        if limit is None:
            rows.append([label, number(value), "", ""])
            continue
        verdict = "not measured" if value is None else ("met" if value <= limit else "MISSED")
        rows.append([label, number(value), f"<= {limit:.2f}", verdict])
    return [table(rows), ""]


#: Figures that are counts, shown without decimals.
INTEGER_KEYS = {"documents", "pages", "warnings"}


def number(value: float | None, integer: bool = False) -> str:
    """A figure for the table: "-" when not measured, else 2 decimals or about 4 digits."""
    if value is None:
        return "-"
    if integer:
        return f"{value:.0f}"
    return f"{value:.2f}" if abs(value) < 100 else f"{value:.1f}"


def table(rows: list[list[str]]) -> str:
    """Aligned columns, the first left-aligned and the rest right-aligned."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width
                                             in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def block(result: dict[str, Any]) -> str:
    """One size's figures: medians per configuration, their ratio, then the counts."""
    rows = [["metric", "ours", "plain", "ours/plain"]]
    for key, label in METRICS:
        figures = result["metrics"].get(key)
        if figures is not None:
            integer = key in INTEGER_KEYS
            rows.append([label, number(figures["ours"], integer), number(figures["plain"], integer),
                         number(figures["ratio"])])
    counts = [["incremental build", "ours read/written", "plain read/written"]]
    for key, label in COUNTS:
        cells = [f"{number(result['counts'][key][name]['read'], True)}/"
                 f"{number(result['counts'][key][name]['written'], True)}"
                 for name in ("ours", "plain")]
        counts.append([label, *cells])
    failures = [f"FAILED: {failure}" for failure in result["failures"]]
    return "\n".join([f"== {result['label']}: median of {result['runs']} run(s) ==", "",
                      table(rows), "", table(counts), "", *target_lines(result), *jekyll_lines(result),
                      *failures])


def jekyll_lines(result: dict[str, Any]) -> list[str]:
    """Jekyll's figures, and our live reload against its regeneration."""
    jekyll = result["jekyll"]
    if jekyll is None:
        return ["jekyll: not installed, not measured"]
    left_out = (f" (plugins left out, not installed: {', '.join(jekyll['left_out'])})"
                if jekyll["left_out"] else "")
    lines = [f"{jekyll['version']}{left_out}:",
             f"  jekyll build: {number(jekyll['build_s'])} s; "
             f"without .jekyll-cache (a first build): {number(jekyll.get('cold_build_s'))} s",
             f"  regeneration after a body edit (jekyll build --watch, save to page on disk): "
             f"{number(jekyll['regeneration_s'])} s"]
    live = result["metrics"].get("live_s", {}).get("ours")
    if live is not None and jekyll["regeneration_s"]:
        lines.append(f"  ours, live reload after the same edit: {number(live)} s = "
                     f"{number(live / jekyll['regeneration_s'])} x Jekyll's regeneration")
    return lines


def markdown_table(result: dict[str, Any]) -> str:
    """The same figures as a Markdown table, for the documentation."""
    lines = ["| Metric | ours | plain | ours/plain |", "| --- | ---: | ---: | ---: |"]
    for key, label in METRICS:
        figures = result["metrics"].get(key)
        if figures is not None:
            integer = key in INTEGER_KEYS
            lines.append(f"| {label} | {number(figures['ours'], integer)} | "
                         f"{number(figures['plain'], integer)} | {number(figures['ratio'])} |")
    jekyll = result["jekyll"]
    if jekyll is not None:
        live = result["metrics"].get("live_s", {}).get("ours")
        lines.append(f"| Jekyll: jekyll build (s) | | | {number(jekyll['build_s'])} |")
        lines.append(f"| Jekyll: jekyll build without .jekyll-cache (s) | | | "
                     f"{number(jekyll.get('cold_build_s'))} |")
        lines.append(f"| Jekyll: regeneration after a body edit (s) | {number(live)} (live reload) | | "
                     f"{number(jekyll['regeneration_s'])} |")
    for key, label in COUNTS:
        pairs = [f"{number(result['counts'][key][name]['read'], True)} read, "
                 f"{number(result['counts'][key][name]['written'], True)} written"
                 for name in ("ours", "plain")]
        lines.append(f"| incremental, {label}: documents read, pages written | "
                     f"{pairs[0]} | {pairs[1]} | |")
    return "\n".join(lines)
