"""A post's byline is made when its page is written, with its authors linked
to their pages; a post is written again when one of its authors gains or
loses a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .nodes import post_byline
from .page_header import byline_nodes

if TYPE_CHECKING:
    from .domain import JekyllDomain

logger = logging.getLogger(__name__)


def write_bylines(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain: JekyllDomain = app.env.domains["jekyll"]

    for byline in list(doctree.findall(post_byline)):
        def author_link(name: str, text: nodes.Node, byline: post_byline = byline) -> nodes.Node:
            bio = domain.bio_by_name(name)
            if bio is None:
                logger.warning("author %r has no bio: add one with 'name: %s' to the authors folder",
                               name, name, type="jekyll", subtype="author", location=byline)
                return text
            return nodes.reference("", "", text, internal=True,
                                   refuri=app.builder.get_relative_uri(docname, bio))

        byline.replace_self(byline_nodes(byline, author_link))


def posts_with_new_author_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain: JekyllDomain = env.domains["jekyll"]
    names = {name for record in domain.posts.values() for name in record["authors"]}
    current = {name: domain.bio_by_name(name) for name in sorted(names)}
    previous = domain.data.get("author_pages", {})
    domain.data["author_pages"] = current
    changed = {name for name in current if previous.get(name, current[name]) != current[name]}
    return [post for post, record in domain.posts.items() if changed.intersection(record["authors"])]


def setup_bylines(app: Sphinx) -> None:
    # before the tags and categories in it are linked (priority 500)
    app.connect("doctree-resolved", write_bylines, priority=400)
    app.connect("env-get-updated", posts_with_new_author_pages)
