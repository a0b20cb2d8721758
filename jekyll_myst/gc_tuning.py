"""The environment is long-lived: keep Python's cyclic garbage collector off it.

An incremental build of a thousand posts spent about a third of its time in
the collector (profiled: 0.9 s of full collections in a 3.3 s build).
Unpickling the saved environment (hundreds of thousands of objects)
triggers full collections that rescan everything loaded so far, and each
worker that a parallel build forks rescans the whole inherited
environment again, touching, and so copying, every page of it.

Python's documentation gives the remedy for a process that forks: no
collection while the long-lived data is built, then ``gc.freeze()`` before
forking.  Here: the collector is off while Sphinx loads the environment,
which is then frozen (moved out of the collector's sight, still freed by
reference counting).  When a parallel build has read most documents anew,
the new environment is frozen too before the pages are written.
Everything is unfrozen when the build ends, so that a process running
several builds collects as usual.

Not after a serial read: Sphinx then keeps every doctree it read in memory
until it writes it, and frozen, these cyclic trees would stay to the end of
the build.  Nor after reading a few documents: collecting the workers'
copies of the environment first would cost more than it saves.

A process that sets Sphinx up without building (some tests do) keeps the
environment frozen until its next build ends.  ``jekyll_gc_freeze = False``
turns all this off.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging


def setup_gc_tuning(app: Sphinx) -> None:
    # this application's count of documents read, between two of its events
    read: dict[str, int] = {}

    def before_environment(app: Sphinx, config: Config) -> None:
        if config.jekyll_gc_freeze:
            gc.disable()  # unpickling makes no garbage: collecting during it only rescans

    def environment_loaded(app: Sphinx) -> None:
        if app.config.jekyll_gc_freeze:
            gc.freeze()
            gc.enable()

    def count_read(app: Sphinx, env, docnames: list[str]) -> None:
        read["documents"] = len(docnames)

    def environment_read(app: Sphinx, env) -> list[str]:
        with logging.suppress_logging():  # Sphinx has said already which extension forbids it
            parallel_read = app.parallel > 1 and app.is_parallel_allowed("read")
        if app.config.jekyll_gc_freeze and parallel_read and 2 * read.get("documents", 0) > len(env.all_docs):
            gc.collect()  # the workers' copies of the environment: garbage, not to be frozen
            gc.freeze()
        return []

    def build_finished(app: Sphinx, exception: Exception | None) -> None:
        if app.config.jekyll_gc_freeze:
            gc.unfreeze()

    # last, so that configuration errors are raised with the collector on
    app.connect("config-inited", before_environment, priority=999)
    app.connect("builder-inited", environment_loaded, priority=0)
    app.connect("env-before-read-docs", count_read, priority=999)
    app.connect("env-updated", environment_read, priority=999)
    app.connect("build-finished", build_finished, priority=999)
