"""Tables as kramdown reads them: a ``|`` inside a code span is code, not a cell border.

GFM (and markdown-it's table rule) splits a row at every unescaped pipe, so
``| `cmd | grep` |`` would lose half the command; kramdown's table parser
finds the code spans of a row first and splits only the text between them.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import table

#: stands for a pipe inside a code span while markdown-it splits the row: one
#: character (every offset of the source stays), from the private-use area
_HIDDEN_PIPE = "\ue000"
#: a code span on one line: a run of backticks (not escaped) up to a run of the same length
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _hide_pipes(line: str) -> str:
    return _CODE_SPAN.sub(lambda m: m[0].replace("|", _HIDDEN_PIPE), line)


def table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, with the pipes of the rows' code spans hidden from it."""
    last = start
    while last < end and not state.isEmpty(last):
        last += 1
    # the rule is tried at a line that is not blank: ``last`` is past it
    begin, stop = state.bMarks[start], state.eMarks[last - 1]
    rows = state.src[begin:stop]
    if "`" not in rows or "|" not in rows:
        return table(state, start, end, silent)
    original = state.src
    state.src = original[:begin] + "\n".join(_hide_pipes(row) for row in rows.split("\n")) + original[stop:]
    first_token = len(state.tokens)
    try:
        return table(state, start, end, silent)
    finally:
        state.src = original
        for token in state.tokens[first_token:]:
            token.content = token.content.replace(_HIDDEN_PIPE, "|")
