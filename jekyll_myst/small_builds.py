"""An edit's build reads its few documents in the main process.

With ``-j``, Sphinx reads in worker processes however few the documents
are: each worker is forked with the whole environment and sends all of it
back, pickled, for the main process to unpickle and merge.  For an edit of
one post, that round trip is most of the reading, and it grows with the
blog (the environment of a thousand posts is 8 MB pickled).  When fewer
than :data:`SERIAL_BELOW` documents are to be read, they are read in the
main process, as ``-j 1`` reads them; more, and the build reads in parallel
as asked.  Writing is left as asked: an edit to a page in the sidebar writes
every page again.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: reading this many documents in parallel repays forking and merging (a
#: post reads in 20 to 60 ms; the round trip costs 0.1 s at a hundred posts)
SERIAL_BELOW = 8


def setup_small_builds(app: Sphinx) -> None:
    # the -j asked for, while this build reads serially
    asked: dict[str, int] = {}

    def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        if app.parallel > 1 and len(docnames) < SERIAL_BELOW:
            asked["jobs"] = app.parallel
            app.parallel = 1  # Sphinx chooses how to read right after this event

    def after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
        if "jobs" in asked:
            app.parallel = asked.pop("jobs")
        return []

    app.connect("env-before-read-docs", before_reading, priority=900)
    # first: what runs after reading sees the -j asked for
    app.connect("env-updated", after_reading, priority=0)
