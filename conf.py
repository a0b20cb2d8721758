"""Sphinx configuration: the architecture docs, the guides and the blog."""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes

sys.path.insert(0, str(Path(__file__).parent))

project = "Engineering"
author = "The engineering team"
copyright = "the authors. Posts: CC BY-SA 4.0, see NOTICE.md"  # noqa: A001

extensions = ["jekyll_myst", "notfound.extension"]

root_doc = "index"
exclude_patterns = ["_build", "_static", ".*", "**/.*", "README.md", "LICENSE*", "NOTICE*", "tests",
                    "deploy", "bench"]
source_suffix = {".md": "markdown"}

# A site given as JEKYLL_SITE is built in place of the project's own posts.
jekyll_site = os.environ.get("JEKYLL_SITE") or None
jekyll_settings = {
    "url": "https://deliveroo.engineering",
    "plugins": ["jekyll-mentions", "jemoji"],
    "kramdown": {"parse_block_html": True, "toc_levels": "1..4"},
} if jekyll_site is None else {}
# An imported blog may be a selection: its links to the rest still work, on the
# original site.  The project's own blog is whole, so such a link is an error.
jekyll_origin_links = jekyll_site is not None

myst_heading_anchors = 3

# Canonical URLs, feeds, the sitemap and link previews need the site's address;
# Read the Docs gives it.
html_baseurl = (os.environ.get("SITE_BASEURL") or os.environ.get("READTHEDOCS_CANONICAL_URL")
                or "https://engineering.example.org/")
# Every reference is checked, whichever way the build is run.
nitpicky = True

# The PDF and EPUB editions: the docs, then every post (book.md gathers them;
# on the web, posts stay out of the sidebar).
version = release = "current"
latex_documents = [("book", "engineering.tex", "Engineering", author, "manual")]
epub_title = project
epub_basename = "engineering"
epub_show_urls = "no"

html_theme = "furo"
html_title = "Engineering"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"

# The 404 page links with absolute paths, so it works at any depth.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"


def _absolute_links_on_404(app, doctree, docname):
    """sphinx-notfound-page makes the theme's links absolute; the page's own text needs it too."""
    if docname != "404":
        return
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri and not urlsplit(uri).scheme and not uri.startswith(("/", "#")):
            here = posixpath.dirname(app.builder.get_target_uri(docname))
            reference["refuri"] = notfound_urls_prefix + posixpath.normpath(posixpath.join(here, uri))


def setup(app):
    app.connect("doctree-resolved", _absolute_links_on_404)
