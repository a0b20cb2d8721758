"""Tables as kramdown reads them (its ``parser/kramdown/table.rb``), as markdown-it tokens.

kramdown's tables are not GFM's: any block whose every line has a pipe
outside code spans is a table, with or without a separator line. A
separator line (``|---|``) after the first rows makes them the header, a
later one starts another ``tbody``, and a ``|===`` line starts the footer.
A table needs a blank line (or the start of its container, an attribute
list, or ``^``) before and after it; otherwise its lines are a paragraph.
A ``|`` inside a code span is code, and ``\\|`` is a pipe in a cell.

The tokens are markdown-it's (``table_open``, ``thead_open``, ``th_open``...),
with ``tfoot_open`` and any number of ``tbody_open``; a cell's alignment is
its ``style`` attribute, as markdown-it writes it.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

from .attributes import BLOCK_LIST_START

#: stands for a pipe inside code while a row is split: one character, from the private-use area
_HIDDEN_PIPE = "\ue000"
#: a code span on one line: a run of backticks to the next run as long
CODE_SPAN = r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)"
#: a code span, or the ``<code>`` element kramdown also splits rows around
_CODE = re.compile(CODE_SPAN + r"|<code.*?>.*?</code>")
#: kramdown's TABLE_PIPE_CHECK: a line that starts with a pipe, or has one after any other
#: character than a backslash
_PIPE_CHECK = re.compile(r"\||.*?[^\\]\|")
_SEPARATOR = re.compile(r"[+|: \t-]*?-[+|: \t-]*?[ \t]*")
_FOOTER_SEPARATOR = re.compile(r"[+|: \t=]*?=[+|: \t=]*?[ \t]*")
_ALIGNMENT = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_EOB = re.compile(r"\^[ \t]*")
_LIST_ITEM = re.compile(r"(?:[*+-]|\d+\.)(?:[ \t]|$)")
#: after these, as after a blank line, a table may start: kramdown's ``^`` and attribute lists
_BOUNDARY_TOKENS = frozenset(("kramdown_eob", "kramdown_ial", "kramdown_ald"))


def _hide_pipes(line: str) -> str:
    return _CODE.sub(lambda m: m[0].replace("|", _HIDDEN_PIPE), line)


def _line(state: StateBlock, number: int) -> str:
    return state.src[state.bMarks[number] + state.tShift[number]:state.eMarks[number]]


def _after_block_boundary(state: StateBlock, start: int) -> bool:
    if not state.tokens:
        return True
    last = state.tokens[-1]
    if last.nesting == 1 or last.type in _BOUNDARY_TOKENS:
        return True
    return start > 0 and state.isEmpty(start - 1)


#: in the markdown-it env while an HTML element's Markdown is read: its end tag follows its
#: last line, where kramdown, reading the element in place, finds no block boundary
END_TAG_FOLLOWS = "kramdown_end_tag_follows"


def _before_block_boundary(state: StateBlock, line: int, end: int) -> bool:
    if line >= end:
        # a list item's or a quote's text kramdown reads on its own, to its end
        return not (end == state.lineMax and state.level == 0 and state.env.get(END_TAG_FOLLOWS))
    if state.isEmpty(line):
        return True
    text = _line(state, line)
    if _EOB.fullmatch(text) or BLOCK_LIST_START.match(text):
        return True
    # kramdown gives a list item, and a quote, every line after its text that starts no new
    # item: a lazy line is the table's next line, and the rows are a paragraph after all
    return state.sCount[line] < state.blkIndent and bool(_LIST_ITEM.match(text))


def _cells(row: str, leading_pipe: bool) -> list[str]:
    cells = [cell.replace(_HIDDEN_PIPE, "|") for cell in _CELL_BORDER.split(_hide_pipes(row))]
    # kramdown unescapes the pipes of the text only: in code, ``\|`` stays as written
    cells = ["".join(part.replace("\\|", "|") if index % 2 == 0 else part
                     for index, part in enumerate(_split_code(cell))) for cell in cells]
    if leading_pipe and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return [cell.strip() for cell in cells]


def _split_code(text: str) -> list[str]:
    """The text between code spans, and the code spans, alternately."""
    parts, last = [], 0
    for match in _CODE.finditer(text):
        parts += [text[last:match.start()], match[0]]
        last = match.end()
    return [*parts, text[last:]]


def _alignment(separator: str) -> list[str]:
    return [{("", ""): "", (":", ""): "left", ("", ":"): "right"}.get(sides, "center")
            for sides in _ALIGNMENT.findall(separator)]


def table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A kramdown table, from ``start`` to the first line without a pipe outside code."""
    if state.is_code_block(start) or not _after_block_boundary(state, start):
        return False
    lines = []
    for number in range(start, end):
        if number > start and state.sCount[number] < state.blkIndent:
            break
        text = _line(state, number)
        if not _PIPE_CHECK.match(_hide_pipes(text)):
            break
        lines.append(text)
    if not lines or not _before_block_boundary(state, start + len(lines), end):
        return False

    # each section: its kind and its rows, a row being its first line and its cells
    sections: list[tuple[str, list[tuple[int, list[str]]]]] = []
    rows: list[tuple[int, list[str]]] = []
    alignment: list[str] | None = None
    has_footer = False
    leading_pipe = lines[0].lstrip().startswith("|")

    def close(kind: str, force: bool = False) -> None:
        nonlocal rows
        if not has_footer or kind != "tbody" or force:
            sections.append((kind, rows))
            rows = []

    for number, text in enumerate(lines, start):
        if _SEPARATOR.fullmatch(text):
            if not rows:
                continue
            if alignment is None and not has_footer:
                close("thead")
                alignment = _alignment(text)
            else:
                close("tbody")
        elif _FOOTER_SEPARATOR.fullmatch(text):
            if rows:
                close("tbody", force=True)
            has_footer = True
        else:
            rows.append((number, _cells(text, leading_pipe)))
    if rows:
        close("tfoot" if has_footer else "tbody")
    if not any(kind == "tbody" for kind, _ in sections):
        # kramdown's "table without body": its lines are read as a paragraph
        return False
    if silent:
        return True

    columns = max((len(cells) for _, section_rows in sections for _, cells in section_rows), default=0)
    alignment = ((alignment or []) + [""] * columns)[:columns]
    table = state.push("table_open", "table", 1)
    table.map = [start, start + len(lines)]
    for kind, section_rows in sections:
        state.push(f"{kind}_open", kind, 1)
        cell_tag = "th" if kind == "thead" else "td"
        for number, cells in section_rows:
            row = state.push("tr_open", "tr", 1)
            row.map = [number, number + 1]
            for cell, align in zip(cells + [""] * (columns - len(cells)), alignment, strict=True):
                opening = state.push(f"{cell_tag}_open", cell_tag, 1)
                if align:
                    opening.attrSet("style", f"text-align:{align}")
                inline = state.push("inline", "", 0)
                inline.content = cell
                inline.map = [number, number + 1]
                inline.children = []
                state.push(f"{cell_tag}_close", cell_tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{kind}_close", kind, -1)
    state.push("table_close", "table", -1)
    state.line = start + len(lines)
    return True
