"""Jekyll blog posts in a Sphinx project, read through MyST.

Posts stay as their authors wrote them for Jekyll (front matter, Liquid,
kramdown); this extension reads them in place with Jekyll's rules and
renders them as Jekyll did, next to the project's own documentation.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .archives import setup_archives
from .backlinks import setup_backlinks
from .bylines import setup_bylines
from .config import blog_source, setup_config
from .domain import JekyllDomain
from .feed_content import setup_feed_content
from .feeds import setup_feeds
from .footnote_anchors import setup_footnote_anchors
from .gc_tuning import setup_gc_tuning
from .listings import setup_listings
from .navigation import setup_navigation
from .nodes import setup_nodes
from .outputs import setup_outputs
from .parser import JekyllMystParser
from .post_nav import setup_post_nav
from .project import install_project
from .seo import setup_seo

__version__ = "0.1.0"


def _builder_inited(app: Sphinx) -> None:
    install_project(app, blog_source(app))


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    setup_config(app)
    app.add_source_suffix(".markdown", "markdown", override=True)
    app.add_source_parser(JekyllMystParser, override=True)
    app.add_domain(JekyllDomain)
    setup_nodes(app)
    setup_backlinks(app)
    setup_bylines(app)
    setup_footnote_anchors(app)
    setup_listings(app)
    setup_archives(app)
    setup_outputs(app)
    setup_feeds(app)
    setup_feed_content(app)
    setup_post_nav(app)
    setup_navigation(app)
    setup_seo(app)
    setup_gc_tuning(app)
    app.connect("builder-inited", _builder_inited)
    return {
        "version": __version__,
        # raised whenever the shape of the blog's environment data changes
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
