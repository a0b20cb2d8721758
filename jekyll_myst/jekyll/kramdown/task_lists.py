"""GFM task lists as kramdown-parser-gfm makes them: ``- [ ] to do``, ``- [x] done``.

An item whose first paragraph starts with ``[ ]``, ``[x]`` or ``[X]`` and
whitespace gets a checkbox (a ``kramdown_task_checkbox`` token, ``meta``
``checked``) in place of the marker.  As in kramdown-parser-gfm's
``parse_list``, the list gets the class ``task-list``, and every item from
the first task on gets ``task-list-item``, a task or not.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

#: kramdown-parser-gfm's markers: a space for an open task, either case of x for a done one
_MARKER = re.compile(r"\s*\[(?: |(?P<done>[xX]))\]\s+")
TASK_CHECKBOX = "kramdown_task_checkbox"


def _items(tokens: list[Token], opening: int) -> list[int]:
    """Indexes of the list items of the list opened at ``tokens[opening]``."""
    level = tokens[opening].level + 1
    items = []
    for pos in range(opening + 1, len(tokens)):
        token = tokens[pos]
        if token.level < level:
            break
        if token.level == level and token.type == "list_item_open":
            items.append(pos)
    return items


def _take_marker(inline: Token) -> bool | None:
    """Remove the task marker from the start of a paragraph; whether it is done, None if no task."""
    match = _MARKER.match(inline.content)
    children = inline.children or []
    if match is None or not children or children[0].type != "text":
        return None
    left = match.end()
    while children and left:
        child = children[0]
        length = len(child.content) if child.type == "text" else 1 if child.type == "softbreak" else 0
        if child.type not in ("text", "softbreak") or length == 0:
            break
        if length > left:
            child.content = child.content[left:]
            break
        left -= length
        children.pop(0)
    inline.content = inline.content[match.end():]
    return match["done"] is not None


def task_list_rule(state: StateCore) -> None:
    tokens = state.tokens
    for opening, token in enumerate(tokens):
        if token.type not in ("bullet_list_open", "ordered_list_open"):
            continue
        tasks = False
        for item in _items(tokens, opening):
            paragraph = tokens[item + 1]
            if paragraph.type != "paragraph_open":
                continue  # kramdown looks no further than a first paragraph
            inline = tokens[item + 2]
            done = _take_marker(inline)
            if done is not None:
                checkbox = Token(TASK_CHECKBOX, "input", 0)
                checkbox.meta = {"checked": done}
                inline.children.insert(0, checkbox)
                tasks = True
            if tasks:
                tokens[item].attrJoin("class", "task-list-item")
        if tasks:
            token.attrJoin("class", "task-list")


def task_list_plugin(md: MarkdownIt) -> None:
    # after the inline rules: the marker is plain text by then, whatever markdown-it made of it
    md.core.ruler.after("text_join", "kramdown_task_lists", task_list_rule)
