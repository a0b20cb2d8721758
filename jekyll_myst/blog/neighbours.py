"""Each post links to the previous (older) and next (newer) post.

A post is written again when its neighbours change: a post added, removed,
re-dated or retitled next to it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import JekyllDomain
from .rewrites import RewriteTracker
from .urls import page_link


def _shown(domain: JekyllDomain, post: str) -> tuple | None:
    """(older, newer) as the post's page shows them: each a (post, title) pair, or None."""
    pair = domain.neighbours().get(post)
    if pair is None:
        return None
    return tuple((other, domain.posts[other].title) if other else None for other in pair)


def shown_neighbours(app: Sphinx, env: BuildEnvironment) -> dict[str, tuple | None]:
    domain: JekyllDomain = env.domains["jekyll"]
    return {post: _shown(domain, post) for post in domain.neighbours()}


def add_post_nav(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    pair = _shown(app.env.domains["jekyll"], docname)
    if pair is None:
        return
    nav = nodes.container(classes=["post-nav", "no-search"])  # the other posts' titles are theirs
    for shown, label, rel in zip(pair, ("Previous post", "Next post"), ("prev", "next"), strict=True):
        if shown is None:
            continue
        post, title = shown
        link = page_link(app.builder, docname, post, nodes.Text(title))
        nav += nodes.paragraph("", "", nodes.inline("", f"{label}: ", classes=["post-nav-label"]),
                               link, classes=[f"post-nav-{rel}"])
    if nav.children:
        next(iter(doctree.findall(nodes.section))).append(nav)


def setup_neighbours(app: Sphinx, tracker: RewriteTracker) -> None:
    app.connect("doctree-resolved", add_post_nav)
    tracker.track("neighbours", shown_neighbours)
