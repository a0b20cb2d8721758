"""kramdown's definition terms: every line of the paragraph before a ``:`` definition is a term.

``Term A`` and ``Term B`` on two lines, then ``: Shared``, are two ``<dt>``
and one ``<dd>`` in kramdown; the definition list rule of markdown-it takes
one line as the term, so the lines stayed one paragraph with the colon in it.
This rule reads the terms before the last, then has that rule read the rest.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token


def _is_definition(state: StateBlock, line: int) -> bool:
    # as kramdown's DEFINITION_LIST_START: a colon, then a space or a tab
    text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
    return state.sCount[line] - state.blkIndent < 4 and text[:1] == ":" and text[1:2] in (" ", "\t")


def make_terms_rule(definition_list):
    """The rule, around markdown-it's definition list rule ``definition_list``."""

    def terms_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent or state.is_code_block(start):
            return False
        last = start
        terminators = state.md.block.ruler.getRules("paragraph")
        while last + 1 < end and not state.isEmpty(last + 1) and not _is_definition(state, last + 1):
            last += 1
            if state.sCount[last] < state.blkIndent or any(
                    rule(state, last, end, True) for rule in terminators):
                return False
        if last == start or last + 1 >= end or not _is_definition(state, last + 1):
            return False
        first = len(state.tokens)
        if not definition_list(state, last, end, False):
            return False
        terms = []
        for line in range(start, last):
            inline = Token("inline", "", 0, map=[line, line + 1], children=[],
                           content=state.getLines(line, line + 1, state.blkIndent, False).strip())
            terms += [Token("dt_open", "dt", 1, map=[line, line + 1]), inline, Token("dt_close", "dt", -1)]
        for token in terms:
            token.level = state.tokens[first + 1].level + (token.type == "inline")
        state.tokens[first + 1:first + 1] = terms
        state.tokens[first].map = [start, state.line]
        if first and state.tokens[first - 1].type == "dl_close":
            # kramdown's definition list goes on after a blank line
            del state.tokens[first - 1:first + 1]
        return True

    return terms_rule


def definition_terms_plugin(md: MarkdownIt) -> None:
    """Several terms for a definition, where markdown-it reads definition lists (MyST's ``deflist``)."""
    for rule in md.block.ruler.__rules__:
        if rule.name == "deflist":
            md.block.ruler.before("deflist", "kramdown_definition_terms", make_terms_rule(rule.fn))
            return
