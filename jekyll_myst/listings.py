"""Lists of posts (an author's, or the latest): filled in when pages are written.

A page that shows a list is written again whenever any post's title, date,
authors or excerpt changes, or a post comes or goes.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .nodes import post_date, post_list


class PostListDirective(SphinxDirective):
    """``{post-list}``: the newest posts, optionally one author's, at most ``limit``."""

    option_spec = {"author": directives.unchanged, "limit": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        node = post_list(author=self.options.get("author"), limit=self.options.get("limit"))
        self.set_source_info(node)
        return [node]


def note_listing(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(post_list)):
        app.env.domains["jekyll"].data["listings"][app.env.docname] = True


def listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = env.domains["jekyll"]
    snapshot = sorted((doc, r["title"], r["date"], tuple(r["authors"]), r["excerpt"])
                      for doc, r in domain.posts.items())
    snapshot += sorted((doc, b["name"]) for doc, b in domain.bios.items())
    if domain.data.get("listed_posts") == snapshot:
        return []
    domain.data["listed_posts"] = snapshot
    return [doc for doc in domain.data["listings"] if doc in env.all_docs]


def fill_post_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = app.env.domains["jekyll"]
    for node in list(doctree.findall(post_list)):
        author = node.get("author")
        posts = domain.posts_by(author) if author else domain.newest_first(domain.posts)
        if node.get("limit"):
            posts = posts[:node["limit"]]
        items = nodes.bullet_list(classes=["post-list"])
        for post in posts:
            items += _entry(app, docname, post, domain.posts[post])
        node.replace_self(items if posts else nodes.paragraph("", "No posts yet."))


def _entry(app: Sphinx, fromdoc: str, post: str, record: dict) -> nodes.list_item:
    uri = app.builder.get_relative_uri(fromdoc, post)
    line = nodes.paragraph(classes=["post-list-title"])
    line += nodes.reference("", record["title"], internal=True, refuri=uri)
    line += nodes.Text(" — ")
    line += post_date(record["day"], record["day"], datetime=record["day"])
    if record["authors"]:
        line += nodes.Text(" · " + ", ".join(record["authors"]))
    item = nodes.list_item("", line)
    if record["excerpt"]:
        item += nodes.paragraph(record["excerpt"], record["excerpt"], classes=["post-list-excerpt"])
    return item


def setup_listings(app: Sphinx) -> None:
    app.add_directive("post-list", PostListDirective)
    app.connect("doctree-read", note_listing)
    app.connect("env-get-updated", listings_to_rewrite)
    app.connect("doctree-resolved", fill_post_lists)
