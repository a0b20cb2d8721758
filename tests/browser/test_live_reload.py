"""`make livehtml`: an open page shows an edit to a post by itself, without a reload,
and what the preview writes after an edit (the lists, the search index, the feed)
shows it too, for a body edit, a title change, a post added and a post deleted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from .conftest import PROJECT, free_port, stop, wait_for_http

POST = "posts/2022-05-27-qna-production-engineering.md"
#: what a writer's checkout needs for the preview
COPIED = ["docs", "posts", "jekyll_myst", "_static", "conf.py", "index.md", "blog.md", "404.md", "Makefile",
          "requirements.txt"]


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of the project to edit: the real posts stay as they are."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture
def livehtml(checkout, tmp_path):
    """`make livehtml PORT=<free>` in the copy, with the tests' own virtual environment."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    venv = Path(sys.executable).parent.parent
    if not (venv / "bin" / "sphinx-autobuild").exists():
        pytest.skip(f"sphinx-autobuild is not in {venv} (pip install -r requirements.txt)")
    port = free_port()
    stamp = f"{venv}/.installed"
    # -o: the environment is in place; never reinstall it from the copy's requirements.txt
    command = [make, "--no-print-directory", "livehtml", f"PORT={port}", f"VENV={venv}", "-o", stamp]
    env = {k: v for k, v in os.environ.items() if k not in ("JEKYLL_SITE", "MAKEFLAGS")}
    log = tmp_path / "livehtml.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=checkout, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for_http(port, "/index.html", server, 90, log)
        yield f"http://127.0.0.1:{port}", checkout, log
    finally:
        stop(server, group=True)


def test_an_open_post_shows_an_edit_without_reloading(livehtml, page):
    from playwright.sync_api import expect

    base, checkout, log = livehtml
    # the page the preview serves opens a websocket, to be told of rebuilds
    with page.expect_websocket() as opened:
        page.goto(f"{base}/posts/2022-05-27-qna-production-engineering.html")
    expect(page.locator("article h1")).to_contain_text("Q&A with a Production Engineer")
    assert not opened.value.is_closed()

    marker = f"Live reload marker {uuid.uuid4().hex}"
    saved_ns = time.time_ns()
    with (checkout / POST).open("a", encoding="utf-8") as post:
        post.write(f"\n{marker}\n")
    try:
        expect(page.locator("article")).to_contain_text(marker, timeout=60_000)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- make livehtml ---\n{log.read_text(errors='replace')}") from None

    # The rest of the build (saving the environment, then the search index)
    # waits until the reloaded page has loaded and said so: it is not
    # slowed down by the build in the same process.
    load = "performance.getEntriesByType('navigation')[0].loadEventStart"
    page.wait_for_function(f"{load} > 0")
    loaded_ns = int(page.evaluate(f"performance.timeOrigin + {load}") * 1e6)
    environment = checkout / "_build" / "doctrees" / "environment.pickle"

    def saved() -> bool:  # Sphinx empties the file first; the preview fills it later
        stat = environment.stat()
        return stat.st_mtime_ns > saved_ns and stat.st_size > 0

    deadline = time.monotonic() + 60
    while not saved() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert saved_ns < loaded_ns < environment.stat().st_mtime_ns


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def eventually(url: str, holds, what: str, log: Path, seconds: float = 60) -> None:
    """The preview writes the search index and the feeds after the pages that
    reloaded: wait for the end of that build."""
    deadline = time.monotonic() + seconds
    while not holds(fetch(url)):
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} never showed {what} in {seconds:.0f} s\n"
                                 f"--- make livehtml ---\n{log.read_text(errors='replace')}")
        time.sleep(0.1)


def test_the_preview_shows_titles_new_posts_and_deletions_everywhere(livehtml, watched):
    from playwright.sync_api import expect

    base, checkout, log = livehtml
    context = watched()
    post_page, blog_page = context.new_page(), context.new_page()
    post_page.goto(f"{base}/posts/2022-05-27-qna-production-engineering.html")
    blog_page.goto(f"{base}/blog.html")
    expect(blog_page.locator("article")).to_contain_text("Q&A with a Production Engineer")

    def shows(page, text: str) -> None:
        try:
            expect(page.locator("article")).to_contain_text(text, timeout=60_000)
        except AssertionError as error:
            server = log.read_text(errors="replace")
            raise AssertionError(f"{error}\n--- make livehtml ---\n{server}") from None

    # the search index holds stems: a word ending in a digit is its own stem
    # ("searchable…e" would lose its "e")
    token = uuid.uuid4().hex[:10] + "0"
    post = checkout / POST
    text = post.read_text(encoding="utf-8")
    title = f"Renamed {token}"
    # saved as editors save, whole: a file written in two chunks could be read between them
    saved = post.with_suffix(".saving")
    saved.write_text(text.replace("title: ", f"title: {title} # was: ", 1) + f"\nSearchable{token} word.\n",
                     encoding="utf-8")
    os.replace(saved, post)
    # both open pages reload by themselves: the post, then the blog that lists it
    shows(post_page, title)
    shows(blog_page, title)
    eventually(f"{base}/searchindex.js",
               lambda index: f"searchable{token}" in index.lower() and title in index,
               "the new word and the new title", log)
    eventually(f"{base}/feed.xml", lambda feed: title in feed, "the new title", log)

    added = checkout / "posts" / f"2024-01-01-added-{token}.md"
    added.write_text(f"---\ntitle: Added {token}\nauthor: Sanyia Saidova\n---\n\nFresh.\n",
                     encoding="utf-8")
    shows(blog_page, f"Added {token}")
    added_page = context.new_page()
    added_page.goto(f"{base}/posts/2024-01-01-added-{token}.html")
    shows(added_page, "Fresh.")

    added.unlink()
    expect(blog_page.locator("article")).not_to_contain_text(f"Added {token}", timeout=60_000)
    eventually(f"{base}/searchindex.js", lambda index: f"Added {token}" not in index, "the post gone", log)


def test_a_code_change_restarts_the_preview_and_the_open_page_comes_back(livehtml, watched):
    from playwright.sync_api import expect

    base, checkout, log = livehtml
    context = watched()
    # while the preview restarts, the page's attempts to reconnect are refused
    context.expected_errors.append("/_preview/socket' failed")
    page = context.new_page()
    page.goto(f"{base}/posts/2022-05-27-qna-production-engineering.html")
    expect(page.locator("article h1")).to_contain_text("Q&A with a Production Engineer")
    conf = checkout / "conf.py"
    marker = uuid.uuid4().hex
    # a new value in conf.py: only a new process sees it
    conf.write_text(conf.read_text(encoding="utf-8") + f'\nhtml_title = "Restarted {marker}"\n',
                    encoding="utf-8")
    try:
        # the page reloads by itself once the restarted preview has built with the new conf.py
        expect(page).to_have_title(f"Q&A with a Production Engineer @ Deliveroo - Restarted {marker}",
                                   timeout=120_000)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- make livehtml ---\n{log.read_text(errors='replace')}") from None
    assert "restarting" in log.read_text(errors="replace")
