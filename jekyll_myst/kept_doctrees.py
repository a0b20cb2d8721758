"""A build keeps no doctree it is done with.

With ``-j 1``, Sphinx keeps every doctree it reads in memory until the page
is written, so that writing need not unpickle it again: at the end of the
reading, the whole blog's doctrees are alive at once, and they set the
build's peak memory (393 MiB for a thousand posts, against 221 MiB without
them).  Unpickling each doctree again when its page is written is a small
price for that memory: a full build of a thousand posts took 0.95 and 1.18
times plain Sphinx's time in two benchmark runs (1.03 and 1.04 before),
within what the machine varies, and on the CPython documentation writing
from the pickles was measured faster when Sphinx stopped keeping the
doctrees in parallel builds (sphinx-doc/sphinx#11290).  So the doctree
Sphinx keeps is dropped when the next document starts to be read, and the
last one when the reading ends: pages are written from the pickles, as a
parallel build writes them.

Sphinx also keeps the pickled bytes of every doctree it loads, until the
build ends (11 MiB at three hundred posts, about 40 MiB at a thousand), in
case it is asked for the same doctree again.  A page is asked for once when
it is written, so its bytes are dropped once it is resolved; were it asked
for again, it would be read from its file.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def _drop(env: BuildEnvironment) -> None:
    # private to Sphinx (9.0); an empty dictionary is the state of a parallel read
    env._write_doc_doctree_cache.clear()


def setup_kept_doctrees(app: Sphinx) -> None:
    def document_started(app: Sphinx, docname: str, source: list[str]) -> None:
        _drop(app.env)

    def reading_ended(app: Sphinx, env: BuildEnvironment) -> list[str]:
        _drop(env)
        return []

    def page_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        # private to Sphinx (9.0): get_doctree reads the file when a name is not there
        app.env._pickled_doctree_cache.pop(docname, None)

    # before the collector's turn at the same event (gc_tuning, priority 0),
    # so that the collection it may make frees the doctree just dropped
    app.connect("source-read", document_started, priority=-1)
    app.connect("env-updated", reading_ended, priority=0)
    # last: the page's own handlers are done with it
    app.connect("doctree-resolved", page_resolved, priority=999)
