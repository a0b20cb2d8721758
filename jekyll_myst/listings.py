"""Lists of posts: the latest, one author's, a tag's, a year's.

Lists are filled in when pages are written, once every post is known.  A
page that shows a list is written again whenever a post's title, date,
authors, excerpt or tags change, or a post comes or goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .nodes import post_date, post_list
from .page_header import WORDS_PER_MINUTE

if TYPE_CHECKING:
    from .domain import JekyllDomain

_FILTERS = ("author", "tag", "category", "year")


class PostListDirective(SphinxDirective):
    """``{post-list}``: the newest posts, filtered by author, tag, category or year."""

    option_spec = {**dict.fromkeys(_FILTERS, directives.unchanged_required),
                   "limit": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        node = post_list(**{key: self.options.get(key) for key in (*_FILTERS, "limit")})
        self.set_source_info(node)
        return [node]


def select_posts(domain: JekyllDomain, author: str | None = None, tag: str | None = None,
                 category: str | None = None, year: str | None = None,
                 limit: int | None = None) -> list[str]:
    """Post documents, newest first; ``author`` is a bio document or a name."""
    name = domain.bios[author]["name"] if author in domain.bios else author
    chosen = [
        doc for doc, record in domain.posts.items()
        if (name is None or name in record["authors"])
        and (tag is None or tag in record["tags"])
        and (category is None or category in record["categories"])
        and (year is None or record["day"][:4] == str(year))
    ]
    chosen = domain.newest_first(chosen)
    return chosen[:limit] if limit else chosen


def post_entries(app: Sphinx, from_page: str, posts: list[str]) -> nodes.Element:
    """A list of posts as it shows on any page: title, date, authors, reading time, excerpt."""
    if not posts:
        return nodes.paragraph("", "No posts yet.")
    domain: JekyllDomain = app.env.domains["jekyll"]
    items = nodes.bullet_list(classes=["post-list"])
    for post in posts:
        items += _entry(app, domain, from_page, post, domain.posts[post])
    return items


def _entry(app: Sphinx, domain: JekyllDomain, from_page: str, post: str, record: dict) -> nodes.list_item:
    line = nodes.paragraph(classes=["post-list-title"])
    line += nodes.reference("", record["title"], internal=True,
                            refuri=app.builder.get_relative_uri(from_page, post))
    meta = nodes.paragraph(classes=["post-list-meta"])
    shown = record["day"]
    meta += post_date(shown, shown, datetime=shown)
    for index, name in enumerate(record["authors"]):
        meta += nodes.Text(" · " if index == 0 else ", ")
        bio = domain.bio_by_name(name)
        meta += (nodes.reference("", name, internal=True, refuri=app.builder.get_relative_uri(from_page, bio))
                 if bio else nodes.Text(name))
    meta += nodes.Text(f" · {reading_minutes(record)} min read")
    item = nodes.list_item("", line, meta)
    if record["excerpt"]:
        item += nodes.paragraph(record["excerpt"], record["excerpt"], classes=["post-list-excerpt"])
    return item


def note_listing(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(post_list)):
        app.env.domains["jekyll"].data["listings"][app.env.docname] = True


def reading_minutes(record: dict) -> int:
    return max(1, round(record["words"] / WORDS_PER_MINUTE))


def listed_post(doc: str, record: dict) -> tuple:
    """What a list shows of a post: when it changes, the list is written again."""
    return (doc, record["title"], record["date"], tuple(record["authors"]), record["excerpt"],
            reading_minutes(record), tuple(record["tags"]), tuple(record["categories"]))


def listed_fields(domain: JekyllDomain) -> list[tuple]:
    """What lists show of every post and author."""
    posts = sorted(listed_post(doc, record) for doc, record in domain.posts.items())
    return posts + sorted((doc, b["name"]) for doc, b in domain.bios.items())


def listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = env.domains["jekyll"]
    snapshot = listed_fields(domain)
    if domain.data.get("listed_posts") == snapshot:
        return []
    domain.data["listed_posts"] = snapshot
    return [doc for doc in domain.data["listings"] if doc in env.all_docs]


def fill_post_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = app.env.domains["jekyll"]
    for node in list(doctree.findall(post_list)):
        posts = select_posts(domain, **{key: node.get(key) for key in (*_FILTERS, "limit")})
        node.replace_self(post_entries(app, docname, posts))


def setup_listings(app: Sphinx) -> None:
    app.add_directive("post-list", PostListDirective)
    app.connect("doctree-read", note_listing)
    app.connect("env-get-updated", listings_to_rewrite)
    app.connect("doctree-resolved", fill_post_lists)
