"""A parallel build writes the blog's generated pages in a forked process while it finishes.

Sphinx makes the pages of ``html-collect-pages`` (here, the archive pages)
in the main process once every document is written, when the writing
processes are gone: at a thousand posts that took 1.7 s with the other
core idle, and the main process then still had the search index, the
feeds and the redirects to write (0.6 s).

In a parallel build, a process forked at that point takes the pages one
after the other, while the main process goes on with the rest of the
build.  Once the rest is done (at ``build-finished``, after the feeds and
redirects), the main process takes the pages still left and then waits
for the other's last page.  Both take the next page from a counter they
share, so the two end within a page of each other; the caller gives the
largest pages first, so that the last one either takes is small.  A page
is made (its listing rendered, its template filled) by whichever process
writes it, from the environment they share since the fork, so the pages
are those a serial build writes.  The forked process's warnings reach the
main process's log as the writing processes' do (Sphinx's
``ParallelTasks``); its failure fails the build, and so does its death,
with a message that says so.  The marker of a build stopped while writing
goes after this (``blog/writing.py``), so that a build killed while the
main process writes its share has every page written again by the next.

A serial build, one page, or a system without the shared semaphore the
counter needs (no ``/dev/shm``) has its pages written where Sphinx writes
them.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import SphinxParallelError
from sphinx.util.parallel import ParallelTasks

#: a generated page: called, it makes what ``html-collect-pages`` yields
Page = Callable[[], tuple[str, dict[str, Any], str]]


class ForkedPages:
    """One per application: the generated pages of the build being finished,
    and the forked process writing them."""

    def __init__(self) -> None:
        self._pages: Sequence[Page] = ()
        self._taken: Any = None  # the shared count of pages taken
        self._tasks: ParallelTasks | None = None

    def collect(self, builder: Builder, pages: Sequence[Page]) -> Iterator[tuple[str, dict[str, Any], str]]:
        """What an ``html-collect-pages`` handler returns: the pages, or, in a
        parallel build, none, a forked process having started on them."""
        if not (len(pages) > 1 and builder.parallel_ok and self._start(builder, pages)):
            yield from (page() for page in pages)

    def _start(self, builder: Builder, pages: Sequence[Page]) -> bool:
        try:
            self._taken = multiprocessing.get_context("fork").Value("i", 0)
        except (ImportError, OSError):  # no shared semaphores (no /dev/shm); Sphinx's tasks need none
            return False
        self._pages = pages
        self._tasks = ParallelTasks(1)
        self._tasks.add_task(functools.partial(self._write, builder))
        return True

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        tasks, self._tasks = self._tasks, None
        if tasks is None:
            return
        try:
            if exception is None:
                self._write(app.builder)
                tasks.join()
        except EOFError:  # what Sphinx's tasks raise when a process ends without a word
            raise SphinxParallelError("the forked process writing the generated pages ended before "
                                      "it was done (killed, or out of memory?)", "") from None
        finally:
            tasks.terminate()
            self._pages, self._taken = (), None

    def _write(self, builder: Builder) -> None:
        while (index := self._take()) is not None:
            builder.handle_page(*self._pages[index]())

    def _take(self) -> int | None:
        with self._taken.get_lock():
            index = self._taken.value
            if index == len(self._pages):
                return None
            self._taken.value = index + 1
        return index


def setup_forked_pages(app: Sphinx) -> ForkedPages:
    pages = ForkedPages()
    # after the blog's own files (feeds, redirects: priority 500), before the
    # collector is let loose again (gc_tuning, 999)
    app.connect("build-finished", pages.finish, priority=900)
    return pages
