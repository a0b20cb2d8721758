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

Reading adds to what lives long: each document's part of the
environment.  Python collects everything again each time that grows by a
quarter: a serial build of a thousand posts spent 4 s of its reading in
those full collections, each rescanning everything read so far (measured
when the build also kept every doctree it read, before ``kept_doctrees``).
So, when a document starts to be read and the collector has made a full
collection since the last freeze, what is left is collected once more (the
objects since the last freeze only: the previous document's garbage goes)
and frozen.  Each object is then scanned by a full collection about twice,
not once per quarter of growth.

A parallel read leaves the main process one task: to unpickle each
worker's copy of the environment (the whole of it, what the worker
inherited and what it read) and merge its documents into its own.  Each
copy is garbage once merged, and the full collections Python made to free
them rescanned everything merged so far: 9 s of the main process's 26 s in
a build of a thousand posts, when Sphinx still cut it into 15 chunks (see
:mod:`.read_chunks`).  There the collector is off while
documents are read.  Once the domains and extensions have taken what they
keep of a copy (``env-merge-info``, the last use Sphinx makes of it), the
copy is emptied, so that what was only its own is unreachable, and the
young generation is collected: that is the copy and what was merged, and
nothing older.  The workers, forked from that process, turn the collector
back on, with what they inherited frozen: they live for one chunk of
documents.

When a build has read most documents anew, the environment is collected
once more and frozen before the pages are written: it lives until the
build ends, and writing makes garbage of little of it.  Left to the
collector, each of the write phase's full collections rescanned it all:
four of them took 0.36 s of a 7 s serial build of a hundred posts.  Not
after reading a few documents: collecting the workers' copies of the
environment first would cost more than it saves.  Everything is unfrozen
when the build ends, so that a process running several builds collects
as usual.

A process that has built exits without collecting.  On its way out the
interpreter makes several full collections of everything still alive,
before and while it tears its modules down: a ``sphinx-build`` spent 0.4
to 0.5 s of an edit's 1.6 to 1.8 s at a hundred posts, and 1.8 s of a full
build of a thousand, after Sphinx had returned.  What is alive then is
freed by reference counting all the same, and a cycle left over is memory
the process gives back when it ends; the files Sphinx and the extension
write are closed by then, and ``logging`` flushes its streams in its own
exit handler.  So a build leaves ``gc.freeze()`` as an exit handler,
registered once, which runs before the interpreter's collections.

A process that sets Sphinx up without building (some tests do) keeps the
environment frozen until its next build ends.  ``jekyll_gc_freeze = False``
turns all this off.
"""

from __future__ import annotations

import atexit
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
        read["full collections"] = _full_collections()
        with logging.suppress_logging():  # Sphinx says itself which extension forbids it
            parallel_read = app.parallel > 1 and app.is_parallel_allowed("read")
        if app.config.jekyll_gc_freeze and parallel_read and gc.isenabled():
            gc.disable()
            read["merging"] = True

    def document_started(app: Sphinx, docname: str, source: list[str]) -> None:
        if not app.config.jekyll_gc_freeze:
            return
        if read.get("merging") and not gc.isenabled():
            # a worker of the parallel read: the main process merges, it does not read
            gc.freeze()
            gc.enable()
        if _full_collections() != read.get("full collections"):
            gc.collect()
            gc.freeze()
            read["full collections"] = _full_collections()

    def merged(app: Sphinx, env, docnames, other) -> None:
        if read.get("merging"):
            other.__dict__.clear()
            gc.collect(0)

    def environment_read(app: Sphinx, env) -> list[str]:
        if app.config.jekyll_gc_freeze and 2 * read.get("documents", 0) > len(env.all_docs):
            gc.collect()
            gc.freeze()
        if read.pop("merging", False):
            gc.enable()
        return []

    def build_finished(app: Sphinx, exception: Exception | None) -> None:
        if read.pop("merging", False):  # the build stopped while reading
            gc.enable()
        if app.config.jekyll_gc_freeze:
            gc.unfreeze()
            atexit.unregister(gc.freeze)  # once, however many builds the process runs
            atexit.register(gc.freeze)

    # last, so that configuration errors are raised with the collector on
    app.connect("config-inited", before_environment, priority=999)
    app.connect("builder-inited", environment_loaded, priority=0)
    app.connect("env-before-read-docs", count_read, priority=999)
    # first, before the document's own handlers make anything to keep
    app.connect("source-read", document_started, priority=0)
    # last, after the domains and extensions have taken what they keep of the copy
    app.connect("env-merge-info", merged, priority=999)
    app.connect("env-updated", environment_read, priority=999)
    app.connect("build-finished", build_finished, priority=999)


def _full_collections() -> int:
    return gc.get_stats()[2]["collections"]
