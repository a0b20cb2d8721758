"""Where kramdown reads a line otherwise than CommonMark does, and which
lines are code (left as written by every rule and by Liquid)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

#: ``1)`` starts no list in kramdown
_PAREN_LIST = re.compile(r"^( {0,3}\d{1,9})\)(?=[ \t])", re.MULTILINE)
#: kramdown allows spaces in a link's destination: ``[pdf](/a/b c.pdf)``.
_SPACED_DESTINATION = re.compile(r"(\]\()([^()\"'\n<>]*? [^()\"'\n<>]*?)(\))")
#: kramdown's link definition (not a footnote's), its URL taken to the end of the line or to a
#: title, spaces and all: ``[1]: "See generally X."`` is one, where CommonMark finds an
#: unreadable title and makes it, and every definition after it, a paragraph
_LINK_DEFINITION = re.compile(
    r"""^( {0,3}\[(?!\^)[^\n\]]+\]:[ \t]*)(?!<)(\S.*?)((?:[ \t]+(["'])(?:.+?)\4)?[ \t]*)$""")
#: a line that may be such a definition, with white space in its URL or before its title
_SPACED_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\n\]]+\]:[ \t]*[^\s<][^\n]*?[ \t]\S", re.MULTILINE)
_BLOCK_PARSER = MarkdownIt("commonmark").disable(["html_block"], ignoreInvalid=True)


def as_commonmark(text: str) -> str:
    """``text`` with kramdown's line-level differences written so that
    CommonMark reads them as kramdown does; code is left alone."""
    if not (_PAREN_LIST.search(text) or _SPACED_DESTINATION.search(text) or _SPACED_DEFINITION.search(text)):
        return text
    code = code_lines(text)
    lines = text.split("\n")
    written = []
    for number, line in enumerate(lines):
        # a definition starts a block: after a blank line, or after another definition
        block_start = number == 0 or not lines[number - 1].strip() or bool(
            _LINK_DEFINITION.match(lines[number - 1]))
        written.append(line if number in code else _line(line, block_start))
    return "\n".join(written)


def _line(line: str, block_start: bool) -> str:
    line = _PAREN_LIST.sub(r"\1\\)", line)
    line = _SPACED_DESTINATION.sub(lambda m: m[1] + m[2].strip().replace(" ", "%20") + m[3], line)
    definition = _LINK_DEFINITION.match(line) if block_start else None
    if definition and re.search(r"\s", definition[2]) and not re.search(r"[ \t]+[\"']|[<>]", definition[2]):
        line = f"{definition[1]}<{definition[2]}>{definition[3]}"
    return line


def code_lines(text: str) -> set[int]:
    """0-based numbers of the lines inside fenced or indented code blocks."""
    lines: set[int] = set()
    for token in _BLOCK_PARSER.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines
