"""The doctree nodes posts add, and how each builder writes them.

HTML gets semantic markup (``<time>``, the element an author wrote); every
other builder gets the children as plain content.  The HTML translator
itself is in ``translator``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .translator import BlogHTMLTranslator


class post_date(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils naming
    """A post's date; ``datetime`` holds it in ISO 8601."""


class deleted(nodes.Inline, nodes.TextElement):  # noqa: N801
    """GFM's ``~~struck through~~`` text."""


class task_checkbox(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The checkbox of a GFM task list item; its text (``[x]``) is for builders other than HTML."""


class horizontal_rule(nodes.General, nodes.Element):  # noqa: N801
    """kramdown's ``<hr />``, wherever a post puts it: docutils' transition may not begin
    or end a section, nor follow another, and is moved and reported there."""


class html_element(nodes.General, nodes.Element):  # noqa: N801
    """An HTML element written in a post, whose content is Markdown."""


class html_text(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The text of an HTML element whose content is a span's (``markdown="span"``, a
    ``<p>``): written as it is, without a tag of its own."""


class post_list(nodes.General, nodes.Element):  # noqa: N801
    """Stands for a list of posts until the posts are all known (write time)."""


class post_byline(nodes.General, nodes.TextElement):  # noqa: N801
    """A post's byline as data (date, authors, reading time, tags) and its text, until
    its page is written.

    Made into nodes only then: a serial build keeps every doctree in memory
    until it writes it, and each is pickled, so the dozens of nodes of a
    byline would cost more than the post's page needs.
    """


def visit_post_date(self: HTML5Translator, node: post_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_post_date(self: HTML5Translator, node: post_date) -> None:
    self.body.append("</time>")


def visit_deleted(self: HTML5Translator, node: deleted) -> None:
    self.body.append(self.starttag(node, "del", ""))


def depart_deleted(self: HTML5Translator, node: deleted) -> None:
    self.body.append("</del>")


def visit_task_checkbox(self: HTML5Translator, node: task_checkbox) -> None:
    # kramdown-parser-gfm's markup: a checkbox that shows the state, and cannot change it
    checked = ' checked="checked"' if node["checked"] else ""
    self.body.append(f'<input type="checkbox" class="task-list-item-checkbox" disabled="disabled"{checked}'
                     ' />')
    raise nodes.SkipNode


#: Elements an author may write around Markdown; anything else is written
#: as a <div>, so that a post cannot open, say, a <form>.
_ALLOWED_TAGS = frozenset("""
    address article aside blockquote center dd details div dl dt figcaption figure footer
    header hgroup li main nav section summary p h1 h2 h3 h4 h5 h6 caption legend th td
""".split())
_ALLOWED_ATTRIBUTES = frozenset("title lang dir align role".split())


def visit_html_element(self: HTML5Translator, node: html_element) -> None:
    tag = node["tag"] if node["tag"] in _ALLOWED_TAGS else "div"
    attributes = {k: v for k, v in node["attributes"].items() if k in _ALLOWED_ATTRIBUTES}
    self.body.append(self.starttag(node, tag, "", **attributes).rstrip("\n"))
    if tag in ("p", "summary", "dt", "caption", "legend", "figcaption") or tag.startswith("h"):
        self.context.append(f"</{tag}>")
    else:
        self.body.append("\n")
        self.context.append(f"</{tag}>\n")


def depart_html_element(self: HTML5Translator, node: html_element) -> None:
    self.body.append(self.context.pop())


def visit_horizontal_rule(self, node: horizontal_rule) -> None:
    # each builder's own rule
    self.visit_transition(node)


def depart_horizontal_rule(self, node: horizontal_rule) -> None:
    self.depart_transition(node)


def visit_passthrough(self, node: nodes.Element) -> None:
    pass


def depart_passthrough(self, node: nodes.Element) -> None:
    pass


def setup_nodes(app: Sphinx) -> None:
    passthrough = (visit_passthrough, depart_passthrough)
    others = {fmt: passthrough for fmt in ("latex", "text", "man", "texinfo")}
    app.add_node(post_date, html=(visit_post_date, depart_post_date), **others)
    app.add_node(deleted, html=(visit_deleted, depart_deleted), **others)
    app.add_node(task_checkbox, html=(visit_task_checkbox, None), **others)
    app.add_node(html_element, html=(visit_html_element, depart_html_element), **others)
    app.add_node(html_text, html=passthrough, **others)
    rule = (visit_horizontal_rule, depart_horizontal_rule)
    app.add_node(horizontal_rule, **{fmt: rule for fmt in ("html", "latex", "text", "man", "texinfo")})
    app.add_node(post_list)
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, BlogHTMLTranslator, override=True)
