"""A book's list of chapters, resolved and written a slice at a time.

``{blog-toctree}`` lists every post and author page with its sections (the
book page).  Sphinx resolves a page's toctrees into nodes before the page is
written: at a thousand posts, the book's list is 46,000 nodes taking 64 MB,
resolved by the main process of a parallel build and sent, pickled (10 MB),
to a writing process.  That set the peak memory of the whole build, and
took 1.6 s of the main process, the busier side of the writing.

On HTML pages, the list stays unresolved until its page is written.  The
translator then resolves it with Sphinx's own toctree resolution, a slice of
chapters at a time, and writes each slice before resolving the next.  The
page is the same: the one thing docutils' writer decides from a whole list
is whether it is a "simple" list, and neither a toctree's list nor any slice
of it ever is, since each item holds a compact paragraph.

The search index reads the page's words before it is written: the list's
place holds its caption and the text of each chapter's table of contents,
which is what the resolved list shows.  A list whose options or chapters
would show less than that (``maxdepth``, ``titlesonly``, a chapter's
``tocdepth``, ``only`` or nested toctrees in a chapter) is left to Sphinx.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import TocTree
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

#: marks the toctree nodes a {blog-toctree} made, in the doctree
CHAPTERS = "jekyll_chapters"
#: chapters resolved at once: a few hundred kilobytes of nodes
_SLICE = 64


class chapter_list(nodes.General, nodes.Element):
    """A book's toctree of chapters, to be resolved as its page is written."""


class DeferredChapters(SphinxPostTransform):
    # Sphinx resolves the toctrees after every post-transform
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for toctree in list(self.document.findall(addnodes.toctree)):
            if toctree.get(CHAPTERS) and _shows_whole_tocs(self.env, toctree):
                stand_in = chapter_list("", *_searched_text(self.env, toctree), toctree=toctree)
                toctree.replace_self(stand_in)
                toctree.parent = None


def _shows_whole_tocs(env: BuildEnvironment, toctree: addnodes.toctree) -> bool:
    """Whether the resolved list shows each chapter's whole table of contents."""
    if toctree.get("hidden") or toctree.get("numbered") or toctree.get("titlesonly") \
            or toctree.get("maxdepth", -1) > 0:
        return False
    for title, ref in toctree["entries"]:
        toc = env.tocs.get(ref)
        if title or toc is None or env.metadata[ref].get("tocdepth", 0) > 0:
            return False
        if next(toc.findall(lambda node: isinstance(node, addnodes.only | addnodes.toctree)), None):
            return False
    return True


def _searched_text(env: BuildEnvironment, toctree: addnodes.toctree) -> list[nodes.Node]:
    text = [nodes.title(toctree["caption"], toctree["caption"])] if toctree.get("caption") else []
    return [*text, nodes.Text(" ".join(env.tocs[ref].astext() for _title, ref in toctree["entries"]))]


def visit_chapter_list(self: HTML5Translator, node: chapter_list) -> None:
    toctree: addnodes.toctree = node["toctree"]
    adapter = TocTree(self.builder.env)
    entries = toctree["entries"]
    opened: nodes.bullet_list | None = None
    for start in range(0, len(entries), _SLICE):
        part = toctree.copy()
        part["entries"] = entries[start:start + _SLICE]
        resolved = adapter.resolve(self.builder.current_docname, self.builder, part)
        if resolved is None:
            continue
        *caption, items = resolved.children
        if opened is None:  # the caption, once, above the first chapters
            for title in caption:
                title.walkabout(self)
            opened = items
            self.dispatch_visit(opened)
        for item in items.children:
            item.walkabout(self)
    if opened is not None:
        self.dispatch_departure(opened)
    raise nodes.SkipNode


def setup_chapter_list(app: Sphinx) -> None:
    app.add_node(chapter_list, html=(visit_chapter_list, None))
    app.add_post_transform(DeferredChapters)
