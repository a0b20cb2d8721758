"""Span-level kramdown and Jekyll-plugin syntax as markdown-it rules.

``$$…$$`` inside a paragraph (kramdown's inline math), span IALs after an
inline element (``![x](y){: width="50%"}``), abbreviations, guillemets,
jekyll-mentions' ``@name`` and jemoji's ``:shortcode:``.  Code
spans and links are left alone, as the Jekyll plugins do.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..problems import Problem
from .attributes import SPAN_IAL
from .blocks import (
    OPEN_TAG,
    apply_attributes,
    closing_tag,
    note_problem,
    parse_html_attributes,
    read_attribute_list,
)
from .emphasis import kramdown_emphasis_plugin
from .spaced_references import spaced_references_plugin

_MENTION = re.compile(r"(?<![\w@/.+-])@([A-Za-z0-9][A-Za-z0-9-]{0,38})\b(?![@.]\w)")
_SHORTCODE = re.compile(r":([a-z0-9_+-]+):")


def math_inline_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("$$", state.pos):
        return False
    end = state.src.find("$$", state.pos + 2)
    while end > 0 and state.src[end - 1] == "\\":
        end = state.src.find("$$", end + 2)
    if end < 0 or end == state.pos + 2:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = state.src[state.pos + 2:end].strip()
        token.markup = "$$"
    state.pos = end + 2
    return True


#: kramdown-parser-gfm's ESCAPED_CHARS_GFM; CommonMark escapes every ASCII punctuation mark,
#: kramdown keeps the backslash before the others (``\\&``, ``\\%``, ``\\@``, ``\\^``...).
_ESCAPABLE = frozenset("\\.*_+`<>()[]{}#!:|\"'$=-~")


def escape_rule(state: StateInline, silent: bool) -> bool:
    """Backslash escapes as kramdown reads them (in place of CommonMark's).

    ``\\<<`` and ``\\>>`` are two plain angle brackets, not a guillemet; a
    backslash before a line end, or two (kramdown's line break), break the line.
    """
    src, pos = state.src, state.pos
    if src[pos] != "\\" or pos + 1 >= state.posMax:
        return False
    following = src[pos + 1]
    if following == "\n" or (following == "\\" and src[pos + 2:pos + 3] == "\n"):
        if not silent:
            state.push("hardbreak", "br", 0)
        pos += 2 if following == "\n" else 3
        while pos < state.posMax and src[pos] in " \t":
            pos += 1
        state.pos = pos
        return True
    if following not in _ESCAPABLE:
        return False  # the backslash is text
    escaped = src[pos + 1:pos + 3] if src[pos + 1:pos + 3] in ("<<", ">>") else following
    if not silent:
        token = state.push("text_special", "", 0)
        token.content = escaped
        token.markup = "\\" + escaped
        token.info = "escape"
    state.pos = pos + 1 + len(escaped)
    return True


_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")


def image_alt(raw: str) -> str:
    """An image's alt text as kramdown writes it: as in the source, markup and
    backslashes included, but an entity is the character it stands for
    (kramdown writes it into the attribute unescaped, and the browser reads it)."""
    return _ENTITY.sub(lambda m: html.unescape(m[0]), raw)


#: what a span IAL applies to, as kramdown: the element just before it (its opening token)
_SPAN_TARGETS = frozenset(("em_open", "strong_open", "s_open", "link_open", "image", "code_inline"))
#: attributes a post may not set on a span: a script (``onclick``) never runs in our pages, and
#: a link or an image is where its Markdown says
_REFUSED = re.compile(r"on\w+|href|src", re.IGNORECASE)
#: marks a token given attributes by a span IAL, for the renderer (``meta``)
SPAN_IAL_KEY = "kramdown_span_ial"


def span_ial_rule(state: StateCore) -> None:
    """Apply ``{: ...}`` straight after an image, link, emphasis or code span.

    Anywhere else it is text, as kramdown leaves it.  ``style`` is dropped,
    as for block attribute lists.
    """
    definitions = state.env.get("kramdown_alds", {})
    for block in state.tokens:
        if block.type != "inline" or not block.children or "{:" not in block.content:
            continue
        children = block.children
        line = block.map[0] + 1 if block.map else 0
        for pos, child in enumerate(children):
            if child.type != "text" or not pos:
                continue
            match, last = SPAN_IAL.match(child.content), pos
            if match is None and child.content.startswith("{:"):
                match, last = _over_lines(children, pos)
            target = children[pos - 1]
            if target.type.endswith("_close"):
                target = _opening(children, pos - 1)
            if match is None or target.type not in _SPAN_TARGETS:
                continue
            _apply_span_ial(target, match.group(0)[2:-1], definitions, state.env, line)
            rest = match.string[match.end():]
            for taken in children[pos:last]:
                taken.type, taken.content = "text", ""
            children[last].content = rest


def _over_lines(children: list[Token], pos: int) -> tuple[re.Match | None, int]:
    """A span IAL whose text goes on after a line break (``{:`` then ``lang="en"}``), and the
    last token of it: the text tokens and breaks from ``pos`` joined."""
    text = children[pos].content
    for last in range(pos + 1, len(children)):
        kind = children[last].type
        if kind not in ("text", "softbreak"):
            break
        text += "\n" if kind == "softbreak" else children[last].content
        match = SPAN_IAL.match(text)
        if match is not None:
            return match, last
    return None, pos


def _apply_span_ial(target: Token, body: str, definitions: dict, env: dict, line: int) -> None:
    attrs = read_attribute_list(body, definitions, env, line)
    allowed = {}
    for key, value in attrs.pairs.items():
        if _REFUSED.fullmatch(key):
            note_problem(env, Problem("ial", f"attribute '{key}' refused: an attribute list may not "
                                      "set scripts or a link's or image's address", line))
        elif key.lower() != "style":
            allowed[key] = value
    apply_attributes(target, attrs, allowed)
    target.meta[SPAN_IAL_KEY] = True


_MARKDOWN_ATTRIBUTE = re.compile(r"""\s+markdown\s*=\s*(["']?)(?:1|span|block)\1(?=[\s/>])""", re.IGNORECASE)


def markdown_attribute_rule(state: StateCore) -> None:
    """``<span markdown="span">``: kramdown reads the content as Markdown (as we do
    inside a paragraph) and writes the element without the attribute."""
    for block in state.tokens:
        if block.type != "inline" or not block.children or "markdown" not in block.content:
            continue
        for child in block.children:
            if child.type == "html_inline" and not child.content.startswith("</"):
                child.content = _MARKDOWN_ATTRIBUTE.sub("", child.content, count=1)


def _opening(children: list[Token], close: int) -> Token:
    depth = 0
    for pos in range(close, -1, -1):
        depth += children[pos].nesting
        if depth == 0:
            return children[pos]
    return children[close]


_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_NO_MENTIONS_IN = frozenset(("a", "code", "pre", "script", "style"))


def _split_text(children: list[Token], pattern: re.Pattern,
                make: Callable[[re.Match], list[Token] | None], in_links: bool = False) -> list[Token]:
    """The text tokens split around each ``pattern`` match, which ``make`` replaces (None
    keeps it); the text of links too when ``in_links``."""
    out: list[Token] = []
    in_link = 0
    for child in children:
        if child.type == "link_open":
            in_link += 1
        elif child.type == "link_close":
            in_link -= 1
        elif child.type == "html_inline":
            tag = _HTML_TAG.match(child.content)
            if tag and tag[2].lower() == "a":
                in_link += -1 if tag[1] else 1
        if child.type != "text" or (in_link and not in_links):
            out.append(child)
            continue
        text, last = child.content, 0
        for match in pattern.finditer(text):
            replacement = make(match)
            if replacement is None:
                continue
            if match.start() > last:
                out.append(_text(text[last:match.start()]))
            out.extend(replacement)
            last = match.end()
        if last == 0:
            out.append(child)
        elif last < len(text):
            out.append(_text(text[last:]))
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


#: the class of the links jekyll-mentions makes
MENTION_CLASS = "user-mention"


def make_mentions_rule(base_url: str) -> Callable[[StateCore], None]:
    """jekyll-mentions: ``@name`` links to ``base_url/name``."""
    base = base_url.rstrip("/")

    def make(match: re.Match) -> list[Token]:
        opening = Token("link_open", "a", 1)
        opening.attrSet("href", f"{base}/{match.group(1)}")
        opening.attrSet("class", MENTION_CLASS)
        return [opening, _text(match.group(0)), Token("link_close", "a", -1)]

    def rule(state: StateCore) -> None:
        for block in state.tokens:
            if block.type == "inline" and block.children and "@" in block.content:
                block.children = _split_text(block.children, _MENTION, make)
            elif block.type == "html_block" and "@" in block.content:
                block.content = mention_html(block.content, base)

    return rule


def mention_html(html: str, base: str) -> str:
    """jekyll-mentions works on the page's HTML: raw HTML gets its links too."""
    def linked(text: str) -> str:
        return _MENTION.sub(lambda m: f'<a href="{base}/{m[1]}" class="{MENTION_CLASS}">{m[0]}</a>', text)

    out, depth, pos = [], 0, 0
    for tag in _HTML_TAG.finditer(html):
        text = html[pos:tag.start()]
        out.append(text if depth else linked(text))
        out.append(tag[0])
        if tag[2].lower() in _NO_MENTIONS_IN and not tag[0].endswith("/>"):
            depth = max(0, depth + (-1 if tag[1] else 1))
        pos = tag.end()
    tail = html[pos:]
    out.append(tail if depth else linked(tail))
    return "".join(out)


def make_emoji_rule(lookup: Callable[[str], str | None]) -> Callable[[StateCore], None]:
    """jemoji: ``:shortcode:`` becomes an ``emoji`` token holding the character."""

    def make(match: re.Match) -> list[Token] | None:
        character = lookup(match.group(1))
        if character is None:
            return None
        token = Token("emoji", "span", 0)
        token.content = character
        token.markup = match.group(0)
        return [token]

    def rule(state: StateCore) -> None:
        for block in state.tokens:
            if block.type == "inline" and block.children and ":" in block.content:
                block.children = _split_text(block.children, _SHORTCODE, make)

    return rule


_ABBREVIATION_LINE = re.compile(r"^[ ]{0,3}\*\[([^\]\n]+)\]:[ \t]*(.*)$")
_GUILLEMETS = (("<< ", "\u00ab\u00a0"), (" >>", "\u00a0\u00bb"), ("<<", "\u00ab"), (">>", "\u00bb"))


def abbreviation_definitions_rule(state: StateCore) -> None:
    """``*[HTML]: Hyper Text Markup Language`` lines define abbreviations."""
    definitions: dict[str, str] = state.env.setdefault("kramdown_abbreviations", {})
    tokens = state.tokens
    pos = 0
    while pos < len(tokens):
        token = tokens[pos]
        if token.type == "inline" and tokens[pos - 1].type == "paragraph_open":
            kept = []
            for line in token.content.split("\n"):
                match = _ABBREVIATION_LINE.match(line)
                if match:
                    definitions[match[1].strip()] = match[2].strip()
                else:
                    kept.append(line)
            if not kept:
                del tokens[pos - 1:pos + 2]
                pos -= 1
                continue
            token.content = "\n".join(kept)
        pos += 1


def abbreviations_rule(state: StateCore) -> None:
    definitions = state.env.get("kramdown_abbreviations")
    if not definitions:
        return
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(definitions, key=len,
                                                                          reverse=True)) + r")(?!\w)")

    def make(match: re.Match) -> list[Token]:
        token = Token("abbr", "abbr", 0)
        token.content = match[0]
        token.attrSet("title", definitions[match[0]])
        return [token]

    for block in state.tokens:
        if block.type == "inline" and block.children:
            # kramdown marks an abbreviation in a link's text too
            block.children = _split_text(block.children, pattern, make, in_links=True)


def typographic_symbols_rule(state: StateCore) -> None:
    """kramdown's guillemets; quotes, dashes and ellipses are Sphinx's smartquotes' work."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for child in block.children:
            if child.type == "text" and ("<<" in child.content or ">>" in child.content):
                for ascii_form, symbol in _GUILLEMETS:
                    child.content = child.content.replace(ascii_form, symbol)


def guillemet_before_tag_rule(state: StateInline, silent: bool) -> bool:
    """``<<Quote>>``: kramdown reads a guillemet, where HTML would read the tag ``<Quote>``."""
    src, pos = state.src, state.pos
    if not src.startswith("<<", pos) or not re.match(r"[A-Za-z/!?]", src[pos + 2:pos + 3]):
        return False
    if not silent:
        state.push("text", "", 0).content = "<<"
    state.pos += 2
    return True


def code_span_rule(state: StateInline, silent: bool) -> bool:
    """A code span as kramdown reads it: from a run of backticks to the next run of as
    many.  One backtick's span keeps its spaces (``the ` x` y``); a longer run's loses one
    space at each end it has one, where CommonMark strips them only in pairs.  A single
    backtick before white space, and after some or first in the text (``the ` andThen`
    method``), opens nothing: it is text, and the next backtick may open a span."""
    src, start = state.src, state.pos
    if src[start] != "`":
        return False
    end = start
    while end < state.posMax and src[end] == "`":
        end += 1
    run = src[start:end]
    lone = run == "`" and (start == 0 or src[start - 1].isspace()) and src[end:end + 1].isspace()
    close = -1 if lone else src.find(run, end, state.posMax)
    if close < 0:
        if not silent:
            state.pending += run
        state.pos = end
        return True
    if not silent:
        content = src[end:close].replace("\n", " ")
        if len(run) > 1:
            content = content.removeprefix(" ").removesuffix(" ")
        token = state.push("code_inline", "code", 0)
        token.markup = run
        token.content = content
    state.pos = close + len(run)
    return True


#: inline elements whose content kramdown keeps raw, not Markdown, that posts write around
#: text (kramdown reads Markdown only in those of its HTML_CONTENT_MODEL_SPAN); the others
#: (``<script>``...) are the renderer's to refuse
_RAW_SPANS = frozenset("code kbd samp var u s strike mark font time".split())


def raw_span_rule(state: StateInline, silent: bool) -> bool:
    """An inline element whose content kramdown keeps raw: its content is text, no
    Markdown (``<code>__init__</code>`` keeps its underscores).  A ``<code>`` without
    attributes is a code span, as the same code in backticks."""
    src, pos = state.src, state.pos
    if src[pos] != "<":
        return False
    opening = OPEN_TAG.match(src, pos, state.posMax)
    if opening is None or opening["tag"].lower() not in _RAW_SPANS or opening["selfclose"] \
            or "markdown" in parse_html_attributes(opening["attrs"]):
        return False
    closing = closing_tag(src, opening["tag"], opening.end())
    # elements inside it are HTML to kramdown too: left to the HTML rules
    if closing is None or closing.end() > state.posMax \
            or re.search(r"<[A-Za-z/!]", src[opening.end():closing.start()]):
        return False
    if not silent:
        text = html.unescape(src[opening.end():closing.start()])
        if opening["tag"].lower() == "code" and not opening["attrs"].strip():
            code = state.push("code_inline", "code", 0)
            code.content, code.markup = text.replace("\n", " "), "<code>"
        else:
            state.push("html_inline", "", 0).content = opening[0]
            state.push("text", "", 0).content = text
            state.push("html_inline", "", 0).content = closing[0]
    state.pos = closing.end()
    return True


#: kramdown's block-level HTML elements (Kramdown::Parser::Html::Constants)
_BLOCK_ELEMENTS = frozenset("""
    address article aside applet body blockquote caption col colgroup dd div dl dt fieldset
    figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main
    map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul
""".split())


#: in the ``meta`` of an HTML tag shown as text: the tag as written, which is text to kramdown
SHOWN_AS_TEXT = "kramdown_shown_as_text"


def block_tags_as_text_rule(state: StateCore) -> None:
    """A block element's tag within a line of text (``a <div>b</div> c``, or the ``<p>`` of
    ``markdownify`` in a sentence) is text: kramdown shows it as written, escaped, rather
    than open a block inside the paragraph."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for child in block.children:
            if child.type == "html_inline":
                tag = _HTML_TAG.match(child.content)
                if tag and tag[2].lower() in _BLOCK_ELEMENTS:
                    # still raw HTML, escaped: no typographic quotes in what is shown as written
                    child.meta[SHOWN_AS_TEXT] = child.content
                    child.content = html.escape(child.content, quote=False)


def mailto_autolink_rule(state: StateCore) -> None:
    """``<mailto:me@example.org>`` shows the address alone: kramdown's autolink
    takes ``mailto:`` out of the text (markdown-it keeps it)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for opening, text in zip(children, children[1:], strict=False):
            if (opening.type == "link_open" and opening.markup == "autolink" and text.type == "text"
                    and text.content[:7].lower() == "mailto:"):
                text.content = text.content[7:]


def kramdown_inline_plugin(md: MarkdownIt, mentions_base: str | None,
                           emoji_lookup: Callable[[str], str | None] | None) -> None:
    md.inline.ruler.before("escape", "kramdown_math_inline", math_inline_rule)
    md.inline.ruler.at("escape", escape_rule)
    md.inline.ruler.before("html_inline", "kramdown_guillemet_before_tag", guillemet_before_tag_rule)
    md.inline.ruler.before("html_inline", "kramdown_raw_span", raw_span_rule)
    kramdown_emphasis_plugin(md)
    md.inline.ruler.at("backticks", code_span_rule)
    spaced_references_plugin(md)
    md.core.ruler.after("block", "kramdown_abbreviation_definitions", abbreviation_definitions_rule)
    md.core.ruler.after("inline", "kramdown_span_ial", span_ial_rule)
    md.core.ruler.after("inline", "kramdown_mailto_autolink", mailto_autolink_rule)
    md.core.ruler.after("inline", "kramdown_block_tags_as_text", block_tags_as_text_rule)
    md.core.ruler.after("kramdown_span_ial", "kramdown_markdown_attribute", markdown_attribute_rule)
    md.core.ruler.after("kramdown_span_ial", "kramdown_abbreviations", abbreviations_rule)
    md.core.ruler.after("kramdown_abbreviations", "kramdown_typographic_symbols", typographic_symbols_rule)
    if mentions_base:
        md.core.ruler.after("kramdown_span_ial", "jekyll_mentions", make_mentions_rule(mentions_base))
    if emoji_lookup:
        md.core.ruler.push("jemoji", make_emoji_rule(emoji_lookup))
