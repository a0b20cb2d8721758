"""The lazy lines of list items and quotes, which kramdown keeps in the item
or the quote where CommonMark ends it.

kramdown gives a list item every line after it up to a blank line, whatever
the line starts with: only another item of the list, a block attribute list,
an HTML tag or an end-of-block marker ends it.  So a fence, a heading or a
quote written straight under ``1. Install:`` is in the item, and ``2. Next``
after it is the list's second item.  A quote, likewise, takes every line up to
a blank line, ``>`` or not: ``> Note:`` then ``- a point`` is a list in the
quote.  CommonMark continues only a paragraph lazily: the fence ends the list,
and the next item starts another, which kramdown numbers from one again.

Such lines are given what puts them in the item or the quote for CommonMark:
an item's spaces, as many as leave the line, once CommonMark takes the item's
own off, with the indentation kramdown leaves it (kramdown takes an item's
indentation off a line only when the line has all of it); a quote's ``> ``.
A run of lines that kramdown itself reads as a broken fence (a blank line in
it, then a line outside the item or the quote) is left as it is: Jekyll's
page shows that fence's lines as text.
"""

from __future__ import annotations

import dataclasses
import re

#: an item's marker, the spaces after it and the start of its text (kramdown: ``- a``, ``1. a``)
_ITEM = re.compile(r"^( {0,3})([*+-]|\d+\.)([ \t]+)(\S)?")
_RULE = re.compile(r"^ {0,3}([-*_])[ \t]*\1[ \t]*\1(?:\1|[ \t])*$")
_FENCE = re.compile(r"^( *)(`{3,}|~{3,})")
#: what CommonMark reads as a block of its own straight under a paragraph: a fence, a heading,
#: a quote, a bullet, an ordered item numbered one
_BREAKING = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|#{1,6}(?:[ \t]|$)|>|[*+-][ \t]|1\.[ \t])")
#: what CommonMark reads as a block of its own straight under a quote's paragraph
_QUOTE_BREAKING = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|#{1,6}(?:[ \t]|$)|[*+-][ \t]|\d{1,9}\.[ \t])")
_QUOTE = re.compile(r"^ {0,3}> ?")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
#: what kramdown takes lazily into no item or quote: a block attribute list, an HTML tag, an end
#: of block
_NOT_LAZY = re.compile(r"^ {0,3}(?:\{:(?!:|/)|</?[A-Za-z]|\^\s*$)")


@dataclasses.dataclass
class _Level:
    """One open list: the column of its item's text, and its kind of marker."""

    content: int
    ordered: bool


@dataclasses.dataclass
class _Reading:
    """Where the walk through a text is."""

    levels: list[_Level] = dataclasses.field(default_factory=list)
    last_blank: bool = True
    #: the quote being read
    quote: bool = False
    #: the last line read was a paragraph's, which CommonMark goes on with lazily
    paragraph: bool = False
    #: what is put before the lines of the lazy run being read; kept once the run ends well
    run: dict[int, str] | None = None
    #: the characters of the fence open in the list or the quote
    fence: str | None = None
    #: a list this walk cannot follow as kramdown does (tabs, a wide or empty item, a broken
    #: fence): left as it is to its end
    lost: bool = False


def lazy_prefixes(lines: list[str]) -> dict[int, str]:
    """What to put before each line (by 0-based number) that kramdown reads
    into a list item or a quote and CommonMark would not."""
    prefixes: dict[int, str] = {}
    reading = _Reading()
    top_fence: str | None = None
    for number, line in enumerate(lines):
        if reading.levels:
            if _in_list(reading, lines, number, prefixes):
                continue
            _end_block(reading, prefixes)
        elif reading.quote:
            if _in_quote(reading, line, number):
                continue
            _end_block(reading, prefixes)
        # outside lists and quotes, a fence's lines start neither
        fence = _FENCE.match(line)
        if top_fence is not None:
            if fence and len(fence[1]) <= 3 and _closes(line, top_fence):
                top_fence = None
        elif fence and len(fence[1]) <= 3:
            top_fence = fence[2]
        elif _QUOTE.match(line):
            reading.quote = True
            _in_quote(reading, line, number)
        else:
            _start_list(reading, line)
            reading.last_blank = not line.strip()
    _end_block(reading, prefixes)
    return prefixes


def _start_list(reading: _Reading, line: str) -> None:
    item = _ITEM.match(line)
    if item is None or _RULE.match(line):
        return
    reading.levels = [_Level(item.end(3), _ordered(item))]
    reading.lost = _unreadable(item)
    reading.paragraph = _continues(line[item.end(3):])


def _ordered(item: re.Match) -> bool:
    return item[2][0].isdigit()


def _unreadable(item: re.Match) -> bool:
    """An item whose text column kramdown and CommonMark count apart: after a
    tab, five spaces or more (the wide items of :mod:`lines`), or no text."""
    return "\t" in item[3] or len(item[3]) > 4 or item[4] is None


def _in_quote(reading: _Reading, line: str, number: int) -> bool:
    """Read one line of a quote; False once the quote has ended before it."""
    if not line.strip() or _NOT_LAZY.match(line):
        return False
    quoted = _QUOTE.match(line)
    text = line[quoted.end():] if quoted else line
    if not quoted and (reading.run is not None or reading.fence is not None or not reading.paragraph
                       or _QUOTE_BREAKING.match(line)):
        _lazy(reading, number, "> ")
    fence = _FENCE.match(text)
    if reading.fence is not None:
        if fence and len(fence[1]) <= 3 and _closes(text, reading.fence):
            reading.fence = None
        reading.paragraph = False
    elif fence and len(fence[1]) <= 3:
        reading.fence = fence[2]
        reading.paragraph = False
    else:
        reading.paragraph = _continues(text)
    return True


def _in_list(reading: _Reading, lines: list[str], number: int, prefixes: dict[int, str]) -> bool:
    """Read one line of an open list; False once the list has ended before it."""
    line = lines[number]
    if not line.strip():
        if reading.fence is None:
            _commit(reading, prefixes)
        elif reading.run is not None and not _fence_goes_on(reading, lines, number):
            _give_up(reading)
        reading.last_blank = True
        return True
    indent = len(line) - len(line.lstrip(" "))
    if line[indent] == "\t":
        # inside a fence, a tab that reaches the item's text column only indents the code, and
        # both count it to the next multiple of four
        width = _columns(line)
        if reading.fence is None or width < reading.levels[-1].content:
            _give_up(reading)
        else:
            indent = width
    if reading.fence is not None:
        return _in_fence(reading, line, number, indent)
    if reading.last_blank and _RULE.match(line):
        return False
    place = _place(reading, line, indent)
    if place is None:  # the innermost item's text, or a list in it
        innermost = reading.levels[-1]
        text = line[innermost.content:]
        nested = _ITEM.match(text)
        if nested and not _RULE.match(line):
            reading.levels.append(_Level(innermost.content + nested.end(3), _ordered(nested)))
            reading.lost = reading.lost or _unreadable(nested)
            text = text[nested.end(3):]
        _note_fence(reading, line, 0)
        reading.paragraph = _continues(text)
        reading.last_blank = False
        return True
    depth, shift, item = place
    if item is not None:  # another item of one of the lists
        if shift:
            _lazy(reading, number, " " * shift)
        else:
            _commit(reading, prefixes)
        base = reading.levels[depth - 1].content if depth else 0
        del reading.levels[depth:]
        reading.levels.append(_Level(base + item.end(3), _ordered(item)))
        reading.lost = reading.lost or _unreadable(item)
        reading.paragraph = _continues(line[base:][item.end(3):])
        reading.last_blank = False
        return True
    if reading.last_blank:
        # after a blank line, the text of an outer item, or the end of the list
        if depth == 0:
            return False
        del reading.levels[depth:]
        _note_fence(reading, line, 0)
        reading.paragraph = _continues(line[reading.levels[-1].content:])
        reading.last_blank = False
        return True
    if _NOT_LAZY.match(line):
        return False
    # a lazy line: the innermost item's; CommonMark takes it too only as more of a paragraph
    shift = 0
    if reading.run is not None or not reading.paragraph or _BREAKING.match(line):
        shift = _shift(reading.levels, indent)
        _lazy(reading, number, " " * shift)
    item = _ITEM.match(line)
    text = line
    if item is not None and not _RULE.match(line):  # a list of the other kind, inside the item
        reading.levels.append(_Level(shift + item.end(3), _ordered(item)))
        reading.lost = reading.lost or _unreadable(item)
        text = line[item.end(3):]
    _note_fence(reading, line, shift)
    reading.paragraph = _continues(text)
    reading.last_blank = False
    return True


def _columns(line: str) -> int:
    """The columns of a line's leading spaces and tabs, a tab going to the next multiple of four."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _continues(text: str) -> bool:
    """Whether a line's text is a paragraph's, that CommonMark goes on with lazily: not
    a heading, a fence or a rule."""
    return bool(text.strip()) and not (_HEADING.match(text) or _FENCE.match(text.lstrip(" "))
                                       or _RULE.match(text))


def _place(reading: _Reading, line: str, indent: int) -> tuple[int, int, re.Match | None] | None:
    """Where kramdown puts a line short of the innermost item's text column.

    None for a line of the innermost item's text.  Else the list whose item's
    column the line is short of, or, if the line starts an item of one of the
    lists, that list, the spaces that put the item in it for CommonMark, and
    the item.  Each list reads the line as kramdown does: with the spaces of
    each item around it taken off when the line has all of them, and, but after
    a blank line, a line that is no item of a list is its item's, for the lists
    inside that item to read.  So ``- Docker``, not indented, after ``1. Install``
    and ``- Python``, is the second item of the list inside the first item.
    """
    left, column = indent, 0
    short = None
    for depth, level in enumerate(reading.levels):
        width = level.content - column
        if left < width:
            text = " " * left + line[indent:]
            item = None if _RULE.match(text) else _ITEM.match(text)
            if item is not None and level.ordered == _ordered(item):
                return depth, column + left - indent, item
            if short is None:
                short = (depth, 0, None)
            if reading.last_blank:
                break
        else:
            left -= width
        column = level.content
    return short


def _in_fence(reading: _Reading, line: str, number: int, indent: int) -> bool:
    innermost = reading.levels[-1]
    if indent >= innermost.content:
        shift = 0
    elif reading.last_blank or (_place(reading, line, indent) or (0, 0, None))[2] or _NOT_LAZY.match(line):
        # kramdown ends the list or the item here, and its fence with it: Jekyll shows the
        # fence's lines as text
        _give_up(reading)
        if reading.last_blank:
            return False
        reading.fence = None
        reading.last_blank = False
        return True
    else:
        shift = _shift(reading.levels, indent)
        _lazy(reading, number, " " * shift)
    if 0 <= indent + shift - innermost.content <= 3 and _closes(line, reading.fence):
        reading.fence = None
    reading.last_blank = False
    return True


def _fence_goes_on(reading: _Reading, lines: list[str], number: int) -> bool:
    """Whether the line after the blank ones is still the item's, so its fence goes on."""
    for line in lines[number + 1:]:
        if line.strip():
            return len(line) - len(line.lstrip(" ")) >= reading.levels[-1].content
    return False


def _note_fence(reading: _Reading, line: str, shift: int) -> None:
    """Open a fence that starts the line (as CommonMark will see it in the innermost item)."""
    fence = _FENCE.match(" " * shift + line)
    if fence and 0 <= len(fence[1]) - reading.levels[-1].content <= 3:
        reading.fence = fence[2]


def _closes(text: str, characters: str) -> bool:
    stripped = text.strip()
    return stripped.startswith(characters) and not stripped.strip(characters[0])


def _shift(levels: list[_Level], indent: int) -> int:
    """The spaces that give a line, in the innermost item, the indentation
    kramdown leaves it: each list takes its item's off only from a line that
    has all of it."""
    left, column = indent, 0
    for level in levels:
        width = level.content - column
        if left >= width:
            left -= width
        column = level.content
    return levels[-1].content + left - indent


def _lazy(reading: _Reading, number: int, prefix: str) -> None:
    if reading.run is None:
        reading.run = {}
    reading.run[number] = prefix


def _commit(reading: _Reading, prefixes: dict[int, str]) -> None:
    if reading.run and not reading.lost:
        prefixes.update(reading.run)
    reading.run = None


def _give_up(reading: _Reading) -> None:
    reading.run = None
    reading.lost = True


def _end_block(reading: _Reading, prefixes: dict[int, str]) -> None:
    """End the list or the quote being read."""
    if reading.fence is None:
        _commit(reading, prefixes)
    reading.levels, reading.run, reading.fence, reading.lost = [], None, None, False
    reading.quote = reading.paragraph = False
