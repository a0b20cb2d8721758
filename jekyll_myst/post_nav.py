"""Each post links to the previous (older) and next (newer) post.

A post is written again when its neighbours change: a post added, removed,
re-dated or retitled next to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

if TYPE_CHECKING:
    from .domain import JekyllDomain



def neighbours(domain: JekyllDomain) -> dict[str, tuple[str | None, str | None]]:
    """post -> (older, newer)."""
    ordered = domain.newest_first(domain.posts)
    return {post: (ordered[i + 1] if i + 1 < len(ordered) else None, ordered[i - 1] if i else None)
            for i, post in enumerate(ordered)}


def posts_with_new_neighbours(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain: JekyllDomain = env.domains["jekyll"]

    def shown(post: str | None) -> tuple[str, str] | None:
        return (post, domain.posts[post]["title"]) if post else None

    current = {post: (shown(older), shown(newer)) for post, (older, newer) in neighbours(domain).items()}
    previous = domain.data.get("neighbours_written", {})
    domain.data["neighbours_written"] = current
    return [post for post, pair in current.items() if previous.get(post) != pair]


def add_post_nav(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    pair = app.env.domains["jekyll"].data.get("neighbours_written", {}).get(docname)
    if pair is None:
        return
    nav = nodes.container(classes=["post-nav", "no-search"])  # the other posts' titles are theirs
    for shown, label, rel in zip(pair, ("Previous post", "Next post"), ("prev", "next"), strict=True):
        if shown is None:
            continue
        post, title = shown
        link = nodes.reference("", title, internal=True, refuri=app.builder.get_relative_uri(docname, post))
        nav += nodes.paragraph("", "", nodes.inline("", f"{label}: ", classes=["post-nav-label"]),
                               link, classes=[f"post-nav-{rel}"])
    if nav.children:
        next(iter(doctree.findall(nodes.section))).append(nav)


def setup_post_nav(app: Sphinx) -> None:
    app.connect("env-get-updated", posts_with_new_neighbours)
    app.connect("doctree-resolved", add_post_nav)
