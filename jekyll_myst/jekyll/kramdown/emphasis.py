"""Emphasis as kramdown reads it: each opening run looks ahead for its closer.

kramdown reads ``*`` and ``_`` from left to right.  A run of one opens
emphasis and a run of two strong emphasis (of ``***``, the first two), where
no white space follows; the text after it is then read, spans and all, up
to the first run of the same character that can close it: one not after
white space, not ``**`` alone for emphasis (``*Note:**`` stays text), not
before a letter or digit for ``_``.  Strong emphasis that finds no closer
leaves its first character as text and tries emphasis from the second:
``src/**/*.js`` is ``src/*/.js`` with ``*/`` emphasised.  Neither nests in
itself, and ``***both***`` is strong outside, emphasis inside.  An ``_``
after a letter opens nothing (``snake_case``).

CommonMark instead pairs runs by their flanking and its rule of three,
which differs on exactly such runs.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

#: in the markdown-it env: the kinds of emphasis open around the text being read
_OPEN = "kramdown_open_emphasis"


def emphasis_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    marker = src[start]
    if marker not in "*_":
        return False
    run = 2 if src.startswith(marker * 2, start) else 1
    kind = "strong" if run == 2 else "em"
    open_kinds: list[str] = state.env.setdefault(_OPEN, [])
    after = start + run
    if (after >= state.posMax or src[after].isspace() or kind in open_kinds
            or (marker == "_" and _after_word(src, start))):
        return _as_text(state, run, silent)
    opening = run
    closing = _closer(state, after, marker * run, kind)
    if closing is None and kind == "strong" and open_kinds[-1:] != ["em"]:
        run, kind, after = 1, "em", start + 1
        closing = _closer(state, after, marker, kind)
    if closing is None:
        return _as_text(state, opening, silent)
    if not silent:
        state.push(f"{kind}_open", kind, 1).markup = marker * run
        limit = state.posMax
        state.pos, state.posMax = after, closing
        open_kinds.append(kind)
        try:
            state.md.inline.tokenize(state)
        finally:
            open_kinds.pop()
            state.posMax = limit
        state.push(f"{kind}_close", kind, -1).markup = marker * run
    state.pos = closing + run
    return True


def _after_word(src: str, pos: int) -> bool:
    """Whether a letter, or a letter and a hyphen (``well-_known_``), come before ``pos``."""
    before = src[pos - 1:pos]
    return before.isalpha() or (before == "-" and src[pos - 2:pos - 1].isalpha())


def _as_text(state: StateInline, length: int, silent: bool) -> bool:
    if not silent:
        state.pending += state.src[state.pos:state.pos + length]
    state.pos += length
    return True


def _closer(state: StateInline, start: int, delimiter: str, kind: str) -> int | None:
    """Where the emphasis whose text starts at ``start`` closes, or None."""
    src, limit, marker = state.src, state.posMax, delimiter[0]
    rules = state.md.inline.ruler.getRules("")
    open_kinds: list[str] = state.env[_OPEN]
    saved = state.pos
    open_kinds.append(kind)
    try:
        pos = start
        while pos < limit:
            if pos > start and src.startswith(delimiter, pos) and not src[pos - 1].isspace() \
                    and not (kind == "em" and src.startswith(marker * 2, pos)
                             and not src.startswith(marker * 3, pos)) \
                    and not (marker == "_" and src[pos + len(delimiter):pos + len(delimiter) + 1].isalnum()):
                return pos
            # one span further, read as it will be read inside the emphasis
            state.pos = pos
            if not any(rule(state, True) for rule in rules):
                state.pos += 1
            pos = state.pos
        return None
    finally:
        open_kinds.pop()
        state.pos = saved


def kramdown_emphasis_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.at("emphasis", emphasis_rule)
