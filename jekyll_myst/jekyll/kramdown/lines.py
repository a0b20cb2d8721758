"""Where kramdown reads a line otherwise than CommonMark does, and which
lines are code (left as written by every rule and by Liquid)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .lazy_lines import lazy_prefixes
from .tables import CODE_SPAN

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
#: a list item or a definition whose text starts five or more spaces after its marker: kramdown
#: reads it as the item's text, CommonMark as code (``*     text``, ``:     text``)
_WIDE_ITEM = re.compile(r"^( {0,3}(?:[*+-]|\d{1,9}\.|:))( {5,})(?=\S)", re.MULTILINE)
#: an escaped parenthesis in a link's destination, which kramdown counts as any other
_ESCAPED_PAREN = re.compile(r"\]\([^)\s]*\\[()]")
_CODE_SPAN = re.compile(CODE_SPAN)
_BLOCK_PARSER = MarkdownIt("commonmark").disable(["html_block"], ignoreInvalid=True)
#: a list item or a quote, which may take lines lazily
_LAZY_BLOCK = re.compile(r"^ {0,3}(?:[*+-][ \t]|\d{1,9}\.[ \t]|>)", re.MULTILINE)


def as_commonmark(text: str) -> str:
    """``text`` with kramdown's line-level differences written so that
    CommonMark reads them as kramdown does; code is left alone."""
    if _LAZY_BLOCK.search(text) and (prefixes := lazy_prefixes(text.split("\n"))):
        text = "\n".join(prefixes.get(number, "") + line for number, line in enumerate(text.split("\n")))
    if not (_PAREN_LIST.search(text) or _SPACED_DESTINATION.search(text) or _SPACED_DEFINITION.search(text)
            or _WIDE_ITEM.search(text) or _ESCAPED_PAREN.search(text)):
        return text
    fenced, indented = _code_lines(text)
    lines = text.split("\n")
    written = []
    #: a wide item's text column, and the spaces taken off the lines in it
    wide: tuple[int, int] | None = None
    for number, line in enumerate(lines):
        # a definition starts a block: after a blank line, or after another definition
        block_start = number == 0 or not lines[number - 1].strip() or bool(
            _LINK_DEFINITION.match(lines[number - 1]))
        moved = False
        if wide is not None and line.strip():
            if len(line) - len(line.lstrip(" ")) >= wide[0]:
                line, moved = line[wide[1]:], True
            else:
                wide = None
        item = None if number in fenced else _WIDE_ITEM.match(line)
        if item is not None:
            wide = (item.end(), len(item[2]) - 1)
            line, moved = item[1] + " " + line[item.end():], True
        code = number in fenced or (number in indented and not moved)
        written.append(line if code else _line(line, block_start))
    return "\n".join(written)


def _line(line: str, block_start: bool) -> str:
    line = _PAREN_LIST.sub(r"\1\\)", line)
    if _ESCAPED_PAREN.search(line):
        line = _destinations_counted_as_kramdown(line)
    line = _SPACED_DESTINATION.sub(lambda m: m[1] + m[2].strip().replace(" ", "%20") + m[3], line)
    definition = _LINK_DEFINITION.match(line) if block_start else None
    if definition and re.search(r"\s", definition[2]) and not re.search(r"[ \t]+[\"']|[<>]", definition[2]):
        line = f"{definition[1]}<{definition[2]}>{definition[3]}"
    return line


def _destinations_counted_as_kramdown(line: str) -> str:
    """Each inline link's destination ends where kramdown's does: it counts every
    parenthesis, escaped or not (``(Darwin_(os\\))`` is one destination), where
    CommonMark counts only the unescaped ones, and finds no end."""
    spans = [found.span() for found in _CODE_SPAN.finditer(line)]
    written, start = [], 0
    for opening in re.finditer(r"\]\(", line):
        at = opening.end() - 1
        if at < start or any(begin <= at < end for begin, end in spans):
            continue
        depth, end = 0, None
        for index in range(at, len(line)):
            if line[index] == "(":
                depth += 1
            elif line[index] == ")":
                depth -= 1
                if depth == 0:
                    end = index
                    break
            elif line[index].isspace() and line[index + 1:index + 2] in ("'", '"'):
                break
        if end is None:
            continue
        written.append(line[start:at])
        written.append(line[at:end].replace("\\(", "(").replace("\\)", ")"))
        start = end
    return "".join(written) + line[start:]


def code_lines(text: str) -> set[int]:
    """0-based numbers of the lines inside fenced or indented code blocks."""
    fenced, indented = _code_lines(text)
    return fenced | indented


def _code_lines(text: str) -> tuple[set[int], set[int]]:
    """The lines of fenced code blocks, and of indented ones."""
    fenced: set[int] = set()
    indented: set[int] = set()
    for token in _BLOCK_PARSER.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            (fenced if token.type == "fence" else indented).update(range(*token.map))
    return fenced, indented
