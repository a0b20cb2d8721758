"""Header ids exactly as Jekyll's kramdown (GFM input) generates them.

Jekyll 4 parses with kramdown-parser-gfm, which takes a header's text (markup dropped, typographic
symbols as their characters), lower-cases it, keeps only word characters,
hyphens, spaces and tabs, and turns each space or tab into a hyphen; a
repeated id gets ``-1``, ``-2``, ... appended.  An empty id means no id.
"""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"[^\w\- \t]")
#: kramdown prints these as typographic symbols, which then drop out of ids
_TYPOGRAPHIC = (("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"), ("<<", "\u00ab"), (">>", "\u00bb"))


def basic_id(text: str) -> str:
    for ascii_form, symbol in _TYPOGRAPHIC:
        text = text.replace(ascii_form, symbol)
    return _NON_WORD.sub("", text.lower()).replace(" ", "-").replace("\t", "-")


class HeaderIds:
    """The ids of one document's headers, in document order."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def generate(self, text: str) -> str:
        generated = basic_id(text)
        count = self._seen.get(generated, -1) + 1
        self._seen[generated] = count
        return f"{generated}-{count}" if count else generated
