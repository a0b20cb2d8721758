"""Which builds make the web site, and where a build keeps what the next
one needs to know of it.

Only builders that write a page per document (``html``, ``dirhtml``) make
the site around the posts: archives, feeds, redirects at the old URLs, the
sitemap.  An EPUB, a single page or a PDF has the posts without them.

What a builder wrote is kept beside the doctrees, one folder per builder,
never in the published folder: ``sphinx-build -M`` shares one doctree
folder between builders, each writing to its own output folder.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

SITE_BUILDERS = frozenset({"html", "dirhtml"})


def builds_site(builder: Builder) -> bool:
    return builder.name in SITE_BUILDERS


def state_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir, "jekyll-myst", app.builder.name)
