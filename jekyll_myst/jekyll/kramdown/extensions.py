"""kramdown's extensions, ``{::name ...}...{:/name}``, in their block and span forms.

- ``{::comment}``: its content is left out of the page (kramdown writes it
  as an HTML comment, which a reader never sees);
- ``{::nomarkdown}``: its content is raw HTML, never read as Markdown (with
  ``type="..."`` not naming ``html``, kramdown's HTML output leaves it out);
- ``{::options key="value" /}``: the options that decide how the page is
  written are kept in the markdown-it ``env`` under :data:`OPTIONS`, for
  the whole page as kramdown's converter takes them: ``auto_ids``,
  ``auto_id_prefix`` and ``toc_levels``; and ``parse_block_html``, which the
  parser reads from there on, as kramdown's does. Others change nothing here,
  and are ignored as Jekyll's default settings ignore kramdown's warnings.

An extension kramdown does not have, a start tag without its stop tag, or a
stop tag without a start, is a problem, and its text stays as written, as
in kramdown.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

from ..problems import Problem
from ..site import toc_levels
from .attributes import parse_attribute_list
from .blocks import EOB_TOKEN, OPTIONS, note_problem

#: the extensions kramdown has
KNOWN = frozenset(("comment", "nomarkdown", "options"))
#: kramdown's EXT_START_STR: a name, attributes after a space, ``/`` for no content
_START = r"\{::(?P<name>\w+)(?:\s(?P<attrs>(?:\\\}|[^}])*?)|)(?P<empty>/)?\}"
_STOP_ANY = r"\{:/(?P<stop>\w[\w-]*)?\}"
_SPAN_START = re.compile(_START)
_SPAN_STRAY_STOP = re.compile(_STOP_ANY)
#: EXT_BLOCK_START: a start (or a stray stop) tag alone on its line
_BLOCK_START = re.compile(rf"(?:{_START}|{_STOP_ANY})[ \t]*")
#: text the span rule keeps, with its problem: a type of its own until the problem has a line,
#: as markdown-it joins adjacent text tokens (and their meta) while it parses
_KEPT_TEXT = "kramdown_kept_text"


def _stop(name: str) -> re.Pattern[str]:
    return re.compile(rf"\{{:/(?:{re.escape(name)})?\}}")


def _writes_html(attrs: str) -> bool:
    """``{::nomarkdown type="latex"}`` is for another of kramdown's outputs, not HTML."""
    kinds = parse_attribute_list(attrs).pairs.get("type", "").split()
    return not kinds or "html" in kinds


def _note_options(env: dict, attrs: str) -> None:
    options: dict = env.setdefault(OPTIONS, {})
    for key, value in parse_attribute_list(attrs).pairs.items():
        if key in ("auto_ids", "parse_block_html"):
            # kramdown's Boolean option: anything but "false" or nothing is true
            options[key] = value.strip().lower() != "false" and value != ""
        elif key == "auto_id_prefix":
            options[key] = value
        elif key == "toc_levels" and toc_levels(value) is not None:
            # kramdown ignores a value it cannot read
            options[key] = toc_levels(value)


# --------------------------------------------------------------------------
# block form: start and stop tags alone on their lines
# --------------------------------------------------------------------------
def block_extension_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block extension; anything it cannot take is left to the paragraph, whose
    span rule reports it (kramdown, too, reads the line again as text)."""
    if state.is_code_block(start):
        return False
    first = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    match = _BLOCK_START.fullmatch(first)
    if match is None or match["name"] not in KNOWN:
        return False
    name = match["name"]
    last = start
    if not match["empty"]:
        stop = _stop(name)
        for number in range(start + 1, end):
            if not state.isEmpty(number) and state.sCount[number] < state.blkIndent:
                return False  # out of its container before the stop tag
            line = state.src[state.bMarks[number] + state.tShift[number]:state.eMarks[number]]
            if state.sCount[number] - state.blkIndent <= 3 and re.fullmatch(stop.pattern + r"[ \t]*", line):
                last = number
                break
        else:
            return False
    if silent:
        return True
    attrs = match["attrs"] or ""
    body = state.getLines(start + 1, last, state.blkIndent, False) if last > start else None
    if name == "nomarkdown" and body is not None and _writes_html(attrs):
        token = state.push("html_block", "", 0)
        token.content = body + "\n"
    else:
        if name == "options":
            _note_options(state.env, attrs)
        # a comment, or options: a block boundary, as kramdown's :eob, that shows nothing
        token = state.push(EOB_TOKEN, "", 0)
        token.hidden = True
    token.map = [start, last + 1]
    state.line = last + 1
    return True


# --------------------------------------------------------------------------
# span form: anywhere in a paragraph's text
# --------------------------------------------------------------------------
def span_extension_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("{:", pos):
        return False
    match = _SPAN_START.match(src, pos, state.posMax)
    if match is None:
        stray = _SPAN_STRAY_STOP.match(src, pos, state.posMax)
        if stray is None:
            return False
        return _keep_as_text(state, silent, stray.end(), f"extension stop tag '{stray[0]}' closes no "
                             "extension: remove it, or escape its brace as '\\{:/'")
    name = match["name"]
    if name not in KNOWN:
        return _keep_as_text(state, silent, match.end(), f"'{match[0]}' is not one of kramdown's "
                             "extensions (comment, nomarkdown, options): it is kept as text; escape its "
                             "brace as '\\{::' to show it")
    end = body_end = match.end()
    if not match["empty"]:
        stop = _stop(name).search(src, match.end(), state.posMax)
        if stop is None:
            return _keep_as_text(state, silent, match.end(), f"'{match[0]}' has no stop tag "
                                 f"'{{:/{name}}}' in its paragraph: it is kept as text")
        body_end, end = stop.start(), stop.end()
    if not silent:
        attrs = match["attrs"] or ""
        if name == "nomarkdown" and not match["empty"] and _writes_html(attrs):
            token = state.push("html_inline", "", 0)
            token.content = src[match.end():body_end]
        elif name == "options":
            _note_options(state.env, attrs)
    state.pos = end
    return True


def _keep_as_text(state: StateInline, silent: bool, end: int, message: str) -> bool:
    if not silent:
        token = state.push(_KEPT_TEXT, "", 0)
        token.content = state.src[state.pos:end]
        token.meta = {"problem": (message, state.pos)}
    state.pos = end
    return True


def span_problems_rule(state: StateCore) -> None:
    """The span rule's problems, at their line: the paragraph's first line, plus
    the lines before the tag in it."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for child in block.children:
            if child.type == _KEPT_TEXT:
                message, offset = child.meta.pop("problem")
                first = block.map[0] + 1 if block.map else 1
                note_problem(state.env, Problem("extension", message,
                                                first + block.content.count("\n", 0, offset)))
                child.type = "text"


def kramdown_extensions_plugin(md: MarkdownIt) -> None:
    # before the attribute lists, whose rules leave {:: and {:/ alone
    md.block.ruler.before("table", "kramdown_extension", block_extension_rule)
    md.inline.ruler.before("escape", "kramdown_span_extension", span_extension_rule)
    md.core.ruler.after("inline", "kramdown_extension_problems", span_problems_rule)
