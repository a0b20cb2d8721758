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
reference counting).

Reading adds to what lives long: each doctree Sphinx keeps until it writes
it (a serial build keeps all of them), each document's part of the
environment.  Python collects everything again each time that grows by a
quarter: a serial build of a thousand posts spent 4 s of its reading and
4 s of its writing in those full collections, each rescanning every
doctree read so far (profiled: 8.9 s of 57 s).  So, when a document starts
to be read and the collector has made a full collection since the last
freeze, what is left is collected once more (the objects since the last
freeze only: the previous document's garbage goes) and frozen.  Each
object is then scanned by a full collection about twice, not once per
quarter of growth.  The doctrees that a serial build has frozen are freed
when the build ends; without the freeze, they were not freed earlier
either, since the next full collection came only when the last pages were
written.

When a build has read most documents anew, what is left of the
environment is frozen too before the pages are written: after a parallel
read, that is the merged environment (the workers' copies are collected
first, not frozen).  Not after reading a few documents: collecting the
workers' copies of the environment first would cost more than it saves.
Everything is unfrozen when the build ends, so that a process running
several builds collects as usual.

A process that sets Sphinx up without building (some tests do) keeps the
environment frozen until its next build ends.  ``jekyll_gc_freeze = False``
turns all this off.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.config import Config


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
        read["full collections"] = _full_collections()

    def document_started(app: Sphinx, docname: str, source: list[str]) -> None:
        if app.config.jekyll_gc_freeze and _full_collections() != read.get("full collections"):
            gc.collect()
            gc.freeze()
            read["full collections"] = _full_collections()

    def environment_read(app: Sphinx, env) -> list[str]:
        if app.config.jekyll_gc_freeze and 2 * read.get("documents", 0) > len(env.all_docs):
            gc.collect()  # after a parallel read, the workers' copies of the environment: garbage
            gc.freeze()
        return []

    def build_finished(app: Sphinx, exception: Exception | None) -> None:
        if app.config.jekyll_gc_freeze:
            gc.unfreeze()

    # last, so that configuration errors are raised with the collector on
    app.connect("config-inited", before_environment, priority=999)
    app.connect("builder-inited", environment_loaded, priority=0)
    app.connect("env-before-read-docs", count_read, priority=999)
    # first, before the document's own handlers make anything to keep
    app.connect("source-read", document_started, priority=0)
    app.connect("env-updated", environment_read, priority=999)
    app.connect("build-finished", build_finished, priority=999)


def _full_collections() -> int:
    return gc.get_stats()[2]["collections"]
