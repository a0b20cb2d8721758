"""The sidebar's table of contents: shared between pages, and never stale.

furo renders the whole table of contents into every page's sidebar, and
Sphinx resolves it anew for each page: 10 ms a page, a tenth of a
serial build of a thousand posts, and the reason a parallel build's one
writing process fell behind the main one and let resolved pages pile up
in memory.  Posts, archive pages and the like are in no toctree, so their
tree marks no entry as current, and it differs between two such pages
only by its relative links, that is by the folder the page is written to.
It is resolved once per folder and per set of options, for each build.

Since every page shows the tree, a change to it (a page added to a
toctree, the title of a page in it changed) writes every page again, as
Jekyll would; Sphinx alone writes only the pages it re-read, and
leaves the others with the old tree.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from .rewrites import EVERY_PAGE, RewriteTracker


def documents_in_tree(env: BuildEnvironment) -> set[str]:
    """The documents whose page has a tree of its own: the root, and what its
    toctrees reach.

    Not what only another root reaches (``book``, the posts gathered for a
    PDF or an EPUB): the sidebar never shows it.
    """
    in_tree: set[str] = set()
    waiting = [env.config.root_doc]
    while waiting:
        doc = waiting.pop()
        if doc not in in_tree:
            in_tree.add(doc)
            waiting.extend(env.toctree_includes.get(doc, ()))
    return in_tree


def shown_navigation(app: Sphinx, env: BuildEnvironment) -> dict[str, list]:
    """What the sidebar shows on every page: the documents in the tree, their
    titles, and each toctree's entries and options (caption, depth...).

    Not the pages' headings: furo's tree shows titles only, and a heading
    edited on a docs page would otherwise write every page again.
    """
    shown = []
    for doc in sorted(documents_in_tree(env)):
        toc = env.tocs.get(doc)
        toctrees = [] if toc is None else [sorted(node.attributes.items(), key=repr)
                                           for node in toc.findall(addnodes.toctree)]
        shown.append((doc, env.titles[doc].astext() if doc in env.titles else None, toctrees))
    return {EVERY_PAGE: shown}


def setup_navigation(app: Sphinx, tracker: RewriteTracker) -> None:
    # this application's trees for the current build, and the documents
    # whose tree is their own
    trees: dict[tuple, str] = {}
    in_tree: set[str] = set()

    def start_writing(app: Sphinx, builder: Builder) -> None:
        trees.clear()
        in_tree.clear()
        in_tree.update(documents_in_tree(app.env))

    def share_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        toctree = context.get("toctree")
        if toctree is None or pagename in in_tree:
            return
        folder = posixpath.dirname(app.builder.get_target_uri(pagename))
        context["toctree"] = _shared(toctree, folder, trees)

    tracker.track("navigation", shown_navigation, site_only=True)
    app.connect("write-started", start_writing)
    # before sphinx-notfound-page (400), which gives its page a tree of its own
    app.connect("html-page-context", share_tree, priority=300)


def _shared(toctree: Callable[..., str], folder: str, trees: dict[tuple, str]) -> Callable[..., str]:
    def shared_toctree(**options: Any) -> str:
        key = (folder, tuple(sorted(options.items())))
        try:
            hash(key)
        except TypeError:  # options this cache cannot tell apart
            return toctree(**options)
        if key not in trees:
            trees[key] = toctree(**options)
        return trees[key]

    return shared_toctree
