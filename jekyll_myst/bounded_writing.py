"""A parallel build resolves pages no further ahead than they are written, and shares the writing.

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

How the pages are cut into chunks decides how long a process waits.
Sphinx cuts them in chunks of equal size (``make_chunks``: 106 pages at a
thousand posts), so the worker waited while the main process resolved the
first (1.6 s), and the main process waited while the worker wrote the last.
Here the first chunk is cut in halves until its first part holds
:data:`FIRST_CHUNK` pages, and the last two in halves the other way: each
part is resolved while the part before it is written, and the last parts
are small enough to share.  A book (see :mod:`.blog.chapter_list`), the
largest page by far (3.4 s at a thousand posts), is a chunk of its own and
the first, so that a worker writes it while the main process resolves and
writes the first pages; written last, by the main process, it left the
worker nothing to do for 2 s.
"""

from __future__ import annotations

import contextlib
import functools
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
    worker, writing the waiting task's pages itself meanwhile."""

    def __init__(self, nproc: int, write_here: Callable[[str, nodes.document], None]) -> None:
        super().__init__(nproc)
        self.write_here = write_here

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


#: the pages of the first chunk a worker is handed: it waits for them to be resolved
FIRST_CHUNK = 8


def _halves(pages: list[str], growing: bool) -> list[list[str]]:
    """The pages in parts each half the size of the one before down to
    :data:`FIRST_CHUNK` pages, the smallest first if ``growing``, else last."""
    parts = []
    while len(pages) > FIRST_CHUNK:
        half = len(pages) // 2
        if growing:
            parts.append(pages[half:])
            pages = pages[:half]
        else:
            parts.append(pages[:-half])
            pages = pages[-half:]
    if pages:
        parts.append(pages)
    return parts[::-1] if growing else parts


def _chunks(make_chunks: Callable[..., list], alone: set[str]) -> Callable[..., list]:
    """The chunks to write: each page of ``alone`` by itself, first; then Sphinx's
    chunks of the others, the first cut in growing halves, the last two in
    shrinking ones."""
    def chunks(pages: Any, nproc: int, maxbatch: int = 10) -> list:
        made = make_chunks([page for page in pages if page not in alone], nproc, maxbatch)
        first, rest = made[:1], made[1:]
        middle, last = rest[:-2], [page for chunk in rest[-2:] for page in chunk]
        return [*([page] for page in pages if page in alone),
                *(part for chunk in first for part in _halves(chunk, growing=True)),
                *middle,
                *_halves(last, growing=False)]

    return chunks


@contextlib.contextmanager
def _bounded_tasks(write_here: Callable[[str, nodes.document], None], alone: set[str]) -> Iterator[None]:
    # Sphinx 9.0's Builder._write_parallel makes its tasks and chunks by these module-level
    # names, and offers no other way in; they are put back as soon as the pages are written
    unbounded, sphinx_chunks = sphinx.builders.ParallelTasks, sphinx.builders.make_chunks
    sphinx.builders.ParallelTasks = functools.partial(_BoundedTasks, write_here=write_here)
    sphinx.builders.make_chunks = _chunks(sphinx_chunks, alone)
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


def setup_bounded_writing(app: Sphinx) -> None:
    def builder_inited(app: Sphinx) -> None:
        builder = app.builder
        write_documents = builder.write_documents

        def write_bounded(docnames: Any) -> None:
            if not builder.parallel_ok:
                write_documents(docnames)
                return
            books = set(app.env.domains["jekyll"].books())
            with _bounded_tasks(functools.partial(_write_here, builder), books):
                write_documents(docnames)

        builder.write_documents = write_bounded

    app.connect("builder-inited", builder_inited)
