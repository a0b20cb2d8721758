"""A parallel read gives each process one run of the documents, of about equal size.

With ``-j N``, Sphinx cuts the documents to read into chunks of the square
root of ten times their number per process (``make_chunks``: 15 chunks,
of 72 documents but the last, for a thousand posts and ``-j 2``), and
forks a worker for each chunk as a process comes free.  The worker sends
back its whole copy of the environment, pickled, and the main process
unpickles it and merges its documents in.  A worker forked after some
chunks were merged carries their documents too, so each chunk sends, and
the main process unpickles and sifts, more than the one before: measured
at a thousand posts, ``-j 2``, 1.2 s of pickling in the workers and 1.7 s
of unpickling and merging in the main process, where the documents take
14 s to read (sphinx-doc/sphinx#10967 reports the same on 22,000 files).

Here the documents are cut into one run per process, each forked before
anything is merged: each worker sends its own documents once.  The runs
keep Sphinx's order and are of about equal size, so that the processes
end together: a document counts as its size in bytes of source plus
:data:`DOCUMENT_BYTES`, since reading one costs a fixed part besides its
text (a post of 10 KB reads in about 15 ms, an author's bio of 0.4 KB in
3.5 ms).  The main process has nothing to do while they read, as before
between two merges.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
from collections.abc import Callable, Iterator, Sequence

import sphinx.builders
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .while_reading import while_reading

#: what reading a document costs beyond its text, counted as bytes of text
DOCUMENT_BYTES = 2048


def equal_runs(docnames: Sequence[str], sizes: Sequence[int], parts: int) -> list[list[str]]:
    """``docnames`` in order, cut into at most ``parts`` runs, none empty,
    whose ``sizes`` add up to about the same."""
    parts = min(parts, len(docnames))
    if parts <= 1:
        return [list(docnames)] if docnames else []
    ends = list(itertools.accumulate(sizes))
    cuts = [0]
    for part in range(1, parts):
        # the first document that takes the sum past this part's share, at least one per run
        cut = bisect.bisect_left(ends, ends[-1] * part / parts) + 1
        cuts.append(min(max(cut, cuts[-1] + 1), len(docnames) - (parts - part)))
    cuts.append(len(docnames))
    return [list(docnames[start:end]) for start, end in itertools.pairwise(cuts)]


def _source_size(env: BuildEnvironment, docname: str) -> int:
    try:
        return env.doc2path(docname).stat().st_size
    except OSError:  # gone since it was found: reading it will say so
        return 0


def _one_run_per_process(env: BuildEnvironment) -> Callable[..., list[list[str]]]:
    def chunks(docnames: Sequence[str], nproc: int, maxbatch: int = 10) -> list[list[str]]:
        sizes = [_source_size(env, docname) + DOCUMENT_BYTES for docname in docnames]
        return equal_runs(docnames, sizes, nproc)

    return chunks


@contextlib.contextmanager
def _read_chunks(env: BuildEnvironment) -> Iterator[None]:
    # Sphinx 9.0's Builder._read_parallel cuts the documents by this module-level name and
    # offers no other way in; it is put back as soon as the documents are read
    sphinx_chunks = sphinx.builders.make_chunks
    sphinx.builders.make_chunks = _one_run_per_process(env)
    try:
        yield
    finally:
        sphinx.builders.make_chunks = sphinx_chunks


def setup_read_chunks(app: Sphinx) -> None:
    while_reading(app, lambda app: _read_chunks(app.env))
