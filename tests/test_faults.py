"""A build killed while writing pages is repaired by the next incremental
build: its output equals a clean build's."""

from __future__ import annotations

import filecmp
import signal
from pathlib import Path

from conftest import make_blog, sphinx_build, tagged_posts

KILLER = '''"""Test helper: the build kills itself after writing some pages."""
import os
import signal


def setup(app):
    written = []

    def count(app, pagename, *args):
        written.append(pagename)
        if len(written) == int(os.environ.get("KILL_AFTER_PAGES", "0")):
            os.kill(os.getpid(), signal.SIGKILL)

    app.connect("html-page-context", count)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def with_extension(src: Path, name: str, code: str) -> Path:
    """The blog at ``src`` with ``code`` as its own extension ``name``."""
    (src / f"{name}.py").write_text(code)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + "\nimport sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
                    f"extensions.append({name!r})\n")
    return src


def differing_files(left: Path, right: Path) -> list[str]:
    names = sorted({p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
                   | {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()})
    names = [n for n in names if not n.startswith(".doctrees/")]
    return [n for n in names if not ((left / n).is_file() and (right / n).is_file()
                                     and filecmp.cmp(left / n, right / n, shallow=False))]


def test_incremental_build_after_a_killed_build_equals_a_clean_build(tmp_path):
    src = with_extension(make_blog(tmp_path / "src"), "kill_while_writing", KILLER)
    out = tmp_path / "out"
    assert sphinx_build(src, out).returncode == 0
    post = src / "posts" / "2021-03-04-second-post.md"
    post.write_text(post.read_text().replace("title: The second post", "title: The renamed post"))
    killed = sphinx_build(src, out, KILL_AFTER_PAGES="2")
    assert killed.returncode == -signal.SIGKILL
    assert "The second post" in (out / "index.html").read_text()  # written before the edit
    repaired = sphinx_build(src, out)
    assert repaired.returncode == 0, repaired.stderr
    clean = tmp_path / "clean"
    assert sphinx_build(src, clean).returncode == 0
    assert differing_files(out, clean) == []


ARCHIVE_KILLER = '''"""Test helper: with -j 2, the forked process writes the archive pages slowly,
and the main process kills itself as it writes one of those left to it."""
import os
import signal
import time


def setup(app):
    main = os.getpid()

    def kill_in_the_main_process(app, pagename, *args):
        if not os.environ.get("KILL_AT_ARCHIVE") or not pagename.startswith(("archive/", "tags/")):
            return
        if os.getpid() == main:
            os.kill(main, signal.SIGKILL)
        time.sleep(0.3)

    app.connect("html-page-context", kill_in_the_main_process)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def test_a_parallel_build_killed_while_writing_archive_pages_is_repaired_by_the_next(tmp_path):
    """jekyll_myst.forked_pages: the main process writes the archive pages left
    to it after the feeds and redirects; a build killed then has not finished
    writing, and the next writes every page again."""
    src = with_extension(make_blog(tmp_path / "src", files=tagged_posts(6)), "kill_at_archive",
                         ARCHIVE_KILLER)
    out = tmp_path / "out"
    assert sphinx_build(src, out, "-j", "2").returncode == 0
    post = src / "posts" / "2023-03-01-tagged-0.md"
    post.write_text(post.read_text().replace("title: Tagged 0", "title: Retitled"))
    killed = sphinx_build(src, out, "-j", "2", KILL_AT_ARCHIVE="1")
    assert killed.returncode == -signal.SIGKILL
    repaired = sphinx_build(src, out, "-j", "2")
    assert repaired.returncode == 0, repaired.stderr
    clean = tmp_path / "clean"
    assert sphinx_build(src, clean, "-j", "2").returncode == 0
    assert differing_files(out, clean) == []
