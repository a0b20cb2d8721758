"""Posts and author bios read into doctrees: discovery, the parser, the
renderer, and what Jekyll's layouts put around a post."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..jekyll.filenames import MARKDOWN_EXTENSIONS
from .footnotes import setup_footnote_anchors
from .listed_folders import setup_listed_folders
from .nodes import setup_nodes
from .parser import JekyllMystParser
from .post_listers import setup_post_listers
from .preview_image import setup_preview_images
from .project import HTML_SUFFIX, install_project
from .stylesheets import setup_stylesheets


def setup_reading(app: Sphinx) -> None:
    # Jekyll reads these endings in any case (``.MD``, ``.mkdn``); Sphinx
    # matches endings exactly: the usual two cases are named here, and a post
    # with another mix (``.Md``) is reported by the project, not read.
    for extension in MARKDOWN_EXTENSIONS:
        for suffix in sorted({extension, extension.upper()} - {"md"}):
            app.add_source_suffix(f".{suffix}", "markdown", override=True)
    # posts only: the project leaves the other HTML files of its folder alone
    app.add_source_suffix(HTML_SUFFIX, "markdown", override=True)
    app.add_source_parser(JekyllMystParser, override=True)
    setup_nodes(app)
    setup_footnote_anchors(app)
    setup_post_listers(app)
    setup_preview_images(app)
    setup_listed_folders(app)
    setup_stylesheets(app)
    app.connect("builder-inited", install_project)
