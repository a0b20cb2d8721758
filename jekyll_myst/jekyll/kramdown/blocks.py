"""Block-level kramdown syntax as markdown-it rules: HTML blocks, raw or with
Markdown inside (``parse_block_html``), ``$$`` display math, and attribute lists.

Each rule works on tokens, so fenced and indented code is never touched.
What cannot be applied is recorded in the markdown-it ``env`` under
:data:`PROBLEMS`, as :class:`~..problems.Problem` values, for the caller to
report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, heading
from markdown_it.rules_block.html_block import html_block
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..code_fences import TAG_FENCE
from ..problems import Problem
from .attributes import (
    BLOCK_ALD,
    BLOCK_IAL,
    BLOCK_LIST_START,
    HEADER_ID,
    Attributes,
    parse_attribute_list,
    resolve,
)
from .definition_lists import definition_terms_plugin
from .tables import END_TAG_FOLLOWS, table_rule

#: the markdown-it ``env`` key of the problems the rules found
PROBLEMS = "kramdown_problems"
#: the markdown-it ``env`` key of the options ``{::options /}`` set, by name: from
#: there on, they take the place of the site's (see ``extensions.py``)
OPTIONS = "kramdown_document_options"
#: Elements whose content kramdown parses as blocks (its HTML content model),
#: plus ``center``, which the blogs we import use as a block wrapper.
BLOCK_CONTENT = frozenset("""
    address article aside blockquote body center dd details div dl fieldset figure
    figcaption footer form header hgroup li main map menu nav noscript object section
    summary td
""".split())
#: kramdown's HTML_SPAN_ELEMENTS: a line that starts with another element's tag starts a block
_SPAN_ELEMENTS = frozenset("""
    a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark
    option q rb rbc rp rt rtc ruby samp select small span strike strong sub sup textarea tt u var
""".split())
#: Elements whose content kramdown parses as one span (a paragraph's content).
SPAN_CONTENT = frozenset("caption dt h1 h2 h3 h4 h5 h6 legend p th".split())

#: an element with Markdown inside, whole, within one line
_BLOCK_CHILD = re.compile(r"<(?P<tag>" + "|".join(sorted(BLOCK_CONTENT | SPAN_CONTENT)) +
                          r")(?=[\s>])[^>]*>.*?</(?P=tag)\s*>", re.IGNORECASE)
#: a start tag, where a match begins
OPEN_TAG = re.compile(r"<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s+[^>]*?)?)\s*(?P<selfclose>/?)>")
_ATTR = re.compile(r"""([A-Za-z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def note_problem(env: dict, found: Problem) -> None:
    """Record what a rule could not apply, for the caller to report (``env["kramdown_problems"]``)."""
    env.setdefault(PROBLEMS, []).append(found)


def parse_html_attributes(text: str) -> dict[str, str]:
    attrs = {}
    for match in _ATTR.finditer(text):
        name = match.group(1).lower()
        value = next((v for v in match.groups()[1:] if v is not None), "")
        attrs[name] = value
    return attrs


# --------------------------------------------------------------------------
# HTML elements with Markdown content
# --------------------------------------------------------------------------
def _tag_edges(tag: str) -> re.Pattern:
    """The start and end tags of ``tag`` elements, whose depth finds the end of one."""
    return re.compile(rf"<{tag}(?=[\s>/])|</{tag}\s*>", re.IGNORECASE)


def _find_close(state: StateBlock, start: int, end: int, tag: str) -> tuple[list[str], int] | None:
    """The lines up to the ``</tag>`` that closes the first ``<tag>``, and its column.

    The first line starts at its start tag; the others keep their indentation
    (past the block's), which is Markdown's: a nested list, an indented code block.
    """
    opener = _tag_edges(tag)
    depth = 0
    lines = []
    for number in range(start, end):
        line = state.src[state.bMarks[number] + state.tShift[number]:state.eMarks[number]] \
            if number == start else state.getLines(number, number + 1, state.blkIndent, False)
        lines.append(line)
        for match in opener.finditer(line):
            if match.group(0).startswith("</"):
                depth -= 1
                if depth == 0:
                    return lines, match.start()
            elif not line[match.end():].lstrip().startswith("/>"):
                depth += 1
    return None


def html_element_rule(state: StateBlock, start: int, end: int, silent: bool,
                      parse_block_html: bool = False) -> bool:
    """An HTML element that starts a block, to its end tag: raw, or with Markdown inside
    when ``parse_block_html`` (the site's, or the page's ``{::options}``) or its
    ``markdown`` attribute says so, as kramdown reads it."""
    if state.is_code_block(start):
        return False
    first = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    match = OPEN_TAG.match(first)
    if match is None:
        return False
    tag = match["tag"].lower()
    attrs = parse_html_attributes(match["attrs"])
    marked = attrs.pop("markdown", None)
    # "1": the element's own content model, as with no attribute
    model = {"0": None, "1": "", "block": "block", "span": "span"}.get(marked or "", "")
    if model is None:
        return False  # markdown="0": raw, as kramdown
    if marked is None and not state.env.get(OPTIONS, {}).get("parse_block_html", parse_block_html):
        model = "raw"
    model = model or ("block" if tag in BLOCK_CONTENT else "span" if tag in SPAN_CONTENT else "raw")
    if match["selfclose"] or tag in _VOID_TAGS:
        return False
    if tag in _PARAGRAPH_TAGS:
        return False  # a span element starts a paragraph, whatever its markdown attribute
    found = _find_close(state, start, end, tag)
    if found is None:
        if not silent:
            note_problem(state.env, Problem("html", f"<{tag}> has no end tag: kramdown would keep "
                                            "everything after it raw; here it ends at the blank line",
                                            start + 1))
        return False
    lines, close_col = found
    close_line = len(lines) - 1
    after = lines[close_line][close_col:]
    after = after[after.index(">") + 1:]
    trailing = after.strip()
    # text after the end tag begins a block of its own, as kramdown reads the rest of the line
    text_after = bool(trailing) and not _COMMENTS.fullmatch(trailing)
    if silent:
        return True
    if model == "raw":
        # kramdown keeps a raw element whole, blank lines and all, to its end tag, and
        # its lines as written: a <pre>'s indentation is the code's
        content = state.getLines(start, start + close_line + 1, state.blkIndent, True)
        if text_after:
            content = content.rstrip("\n")[:-len(after)] + "\n"
        # a <pre>'s or a <script>'s content is never read for tags, by kramdown either
        inner_start = len(content) if tag in _RAW_BLOCK_TAGS else match.end()
        _push_raw(state, content, [start, start + close_line + 1], inner_start)
        state.line = start + close_line + 1
        return _read_after(state, start + close_line, end, after) if text_after else True
    inner_lines = lines[:close_line + 1]
    inner_lines[-1] = inner_lines[-1][:close_col]
    inner_lines[0] = inner_lines[0][match.end():]
    inner = "\n".join(inner_lines)
    end_tag_follows = bool(inner.strip()) and not _ENDS_BLANK.search(inner)
    inner = inner.strip("\n")
    first_inner_line = start if lines[0][match.end():].strip() else start + 1
    one_line = close_line == 0
    if one_line and model == "block":
        # ``<figure><img ...><figcaption>...</figcaption></figure>``, as a Jekyll
        # include writes it: each element inside on a line of its own, to be a block
        inner = _BLOCK_CHILD.sub(lambda m: f"\n{m[0]}\n", inner).strip("\n")
    outer = state.env.get(END_TAG_FOLLOWS)
    state.env[END_TAG_FOLLOWS] = end_tag_follows
    try:
        _push_element(state, tag, attrs, model, inner, [start, start + close_line + 1],
                      [first_inner_line, start + close_line + 1],
                      lambda lines: [start, start + 1] if one_line else
                      [lines[0] + first_inner_line, lines[1] + first_inner_line])
    finally:
        state.env[END_TAG_FOLLOWS] = outer
    state.line = start + close_line + 1
    if text_after:
        return _read_after(state, start + close_line, end, after)
    if trailing:
        _raw_token(state, trailing, [start + close_line, start + close_line + 1])
    return True


def _read_after(state: StateBlock, line: int, end: int, text: str) -> bool:
    """Read ``text``, the end of ``line`` after a block, as the start of the next block."""
    spaces = len(text) - len(text.lstrip(" "))
    state.bMarks[line] = state.eMarks[line] - len(text)
    state.tShift[line] = spaces
    state.sCount[line] = state.blkIndent + spaces
    # one block from there, as the block parser would start one at a line
    return any(rule(state, line, end, False) for rule in state.md.block.ruler.getRules(""))


def _push_element(state: StateBlock, tag: str, attrs: dict[str, str], model: str, inner: str,
                  element_lines: list[int], inner_lines: list[int],
                  place: Callable[[list[int]], list[int]]) -> None:
    """An element whose content is read as Markdown, as ``model`` says (``span``: one
    paragraph's content, else blocks); ``place`` maps the lines of a block inside to
    the post's."""
    token = state.push("html_element_open", tag, 1)
    token.map = element_lines
    token.info = tag
    for name, value in attrs.items():
        token.attrSet(name, value)
    if model == "span":
        inline = state.push("inline", "", 0)
        inline.content = inner.strip()
        inline.map = inner_lines
        inline.children = []
    else:
        children: list[Token] = []
        state.md.block.parse(inner, state.md, state.env, children)
        for child in children:
            if child.map:
                child.map = place(child.map)
            child.level += state.level
        state.tokens.extend(children)
    state.push("html_element_close", tag, -1)


#: an element's start tag with a ``markdown`` attribute
_MARKED_TAG = re.compile(r"""<(?P<tag>[A-Za-z][A-Za-z0-9]*)(?P<attrs>\s[^>]*?\bmarkdown\s*=[^>]*?)\s*>""")


def _push_raw(state: StateBlock, content: str, lines: list[int], inner_start: int) -> None:
    """A raw element, as html_block tokens; but an element inside it with a ``markdown``
    attribute is read as that attribute says, as kramdown reads it (Minimal Mistakes'
    table of contents: ``<nav class="toc" markdown="1">`` in a raw ``<aside>``)."""
    pos = 0
    for found in _MARKED_TAG.finditer(content, inner_start):
        if found.start() < pos:
            continue  # inside the element read before
        tag = found["tag"].lower()
        attrs = parse_html_attributes(found["attrs"])
        marked = attrs.pop("markdown", "")
        model = {"1": "block" if tag in BLOCK_CONTENT else "span" if tag in SPAN_CONTENT else None,
                 "block": "block", "span": "span"}.get(marked)
        close = closing_tag(content, tag, found.end())
        if model is None or close is None:
            continue
        if content[pos:found.start()].strip():
            _raw_token(state, content[pos:found.start()], lines)
        # its blocks are placed at the raw element's lines: close enough for a warning
        _push_element(state, tag, attrs, model, content[found.end():close.start()].strip("\n"),
                      lines, lines, lambda _inner: lines)
        # the element's end closes its line
        pos = close.end() + (content[close.end():close.end() + 1] == "\n")
    if content[pos:].strip() or pos == 0:
        _raw_token(state, content[pos:], lines, max(0, inner_start - pos))


def _raw_token(state: StateBlock, content: str, lines: list[int], inner_start: int = 0) -> None:
    """Raw HTML, but for the code blocks of Jekyll's code tags in it (from ``inner_start``):
    ``{% highlight %}`` writes HTML, which shows the code inside a raw element too."""
    pos = 0
    for found in TAG_FENCE.finditer(content, inner_start):
        if content[pos:found.start()].strip():
            _html_token(state, content[pos:found.start()], lines)
        token = state.push("fence", "code", 0)
        first = lines[0] + content.count("\n", 0, found.start())
        token.map = [first, first + found[0].count("\n")]
        token.info, token.markup, token.content = found["info"], found["fence"], found["code"]
        pos = found.end()
    if not pos or content[pos:].strip():
        _html_token(state, content[pos:], lines)


def _html_token(state: StateBlock, content: str, lines: list[int]) -> None:
    token = state.push("html_block", "", 0)
    token.map = lines
    token.content = content if content.endswith("\n") else content + "\n"


def closing_tag(content: str, tag: str, after: int) -> re.Match | None:
    """The end tag that closes the ``tag`` element whose start tag ends at ``after``."""
    depth = 1
    for match in _tag_edges(tag).finditer(content, after):
        depth += -1 if match[0].startswith("</") else 1
        if depth == 0:
            return match
    return None


# --------------------------------------------------------------------------
# $$ math: display when it is a paragraph of its own
# --------------------------------------------------------------------------
#: amsmath's display environments, each a display of its own: nested in another
#: (``split``, as Sphinx wraps lines) it is an error to LaTeX and MathJax
_DISPLAY_ENVIRONMENT = re.compile(
    r"\\begin\{(equation|multline|gather|align|alignat|flalign|eqnarray)(\*?)\}.*\\end\{\1\2\}", re.DOTALL)


def is_display_environment(tex: str) -> bool:
    """Whether the math is one display environment (``\\begin{align*} ... \\end{align*}``)."""
    return _DISPLAY_ENVIRONMENT.fullmatch(tex.strip()) is not None


#: an environment's start or end, or a line break
_ENVIRONMENT_EDGE = re.compile(r"\\\\|\\[{}]|\\(begin|end)\{[^}]*\}|[{}]")


def breaks_lines_only_inside_environments(tex: str) -> bool:
    """Whether every ``\\\\`` of the math is inside an environment (``aligned``, ``cases``,
    ``matrix``...) or a group (``\\displaylines{a \\\\ b}``), which breaks its own lines:
    none is left for a ``split`` to break."""
    depth, breaks = 0, False
    for edge in _ENVIRONMENT_EDGE.finditer(tex):
        text = edge[0]
        if edge[1] == "begin" or text == "{":
            depth += 1
        elif edge[1] == "end" or text == "}":
            depth -= 1
        elif text != "\\\\":
            continue  # an escaped brace
        elif depth <= 0:
            return False
        else:
            breaks = True
    return breaks


def math_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("$$", begin):
        return False
    line = start
    # kramdown's display runs to the first $$ after it, over blank lines too
    while line < end:
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]].rstrip()
        if text.endswith("$$") and (line > start or len(text) >= 4):
            break
        line += 1
    else:
        return False
    if line + 1 < end and not state.isEmpty(line + 1):
        return False  # more paragraph follows: kramdown makes it inline math
    body = state.src[begin:state.eMarks[line]].rstrip()
    content = body[2:-2]
    if "$$" in content:
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = content.strip()
    token.markup = "$$"
    token.map = [start, line + 1]
    state.line = line + 1
    return True


# --------------------------------------------------------------------------
# the end-of-block marker, and lists that end a paragraph
# --------------------------------------------------------------------------
_EOB = re.compile(r"\^[ \t]*")
#: kramdown-parser-gfm's LIST_START, which is in its PARAGRAPH_END: any bullet, any number.
_LIST_START = re.compile(r"(?:[+*-]|\d{1,9}\.)[ \t]")


def end_of_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown's ``^`` alone on a line: the block before it ends there.

    Only in the first column of its container, as kramdown's ``EOB_MARKER``
    (as a terminator, also left of it: a list item's lazy line ends the list);
    its token marks the boundary for attribute lists, and is then dropped.
    """
    if state.sCount[start] > state.blkIndent:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if not _EOB.fullmatch(line):
        return False
    if not silent:
        token = state.push(EOB_TOKEN, "", 0)
        token.map = [start, start + 1]
        token.hidden = True
    state.line = start + 1
    return True


def list_interrupts_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A list item ends a paragraph whatever its number (CommonMark: only ``1.``).

    Only ever a terminator: the list rule itself then reads the list.
    """
    if not silent or state.sCount[start] - state.blkIndent > 3:
        return False
    # a line indented four or more past its list's marker, yet short of the item's
    # content, continues the item's paragraph: it is no list item, nor code
    if state.listIndent >= 0 and state.sCount[start] - state.listIndent >= 4 \
            and state.sCount[start] < state.blkIndent:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    return _LIST_START.match(line + " ") is not None


# --------------------------------------------------------------------------
# attribute lists: block IALs and ALDs, which may span lines
# --------------------------------------------------------------------------
#: token types the block rules leave for :func:`attribute_lists_rule`, which removes them
EOB_TOKEN, IAL_TOKEN, ALD_TOKEN = "kramdown_eob", "kramdown_ial", "kramdown_ald"


def attribute_list_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block IAL or ALD, as its own token: it also ends the paragraph,
    blockquote or list before it, as in kramdown (``IAL_BLOCK_START`` is in
    its ``LAZY_END``)."""
    if state.is_code_block(start):
        return False
    first = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if not BLOCK_LIST_START.match(first):
        return False
    lines = []
    for number in range(start, end):
        if number > start and state.sCount[number] < state.blkIndent:
            return False
        line = state.src[state.bMarks[number] + state.tShift[number]:state.eMarks[number]]
        lines.append(line)
        if _UNESCAPED_CLOSE.search(line):
            break
    else:
        return False
    text = "\n".join(lines)
    ald = BLOCK_ALD.fullmatch(text)
    ial = None if ald else BLOCK_IAL.fullmatch(text)
    if ald is None and ial is None:
        return False
    if silent:
        return True
    token = state.push(ALD_TOKEN if ald else IAL_TOKEN, "", 0)
    token.map = [start, start + len(lines)]
    token.hidden = True
    token.info = ald["name"] if ald else ""
    token.content = (ald or ial)["body"]
    token.meta = {"after_blank": start > 0 and state.isEmpty(start - 1)}
    state.line = start + len(lines)
    return True


_UNESCAPED_CLOSE = re.compile(r"(?<!\\)\}")
_ATTRIBUTE_TARGETS = {
    "heading_open", "paragraph_open", "bullet_list_open", "ordered_list_open", "table_open",
    "blockquote_open", "fence", "code_block", "html_element_open", "math_block", "dl_open",
    "html_block", "hr",
}


def block_end(tokens: list[Token], index: int) -> int:
    """Index just past the block (or span) that starts at ``tokens[index]``."""
    if tokens[index].nesting != 1:
        return index + 1
    depth = 0
    for pos in range(index, len(tokens)):
        depth += tokens[pos].nesting
        if depth == 0:
            return pos + 1
    return len(tokens)


def _block_start(tokens: list[Token], end: int) -> int | None:
    """Index of the opening token of the block that ends just before ``end``
    (None when ``end`` is the first child of its container)."""
    if end <= 0 or tokens[end - 1].nesting == 1:
        return None
    if tokens[end - 1].nesting == 0:
        return end - 1
    depth = 0
    for pos in range(end - 1, -1, -1):
        depth += tokens[pos].nesting
        if depth == 0:
            return pos
    return None


def apply_attributes(token: Token, attrs: Attributes, pairs: dict[str, str] | None = None) -> None:
    """Give ``token`` the list's id, its classes after the token's own, and
    ``pairs`` (by default all the list's other attributes)."""
    if attrs.ids:
        token.attrSet("id", attrs.ids[-1])
    if attrs.classes:
        existing = str(token.attrGet("class") or "").split()
        token.attrSet("class", " ".join(existing + [c for c in attrs.classes if c not in existing]))
    for key, value in (attrs.pairs if pairs is None else pairs).items():
        token.attrSet(key, value)


def _ial_target(tokens: list[Token], pos: int, targets: dict[int, Token | None]) -> Token | None:
    """The block an IAL is for, as kramdown's ``parse_block_extensions`` decides.

    Directly after a block (no blank line, no ``^``), it is that block's;
    otherwise it waits for the next block, which must follow directly. An
    IAL directly after another goes where that one went. On a list item's
    first line (``* {:.cls}``), it is the item's (kramdown's ``LIST_ITEM_IAL``).
    """
    ial = tokens[pos]
    if pos and tokens[pos - 1].type in _ITEMS and tokens[pos - 1].map[0] == ial.map[0]:
        return tokens[pos - 1]
    before = _block_start(tokens, pos)
    if before is not None and not ial.meta["after_blank"]:
        previous = tokens[before]
        if previous.type == IAL_TOKEN:
            return targets[id(previous)]
        if previous.type not in (EOB_TOKEN, ALD_TOKEN):
            return previous if previous.type in _ATTRIBUTE_TARGETS else None
    following = pos + 1
    while (following < len(tokens) and tokens[following].type == IAL_TOKEN
           and not tokens[following].meta["after_blank"]):
        following += 1
    if following >= len(tokens) or tokens[following].nesting == -1:
        return None  # the last thing in its container
    candidate = tokens[following]
    adjacent = candidate.map is not None and candidate.map[0] == tokens[following - 1].map[1]
    return candidate if adjacent and candidate.type in _ATTRIBUTE_TARGETS else None


def attribute_lists_rule(state: StateCore) -> None:
    tokens = state.tokens
    env = state.env
    definitions: dict[str, Attributes] = env.setdefault("kramdown_alds", {})
    # ALDs first: kramdown lets a definition follow its use.
    for token in tokens:
        if token.type == ALD_TOKEN:
            definitions[token.info] = parse_attribute_list(token.content)
    targets: dict[int, Token | None] = {}
    found: list[tuple[Token, Token]] = []
    for pos, token in enumerate(tokens):
        if token.type != IAL_TOKEN:
            continue
        target = targets[id(token)] = _ial_target(tokens, pos, targets)
        line = token.map[0] + 1
        if target is None:
            if token.content.strip():
                note_problem(env, Problem("ial", "attribute list applies to no block: put it on the line "
                                          "directly after the block it is for", line))
            continue
        found.append((target, token))
    tokens[:] = [t for t in tokens if t.type not in (EOB_TOKEN, IAL_TOKEN, ALD_TOKEN)]
    for target, ial in found:
        _attach(tokens, target, ial.content, definitions, env, ial.map[0] + 1)


def read_attribute_list(body: str, definitions: dict[str, Attributes], env: dict, line: int) -> Attributes:
    """An attribute list's attributes, its ALD references resolved; what cannot
    be read or resolved is noted as a problem at ``line``."""
    attrs = parse_attribute_list(body)
    for name in resolve(attrs, definitions):
        note_problem(env, Problem("ial", f"attribute list names '{name}', which no ALD defines: "
                             f"define it with {{:{name}: ...}} or remove the reference", line))
    if attrs.unreadable:
        note_problem(env, Problem("ial", f"cannot read attribute list text '{attrs.unreadable}'", line))
    if "toc" in attrs.refs:
        attrs.refs = ["toc"]
    return attrs


def _attach(tokens: list[Token], token: Token, body: str, definitions, env, line) -> None:
    attrs = read_attribute_list(body, definitions, env, line)
    if "toc" in attrs.refs:
        if token.type in ("bullet_list_open", "ordered_list_open") and token in tokens:
            target = next(pos for pos, t in enumerate(tokens) if t is token)
            end = block_end(tokens, target)
            toc = Token("kramdown_toc", "nav", 0)
            toc.block = True
            toc.map = token.map
            apply_attributes(toc, attrs)
            tokens[target:end] = [toc]
            return
        note_problem(env, Problem("ial", "{:toc} must follow a list: write '* TOC' then '{:toc}' "
                             "on the next line", line))
        return
    apply_attributes(token, attrs)
    language = next((c[len("language-"):] for c in attrs.classes if c.startswith("language-")), "")
    if language and token.type in ("code_block", "fence") and not token.info.strip():
        # kramdown takes a code block's language from a ``language-`` class too: the
        # block is then read as a fence with that language, indented or not
        token.type, token.info = "fence", language


#: the blocks whose first line may start with their own IAL
_ITEMS = frozenset(("list_item_open", "dt_open", "dd_open"))
#: kramdown's LIST_ITEM_IAL: an IAL that opens a list item's first line, text after it
_ITEM_IAL = re.compile(r"\{:(?!(?:\w[\w-]*)?:|/)(?P<body>(?:\\\}|[^}])+)\}[ \t]*")


def list_item_ial_rule(state: StateCore) -> None:
    """``* {:.cls} text``: the IAL before the item's text is the item's; so are a
    definition list's, before a term (``{:#id} Term``) or a definition (``: {:.cls} Text``).

    It becomes an IAL token on the item's line, which
    :func:`attribute_lists_rule` then gives to the item (ALDs and all); the
    text after it is the item's first paragraph.
    """
    tokens = state.tokens
    pos = 0
    while pos + 2 < len(tokens):
        item, paragraph, inline = tokens[pos:pos + 3]
        if item.type == "dt_open":
            paragraph, inline = item, paragraph  # a term's text is straight inside it
        if (item.type in _ITEMS and paragraph.type in ("paragraph_open", "dt_open")
                and inline.type == "inline" and paragraph.map and item.map
                and paragraph.map[0] == item.map[0]):
            match = _ITEM_IAL.match(inline.content)
            if match and match.end() < len(inline.content):
                ial = Token(IAL_TOKEN, "", 0)
                ial.map = [item.map[0], item.map[0] + 1]
                ial.hidden = True
                ial.content = match["body"]
                ial.meta = {"after_blank": False}
                inline.content = inline.content[match.end():].lstrip()
                tokens.insert(pos + 1, ial)
        pos += 1


def ordered_list_start_rule(state: StateCore) -> None:
    """kramdown numbers every ordered list from 1, whatever its first number
    (its issue #211); only an IAL (``{: start="3"}``), applied later, sets a start."""
    for token in state.tokens:
        if token.type == "ordered_list_open" and token.attrs:
            token.attrs.pop("start", None)


def bullet_lists_joined_rule(state: StateCore) -> None:
    """kramdown's bullet list goes on at an item with another bullet (``- a`` then
    ``* b``), blank lines between or not, where CommonMark starts another list."""
    tokens = state.tokens
    #: the bullet list open at each level
    lists: dict[int, Token] = {}
    pos = 0
    while pos < len(tokens):
        token = tokens[pos]
        if token.type == "bullet_list_open":
            lists[token.level] = token
        elif token.type == "bullet_list_close" and pos + 1 < len(tokens) \
                and tokens[pos + 1].type == "bullet_list_open" and tokens[pos + 1].level == token.level:
            first, opening = lists[token.level], tokens[pos + 1]
            if first.map and opening.map:
                first.map = [first.map[0], opening.map[1]]
            del tokens[pos:pos + 2]
            continue
        pos += 1


def header_id_rule(state: StateCore) -> None:
    """``## Heading {#id}``: kramdown's explicit header id."""
    tokens = state.tokens
    for pos, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[pos + 1]
            match = HEADER_ID.search(inline.content)
            if match:
                inline.content = inline.content[:match.start()]
                token.attrSet("id", match["id"])


_LINE_TAG = re.compile(r"^</?([A-Za-z][A-Za-z0-9-]*)")
_RAW_BLOCK_TAGS = frozenset(("script", "pre", "style", "textarea"))
#: the tags that start a paragraph at a line's start: span elements, but those kept raw
_PARAGRAPH_TAGS = _SPAN_ELEMENTS - _RAW_BLOCK_TAGS
#: what may follow an element's end tag on its line: a comment naming what it closes
_COMMENTS = re.compile(r"(?:<!--.*?-->\s*)+", re.DOTALL)
#: kramdown's HTML_ELEMENTS_WITHOUT_BODY
_VOID_TAGS = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split())
_ONE_TAG = re.compile(r"^<[A-Za-z][^<>]*>\s*$")
#: an element's Markdown ending in a blank line before its end tag
_ENDS_BLANK = re.compile(r"\n[ \t]*\n[ \t]*\Z")


def html_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """CommonMark's HTML blocks, less those a span element opens.

    kramdown reads ``<br>`` or ``<em>`` alone on a line as part of a
    paragraph; CommonMark would swallow the lines after it as raw HTML.  Nor
    does a comment (``<!--more-->``) or a declaration end a paragraph in
    kramdown, which ends one only at a tag (its ``LAZY_END_HTML_START``).
    """
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if silent and line.startswith(("<!", "<?")):
        return False
    if line.startswith("<!--"):
        return _comment_block(state, start, end)
    tag = _LINE_TAG.match(line)
    if tag and tag[1].lower() in _PARAGRAPH_TAGS:
        return False
    if tag and tag[1].lower() in _VOID_TAGS and _ONE_TAG.match(line):
        # a void element ends where its tag does, not at the next blank line
        if not silent:
            token = state.push("html_block", "", 0)
            token.map = [start, start + 1]
            token.content = line + "\n"
            state.line = start + 1
        return True
    return html_block(state, start, end, silent)


def _comment_block(state: StateBlock, start: int, end: int) -> bool:
    """A comment as kramdown reads one: a block only from the line's first
    column (``  <!-- x --> y`` is a paragraph's), and ending at its ``-->``,
    where CommonMark's ends with the line: the rest of that line (``<!--more-->
    Text``) is read as a line of its own."""
    if state.sCount[start] != state.blkIndent:
        return False
    first = state.bMarks[start] + state.tShift[start]
    closing = state.src.find("-->", first + 4)
    if closing < 0 or closing >= state.eMarks[end - 1]:
        return html_block(state, start, end, False)
    closing += 3
    last = start
    while state.eMarks[last] < closing:
        last += 1
    rest = state.src[closing:state.eMarks[last]]
    if not rest.strip():
        return html_block(state, start, end, False)
    token = state.push("html_block", "", 0)
    token.map = [start, last + 1]
    token.content = state.src[first:closing] + "\n"
    # the rest begins the line, its own spaces before it
    return _read_after(state, last, end, rest)


def last_definition_rule(state: StateCore) -> None:
    """A link id defined twice is the last definition's, as kramdown overwrites it (and
    warns, as MyST does here); CommonMark keeps the first."""
    references = state.env.get("references", {})
    for duplicate in state.env.get("duplicate_refs", []):
        references[duplicate["label"]] = {key: duplicate[key] for key in ("title", "href", "map")}


#: in the Markdown environment: the labels of the footnotes the text defines
FOOTNOTE_LABELS = "kramdown_footnote_labels"


def footnote_labels_rule(state: StateCore) -> None:
    """Which footnotes the text defines, known once its blocks are read: a reference to
    another is text in kramdown (MyST's footnote rule takes any ``[^label]``).  A text
    parsed later in the same environment (the excerpt) may refer to them too."""
    defined = {token.meta["label"] for token in state.tokens if token.type == "footnote_reference_open"}
    state.env[FOOTNOTE_LABELS] = state.env.get(FOOTNOTE_LABELS, frozenset()) | defined


#: an ATX header's text, its closing hashes dropped
_ATX_TEXT = re.compile(r"^#{1,6}(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")


def atx_heading_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """An ATX header as kramdown reads one: its hashes first on the line, never
    indented (`` ### x`` is a paragraph), and some text after them (``###``
    alone is a paragraph too); else as CommonMark reads it."""
    if state.sCount[start] > state.blkIndent:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    text = _ATX_TEXT.match(line)
    if text is not None and not text["text"]:
        return False
    return heading(state, start, end, silent)


def _keeping_indentation(fence: Callable[[StateBlock, int, int, bool], bool]):
    """kramdown's fenced code keeps its lines' indentation: a fence indented past its
    container's text (``3. Type`` then a fence four spaces in) leaves that space before
    each line of code, where CommonMark takes the fence's indentation off them."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not fence(state, start, end, silent):
            return False
        if silent:
            return True
        token = state.tokens[-1]
        if token.type != "fence" or not token.map or state.sCount[start] <= state.blkIndent:
            return True
        last = token.map[1]
        closing = state.src[state.bMarks[last - 1] + state.tShift[last - 1]:state.eMarks[last - 1]]
        closer = f"{re.escape(token.markup[0])}{{{len(token.markup)},}}[ \t]*"
        closed = last - 1 > start and re.fullmatch(closer, closing) is not None
        token.content = state.getLines(start + 1, last - 1 if closed else last, state.blkIndent, True)
        return True

    return rule


def _only_closed(fence: Callable[[StateBlock, int, int, bool], bool]):
    """kramdown reads a fence only with its closing fence (GFM's FENCED_CODEBLOCK_MATCH):
    without one, its lines are text, where CommonMark makes the rest of the post, or of
    the list item or quote, code."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
        opening = _FENCE_OPENING.match(line)
        if opening is None or state.sCount[start] - state.blkIndent >= 4:
            return fence(state, start, end, silent)
        marker = opening[1]
        for number in range(start + 1, end):
            first = state.bMarks[number] + state.tShift[number]
            text = state.src[first:state.eMarks[number]]
            if text and state.sCount[number] < state.blkIndent:
                break  # the list item or quote ends
            if state.sCount[number] - state.blkIndent < 4 and text.startswith(marker) \
                    and not text.rstrip().strip(marker[0]):
                return fence(state, start, end, silent)
        if not silent:
            note_problem(state.env, Problem("fence", f"{marker} opens code that no {marker} closes: kramdown "
                                            "shows its lines as text, and so does this page", start + 1))
        return False

    return rule


def _ending_text_only_as_a_list_would(hr: Callable[[StateBlock, int, int, bool], bool]):
    """kramdown reads ``***``, ``---`` or ``___`` straight under a line of text as more of
    that text (its typography makes ``---`` a dash): only ``- - -`` or ``* * *``, which
    start like a list item, end the text, and are then a rule."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
        if silent and not _LIST_START.match(line):
            return False  # kramdown's PARAGRAPH_END has list items, not rules
        return hr(state, start, end, silent)

    return rule


def _one_line_setext(lheading: Callable[[StateBlock, int, int, bool], bool]):
    """kramdown's setext header is one line of text over its underline; under more lines
    the underline is more of the paragraph."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        tokens = len(state.tokens)
        if not lheading(state, start, end, silent):
            return False
        if silent or state.line - start <= 2:
            return True
        del state.tokens[tokens:]
        state.line = start
        return False

    return rule


#: a fence's opening characters
_FENCE_OPENING = re.compile(r"(`{3,}|~{3,})")


def _rule(md: MarkdownIt, name: str) -> Callable[[StateBlock, int, int, bool], bool]:
    return next(rule.fn for rule in md.block.ruler.__rules__ if rule.name == name)


def _not_at_a_table(definition: Callable[[StateBlock, int, int, bool], bool]):
    """kramdown tries a table before a footnote's or a link's definition: a definition
    with a pipe outside code (``[x]: /url "Docs | Site"``) is a row of a table, and
    what it defined stays undefined."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not definition(state, start, end, True):
            return False
        if not table_rule(state, start, end, True):
            return silent or definition(state, start, end, False)
        if not silent:
            note_problem(state.env, Problem(
                "definition", "this definition has a '|' outside code: kramdown reads the line as a row "
                "of a table, and so does this page; escape it as '\\|' to define what it names", start + 1))
        return False

    return rule


def kramdown_block_plugin(md: MarkdownIt, parse_block_html: bool = False) -> None:
    """kramdown's block rules; ``parse_block_html``: the site's kramdown option."""
    md.block.ruler.at("fence", _only_closed(_keeping_indentation(_rule(md, "fence"))),
                      {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.at("hr", _ending_text_only_as_a_list_would(_rule(md, "hr")),
                      {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.at("lheading", _one_line_setext(_rule(md, "lheading")))
    md.block.ruler.at("heading", atx_heading_rule, {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.at("html_block", html_block_rule,
                      {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.before("html_block", "kramdown_html_element",
                          functools.partial(html_element_rule, parse_block_html=parse_block_html),
                          {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.before("paragraph", "kramdown_math_block", math_block_rule)
    for name in ("footnote_def", "reference"):
        found = next((rule for rule in md.block.ruler.__rules__ if rule.name == name), None)
        if found is not None:
            md.block.ruler.at(name, _not_at_a_table(found.fn), {"alt": list(found.alt)})
    # last before paragraphs, as in kramdown: a list item or a heading with a pipe is not a
    # table, and a table never interrupts a paragraph
    md.block.ruler.disable("table", ignoreInvalid=True)
    md.block.ruler.before("paragraph", "kramdown_table", table_rule)
    definition_terms_plugin(md)
    # before tables too: a table's rows end at an attribute list, as a paragraph does
    md.block.ruler.before("table", "kramdown_attribute_list", attribute_list_block_rule,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.before("table", "kramdown_end_of_block", end_of_block_rule,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.before("paragraph", "kramdown_list_interrupt", list_interrupts_paragraph,
                          {"alt": ["paragraph"]})
    md.core.ruler.after("block", "kramdown_footnote_labels", footnote_labels_rule)
    md.core.ruler.after("block", "kramdown_last_definition", last_definition_rule)
    md.core.ruler.after("block", "kramdown_header_id", header_id_rule)
    md.core.ruler.after("kramdown_header_id", "kramdown_ordered_list_start", ordered_list_start_rule)
    md.core.ruler.before("kramdown_ordered_list_start", "kramdown_bullet_lists_joined",
                         bullet_lists_joined_rule)
    md.core.ruler.after("kramdown_ordered_list_start", "kramdown_list_item_ial", list_item_ial_rule)
    md.core.ruler.after("kramdown_list_item_ial", "kramdown_attribute_lists", attribute_lists_rule)
