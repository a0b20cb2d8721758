"""The sidebar's table of contents: shared between pages, and never stale.

furo renders the whole table of contents into every page's sidebar, and
Sphinx resolves it anew for each page: 10 ms a page, a tenth of a
serial build of a thousand posts, and the reason a parallel build's one
writing process fell behind the main one and let resolved pages pile up
in memory.  Posts, archive pages and the like are in no toctree, so their
tree marks no entry as current, and it differs between two such pages
only by its relative links, that is by the folder the page is written to.
It is resolved once per folder and per set of options, for each build.
Where the HTML builder writes furo's pages, every page's tree is made from
one tree for the whole build, a page in the tree with its own entry marked
(:mod:`.sidebar_trees`).

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
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from .rewrites import EVERY_PAGE, RewriteTracker
from .sidebar_trees import SidebarTrees

#: what furo asks of the ``toctree`` of each page's context for its sidebar
_FURO_TREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
#: a document of the root folder and in no toctree: the tree made for it marks nothing
_NO_PAGE = "\x00"


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

    # the pages whose context's ``toctree`` gives furo the root folder's tree: their own
    # ``toctree``, the URI of a page in their folder, the link to the page from there, and
    # whether furo asked for the tree
    own_trees: dict[str, tuple[Callable[..., str], str, str, list[bool]]] = {}
    sidebar_trees = SidebarTrees()

    def start_writing(app: Sphinx, builder: Builder) -> None:
        trees.clear()
        sidebar_trees.clear()
        in_tree.clear()
        in_tree.update(documents_in_tree(app.env))

    def share_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        toctree = context.get("toctree")
        if toctree is None:
            return
        folder = posixpath.dirname(app.builder.get_target_uri(pagename))
        if _makes_furo_trees(app):
            asked: list[bool] = []
            in_folder = posixpath.join(folder, _NO_PAGE)
            own_trees[pagename] = (toctree, app.builder.get_target_uri(in_folder),
                                   app.builder.get_relative_uri(in_folder, pagename), asked)
            context["toctree"] = _root_tree_for_furo(app, toctree, trees, asked)
        elif pagename not in in_tree:
            context["toctree"] = _shared(toctree, folder, trees)

    def write_own_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        if pagename not in own_trees:
            return
        toctree, base, href, asked = own_trees.pop(pagename)
        context["toctree"] = toctree  # for the templates
        if not asked:  # sphinx-notfound-page's own
            return
        tree = sidebar_trees.page_tree(context["furo_navigation_tree"], base, href)
        if tree is None:
            # the theme's own module: furo is this project's theme, not the extension's dependency
            from furo.navigation import get_navigation_tree

            tree = get_navigation_tree(toctree(**_FURO_TREE))
        context["furo_navigation_tree"] = tree

    tracker.track("navigation", shown_navigation, site_only=True)
    app.connect("write-started", start_writing)
    # before sphinx-notfound-page (400), which gives its page a tree of its own
    app.connect("html-page-context", share_tree, priority=300)
    # after furo (500)
    app.connect("html-page-context", write_own_tree, priority=600)


def _makes_furo_trees(app: Sphinx) -> bool:
    """Whether the pages are furo's, written by the HTML builder: one page per document,
    in its document's folder, as :data:`_NO_PAGE` needs."""
    theme = getattr(app.builder, "theme", None)
    return app.builder.name == "html" and getattr(theme, "name", None) == "furo"


def _root_tree_for_furo(app: Sphinx, toctree: Callable[..., str], trees: dict[tuple, str],
                        asked: list[bool]) -> Callable[..., str]:
    """A page's ``toctree``: what furo asks for is the tree of the root folder's pages
    outside the tree, the same for every page; anything else is the page's own."""
    def no_page_tree(**options: Any) -> str:
        builder = app.builder
        tree = global_toctree_for_doc(app.env, _NO_PAGE, builder, tags=builder.tags, **options)
        return builder.render_partial(tree)["fragment"]

    shared = _shared(no_page_tree, _NO_PAGE, trees)

    def root_tree(**options: Any) -> str:
        if options != _FURO_TREE:
            return toctree(**options)
        asked.append(True)
        return shared(**options)

    return root_tree


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
