"""The text of an HTML post, for the editions that cannot show its HTML.

An HTML post's body is one raw HTML node, which the web pages and the EPUB
show as it is; LaTeX (the PDF), plain text and man pages skip raw HTML, and
would show the post's title alone.  For them the post also holds its text:
a paragraph for each block element's text, a literal block for each
``<pre>``, nothing of scripts and styles.
"""

from __future__ import annotations

from html.parser import HTMLParser

from docutils import nodes
from sphinx import addnodes

_BLOCKS = frozenset("""address article aside blockquote br caption dd details div dl dt figcaption
    figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th
    tr ul""".split())
_HIDDEN = frozenset(("script", "style", "template", "noscript"))


class _TextBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self._text: list[str] = []
        self._hidden = 0
        self._pre = 0

    def _end_block(self) -> None:
        text = "".join(self._text)
        self._text = []
        if text.strip():
            self.blocks.append((text.strip("\n") if self._pre else " ".join(text.split()), self._pre > 0))

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._end_block()
            self._pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._end_block()
            self._pre = max(0, self._pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._end_block()


def text_blocks(html: str) -> list[tuple[str, bool]]:
    """The text of ``html``, block by block: (text, whether it is preformatted)."""
    parser = _TextBlocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def text_edition(html: str) -> addnodes.only:
    """The text of an HTML post, for the builders that do not write HTML: as written,
    without kramdown's quotes and dashes, which Jekyll does not apply to HTML."""
    only = addnodes.only(expr="not html", support_smartquotes=False)
    for text, preformatted in text_blocks(html):
        only += nodes.literal_block(text, text) if preformatted else nodes.paragraph(text, text)
    return only
