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

import re
from typing import Any

from docutils.transforms.universal import SmartQuotes
from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import smartchars
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from sphinx.transforms import SphinxSmartQuotes


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
        # docutils takes the characters from its class, for each language; they
        # are set for this document's, and put back
        saved_quotes, saved_apostrophe = dict(smartchars.quotes), smartchars.apostrophe
        smartchars.quotes[language] = quotes[2] + quotes[3] + quotes[0] + quotes[1]
        smartchars.apostrophe = quotes[1]
        settings.smart_quotes = True
        try:
            SmartQuotes.apply(self)
        finally:
            smartchars.quotes.clear()
            smartchars.quotes.update(saved_quotes)
            smartchars.apostrophe = saved_apostrophe
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
