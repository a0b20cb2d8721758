"""The links and images of a post's HTML, led to where the site has them now.

Once a page is resolved, each path its HTML tags named on the Jekyll site
(noted as the post was read: ``reading/raw_html.py``) is replaced by this
site's: a file by its copy among the downloads, a post's old URL by its
page.  A path that names neither stays as written, as kramdown wrote it.
The pages a post's HTML links to are among its link targets
(``backlinks.collect_links``): the post is written again when one of them
goes or comes.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..jekyll.html_urls import replace_urls
from ..reading.raw_html import DOWNLOADS, FILES, PAGES


def lead_here(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for raw in doctree.findall(nodes.raw):
        files, pages = raw.get(FILES, {}), raw.get(PAGES, {})
        if files or pages:
            new_url = functools.partial(_new_url, app, docname, files, pages)
            raw[:] = [nodes.Text(replace_urls(raw.astext(), new_url))]


def _new_url(app: Sphinx, docname: str, files: dict[str, str], pages: dict[str, str], url: str) -> str | None:
    builder = app.builder
    if url in files:
        downloads = relative_uri(builder.get_target_uri(docname), DOWNLOADS)
        return posixpath.join(downloads, quote(files[url]))
    if url not in pages:
        return None
    domain = app.env.domains["jekyll"]
    feed = domain.feed_at(pages[url])
    if feed is not None:
        return relative_uri(builder.get_target_uri(docname), feed)
    target = domain.post_by_url(pages[url])
    if target is None:
        return None
    fragment = pages[url].partition("#")[2]
    return builder.get_relative_uri(docname, target) + (f"#{fragment}" if fragment else "")


def setup_raw_html_links(app: Sphinx) -> None:
    app.connect("doctree-resolved", lead_here)
