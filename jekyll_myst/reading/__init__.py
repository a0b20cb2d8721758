"""Posts and author bios read into doctrees: discovery, the parser, the
renderer, and what Jekyll's layouts put around a post."""

from __future__ import annotations

from sphinx.application import Sphinx

from .footnotes import setup_footnote_anchors
from .nodes import setup_nodes
from .parser import JekyllMystParser
from .post_listers import setup_post_listers
from .project import install_project


def setup_reading(app: Sphinx) -> None:
    app.add_source_suffix(".markdown", "markdown", override=True)
    app.add_source_parser(JekyllMystParser, override=True)
    setup_nodes(app)
    setup_footnote_anchors(app)
    setup_post_listers(app)
    app.connect("builder-inited", install_project)
