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

While it waits, the main process writes the waiting chunk's pages itself,
one at a time, and hands the rest over as soon as a worker is free: with
two cores, Sphinx's one writer otherwise set the pace while the main
process, which resolves a page in about half the time a page takes to
write, sat idle for half the writing.  Main process and worker balance
themselves that way (at ``-j 2``, the main process wrote 86 of 340 pages
for three hundred posts, 18 of 140 for a hundred), and the pages are the
same whoever writes them: Sphinx writes its first page in the main process
too.

The main process writes the book pages itself (see :mod:`.blog.chapter_list`),
while the writers write the last chunks and it would only wait: the largest
pages, 1.5 to 2.5 s each at a thousand posts.  Given to a writer, a book
made the writing, whose pace the writers set, that much longer.
"""

from __future__ import annotations

import contextlib
import functools
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import sphinx.builders
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.build_phase import BuildPhase
from sphinx.util.parallel import ParallelTasks


class _BoundedTasks(ParallelTasks):
    """Sphinx's tasks, whose ``add_task`` returns once no task waits for a
    worker, writing the waiting task's pages itself meanwhile, and which do
    ``last_work`` while the last tasks run."""

    def __init__(self, nproc: int, write_here: Callable[[str, nodes.document], None],
                 last_work: deque[Callable[[], None]]) -> None:
        super().__init__(nproc)
        self.write_here = write_here
        self.last_work = last_work

    def add_task(self, task_func: Any, arg: Any = None, result_func: Any = None) -> None:
        super().add_task(task_func, arg, result_func)
        # private to Sphinx (9.0): the tasks not started, and one round of receiving and
        # starting; a task's arguments are its list of (docname, doctree), which its
        # process, not started yet, takes as it is when it starts
        task = self._taskid - 1
        try:
            while task in self._precvs_waiting:
                if self._join_one():
                    continue
                if arg:
                    self.write_here(*arg.pop())
                else:  # every page of it written here
                    self._precvs_waiting.pop(task).close()
                    del self._procs[task]
                    self._result_funcs.pop(task)(self._args.pop(task), None)
        except BaseException:
            self.terminate()
            raise

    def join(self) -> None:
        try:
            while self.last_work:
                self.last_work.popleft()()
        except BaseException:
            self.terminate()
            raise
        super().join()


#: the pages of the first chunk a worker is handed: it waits for them to be resolved
FIRST_CHUNK = 8


def _starting_small(make_chunks: Callable[..., list]) -> Callable[..., list]:
    """Sphinx's chunks, the first split into halves until its first part holds no
    more than :data:`FIRST_CHUNK` pages.

    The workers wait while the main process resolves the first chunk: 106
    pages at a thousand posts, 1.6 s.  From the first part on, each part holds
    about twice the pages of the one before, which the main process resolves
    while a worker writes that one (a page takes longer to write than to
    resolve).
    """
    def chunks(arguments: Any, nproc: int, maxbatch: int = 10) -> list:
        made = make_chunks(arguments, nproc, maxbatch)
        if not made:
            return made
        first, parts = made[0], []
        while len(first) > FIRST_CHUNK:
            half = len(first) // 2
            parts.insert(0, first[half:])
            first = first[:half]
        return [first, *parts, *made[1:]]

    return chunks


@contextlib.contextmanager
def _bounded_tasks(write_here: Callable[[str, nodes.document], None],
                   last_work: deque[Callable[[], None]]) -> Iterator[None]:
    # Sphinx 9.0's Builder._write_parallel makes its tasks and chunks by these module-level
    # names, and offers no other way in; they are put back as soon as the pages are written
    unbounded, sphinx_chunks = sphinx.builders.ParallelTasks, sphinx.builders.make_chunks
    sphinx.builders.ParallelTasks = functools.partial(_BoundedTasks, write_here=write_here,
                                                      last_work=last_work)
    sphinx.builders.make_chunks = _starting_small(sphinx_chunks)
    try:
        yield
    finally:
        sphinx.builders.ParallelTasks, sphinx.builders.make_chunks = unbounded, sphinx_chunks


def _write_here(builder: Builder, docname: str, doctree: nodes.document) -> None:
    """Write a resolved page in this process, as Sphinx writes its first page."""
    phase = builder.phase
    try:
        builder.phase = BuildPhase.WRITING
        builder.write_doc(docname, doctree)
    finally:
        builder.phase = phase


def _resolve_and_write_here(builder: Builder, docname: str) -> None:
    phase = builder.phase
    try:
        builder.phase = BuildPhase.RESOLVING
        doctree = builder.env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
        builder.write_doc_serialized(docname, doctree)
    finally:
        builder.phase = phase
    _write_here(builder, docname, doctree)


def setup_bounded_writing(app: Sphinx) -> None:
    def builder_inited(app: Sphinx) -> None:
        builder = app.builder
        write_documents = builder.write_documents

        def write_bounded(docnames: Any) -> None:
            if not builder.parallel_ok:
                write_documents(docnames)
                return
            books = [doc for doc in app.env.domains["jekyll"].books() if doc in docnames]
            last_work = deque(functools.partial(_resolve_and_write_here, builder, doc) for doc in books)
            others = set(docnames) - set(books)
            if others:
                with _bounded_tasks(functools.partial(_write_here, builder), last_work):
                    write_documents(others)
            while last_work:  # nothing else to write
                last_work.popleft()()

        builder.write_documents = write_bounded

    app.connect("builder-inited", builder_inited)
