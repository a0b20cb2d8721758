"""Preview latency as a reader sees it: from saving a post until the page open
in Chromium shows the change, reloaded by the preview server itself.

Uses Playwright with the system's Chromium (Debian's ``chromium``); without
either, the figures are not measured and the report says so.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str | None:
    """The system Chromium, if it and Playwright are installed."""
    try:
        import playwright.sync_api  # noqa: F401 - only whether it is there
    except ImportError:
        return None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def latencies(url: str, edits: list[tuple[str, Callable[[str], str]]], runs: int,
              settle: Callable[[int], None], timeout: float = 120) -> dict[str, list[float]]:
    """For each run and each ``(name, edit)``: open ``url``, apply ``edit(marker)``,
    which saves the post and returns the text the page must then show, and time
    until the page shows it.  ``settle(edit_time_ns)`` waits for that build to end."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[float]] = {name: [] for name, _edit in edits}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            _open(page, url)
            for run in range(runs):
                for name, edit in edits:
                    _open(page, url)
                    page.wait_for_load_state("load")
                    time.sleep(0.3)  # the live-reload socket is open
                    marker = f"Marker{run}{name.replace(' ', '')}{time.time_ns()}"
                    saved_ns, start = time.time_ns(), time.perf_counter()
                    expected = edit(marker)
                    _wait_for_text(page, expected, timeout)
                    found[name].append(time.perf_counter() - start)
                    settle(saved_ns)
        finally:
            browser.close()
    return found


def _open(page, url: str, attempts: int = 5) -> None:
    """Open ``url``, again if a reload the server sent (a build that was still
    writing when the last edit was settled) interrupted the navigation."""
    from playwright.sync_api import Error

    for attempt in range(attempts):
        try:
            page.goto(url)
            return
        except Error as error:
            if "interrupted by another navigation" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.5)


def _wait_for_text(page, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:  # the page may be between two documents, reloading
            if page.evaluate("t => document.body !== null && document.body.innerText.includes(t)", text):
                return
        except Exception:  # noqa: BLE001 - "execution context was destroyed" during the reload
            pass
        time.sleep(0.005)
    raise TimeoutError(f"the page did not show {text!r} in {timeout:.0f} s")


def append_text(post: Path) -> Callable[[str], str]:
    def edit(marker: str) -> str:
        with post.open("a", encoding="utf-8") as stream:
            stream.write(f"\n\nPreview check {marker}.\n")
        return marker
    return edit


def retitle(post: Path) -> Callable[[str], str]:
    def edit(marker: str) -> str:
        lines = post.read_text(encoding="utf-8").splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        lines[index] = f"title: Retitled {marker}\n"
        post.write_text("".join(lines), encoding="utf-8")
        return f"Retitled {marker}"
    return edit
