"""Shared test set-up: Sphinx's test fixtures and the small test roots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ["sphinx.testing.fixtures"]

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
#: the Jekyll blog used as test material, kept beside the project
CORPUS = Path(os.environ.get("JEKYLL_CORPUS", PROJECT.parent / "shared/corpus/deliveroo.engineering"))
#: jekyllrb.com's news, a blog with a timezone, a collection permalink and no bios
JEKYLLRB_CORPUS = Path(os.environ.get("JEKYLLRB_CORPUS", PROJECT.parent / "shared/corpus/jekyllrb"))


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason: str):
    """Skip, or fail under CI where .ci/run provides everything."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: .ci/run installs it)", pytrace=False)
    pytest.skip(reason)


def run_make(target: str, build_dir: Path, jobs: int = 1) -> subprocess.CompletedProcess:
    """``make <target>`` in the project, as a user runs it, into ``build_dir``.

    -o: the virtual environment is the one running these tests; a changed
    requirements.txt is make test's to install, not each build's.
    """
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", target, f"BUILDDIR={build_dir}",
               f"JOBS={jobs}"]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "_posts").is_dir():
        pytest.skip(f"the Jekyll corpus is not at {CORPUS} (set JEKYLL_CORPUS to its folder)")
    return CORPUS


def make_blog(src: Path, extra_posts: int = 0, files: dict[str, bytes | str] | None = None) -> Path:
    """A copy of the test blog at ``src``, with ``extra_posts`` more posts and
    these ``files`` (see :func:`write_files`)."""
    shutil.copytree(TESTS / "roots" / "test-blog", src)
    for number in range(extra_posts):
        (src / "posts" / f"2022-02-{number + 1:02d}-extra-{number}.md").write_text(
            f"---\ntitle: Extra {number}\nauthor: Jane Doe\nexcerpt: Number {number}.\n---\n\n"
            f"## Part {number}\n\nSee [the first post](/2020/01/02/first-post.html).\n")
    return write_files(src, files or {})


def tagged_posts(count: int) -> dict[str, str]:
    """Files for :func:`make_blog`: ``count`` posts with a tag each, so an archive page each."""
    return {f"posts/2023-03-{number + 1:02d}-tagged-{number}.md":
            f"---\ntitle: Tagged {number}\nauthor: Jane Doe\ntags: [topic-{number}]\n---\n\nText {number}.\n"
            for number in range(count)}


def make_site(folder: Path, files: dict[str, bytes | str]) -> Path:
    """A Jekyll site at ``folder``, to read in place (``jekyll_site``): its
    ``_posts/`` folder and these ``files`` (see :func:`write_files`)."""
    (folder / "_posts").mkdir(parents=True)
    return write_files(folder, files)


def write_files(root: Path, files: dict[str, bytes | str]) -> Path:
    """Each file under ``root``, its folders made: text, bytes, ``"MKDIR"`` or
    ``"SYMLINK:<target>"``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "MKDIR":
            path.mkdir()
        elif isinstance(content, str) and content.startswith("SYMLINK:"):
            path.symlink_to(content.removeprefix("SYMLINK:"))
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def write(path: Path, text: str) -> Path:
    """A test's edit: ``path`` (re)written with ``text``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def append(path: Path, text: str) -> Path:
    """A test's edit: ``text`` added at the end of ``path``."""
    return write(path, path.read_text(encoding="utf-8") + text)


def replace_once(path: Path, old: str, new: str) -> Path:
    """A test's edit: the first ``old`` in ``path``, which must be there, made ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    return write(path, text.replace(old, new, 1))


def build(src: Path, out: Path, **kwargs) -> tuple[SphinxTestApp, list[str]]:
    """Build in this process; return the app and the documents read."""
    app, read, _written = build_recording(src, out, **kwargs)
    return app, read


def build_recording(src: Path, out: Path, **kwargs) -> tuple[SphinxTestApp, list[str], list[str]]:
    """Build in this process; return the app, the documents read and the pages written."""
    app = SphinxTestApp("html", srcdir=src, builddir=out, **kwargs)
    read: list[str] = []
    written: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.connect("html-page-context", lambda app, page, *args: written.append(page))
    app.build()
    app.cleanup()
    return app, read, written


def sphinx_build(src: Path, out: Path, *options: str, **env: str) -> subprocess.CompletedProcess:
    """``sphinx-build -b html -q`` in another process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", *options, str(src), str(out)],
                          capture_output=True, text=True, cwd=PROJECT, env={**os.environ, **env})


def bodies(outdir: Path) -> dict[str, str]:
    """Each HTML page's body: what a reader sees of it, not the theme around it."""
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        body = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("div.body")
        if body is not None:
            pages[str(page.relative_to(outdir))] = str(body)
    return pages
