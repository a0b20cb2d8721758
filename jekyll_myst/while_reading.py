"""What lasts exactly as long as a build reads its documents.

Sphinx 9.0 has no pair of events around the reading that is sure to close
it: ``env-updated`` does not come when reading fails.  So the builder's
``read`` is wrapped, and what is set up for the reading is put back however
the reading ends.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from sphinx.application import Sphinx


def while_reading(app: Sphinx, context: Callable[[Sphinx], AbstractContextManager]) -> None:
    """Enter ``context(app)`` around each reading of the builder's documents."""
    def builder_inited(app: Sphinx) -> None:
        builder = app.builder
        read: Callable[[], list[str]] = builder.read

        def read_within() -> list[str]:
            with context(app):
                return read()

        builder.read = read_within

    app.connect("builder-inited", builder_inited)
