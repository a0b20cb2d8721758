"""The full content of each post for the feeds, taken from its own page.

When a post's page is written, the part of its body that is the post (no
title, byline, backlinks or navigation) is kept, with absolute URLs, beside
the doctrees.  The feeds read it from there, so a post is rendered once, and
a post that this build did not write still has its content.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..jekyll.html_urls import replace_urls
from ..reading.header import HEADER_CLASS
from .build_state import state_dir
from .urls import page_url

_START = "<!-- jekyll-myst: content -->"
_END = "<!-- jekyll-myst: end of content -->"
_AFTER_CONTENT = ("backlinks", "post-nav")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')


def _cache(app: Sphinx, post: str) -> Path:
    return state_dir(app) / "feed-content" / f"{post}.html"


def mark_content(doctree: nodes.document) -> None:
    """Mark the post's content on the page of a post that a feed carries.

    What comes after the content (backlinks, the post navigation) may be
    added before or after: it lands after the end mark either way.
    """
    section = next(iter(doctree.findall(nodes.section)))
    start = next((i for i, child in enumerate(section.children) if not _before_content(child)), len(section))
    section.insert(start, nodes.raw("", _START, format="html"))
    end = next((i for i, child in enumerate(section.children) if _after_content(child)), len(section))
    section.insert(end, nodes.raw("", _END, format="html"))


def _before_content(node: nodes.Node) -> bool:
    """The page's title and what Jekyll's layout put under it."""
    return isinstance(node, nodes.title | nodes.meta) or HEADER_CLASS in node.get("classes", [])


def _after_content(node: nodes.Node) -> bool:
    return bool(set(node.get("classes", [])) & set(_AFTER_CONTENT))


def keep_content(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body") or ""
    if _START not in body:
        return
    before, _, rest = body.partition(_START)
    content, _, after = rest.partition(_END)
    context["body"] = before + content + after
    cache = _cache(app, pagename)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(_absolute(content, page_url(app, pagename)), encoding="utf-8")


def post_content(app: Sphinx, post: str) -> str:
    """The post's body as on its page, with every URL made absolute."""
    cache = _cache(app, post)
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    # a post whose page was written before this feature: render it from its doctree
    with logging.suppress_logging():  # the page's own build has reported its problems
        doctree = app.env.get_and_resolve_doctree(post, app.builder, tags=app.tags)
    section = next(iter(doctree.findall(nodes.section)))
    for child in list(section.children):
        if _before_content(child) or _after_content(child):
            section.remove(child)
    body = nodes.container("", *section.children)
    app.builder.post_process_images(body)  # images by their place in the site, as on the page
    return _absolute(app.builder.render_partial(body)["fragment"], page_url(app, post))


def _absolute(html: str, url: str) -> str:
    """The page's HTML with each URL of its tags absolute, as a feed reader needs them: the
    page's own links, and those of the post's raw HTML, in any quotes, ``srcset`` and
    ``poster`` too."""
    def absolute(found: str) -> str | None:
        joined = urljoin(url, found)
        return None if joined == found else joined

    return replace_urls(_HEADERLINK.sub("", html), absolute)


def setup_feed_content(app: Sphinx) -> None:
    app.connect("html-page-context", keep_content)
