"""Measuring one build: wall time, peak memory, warnings, files read and written.

Each build runs in a fresh child process so that its peak memory can be read
from the child's own resource usage (``os.wait4``), without counting earlier
builds.  Nothing here asserts on time: it only measures.
"""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path

import browser

#: A Sphinx warning or error line on stderr ("path:line: WARNING: ...").
_PROBLEM_LINE = re.compile(r"\b(WARNING|ERROR|CRITICAL):")


class BuildFailed(RuntimeError):
    """A build exited with a non-zero status; the figures would be meaningless."""

    def __init__(self, summary: str, log: str) -> None:
        super().__init__(summary)
        #: the end of the build's output
        self.log = log


@dataclasses.dataclass(frozen=True)
class Build:
    """What one build cost and reported."""

    seconds: float
    #: the largest resident set of the build or any worker it waited for, in KiB
    max_rss_kib: int
    warnings: int


@dataclasses.dataclass(frozen=True)
class Changes:
    """How much an incremental build redid."""

    #: doctrees (re)written: the documents Sphinx read
    read: int
    #: HTML files (re)written
    written: int


def run_build(command: list[str], env: Mapping[str, str], cwd: Path) -> Build:
    """Run one build to completion and measure it; raise :class:`BuildFailed` if it fails."""
    # Output goes to a file, not a pipe: thousands of warnings would fill a
    # pipe and block the build while we wait for it.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=dict(env), cwd=cwd, stdout=log, stderr=log,
                                   stdin=subprocess.DEVNULL)
        # os.wait4 gives this child's own rusage; ru_maxrss is KiB on Linux.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        lines = output.strip().splitlines() or ["(no output)"]
        # Sphinx ends a crash report with advice; the error itself comes before.
        summary = next((line.strip() for line in reversed(lines) if "Error" in line), lines[-1])
        raise BuildFailed(f"exit status {process.returncode}: {summary}", "\n".join(lines[-30:]))
    warnings = sum(1 for line in output.splitlines() if _PROBLEM_LINE.search(line))
    return Build(seconds, usage.ru_maxrss, warnings)


def mtimes(folder: Path, suffix: str) -> dict[Path, int]:
    """Modification times (ns) of the files under ``folder`` ending in ``suffix``."""
    return {path: path.stat().st_mtime_ns for path in folder.rglob(f"*{suffix}")}


def count_changed(before: Mapping[Path, int], after: Mapping[Path, int]) -> int:
    """Files that are new or have a new modification time."""
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime)


def measure_incremental(command: list[str], env: Mapping[str, str], cwd: Path, outdir: Path,
                        doctreedir: Path) -> tuple[Build, Changes]:
    """Rerun a build on existing output and count the documents read and pages written."""
    html, doctrees = mtimes(outdir, ".html"), mtimes(doctreedir, ".doctree")
    build = run_build(command, env, cwd)
    changes = Changes(read=count_changed(doctrees, mtimes(doctreedir, ".doctree")),
                      written=count_changed(html, mtimes(outdir, ".html")))
    return build, changes


def folder_size(folder: Path) -> int:
    """Total bytes of the files under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def append_paragraph(path: Path, text: str) -> None:
    """Append a paragraph to a post and make sure its mtime moves forward."""
    with path.open("a", encoding="utf-8") as stream:
        stream.write(f"\n\n{text}\n")
    os.utime(path)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], bool], timeout: float, what: str,
               interval: float = 0.01) -> None:
    """Poll ``condition`` every ``interval`` seconds; raise TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def answers(url: str) -> bool:
    """Whether an HTTP GET of ``url`` succeeds now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def contains(path: Path, marker: bytes) -> bool:
    """Whether the file exists and contains ``marker``."""
    try:
        return marker in path.read_bytes()
    except FileNotFoundError:
        return False  # between Sphinx removing and rewriting it


def modified_since(path: Path, since_ns: int) -> bool:
    """Whether the file exists and was modified at or after ``since_ns`` (wall clock, ns)."""
    try:
        return path.stat().st_mtime_ns >= since_ns
    except FileNotFoundError:
        return False


@dataclasses.dataclass(frozen=True)
class LiveServer:
    """A sphinx-autobuild command and the files the latency measurement watches."""

    command: list[str]
    env: Mapping[str, str]
    cwd: Path
    port: int
    outdir: Path
    #: the post file that is edited, and its page in ``outdir``
    post: Path
    page: Path


def live_reload_latencies(server: LiveServer, runs: int, log: Path, start_timeout: float = 3600,
                          timeout: float = 120, browser_edits: list[tuple[str, Callable[[str], str]]] = (),
                          ) -> dict[str, list[float]]:
    """Seconds from saving a post until its rebuilt page on disk shows the edit,
    ``runs`` times (``live_s``); then, when Chromium is there, until the page open
    in it shows each of ``browser_edits`` (``browser_<name>_s``)."""
    with log.open("w", encoding="utf-8") as output:
        # Its own session, so that the server and the builds it runs can be
        # stopped together by process group.
        process = subprocess.Popen(server.command, env=dict(server.env), cwd=server.cwd,
                                   stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{server.port}/"
        wait_until(lambda: server.page.exists() and answers(url), start_timeout,
                   "the initial build and the server", interval=0.5)
        found = {"live_s": [one_live_reload(server, run, timeout) for run in range(runs)]}
        if browser_edits and browser.chromium():
            page_url = url + server.page.relative_to(server.outdir).as_posix()
            seen = browser.latencies(page_url, list(browser_edits), runs,
                                     lambda since_ns: wait_for_build_end(server, since_ns, timeout), timeout)
            found.update({f"browser_{name}_s": values for name, values in seen.items()})
        return found
    finally:
        stop_group(process)


def wait_for_build_end(server: LiveServer, since_ns: int, timeout: float) -> None:
    """The search index is written last: once it is newer than the edit, the build is over."""
    wait_until(lambda: modified_since(server.outdir / "searchindex.js", since_ns), timeout,
               "the end of the rebuild")
    time.sleep(1.0)


def one_live_reload(server: LiveServer, run: int, timeout: float) -> float:
    """Edit the post once and time until its page shows the edit; wait for the build to end."""
    marker = f"livereloadmarker{run}x{time.time_ns()}"
    written_ns = time.time_ns()
    start = time.perf_counter()
    append_paragraph(server.post, f"Live reload check {marker}.")
    wait_until(lambda: contains(server.page, marker.encode()), timeout, "the edited page")
    latency = time.perf_counter() - start
    # The search index is written last: once it is new, the build is over and
    # the next edit starts a build of its own.
    wait_until(lambda: modified_since(server.outdir / "searchindex.js", written_ns), timeout,
               "the end of the rebuild")
    time.sleep(0.5)
    return latency


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started with ``start_new_session`` and everything it started."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
