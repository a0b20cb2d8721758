"""`make livehtml`: an open page shows an edit to a post by itself, without a reload."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from .conftest import PROJECT, free_port, stop, wait_for_http

POST = "posts/2022-05-27-qna-production-engineering.md"
#: what a writer's checkout needs for the preview
COPIED = ["docs", "posts", "jekyll_myst", "conf.py", "index.md", "blog.md", "404.md", "Makefile",
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
    with (checkout / POST).open("a", encoding="utf-8") as post:
        post.write(f"\n{marker}\n")
    try:
        expect(page.locator("article")).to_contain_text(marker, timeout=60_000)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- make livehtml ---\n{log.read_text(errors='replace')}") from None
