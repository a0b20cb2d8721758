"""Reference links with white space between their brackets, as kramdown reads them.

kramdown reads ``[text] [id]`` and ``![alt] [id]``, spaces or a line break
between the two, as ``[text][id]``: Markdown.pl's way, which posts written
for it keep.  When no definition has that id, kramdown keeps the brackets as
text, and ``[text]`` is then no link of its own even if a definition has its
name.  CommonMark reads ``[text]`` alone as the link, when a definition has
its name, and ``[id]`` after it as another.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

#: white space, then the id in brackets (kramdown's LINK_INLINE_ID_RE, less the text right
#: against its brackets, which CommonMark reads as kramdown does); an empty id is the text's
_SPACED_ID = re.compile(r"\s+\[([^\]]*)\]")
#: what GFM's task list item starts with, before its text is read
_TASK_BOXES = frozenset((" ", "x", "X"))


def spaced_reference_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    image = state.src.startswith("![", start)
    opening = start + 1 if image else start
    if not state.src.startswith("[", opening) or state.src.startswith("[^", opening):
        return False
    label_end = state.md.helpers.parseLinkLabel(state, opening, not image)
    if label_end < 0:
        return False
    spaced = _SPACED_ID.match(state.src, label_end + 1, state.posMax)
    if spaced is None:
        return False
    label = state.src[opening + 1:label_end]
    if start == 0 and label in _TASK_BOXES:
        return False
    reference = state.env.get("references", {}).get(normalizeReference(spaced[1] or label))
    if reference is None:
        # kramdown keeps the opening bracket as text and reads on from there
        if not silent:
            state.pending += state.src[start:opening + 1]
        state.pos = opening + 1
        return True
    if not silent:
        if image:
            _push_image(state, label, reference)
        else:
            _push_link(state, opening + 1, label_end, reference)
    state.pos = spaced.end()
    return True


def _push_link(state: StateInline, label_start: int, label_end: int, reference: dict) -> None:
    end, limit = state.pos, state.posMax
    state.pos, state.posMax = label_start, label_end
    opening = state.push("link_open", "a", 1)
    opening.attrs = {"href": reference["href"]}
    if reference.get("title"):
        opening.attrSet("title", reference["title"])
    state.linkLevel += 1
    state.md.inline.tokenize(state)
    state.linkLevel -= 1
    state.push("link_close", "a", -1)
    state.pos, state.posMax = end, limit


def _push_image(state: StateInline, label: str, reference: dict) -> None:
    children: list[Token] = []
    state.md.inline.parse(label, state.md, state.env, children)
    image = state.push("image", "img", 0)
    image.attrs = {"src": reference["href"], "alt": ""}
    image.children = children or None
    image.content = label
    if reference.get("title"):
        image.attrSet("title", reference["title"])


def spaced_references_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "kramdown_spaced_reference", spaced_reference_rule)
