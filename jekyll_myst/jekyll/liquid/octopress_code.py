"""Octopress's code blocks: its ``codeblock`` tag's and its backtick blocks', a
``<figure class="code">`` with the title (and a link to the code) in its
``<figcaption>``, around the code as a fence, read as Markdown inside the
figure, so that it is highlighted and searchable as any code here.

Octopress reads a post's backtick blocks itself, before Liquid and Markdown
(its ``backtick_code_block.rb``, run by ``octopress_filters.rb``): the words
after the opening backticks are ``lang [title] [url [link text]]``, and
options ``linenos:false``, ``start:``, ``mark:``; every such block has its
lines numbered unless ``linenos:false``, even without a title, and its code is
never Liquid (Octopress escapes its braces).  kramdown alone would read no
block whose backticks are followed by more than a language.
"""

from __future__ import annotations

import html
import re

from ..code_fences import LINE_NUMBERS, NO_LINE_NUMBERS, fence_for

#: the short names Octopress gives Pygments
_LANGUAGES = {"ru": "ruby", "m": "objc", "pl": "perl", "yml": "yaml", "coffee": "coffeescript"}
#: Octopress's options in a block's or a tag's markup, taken out before its words are read
OPTIONS = re.compile(r"\s*(?:lang|title|url|link_text|start|end|range|mark|linenos):\S+", re.IGNORECASE)
LANGUAGE_OPTION = re.compile(r"\s*lang:(\w+)", re.IGNORECASE)
UNNUMBERED_OPTION = re.compile(r"\s*linenos:false", re.IGNORECASE)
#: a backtick block's words: ``lang title url [link text]``, or ``lang [title]``
_ALL = re.compile(r"([^\s]+)\s+(.+?)(https?://\S+|/\S+)\s*(.+)?", re.IGNORECASE)
_LANGUAGE_AND_TITLE = re.compile(r"([^\s]+)\s*(.+)?")
#: Octopress reads only the blocks whose backticks start their line
_OPENING = re.compile(r"^```(?!`)(.*)$")
_CLOSING = re.compile(r"^```\s*$")
_END_RAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_RAW_TAGS = re.compile(r"\{%-?\s*(raw|endraw)\s*-?%\}")


def code_figure(code: list[str], language: str, line_numbers: bool, title: str = "", url: str = "",
                link_text: str = "") -> list[str]:
    """The figure's lines, around a fence of ``code``'s lines."""
    fence = fence_for("\n".join(code))
    caption = ""
    if title:
        link = f' <a href="{html.escape(url)}">{html.escape(link_text or "link", quote=False)}</a>' if url \
            else ""
        caption = f"<figcaption><span>{html.escape(title.strip(), quote=False)}</span>{link}</figcaption>"
    language = _LANGUAGES.get(language, language) or "plaintext"
    return [f'<figure class="code" markdown="1">{caption}',
            f"{fence}{language} {LINE_NUMBERS if line_numbers else NO_LINE_NUMBERS}",
            *code, fence, "</figure>"]


def backtick_blocks(text: str, liquid: bool = True) -> str:
    """A post's text with its backtick blocks written as Octopress writes them;
    their code kept from the ``liquid`` that will run on the text."""
    lines = text.split("\n")
    written: list[str] = []
    number = 0
    #: inside the post's own {% raw %}, where its author kept the code from Liquid already
    raw = False
    while number < len(lines):
        opening = _OPENING.match(lines[number])
        closing = next((end for end in range(number + 1, len(lines)) if _CLOSING.match(lines[end])), None) \
            if opening else None
        if closing is None:
            for tag in _RAW_TAGS.findall(lines[number]):
                raw = tag == "raw"
            written.append(lines[number])
            number += 1
            continue
        code = lines[number + 1:closing]
        written.extend(_block(opening[1], code, liquid and not raw))
        number = closing + 1
    return "\n".join(written)


def _block(markup: str, code: list[str], liquid: bool) -> list[str]:
    language = LANGUAGE_OPTION.search(markup)
    line_numbers = UNNUMBERED_OPTION.search(markup) is None
    words = OPTIONS.sub("", markup).strip()
    title = url = link_text = ""
    if found := _ALL.match(words):
        name, title, url, link_text = found[1], found[2], found[3], found[4] or ""
    elif found := _LANGUAGE_AND_TITLE.match(words):
        name, title = found[1], found[2] or ""
    else:
        name = ""
    figure = code_figure(code, language[1] if language else name, line_numbers, title, url, link_text)
    # Octopress escapes the code's braces: its Liquid is never run, unless it would end the raw
    if liquid and code and not any(_END_RAW.search(line) for line in code):
        figure[2] = "{% raw %}" + figure[2]
        figure[2 + len(code)] = "{% endraw %}" + figure[2 + len(code)]
    return figure
