"""Jekyll itself on the same site, when ``jekyll`` is installed: a full
``jekyll build``, and its regeneration after a post's body is edited
(``jekyll build --watch``: from saving the file until the post's page on
disk shows the edit, measured as the live reload is).

Jekyll 4 keeps what it converted (Markdown, Liquid) in the site's
``.jekyll-cache`` and reuses it in the next build. The full build is timed
both ways: with the cache a build before it left, as a second ``jekyll
build`` runs, and without one, as a first build on a fresh clone runs, like
the Sphinx builds here, which start from empty folders.

Plugins the site names but this Jekyll cannot load (a gem that is not
installed) are left out of the copy's ``_config.yml`` and reported, so that
Jekyll is measured rather than not at all.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import measure

#: Jekyll's message for a plugin it cannot load.
_MISSING_PLUGIN = re.compile(r"you don't have (\S+) or one of its dependencies installed")
#: ``plugins:`` left with no item: YAML's nil, which Jekyll 4 refuses ("should be set as an array")
_EMPTY_PLUGINS = re.compile(r"^plugins:[ \t]*\n(?![ \t]*-)", re.MULTILINE)
_POST_NAME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-(.+)\.[^.]+$")


@dataclasses.dataclass
class JekyllFigures:
    version: str
    #: plugins of the site's configuration that were left out, not being installed
    left_out: list[str]
    #: with the .jekyll-cache of a build before it
    build_s: list[float] = dataclasses.field(default_factory=list)
    #: without a .jekyll-cache
    cold_build_s: list[float] = dataclasses.field(default_factory=list)
    regeneration_s: list[float] = dataclasses.field(default_factory=list)


def measure_jekyll(template: Path, post: Path, runs: int, log: Path) -> JekyllFigures | None:
    """``runs`` full builds and ``runs`` regenerations, or ``None`` without Jekyll."""
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        return None
    version = subprocess.run([jekyll, "--version"], capture_output=True, text=True).stdout.strip()
    figures = JekyllFigures(version, [])
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-jekyll-") as tmp:
            site, out = Path(tmp) / "site", Path(tmp) / "_site"
            shutil.copytree(template, site)
            figures.left_out = _build_leaving_out_missing_plugins(jekyll, site, out, log)
            shutil.rmtree(out)
            shutil.rmtree(site / ".jekyll-cache", ignore_errors=True)
            figures.cold_build_s.append(_timed_build(jekyll, site, out, log))
            shutil.rmtree(out)
            figures.build_s.append(_timed_build(jekyll, site, out, log))
            figures.regeneration_s.append(
                _regeneration(jekyll, site, Path(tmp) / "watched", site / post.relative_to(template), log))
    return figures


def _timed_build(jekyll: str, site: Path, out: Path, log: Path) -> float:
    start = time.perf_counter()
    _run(jekyll, ["build", "--quiet"], site, out, log)
    return time.perf_counter() - start


def _run(jekyll: str, arguments: list[str], site: Path, out: Path, log: Path) -> None:
    with log.open("a", encoding="utf-8") as output:
        result = subprocess.run([jekyll, *arguments, "--source", str(site), "--destination", str(out)],
                                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise measure.BuildFailed(f"jekyll {arguments[0]} exited with {result.returncode}",
                                  log.read_text(encoding="utf-8")[-3000:])


def _build_leaving_out_missing_plugins(jekyll: str, site: Path, out: Path, log: Path) -> list[str]:
    """Build once (also warming the system's file cache); drop each plugin Jekyll cannot load."""
    left_out: list[str] = []
    while True:
        start = log.stat().st_size if log.exists() else 0
        try:
            _run(jekyll, ["build", "--quiet"], site, out, log)
            return left_out
        except measure.BuildFailed:
            missing = _MISSING_PLUGIN.search(log.read_text(encoding="utf-8")[start:])
            config = site / "_config.yml"
            if missing is None or missing[1] in left_out or not config.is_file():
                raise
            plugin = missing[1]
            lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
            kept = "".join(line for line in lines if line.strip().lstrip("-").strip().strip("'\"") != plugin)
            config.write_text(_EMPTY_PLUGINS.sub("plugins: []\n", kept), encoding="utf-8")
            left_out.append(plugin)


def _regeneration(jekyll: str, site: Path, out: Path, post: Path, log: Path) -> float:
    """Seconds from saving the post until ``jekyll build --watch`` has its page show the edit."""
    # the log holds earlier runs too: only what this Jekyll writes counts
    start_of_run = log.stat().st_size if log.exists() else 0

    def watching() -> bool:
        with log.open(encoding="utf-8") as text:
            text.seek(start_of_run)
            return "Auto-regeneration: enabled" in text.read()

    with log.open("a", encoding="utf-8") as output:
        process = subprocess.Popen([jekyll, "build", "--watch", "--source", str(site), "--destination",
                                    str(out)], stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        measure.wait_until(watching, 3600, "jekyll's first build", interval=0.2)
        slug = _POST_NAME.match(post.name)[1]
        pages = list(out.rglob(f"{slug}.html"))
        if len(pages) != 1:
            raise measure.BuildFailed(f"jekyll wrote {len(pages)} pages named {slug}.html",
                                      log.read_text(encoding="utf-8")[-3000:])
        marker = f"jekyllmarker{time.time_ns()}"
        start = time.perf_counter()
        measure.append_paragraph(post, f"Regeneration check {marker}.")
        measure.wait_until(lambda: measure.contains(pages[0], marker.encode()), 600,
                           "jekyll's regeneration")
        return time.perf_counter() - start
    finally:
        measure.stop_group(process)
