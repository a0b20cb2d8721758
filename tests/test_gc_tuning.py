"""The collector is kept off the loaded environment during a build, and the
process is left as it was found: collecting, nothing frozen, until it exits."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from conftest import PROJECT, make_blog
from sphinx.testing.util import SphinxTestApp


def build_observing_gc(src, out, **overrides):
    app = SphinxTestApp("html", srcdir=src, builddir=out, confoverrides=overrides)
    seen = {}
    app.connect("env-before-read-docs",
                lambda app, env, docnames: seen.update(frozen=gc.get_freeze_count(), enabled=gc.isenabled()))
    app.build()
    app.cleanup()
    return seen


@pytest.mark.parametrize("freeze", [True, False])
def test_the_loaded_environment_is_frozen_only_during_the_build(tmp_path, freeze):
    src = make_blog(tmp_path / "src")
    out = tmp_path / "out"
    build_observing_gc(src, out, jekyll_gc_freeze=freeze)
    post = src / "posts" / "2020-01-02-first-post.md"
    post.write_text(post.read_text() + "\nOne more line.\n")
    seen = build_observing_gc(src, out, jekyll_gc_freeze=freeze)  # loads the saved environment
    assert seen["enabled"]
    assert (seen["frozen"] > 0) is freeze
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert "One more line." in (out / "html" / "posts" / "2020-01-02-first-post.html").read_text()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_full_build_writes_with_the_environment_frozen(tmp_path, jobs):
    # each full collection of the write phase would rescan the whole environment
    src = make_blog(tmp_path / "src", extra_posts=6)  # Sphinx reads five documents or fewer serially
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", parallel=jobs)
    seen = {}
    app.connect("write-started", lambda app, builder: seen.update(frozen=gc.get_freeze_count()))
    app.build()
    app.cleanup()
    assert seen["frozen"] > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    page = tmp_path / "out" / "html" / "posts" / "2020-01-02-first-post.html"
    assert "The first post" in page.read_text()


# Registered before the build, so it runs after the exit handlers the build leaves.
EXIT_PROBE = """
import atexit, gc, sys
from sphinx.cmd.build import main
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, gc.isenabled()))
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("freeze", [True, False])
def test_a_process_that_has_built_exits_without_collecting(tmp_path, freeze):
    # the interpreter's collections on the way out would rescan everything still alive
    src = make_blog(tmp_path / "src")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", EXIT_PROBE, "-b", "html", "-q", "-W",
                           "-D", f"jekyll_gc_freeze={int(freeze)}", str(src), str(out)],
                          capture_output=True, text=True, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"frozen at exit: {freeze} True"
    assert "The first post" in (out / "posts" / "2020-01-02-first-post.html").read_text()
