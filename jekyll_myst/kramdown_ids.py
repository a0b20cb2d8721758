"""Header ids exactly as kramdown 2 generates them (``auto_ids``).

Pure translation code: no Sphinx import.  kramdown works on the header's
raw source text: it keeps only ASCII letters, digits, spaces and hyphens, turns each space into a
hyphen and lower-cases the result; an empty id becomes ``section`` and a
repeated id gets ``-1``, ``-2``, ... appended.
"""

from __future__ import annotations

import re

_UNWANTED = re.compile(r"[^a-zA-Z0-9 -]")


def basic_id(raw_text: str) -> str:
    text = _UNWANTED.sub("", raw_text)
    return text.replace(" ", "-").lower()


class HeaderIds:
    """The ids of one document's headers, in document order."""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}

    def generate(self, raw_text: str) -> str:
        generated = basic_id(raw_text) or "section"
        if generated in self._used:
            self._used[generated] += 1
            return f"{generated}-{self._used[generated]}"
        self._used[generated] = 0
        return generated
