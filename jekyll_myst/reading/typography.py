"""kramdown's typography in posts and bios: its quotes, dashes and ellipses.

Sphinx's smartquotes curl a page's quotes as its language does, and only
while the project's ``smartquotes`` is on.  kramdown always converts them,
to the four entities of the site's ``smart_quotes`` (‘ ’ “ ” unless the
site names others: ``apos,apos,quot,quot`` keeps them straight), whatever
the language, and writes an apostrophe as the second.  A post or a bio gets
kramdown's; other pages keep Sphinx's.

kramdown leaves an escaped quote, hyphen or dot (``\\"``, ``\\-``, ``\\.``) as
written, and one written as an entity (``&quot;``, ``&#45;``), and spaced dots
(``. . .``), which SmartyPants makes an ellipsis.  A quote straight after ``...``,
which kramdown has made a symbol already, is read with nothing before it: it
opens unless a space, the end or punctuation follows (``"G-XXX..."로``).
docutils' smart quotes leave a character after a null byte alone, as rST's
escapes are kept, and its writers drop the null byte: the escapes of a post,
its entities and those dots are kept that way (:func:`kramdown_typography_plugin`).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from docutils.transforms.universal import SmartQuotes
from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import educate_tokens, smartchars
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from sphinx.transforms import SphinxSmartQuotes
from sphinx.util.nodes import is_smartquotable

from ..jekyll.kramdown.inline import MENTION_CLASS


@contextlib.contextmanager
def _site_quotes(language: str, quotes: str) -> Iterator[None]:
    """docutils' smart quotes writing ``quotes`` (' ' " ", as characters) for ``language``,
    and the second as the apostrophe, as kramdown writes a site's ``smart_quotes``.
    docutils takes them from its class, for each language: they are put back after."""
    saved_quotes, saved_apostrophe = dict(smartchars.quotes), smartchars.apostrophe
    smartchars.quotes[language] = quotes[2] + quotes[3] + quotes[0] + quotes[1]
    smartchars.apostrophe = quotes[1]
    try:
        yield
    finally:
        smartchars.quotes.clear()
        smartchars.quotes.update(saved_quotes)
        smartchars.apostrophe = saved_apostrophe


class KramdownTypography(SphinxSmartQuotes):
    """Quotes, dashes and ellipses as kramdown writes them, in a document whose
    settings carry ``kramdown_quotes`` (' ' " ", as characters)."""

    # before Sphinx's own, which then leaves the document alone
    default_priority = 749

    def apply(self, **kwargs: Any) -> None:
        settings = self.document.settings
        quotes = getattr(settings, "kramdown_quotes", None)
        if quotes is None:
            return
        settings.smart_quotes = False
        # outputs that keep ASCII (text, man pages) have Sphinx's exclusions
        if self.env._builder_cls.name in self.config.smartquotes_excludes.get("builders", ()):
            return
        language = normalize_language_tag(settings.language_code)[0]
        settings.smart_quotes = True
        try:
            with _site_quotes(language, quotes):
                SmartQuotes.apply(self)
        finally:
            settings.smart_quotes = False

    def get_tokens(self, txtnodes):
        for node in txtnodes:
            if not is_smartquotable(node):
                yield "literal", node.astext()
                continue
            text = str(node)
            if not _EDUCATED.search(text):
                # docutils runs a dozen substitutions over each piece of text; one they
                # would not change is given as literal, the same context for the quotes
                # after it: a third of the time
                yield "literal", text
                continue
            # what :func:`kramdown_typography_plugin` kept as written, behind a null byte, is
            # given as docutils' escape.  docutils reads the text's other backslashes as
            # escapes too (a backslash before ``-``), and makes ``&#39;`` and the like quotes
            # again; kramdown's text has neither (the Markdown ``\\--`` shows \–): a null
            # byte, dropped on output, keeps each apart
            text = _LITERAL_BACKSLASH.sub("\\\\\x00", _KEPT.sub(r"\\\1", text)).replace("&#", "&\x00#")
            yield "plain", text


def with_kramdown_typography(document: nodes.document, parts: list[nodes.Node]) -> list[nodes.Node]:
    """Copies of ``parts``, nodes read for the post ``document``, with the typography the page
    gets from its transforms later: for the text the blog's lists, feeds and link previews take
    of a post while it is read, as Jekyll takes it from kramdown's HTML."""
    holder = nodes.document(document.settings, document.reporter)
    holder.extend(part.deepcopy() for part in parts)
    KramdownTypography(holder, startnode=None).apply()
    return list(holder.children)


#: what docutils' smart quotes change in a piece of text: quotes, ``--``, ellipses, and
#: what it reads as escapes, in (a backslash) and out (``&#39;`` and the like)
_EDUCATED = re.compile(r"""["'\\]|--|\.\.\.|\. \. \.|&#""")
#: a character :func:`kramdown_typography_plugin` kept as written
_KEPT = re.compile("(?<=\x00)([-'\".])")
#: a backslash of the text before what docutils would read as its escape
_LITERAL_BACKSLASH = re.compile(r"(?<!\x00)\\(?=[-\\'\".`])")

#: what kramdown's typography would change, and leaves alone once escaped
_TYPOGRAPHIC = frozenset("\"'-.")


#: SmartyPants' other ellipsis, which kramdown leaves as written: its dots are kept as escapes are
_SPACED_ELLIPSIS = re.compile(r"\. \. \.")


#: a quote straight after an ellipsis (three dots, not four)
_AFTER_ELLIPSIS = re.compile(r"(?<![.\x00])\.\.\.([\"'])")
_WORD = re.compile(r"[A-Za-z0-9_]")
_EMPHASIS_OPEN = ("em_open", "strong_open")
_QUOTES = ("'", '"')
#: kramdown's span elements, as markdown-it's tokens (links apart)
_ELEMENTS = frozenset({"text_special", "code_inline", "em_open", "em_close", "strong_open", "strong_close",
                       "image", "html_inline", "footnote_ref", "math_inline"})
#: kramdown's SQ_PUNCT
_PUNCTUATION = frozenset("!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}~")


def _opens_after_a_symbol(quote: str, text: str, after: int) -> bool:
    """Whether kramdown opens a quote that follows a typographic symbol it made, so that
    no character is before it: unless a space, an ``s`` ending a word, the end, a
    punctuation mark ending a word or (for ``'``) a decade follows (its SQ_RULES, in
    which a word is ASCII)."""
    rest = text[after:]
    if re.match(r"[_*]{1,2}\S", rest):
        return True
    if rest[:1] in _PUNCTUATION and rest[1:3] != ".." and not _WORD.match(rest[1:2]):
        return False
    if quote == "'" and re.match(r"\d\ds", rest):
        return False
    return not (not rest or rest[0].isspace() or (rest[0] == "s" and not _WORD.match(rest[1:2])))


def quotes_after_symbols(text: str, quotes: str, following: str = "", after_element: bool = False) -> str:
    """``text`` with each quote that follows a symbol or an element as kramdown writes it
    (``quotes``: ' ' " "), which reads it with nothing before it.  After ``...``: the
    ellipsis is a symbol of its own there, so ``"G-XXX..."로`` opens its last quote,
    where SmartyPants would close it after the dot.  ``following``: the markup after the
    text (``*`` of an emphasis).  ``after_element``: the text follows an element (code,
    an emphasis, an escape...), and so does a quote it starts with."""
    if "..." not in text and not (after_element and text[:1] in _QUOTES):
        return text
    whole = text + following
    alone = [(found.start(), found.start() + 3, found[1]) for found in _AFTER_ELLIPSIS.finditer(text)]
    if after_element and text[:1] in _QUOTES:
        alone.insert(0, (0, 0, text[0]))
    written, pos = [], 0
    for start, symbol_end, quote in alone:
        if start < pos:
            continue
        end = symbol_end + 1
        other = "'" if quote == '"' else '"'
        written.append(text[pos:symbol_end])
        if text[end:end + 1] == other and _WORD.match(text[end + 1:end + 2]):
            # a double set: both open
            written.append(_quote(quote, True, quotes) + _quote(other, True, quotes))
            end += 1
        else:
            written.append(_quote(quote, _opens_after_a_symbol(quote, whole, end), quotes))
        pos = end
    return "".join(written) + text[pos:]


def _quote(quote: str, opens: bool, quotes: str) -> str:
    return quotes[(0 if opens else 1) + (2 if quote == '"' else 0)]


def _keep_escaped_typography(quotes: str, state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for index, child in enumerate(block.children):
            if child.type == "text_special" and child.info in ("escape", "entity") \
                    and child.content in _TYPOGRAPHIC:
                child.content = "\x00" + child.content
            elif child.type == "text":
                if ". . ." in child.content:
                    child.content = _SPACED_ELLIPSIS.sub(". . .".replace(".", "\x00."), child.content)
                child.content = _quotes_after_symbols_in(block.children, index, quotes)


def _quotes_after_symbols_in(children: list[Token], index: int, quotes: str) -> str:
    """The text of ``children[index]`` with its quotes after ``...``, or after an element
    before it, as kramdown writes them; an emphasis that opens after it (``"x..."*y*``)
    counted as what follows."""
    after = children[index + 1] if index + 1 < len(children) else None
    markup = after.markup + "x" if after is not None and after.type in _EMPHASIS_OPEN else ""
    return quotes_after_symbols(children[index].content, quotes, markup,
                                 after_element=index > 0 and _is_element(children, index - 1))


def _is_element(children: list[Token], index: int) -> bool:
    """Whether ``children[index]`` is an element of kramdown's, after which a quote has
    nothing before it (``*e*"w"`` opens): not the links jekyll-mentions makes in the HTML
    kramdown wrote, nor an emoji of jemoji."""
    token = children[index]
    if token.type == "link_close" and index >= 2:
        token = children[index - 2]
    if token.type == "link_open":
        return MENTION_CLASS not in str(token.attrGet("class") or "")
    return token.type in _ELEMENTS


def kramdown_typography_plugin(quotes: str):
    """What kramdown's typography does otherwise than docutils' smart quotes, which then
    make the rest: escapes, entities and spaced dots kept, quotes after an ellipsis."""

    def plugin(md: MarkdownIt) -> None:
        # before the escapes join the text around them, where they could no longer be told apart
        md.core.ruler.before("text_join", "kramdown_escaped_typography",
                             functools.partial(_keep_escaped_typography, quotes))

    return plugin


#: in HTML a post's Liquid is given: tokens whose text is kept as written, and is the context
#: of the quotes after it
_AS_WRITTEN = {"text_special": None, "code_inline": None, "softbreak": "\n", "hardbreak": "\n"}


def _html_typography(quotes: str, state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for index, child in enumerate(block.children):
            if child.type == "text":
                child.content = _quotes_after_symbols_in(block.children, index, quotes)
        parts = [child for child in block.children if child.type == "text" or child.type in _AS_WRITTEN]
        pieces = [("plain", child.content) if child.type == "text"
                  else ("literal", _AS_WRITTEN[child.type] or child.content) for child in parts]
        with _site_quotes("en", quotes):
            educated = list(educate_tokens(pieces, "qD", "en"))
        for child, text in zip(parts, educated, strict=True):
            if child.type == "text":
                child.content = text.replace("...", "\u2026")


def html_typography_plugin(quotes: str):
    """kramdown's typography in the HTML a post's Liquid is given (an excerpt, ``markdownify``),
    which no docutils transform reaches: the site's quotes, ``--`` and ``---`` as dashes,
    ``...`` (not ``. . .``) as an ellipsis; an escaped character, or an entity, as written."""

    def plugin(md: MarkdownIt) -> None:
        md.core.ruler.before("text_join", "kramdown_html_typography",
                             functools.partial(_html_typography, quotes))

    return plugin
