"""The HTML translator of the site's pages: a post's headings at the level
its author chose, code blocks' line numbers in a column as Rouge writes them,
and what a keyboard or a screen reader needs from code blocks and embedded
frames (checked with axe-core in the browser tests).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

_PRE = re.compile(r"<pre(?=[\s>])(?![^>]*\btabindex=)")
#: Pygments' block: its <pre>, the empty <span> it starts with, the code
_HIGHLIGHTED_PRE = re.compile(r"<pre>(<span></span>)?(.*?)</pre>", re.DOTALL)
#: the stylesheet that sets a block's line numbers beside its code
NUMBERED_CODE_STYLESHEET = "numbered-code.css"
#: marks a post's display math that kramdown's HTML has in ``\[ \]`` as written: one amsmath
#: environment (``\begin{align*}``), or lines broken only inside environments (``aligned``)
DISPLAY_ENVIRONMENT = "jekyll_display_environment"
_FRAME = re.compile(r"<iframe\b(?![^>]*\btitle=)([^>]*)>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def keyboard_scrollable(html: str) -> str:
    """A code block scrolls sideways when its lines are long: a keyboard can
    scroll it only if it can take the focus."""
    return _PRE.sub('<pre tabindex="0"', html, count=1)


def numbered_lines(html: str, first: int) -> str:
    """A highlighted block with its line numbers in a column of their own, in the
    ``<pre>`` before the code, as Rouge's table has them (Jekyll's ``linenos``,
    kramdown's ``line_numbers``): the page's text is Jekyll's, numbers then code.

    The stylesheet sets the column beside the code and out of a copy's way;
    screen readers skip it.  Sphinx's table of two ``<pre>`` gives the page
    the code alone as its text, where Jekyll's has the numbers first.
    """
    match = _HIGHLIGHTED_PRE.search(html)
    if match is None:
        return html
    empty, code = match[1] or "", match[2]
    numbers = "".join(f"{number}\n" for number in range(first, first + max(code.count("\n"), 1)))
    column = f'<span class="linenos" aria-hidden="true">{numbers}</span>'
    return (f'{html[:match.start()]}<pre class="numbered">{column}<code>{empty}{code}</code></pre>'
            f"{html[match.end():]}")


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
        linenos = node.get("linenos", False)
        numbered = linenos and node.rawsource == node.astext()
        if numbered:
            node["linenos"] = False  # highlighted alone: the numbers are added to it
        try:
            super().visit_literal_block(node)  # highlighted code is written whole, then skipped
        finally:
            html = "".join(self.body[start:])
            if numbered:
                node["linenos"] = linenos
                html = numbered_lines(html, node.get("highlight_args", {}).get("linenostart", 1))
            self.body[start:] = [keyboard_scrollable(html)]

    def visit_math_block(self, node: nodes.math_block) -> None:
        if node.get(DISPLAY_ENVIRONMENT) and self.builder.math_renderer_name == "mathjax":
            # in \[ \], as kramdown writes it; Sphinx would write an unwrapped block bare.
            # The page still needs MathJax, which Sphinx adds to pages whose math it wrote.
            self._has_maths_elements = True
            opening, closing = self.config.mathjax_display
            self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
            self.body.append(f"{opening}{self.encode(node.astext())}{closing}</div>\n")
            raise nodes.SkipNode
        super().visit_math_block(node)

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
