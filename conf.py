"""Sphinx configuration: the architecture docs, the guides and the blog."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Engineering"
author = "The engineering team"
copyright = "the authors. Posts: CC BY-SA 4.0, see NOTICE.md"  # noqa: A001

extensions = ["jekyll_myst", "notfound.extension"]

root_doc = "index"
exclude_patterns = ["_build", ".*", "**/.*", "README.md", "LICENSE*", "NOTICE*", "tests", "deploy"]
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

# Canonical URLs, feeds, the sitemap and link previews need the site's address.
html_baseurl = os.environ.get("SITE_BASEURL") or "https://engineering.example.org/"

html_theme = "furo"
html_title = "Engineering"
html_static_path = []

# The 404 page links with absolute paths, so it works at any depth.
notfound_urls_prefix = "/"
