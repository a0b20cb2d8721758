"""Header ids exactly as Jekyll's kramdown (GFM input) generates them.

kramdown-parser-gfm's ``generate_gfm_header_id`` takes a header's raw text
(:func:`header_text`: markup dropped, entities and typographic symbols as
their characters), lower-cases it, keeps only Ruby's ``\\p{Word}`` characters,
hyphens, spaces and tabs, and turns each space or tab into a hyphen; a
repeated id gets ``-1``, ``-2``, ... appended, and ``auto_id_prefix`` goes
in front.  An empty id means no id, unless the prefix makes one.

A site with ``input: kramdown`` has kramdown's own ids (:func:`kramdown_id`),
made from the header's source, or with ``auto_id_stripping`` from its text
alone (:func:`stripped_text`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from markdown_it.token import Token

from .inline import SHOWN_AS_TEXT

#: kramdown prints these as typographic symbols, which then drop out of ids
_TYPOGRAPHIC = (("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"), ("<<", "\u00ab"), (">>", "\u00bb"))
#: Ruby's \p{Word}: Alphabetic, marks, decimal digits, connector punctuation and the
#: joiners. Python's \w differs (it drops marks, keeps other numbers such as "²").
_WORD_CATEGORIES = frozenset("Lu Ll Lt Lm Lo Nl Mn Mc Me Nd Pc".split())
_JOIN_CONTROLS = frozenset("\u200c\u200d")


def _is_word(char: str) -> bool:
    if char in _JOIN_CONTROLS:
        return True
    # circled letters are Alphabetic though not letters
    return unicodedata.category(char) in _WORD_CATEGORIES or "\u24b6" <= char <= "\u24e9"


def basic_id(text: str) -> str:
    kept = "".join(c for c in text.lower() if c in "- \t" or _is_word(c))
    return kept.replace(" ", "-").replace("\t", "-")


def kramdown_id(text: str) -> str:
    """kramdown's ``basic_generate_id``: ASCII letters, digits, spaces and hyphens
    kept from the first letter on, spaces as hyphens, lower-cased; ``section``
    when nothing is left."""
    text = re.sub(r"^[^a-zA-Z]+", "", text, flags=re.MULTILINE)
    return re.sub(r"[^a-zA-Z0-9 -]", "", text).replace(" ", "-").lower() or "section"


def stripped_text(children: Sequence[Token]) -> str:
    """What kramdown's ``auto_id_stripping`` makes an id from: the header's text
    elements only, so code, math, entities and typographic symbols (``--``) drop out."""
    parts = []
    for child in children:
        if child.type == "text":
            parts.append(child.content.replace("---", "").replace("--", ""))
        elif child.type == "text_special" and child.info == "escape":
            parts.append(child.content)
        elif child.type == "emoji":
            parts.append(child.markup)
    return "".join(parts)


def header_text(children: Sequence[Token]) -> str:
    """A header's raw text, as kramdown-parser-gfm's ``update_raw_text`` collects it.

    Text, code and math count; an image (kramdown's has no text children), a
    footnote marker and an HTML tag do not, though text inside a span
    element does, and so does a block element's tag, which kramdown shows as
    text there (``## Rules (<hr>)``).  A jemoji shortcode counts as written: jemoji changes the
    page after kramdown made the ids.
    """
    parts = []
    for child in children:
        if child.type == "image":
            continue
        if child.type in ("text", "abbr"):
            parts.append(_typographic(child.content))
        elif child.type in ("code_inline", "math_inline"):
            # as written: kramdown makes no symbols in code (``--config`` keeps its hyphens)
            parts.append(child.content)
        elif child.type == "text_special":
            parts.append(child.content)
        elif child.type == "emoji":
            parts.append(child.markup)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif SHOWN_AS_TEXT in child.meta:
            parts.append(child.meta[SHOWN_AS_TEXT])
    return "".join(parts)


def _typographic(text: str) -> str:
    for ascii_form, symbol in _TYPOGRAPHIC:
        text = text.replace(ascii_form, symbol)
    return text


def id_text(source: str, children: Sequence[Token] | None, gfm: bool, stripping: bool) -> str:
    """What a header's id is made from: its raw text with GFM input; with
    kramdown's own parser its source, markup and all, or with
    ``auto_id_stripping`` its text alone."""
    if gfm:
        return header_text(children or [])
    return stripped_text(children or []) if stripping else source


class HeaderIds:
    """The ids of one document's headers, in document order."""

    def __init__(self, prefix: str = "", gfm: bool = True) -> None:
        self._seen: dict[str, int] = {}
        self._prefix = prefix
        self._generator = basic_id if gfm else kramdown_id

    def generate(self, text: str) -> str:
        generated = self._generator(text)
        count = self._seen.get(generated, -1) + 1
        self._seen[generated] = count
        generated = f"{generated}-{count}" if count else generated
        # kramdown puts the prefix before an empty id too: "!!!" is "id-" with prefix "id-"
        return self._prefix + generated
