"""Where kramdown reads a line otherwise than CommonMark does, and which
lines are code (left as written by every rule and by Liquid)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

#: ``1)`` starts no list in kramdown
_PAREN_LIST = re.compile(r"^( {0,3}\d{1,9})\)(?=[ \t])", re.MULTILINE)
#: kramdown allows spaces in a link's destination: ``[pdf](/a/b c.pdf)``.
_SPACED_DESTINATION = re.compile(r"(\]\()([^()\"'\n<>]*? [^()\"'\n<>]*?)(\))")
_BLOCK_PARSER = MarkdownIt("commonmark").disable(["html_block"], ignoreInvalid=True)


def as_commonmark(text: str) -> str:
    """``text`` with kramdown's line-level differences written so that
    CommonMark reads them as kramdown does; code is left alone."""
    if not (_PAREN_LIST.search(text) or _SPACED_DESTINATION.search(text)):
        return text
    code = code_lines(text)
    return "\n".join(line if number in code else _line(line) for number, line in enumerate(text.split("\n")))


def _line(line: str) -> str:
    line = _PAREN_LIST.sub(r"\1\\)", line)
    return _SPACED_DESTINATION.sub(lambda m: m[1] + m[2].strip().replace(" ", "%20") + m[3], line)


def code_lines(text: str) -> set[int]:
    """0-based numbers of the lines inside fenced or indented code blocks."""
    lines: set[int] = set()
    for token in _BLOCK_PARSER.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines
