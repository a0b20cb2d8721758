"""kramdown's typography in posts and bios: its quotes, dashes and ellipses.

Sphinx's smartquotes curl a page's quotes as its language does, and only
while the project's ``smartquotes`` is on.  kramdown always converts them,
to the four entities of the site's ``smart_quotes`` (‘ ’ “ ” unless the
site names others: ``apos,apos,quot,quot`` keeps them straight), whatever
the language, and writes an apostrophe as the second.  A post or a bio gets
kramdown's; other pages keep Sphinx's.

kramdown leaves an escaped quote, hyphen or dot (``\\"``, ``\\-``, ``\\.``) as
written, and one written as an entity (``&quot;``, ``&#45;``), and spaced dots
(``. . .``), which SmartyPants makes an ellipsis.
docutils' smart quotes leave a character after a null byte alone, as rST's
escapes are kept, and its writers drop the null byte: the escapes of a post,
its entities and those dots are kept that way (:func:`escaped_typography_plugin`).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from typing import Any

from docutils.transforms.universal import SmartQuotes
from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import educate_tokens, smartchars
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from sphinx.transforms import SphinxSmartQuotes


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


#: what kramdown's typography would change, and leaves alone once escaped
_TYPOGRAPHIC = frozenset("\"'-.")


#: SmartyPants' other ellipsis, which kramdown leaves as written: its dots are kept as escapes are
_SPACED_ELLIPSIS = re.compile(r"\. \. \.")


def _keep_escaped_typography(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for child in block.children:
            if child.type == "text_special" and child.info in ("escape", "entity") \
                    and child.content in _TYPOGRAPHIC:
                child.content = "\x00" + child.content
            elif child.type == "text" and ". . ." in child.content:
                child.content = _SPACED_ELLIPSIS.sub(". . .".replace(".", "\x00."), child.content)


def escaped_typography_plugin(md: MarkdownIt) -> None:
    # before the escapes join the text around them, where they could no longer be told apart
    md.core.ruler.before("text_join", "kramdown_escaped_typography", _keep_escaped_typography)


#: in HTML a post's Liquid is given: tokens whose text is kept as written, and is the context
#: of the quotes after it
_AS_WRITTEN = {"text_special": None, "code_inline": None, "softbreak": "\n", "hardbreak": "\n"}


def _html_typography(quotes: str, state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
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
