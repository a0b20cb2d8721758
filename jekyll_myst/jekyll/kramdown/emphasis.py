"""Emphasis as kramdown reads it: each opening run looks ahead for its closer.

kramdown reads ``*`` and ``_`` from left to right.  A run of one opens
emphasis and a run of two strong emphasis (of ``***``, the first two), where
no white space follows; the text after it is then read, spans and all, up
to the first run of the same character that can close it: one not after
white space, not ``**`` alone for emphasis (``*Note:**`` stays text), not
before a letter or digit for ``_``.  Strong emphasis that finds no closer
is tried as emphasis opened by its first character, the second its text:
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
#: in the markdown-it env: what each run is, by its text, place and context
_FOUND = "kramdown_emphasis_found"
#: in the markdown-it env: where the emphasis whose text goes through a place closes
_CLOSERS = "kramdown_emphasis_closers"


def emphasis_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    marker = src[start]
    if marker not in "*_":
        return False
    open_kinds: list[str] = state.env.setdefault(_OPEN, [])
    # each run is read once in each context: its closer is looked for from every run before
    # it that finds none, and the text up to it read again, spans and all, each time
    key = (src, start, state.posMax, tuple(open_kinds))
    found = state.env.setdefault(_FOUND, {})
    if key not in found:
        found[key] = _emphasis_at(state, start, marker, open_kinds)
    run, kind, closing = found[key]
    if kind is None:
        return _as_text(state, run, silent)
    if not silent:
        state.push(f"{kind}_open", kind, 1).markup = marker * run
        limit = state.posMax
        state.pos, state.posMax = start + run, closing
        open_kinds.append(kind)
        try:
            state.md.inline.tokenize(state)
        finally:
            open_kinds.pop()
            state.posMax = limit
        state.push(f"{kind}_close", kind, -1).markup = marker * run
    state.pos = closing + run
    return True


def _emphasis_at(state: StateInline, start: int, marker: str,
                 open_kinds: list[str]) -> tuple[int, str | None, int]:
    """What the run at ``start`` is: (characters of its delimiter, ``em`` or ``strong``, where
    its closer is), or (characters, None, 0) for text."""
    src = state.src
    run = 2 if src.startswith(marker * 2, start) else 1
    kind = "strong" if run == 2 else "em"
    after = start + run
    if (after >= state.posMax or src[after].isspace() or kind in open_kinds
            or (marker == "_" and _after_word(src, start))):
        return run, None, 0
    closing = _closer(state, after, marker * run, kind)
    if closing is None and kind == "strong" and open_kinds[-1:] != ["em"]:
        # the first character opens emphasis, the second is its text
        closing = _closer(state, start + 1, marker, "em")
        if closing is not None:
            return 1, "em", closing
    if closing is None:
        return run, None, 0
    return run, kind, closing


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
    # from a place a look-ahead went through, any other goes on as it did: to its closer
    # (or none), which each one found is kept for
    ends = state.env.setdefault(_CLOSERS, {}).setdefault((src, limit, delimiter, tuple(open_kinds)), {})
    passed = []
    closing = None
    try:
        pos = start
        while pos < limit:
            if pos > start and src.startswith(delimiter, pos) and not src[pos - 1].isspace() \
                    and not (kind == "em" and src.startswith(marker * 2, pos)
                             and not src.startswith(marker * 3, pos)) \
                    and not (marker == "_" and src[pos + len(delimiter):pos + len(delimiter) + 1].isalnum()):
                closing = pos
                break
            if pos in ends:
                closing = ends[pos]
                break
            passed.append(pos)
            # one span further, read as it will be read inside the emphasis
            state.pos = pos
            if not any(rule(state, True) for rule in rules):
                state.pos += 1
            pos = state.pos
        for place in passed:
            ends[place] = closing
        return closing
    finally:
        open_kinds.pop()
        state.pos = saved


def kramdown_emphasis_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.at("emphasis", emphasis_rule)
