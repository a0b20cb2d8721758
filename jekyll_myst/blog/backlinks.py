""""Referenced by": each post lists the documentation pages that link to it.

Links are collected when a page is read (every page's, posts' too, for
``link_targets``); the list is added when the post is written, and a post
is written again whenever the pages linking to it change, so the post's own
source never needs editing.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join

from ..reading.project import BlogProject
from ..reading.raw_html import PAGES
from .domain import JekyllDomain
from .rewrites import RewriteTracker
from .urls import page_link


def collect_links(app: Sphinx, doctree: nodes.document) -> None:
    """What every page links to: its "Referenced by" entries, and what it must
    be written again for (``link_targets``)."""
    env = app.env
    if not isinstance(env.project, BlogProject):
        return
    targets: dict[str, bool] = {}
    for xref in doctree.findall(addnodes.pending_xref):
        target = _link_target(env, xref)
        if target:
            # a link without its own text shows the title of the page it leads to
            targets[target] = targets.get(target, False) or not xref.get("refexplicit", True)
    for raw in doctree.findall(nodes.raw):
        # a post's HTML that links to a post by its old URL (``raw_html_links``)
        for path in raw.get(PAGES, {}).values():
            targets.setdefault("url:" + path.split("#", 1)[0], False)
    env.domains["jekyll"].note_links(env.docname, targets)


def _link_target(env: BuildEnvironment, xref: addnodes.pending_xref) -> str | None:
    """A linked document's name, or ``url:<path>`` for a link by Jekyll URL."""
    domain, kind = xref.get("refdomain"), xref.get("reftype")
    if domain == "doc":  # MyST's [text](path.md#id)
        return xref["reftarget"]
    if domain == "std" and kind == "doc":
        return docname_join(env.docname, xref["reftarget"])
    if domain is None and kind == "myst":
        # MyST's [text](path.md) to a file that was not there when the page was
        # read: the name of the document it would be, so that the page is read
        # again when that document comes (``link_targets``)
        path = xref["reftarget"].split("#", 1)[0]
        return env.path2doc(env.relfn2path(path, env.docname)[1]) if path else None
    if domain == "jekyll" and kind == "url":
        return "url:" + xref["reftarget"].split("#", 1)[0]
    return None


def _shown(env: BuildEnvironment, post: str) -> tuple[tuple[str, str], ...]:
    """The pages that link to ``post``, with their titles, as its page lists them."""
    return tuple((source, env.titles[source].astext() if source in env.titles else "")
                 for source in env.domains["jekyll"].backlinks().get(post, ()))


def shown_backlinks(app: Sphinx, env: BuildEnvironment) -> dict[str, tuple]:
    domain: JekyllDomain = env.domains["jekyll"]
    return {post: _shown(env, post) for post in domain.backlinks() if post in domain.posts}


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    sources = _shown(app.env, docname)
    if not sources:
        return
    items = nodes.bullet_list()
    for source, title in sources:
        items += nodes.list_item("", nodes.paragraph("", "", page_link(app.builder, docname, source,
                                                                      nodes.Text(title))))
    section = nodes.section("", nodes.title("Referenced by", "Referenced by"), items, ids=["referenced-by"],
                            names=["referenced by"], classes=["backlinks", "no-search"])
    section["heading_level"] = 2
    title_section = next(iter(doctree.findall(nodes.section)))
    title_section += section


def setup_backlinks(app: Sphinx, tracker: RewriteTracker) -> None:
    app.connect("doctree-read", collect_links)
    app.connect("doctree-resolved", add_backlinks)
    tracker.track("backlinks", shown_backlinks)
