"""The environment is long-lived: keep Python's cyclic garbage collector off it.

An incremental build of a thousand posts spends about half its time in the
collector.  Unpickling the saved environment (hundreds of thousands of
objects) triggers full collections that rescan everything loaded so far,
and each worker that a parallel build forks rescans the whole inherited
environment again, touching, and so copying, every page of it.

Python's documentation gives the remedy for a process that forks: no
collection while the long-lived data is built, then ``gc.freeze()`` before
forking.  Here: the collector is off while Sphinx loads the environment,
which is then frozen (moved out of the collector's sight, still freed by
reference counting); everything is unfrozen when the build ends, so that a
process running several builds collects as usual.

Only the loaded environment is frozen.  Freezing again after reading would
also freeze the doctrees a serial build keeps until it writes them: they
are cyclic, so they would stay in memory to the end of the build.

A process that sets Sphinx up without building (some tests do) keeps the
environment frozen until its next build ends.  ``jekyll_gc_freeze = False``
turns all this off.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.config import Config


def _before_environment(app: Sphinx, config: Config) -> None:
    if config.jekyll_gc_freeze:
        # Unpickling makes no garbage: collecting during it only rescans.
        gc.disable()


def _environment_loaded(app: Sphinx) -> None:
    if app.config.jekyll_gc_freeze:
        gc.freeze()
        gc.enable()


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if app.config.jekyll_gc_freeze:
        gc.unfreeze()


def setup_gc_tuning(app: Sphinx) -> None:
    # last, so that configuration errors are raised with the collector on
    app.connect("config-inited", _before_environment, priority=999)
    app.connect("builder-inited", _environment_loaded, priority=0)
    app.connect("build-finished", _build_finished, priority=999)
