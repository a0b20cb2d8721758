"""A problem found in a blog's input, located by line: the pure layer's way to report.

Nothing in this package raises on bad input or logs: it returns
:class:`Problem` values, which the Sphinx side reports with the file they
were found in (see ``jekyll_myst.reporting``).  Each subtype is one of
``jekyll_myst.warning_types``.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Problem:
    """Something wrong with the input, located by line (1-based) in the file."""

    subtype: str
    message: str
    line: int
