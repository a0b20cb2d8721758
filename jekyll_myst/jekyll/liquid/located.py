"""Where a Liquid error is, as a line of the post; and which site files a render read.

Errors are collected, never raised: the engine calls :meth:`Collector.add`
for each one and goes on with the next node, as Jekyll's ``warn`` mode does.
An error inside an included file is located at the post's
``{% include %}`` line, and its message names the file and the line there,
through every level of nesting.

The files of the site that a render read (includes, data files), or looked
for in vain, are collected too: the post shows them, so it must be read
again when one of them changes, appears or goes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path

from liquid.exceptions import LiquidError
from liquid.token import Token

from ..problems import Problem


@dataclasses.dataclass(frozen=True)
class IncludeFrame:
    #: the included file, as the message names it (``_includes/note.html``)
    name: str
    #: the ``{% include %}`` tag, in the source of the file that includes this one
    tag: Token


class Collector:
    """The problems of one render of one post, and the site files it read."""

    def __init__(self, source: str, first_line: int) -> None:
        self.source = source
        self.first_line = first_line
        self.problems: list[Problem] = []
        self.files: set[Path] = set()
        self._frames: list[IncludeFrame] = []

    def read(self, path: Path) -> None:
        """The render read ``path``, or looked for it and found nothing there."""
        self.files.add(path)

    @contextlib.contextmanager
    def including(self, name: str, tag: Token) -> Iterator[None]:
        self._frames.append(IncludeFrame(name, tag))
        try:
            yield
        finally:
            self._frames.pop()

    def add(self, error: LiquidError) -> None:
        message = str(error.message or type(error).__name__)
        if not self._frames:
            self.problems.append(Problem("liquid", message, self._post_line(error.token)))
            return
        chain = []
        inner = error.token
        for frame in reversed(self._frames):
            where = f"{frame.name}, line {_line_in(inner)}" if inner is not None else frame.name
            chain.append(where)
            inner = frame.tag
        # an include that includes itself goes as deep as Liquid lets it: one mention of the loop
        runs = [(where, len(list(run))) for where, run in itertools.groupby(chain)]
        shown = [where if count == 1 else f"{where}, included from itself {count - 1} times"
                 for where, count in runs]
        message += " (in " + ", included from ".join(shown) + ")"
        self.problems.append(Problem("liquid", message, self._post_line(self._frames[0].tag)))

    def _post_line(self, token: Token | None) -> int:
        if token is None or token.start_index < 0 or token.source != self.source:
            return self.first_line
        return self.first_line + self.source.count("\n", 0, token.start_index)


def _line_in(token: Token) -> int:
    return token.source.count("\n", 0, max(token.start_index, 0)) + 1
