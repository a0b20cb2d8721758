"""The one way the extension reports a problem or a notice: :func:`report`.

Every line goes through Sphinx's logger with ``type="jekyll"``, a subtype
from the registry (``warning_types``) that also decides its level, and a
location wherever there is one, so that ``-W`` fails on every warning and
``suppress_warnings = ["jekyll.<subtype>"]`` silences exactly one kind.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from .jekyll.problems import Problem
from .warning_types import WARNING_TYPES

logger = logging.getLogger("jekyll_myst")


def report(subtype: str, message: str, *args: Any, location: Any = None) -> None:
    """Log ``message % args`` at the subtype's level; ``location`` is a node, a
    ``(docname, line)`` pair, or ``"path:line"``."""
    kind = WARNING_TYPES.get(subtype)
    if kind is None:
        raise ValueError(f"jekyll.{subtype} is not in warning_types: add it there, with its cause and remedy")
    log = logger.warning if kind.level == "warning" else logger.info
    log(message, *args, type="jekyll", subtype=subtype, location=location)


def report_problem(problem: Problem, docname: str) -> None:
    """A problem the pure layer found in a document, at its line."""
    report(problem.subtype, problem.message, location=(docname, problem.line))
