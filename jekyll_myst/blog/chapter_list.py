"""A book's list of chapters, written straight from each chapter's table of contents.

``{blog-toctree}`` lists every post and author page with its sections (the
book page).  Sphinx resolves a page's toctrees into nodes before the page is
written: for each chapter, a deep copy of its table of contents, copied once
more to set each entry's depth, then every link made relative to the page.
At a thousand posts that was 46,000 nodes and 64 MB, and the page took
1.1 s to write, most of it those copies (0.43 s without them).

On HTML pages, the list stays unresolved until its page is written.  The
translator then writes it from the tables of contents the environment
holds: each list item, with the depth Sphinx gives it as a class, through
the translator's own ``starttag``; each link through the translator, a
copy of it (and of its title, since writing may change a node) made
relative to the page.  The page is the one Sphinx writes: what Sphinx's
resolution would change beyond that (a chapter that is the page itself, a
chapter's ``tocdepth``, ``only`` or nested toctrees, a chapter without a
title, which Sphinx warns of, options that show less than each whole table
of contents, ``maxdepth``, ``titlesonly``) is left to Sphinx.  docutils'
writer marks a list "simple" from its items; no table of contents' list
ever is one, since each item holds a compact paragraph.

The search index reads the page's words before it is written: the list's
place holds its caption and the text of each chapter's table of contents,
which is what the written list shows.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

#: marks the toctree nodes a {blog-toctree} made, in the doctree
CHAPTERS = "jekyll_chapters"


class chapter_list(nodes.General, nodes.Element):
    """A book's toctree of chapters, to be written as its page is written."""


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
    """Whether the resolved list shows each chapter's whole table of contents,
    as it is, and nothing else."""
    if toctree.get("hidden") or toctree.get("numbered") or toctree.get("titlesonly") \
            or toctree.get("maxdepth", -1) > 0:
        return False
    for title, ref in toctree["entries"]:
        toc = env.tocs.get(ref)
        if title or toc is None or ref == env.docname or env.metadata[ref].get("tocdepth", 0) > 0:
            return False
        if not toc.children or not _plain_toc(toc, ref):
            return False
    return True


def _plain_toc(toc: nodes.bullet_list, ref: str) -> bool:
    """Lists of items, each a link to the chapter and maybe a list of its own."""
    for item in toc.children:
        if not isinstance(item, nodes.list_item):
            return False
        for part in item.children:
            if isinstance(part, nodes.bullet_list):
                if not _plain_toc(part, ref):
                    return False
            elif not (isinstance(part, addnodes.compact_paragraph)
                      and all(isinstance(link, nodes.reference) and link.get("refuri") == ref
                              and not next(link.findall(nodes.reference, include_self=False), None)
                              for link in part.children)):
                return False
    return True


def _searched_text(env: BuildEnvironment, toctree: addnodes.toctree) -> list[nodes.Node]:
    text = [nodes.title(toctree["caption"], toctree["caption"])] if toctree.get("caption") else []
    return [*text, nodes.Text(" ".join(env.tocs[ref].astext() for _title, ref in toctree["entries"]))]


def visit_chapter_list(self: HTML5Translator, node: chapter_list) -> None:
    toctree: addnodes.toctree = node["toctree"]
    entries = toctree["entries"]
    if not entries:
        raise nodes.SkipNode
    here = self.builder.current_docname
    if caption := toctree.get("caption"):
        # a toctree's caption, as Sphinx's resolution makes it: the translator
        # writes a title inside a toctree's compact paragraph as a caption
        title = nodes.title(caption, "", nodes.Text(caption))
        title.rawsource, title.source, title.line = toctree["rawcaption"], toctree.source, toctree.line
        addnodes.compact_paragraph("", "", title, toctree=True)
        title.walkabout(self)
    self.body.append(self.starttag(nodes.bullet_list(), "ul"))
    for _title, ref in entries:
        uri = self.builder.get_relative_uri(here, ref)
        for item in self.builder.env.tocs[ref].children:
            _write_item(self, item, 1, uri)
    self.body.append("</ul>\n")
    raise nodes.SkipNode


def _write_item(self: HTML5Translator, item: nodes.list_item, depth: int, uri: str) -> None:
    shown = item.copy()
    shown["classes"].append(f"toctree-l{depth}")
    self.body.append(self.starttag(shown, "li", ""))
    for part in item.children:
        if isinstance(part, nodes.bullet_list):
            self.body.append(self.starttag(part, "ul"))
            for inner in part.children:
                _write_item(self, inner, depth + 1, uri)
            self.body.append("</ul>\n")
            continue
        for link in part.children:
            shown_link = link.copy()
            shown_link["refuri"] = uri + link["anchorname"]
            shown_link.extend(child.deepcopy() for child in link.children)
            part.copy().append(shown_link)  # a link inside a paragraph is written inline
            shown_link.walkabout(self)
    self.body.append("</li>\n")


def setup_chapter_list(app: Sphinx) -> None:
    app.add_node(chapter_list, html=(visit_chapter_list, None))
    app.add_post_transform(DeferredChapters)
