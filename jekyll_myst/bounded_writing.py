"""A parallel build resolves pages no further ahead than its writers write them.

With ``-j N``, Sphinx writes the pages in N - 1 worker processes, a chunk
of pages each, while the main process resolves the next chunks.  It hands
each chunk over as soon as it is resolved and keeps it, every doctree in
it, until a worker has written it, whether a worker was free to start it
or not.  When the writers are slower than the main process, as with
``-j 2`` here (a post resolves in about 21 ms and is written in about
37 ms), resolved chunks pile up in the main process: at three hundred
posts it grew from 94 to 168 MiB while writing, which was the build's peak.
(sphinx-doc/sphinx#10779, #11746 and #12433 would have the workers resolve.)

So, while pages are written, a chunk handed over waits in the main process
until a worker takes it: the main process then holds the chunks being
written and the one it resolves, no more.  A writer that finishes finds
the next chunk resolved, since it was resolved while the writer wrote; when
the writers are the faster, no chunk waits and nothing changes.  The main
process waits by receiving what finished workers send (Sphinx's
``ParallelTasks._join_one``): a worker that has written its chunk blocks
until its log records are read.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import sphinx.builders
from sphinx.application import Sphinx
from sphinx.util.parallel import ParallelTasks


class _BoundedTasks(ParallelTasks):
    """Sphinx's tasks, whose ``add_task`` returns once no task waits for a worker."""

    def add_task(self, task_func: Any, arg: Any = None, result_func: Any = None) -> None:
        super().add_task(task_func, arg, result_func)
        try:
            # private to Sphinx (9.0): the tasks not started, and one round of receiving and starting
            while self._precvs_waiting:
                if not self._join_one():
                    time.sleep(0.01)
        except BaseException:
            self.terminate()
            raise


@contextlib.contextmanager
def _bounded_tasks() -> Iterator[None]:
    # Sphinx 9.0's Builder._write_parallel makes its tasks by this module-level name,
    # and offers no other way in; it is put back as soon as the pages are written
    unbounded = sphinx.builders.ParallelTasks
    sphinx.builders.ParallelTasks = _BoundedTasks
    try:
        yield
    finally:
        sphinx.builders.ParallelTasks = unbounded


def setup_bounded_writing(app: Sphinx) -> None:
    def builder_inited(app: Sphinx) -> None:
        builder = app.builder
        write_documents = builder.write_documents

        def write_bounded(docnames: Any) -> None:
            if not builder.parallel_ok:
                write_documents(docnames)
                return
            with _bounded_tasks():
                write_documents(docnames)

        builder.write_documents = write_bounded

    app.connect("builder-inited", builder_inited)
