"""One sidebar tree per folder for the pages outside the table of contents.

furo renders the whole table of contents into every page's sidebar, and
Sphinx resolves it anew for each page: 10 ms a page here, a tenth of a
serial build of a thousand posts, and the reason a parallel build's one
writing process fell behind the main one and let resolved pages pile up
in memory.  Posts, archive pages and the like are in no toctree, so their
tree marks no entry as current, and it differs between two such pages
only by its relative links, that is by the folder the page is written to.
It is resolved once per folder and per set of options, for each build.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder


def setup_navigation_cache(app: Sphinx) -> None:
    # this application's trees for the current build, and the documents
    # whose tree is their own (in a toctree, or the root)
    trees: dict[tuple, str] = {}
    in_tree: set[str] = set()

    def start_writing(app: Sphinx, builder: Builder) -> None:
        trees.clear()
        in_tree.clear()
        in_tree.add(app.config.root_doc)
        for children in app.env.toctree_includes.values():
            in_tree.update(children)

    def share_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        toctree = context.get("toctree")
        if toctree is None or pagename in in_tree:
            return
        folder = posixpath.dirname(app.builder.get_target_uri(pagename))
        context["toctree"] = _shared(toctree, folder, trees)

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
