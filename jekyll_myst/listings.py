"""Lists of posts: the latest, one author's, a tag's, a year's.

Lists are filled in when pages are written, once every post is known.  A
page that shows a list is written again whenever a post's title, date,
authors, excerpt or tags change, or a post comes or goes.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .nodes import post_date, post_list
from .page_header import reading_minutes

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
    # searches find the posts themselves, not every list that shows them
    items = nodes.bullet_list(classes=["post-list", "no-search"])
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
    meta += nodes.Text(f" · {reading_minutes(record['words'])} min read")
    item = nodes.list_item("", line, meta)
    if record["excerpt"]:
        item += nodes.paragraph(record["excerpt"], record["excerpt"], classes=["post-list-excerpt"])
    return item


def note_listing(app: Sphinx, doctree: nodes.document) -> None:
    """Remember what lists a page shows, to know when to write it again."""
    lists = [{key: node.get(key) for key in (*_FILTERS, "limit")} for node in doctree.findall(post_list)]
    if lists:
        app.env.domains["jekyll"].data["listings"][app.env.docname] = lists


def listed_post(doc: str, record: dict) -> tuple:
    """What a list shows of a post: when it changes, the list is written again."""
    return (doc, record["title"], record["date"], tuple(record["authors"]), record["excerpt"],
            reading_minutes(record["words"]), tuple(record["tags"]), tuple(record["categories"]))


def shown_in_list(domain: JekyllDomain, posts: list[str]) -> list[tuple]:
    """What a list of these posts shows, author pages included."""
    shown = [listed_post(post, domain.posts[post]) for post in posts]
    authors = sorted({name for post in posts for name in domain.posts[post]["authors"]})
    return shown + [(name, domain.bio_by_name(name)) for name in authors]


def digest(shown: object) -> str:
    """A short, stable fingerprint of what a page shows: the environment keeps
    these, not the lists themselves, so that it stays small to load."""
    return hashlib.sha1(repr(shown).encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages whose lists would show something else than when they were written."""
    domain = env.domains["jekyll"]
    current = {doc: digest([shown_in_list(domain, select_posts(domain, **filters)) for filters in lists])
               for doc, lists in domain.data["listings"].items() if doc in env.all_docs}
    previous = domain.data.get("listed_pages", {})
    domain.data["listed_pages"] = current
    return [doc for doc, shown in current.items() if previous.get(doc) != shown]


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
