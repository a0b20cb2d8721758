"""kramdown's SmartyPants on plain text: typographic quotes, dashes, ellipses and
guillemets, as Jekyll's ``smartify`` filter and jekyll-feed's titles give them."""

from __future__ import annotations

import re

_SMART = (
    (re.compile(r"---"), "\u2014"),
    (re.compile(r"--"), "\u2013"),
    (re.compile(r"\.\.\."), "\u2026"),
    (re.compile(r"<<"), "\u00ab"),
    (re.compile(r">>"), "\u00bb"),
    # an apostrophe before a decade ('80s) closes, as kramdown has it
    (re.compile(r"'(?=\d\ds\b)"), "\u2019"),
    # a quote that follows a letter, digit or closing punctuation closes; any other opens
    (re.compile(r"(?<=[\w.,;:!?)\]}\u2019\u201d%-])'"), "\u2019"),
    (re.compile(r"'"), "\u2018"),
    (re.compile(r"(?<=[\w.,;:!?)\]}\u2019\u201d%-])\""), "\u201d"),
    (re.compile(r"\"(?=\s|$)"), "\u201d"),
    (re.compile(r"\""), "\u201c"),
)


def smarten(text: str) -> str:
    for pattern, replacement in _SMART:
        text = pattern.sub(replacement, text)
    return text
