"""The HTML translator of the site's pages: a post's headings at the level
its author chose, and what a keyboard or a screen reader needs from code
blocks and embedded frames (checked with axe-core in the browser tests).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

_PRE = re.compile(r"<pre(?=[\s>])(?![^>]*\btabindex=)")
#: where the code starts in a block with line numbers (``html_codeblock_linenos_style = "table"``)
_CODE_CELL = '<td class="code">'
_FRAME = re.compile(r"<iframe\b(?![^>]*\btitle=)([^>]*)>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def keyboard_scrollable(html: str) -> str:
    """A code block scrolls sideways when its lines are long: a keyboard can
    scroll it only if it can take the focus (the code's, not its line numbers')."""
    code = html.find(_CODE_CELL)
    start = code if code >= 0 else 0
    return html[:start] + _PRE.sub('<pre tabindex="0"', html[start:], count=1)


def titled_frames(html: str) -> str:
    """An ``<iframe>`` an author embedded without a title gets one naming where
    it comes from: a screen reader announces a frame by its title."""
    def title(match: re.Match) -> str:
        source = _SRC.search(match[1])
        host = urlsplit(source[1]).hostname if source else None
        label = f"Embedded content from {host}" if host else "Embedded content"
        return f'<iframe title="{label}"{match[1]}>'

    return _FRAME.sub(title, html)


#: the elements of inline nodes that may carry a post's span attributes (``html_attributes``)
_SPAN_TAGS = frozenset("a em strong code img del span".split())


class BlogHTMLTranslator(HTML5Translator):
    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n", empty: bool = False,
                 **attributes) -> str:
        # attributes a post set with a span IAL that docutils' nodes have no place for
        extra = node.get("html_attributes") if isinstance(node, nodes.Element) else None
        if extra and tagname in _SPAN_TAGS:
            attributes.update(extra)
        if tagname == "img" and "alt" not in node:
            attributes.pop("alt", None)  # as kramdown writes an <img> without one; not its address
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_section(self, node: nodes.section) -> None:
        # kramdown prints ``### x`` as ``<h3>`` wherever it sits; docutils
        # numbers headings by section depth.  Sections read from a post carry
        # the level written in the Markdown as ``heading_level``.
        self.context.append(self.section_level)
        if "heading_level" in node:
            self.section_level = node["heading_level"] - self.initial_header_level
        super().visit_section(node)

    def depart_section(self, node: nodes.section) -> None:
        super().depart_section(node)
        self.section_level = self.context.pop()

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        start = len(self.body)
        try:
            super().visit_literal_block(node)  # highlighted code is written whole, then skipped
        finally:
            self.body[start:] = [keyboard_scrollable(part) for part in self.body[start:]]

    def visit_raw(self, node: nodes.raw) -> None:
        start = len(self.body)
        try:
            super().visit_raw(node)
        finally:
            self.body[start:] = [titled_frames(part) for part in self.body[start:]]

    def visit_tbody(self, node: nodes.tbody) -> None:
        if node.get("footer"):
            self.body.append(self.starttag(node, "tfoot"))
        else:
            super().visit_tbody(node)

    def depart_tbody(self, node: nodes.tbody) -> None:
        if node.get("footer"):
            self.body.append("</tfoot>\n")
        else:
            super().depart_tbody(node)
