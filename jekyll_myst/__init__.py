"""Jekyll blog posts in a Sphinx project, read through MyST.

Posts stay as their authors wrote them for Jekyll (front matter, Liquid,
kramdown); this extension reads them in place with Jekyll's rules and
renders them as Jekyll did, next to the project's own documentation.

Three layers, each a package, each importing only those before it:
``jekyll`` (Jekyll's rules as plain Python), ``reading`` (posts into
doctrees) and ``blog`` (the domain of post records and what is built from
it).  Configuration, reporting and the build's tuning (the collector, how
many documents are read in parallel and how the processes share them,
which doctrees stay in memory, how far a parallel build resolves ahead of
its writers, where it writes the archive pages, which highlighting
formatters and docutils option parsers are shared) sit beside them.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .blog import setup_blog
from .blog.domain import DATA_VERSION
from .bounded_writing import setup_bounded_writing
from .config import setup_config
from .gc_tuning import setup_gc_tuning
from .kept_doctrees import setup_kept_doctrees
from .read_chunks import setup_read_chunks
from .reading import setup_reading
from .reused_formatters import setup_reused_formatters
from .reused_settings import setup_reused_settings
from .small_builds import setup_small_builds

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    setup_config(app)
    setup_reading(app)
    setup_blog(app)
    setup_gc_tuning(app)
    setup_small_builds(app)
    setup_read_chunks(app)
    setup_kept_doctrees(app)
    setup_bounded_writing(app)
    setup_reused_formatters(app)
    setup_reused_settings(app)
    return {
        "version": __version__,
        # derived from the shape of what the environment stores: see blog.domain
        "env_version": DATA_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
