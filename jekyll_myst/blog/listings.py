"""Lists of posts: the latest, one author's, a tag's, a year's.

Lists are filled in when pages are written, once every post is known.  A
page that shows a list is written again whenever a post's title, date,
authors, excerpt or tags change, or a post comes or goes.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from ..jekyll.record import PostRecord
from ..reading.nodes import post_date, post_list
from .domain import JekyllDomain
from .rewrites import RewriteTracker
from .urls import page_link, relative_link

_FILTERS = ("author", "tag", "category", "year")


class PostListDirective(SphinxDirective):
    """``{post-list}``: the newest posts, filtered by author, tag, category or year."""

    option_spec = {**dict.fromkeys(_FILTERS, directives.unchanged_required),
                   "limit": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        node = post_list(**{key: self.options.get(key) for key in (*_FILTERS, "limit")})
        self.set_source_info(node)
        return [node]


def post_entries(app: Sphinx, from_page: str, posts: list[str],
                 rendered: RenderedEntries | None = None) -> nodes.Element:
    """A list of posts as it shows on any page: title, date, authors, reading time, excerpt.

    With ``rendered``, each entry is its HTML, made once for all the lists
    that show it with the same links.
    """
    if not posts:
        return nodes.paragraph("", "No posts yet.")
    domain: JekyllDomain = app.env.domains["jekyll"]
    # searches find the posts themselves, not every list that shows them
    items = nodes.bullet_list(classes=["post-list", "no-search"])
    for post in posts:
        items += (_entry(app, domain, from_page, post, domain.posts[post]) if rendered is None
                  else rendered.entry(from_page, post))
    return items


class RenderedEntries:
    """Posts' list entries as HTML, each made once for every page whose
    links to the post and its authors are the same.

    The archive pages list each post on its year's page and on the page of
    each of its tags and categories: five times on average in the
    benchmark's sites.  An entry's HTML depends only on the post and on
    those links; it is written by the builder's own translator, so it is
    what the entry's nodes would be written as on the page.
    """

    def __init__(self, app: Sphinx) -> None:
        self._app = app
        self._html: dict[tuple, str] = {}
        self._translator: HTML5Translator | None = None

    def entry(self, from_page: str, post: str) -> nodes.raw:
        domain: JekyllDomain = self._app.env.domains["jekyll"]
        builder = self._app.builder
        record = domain.posts[post]
        bios = [domain.bio_by_name(name) for name in record.authors]
        key = (post, relative_link(builder, from_page, post),
               *(relative_link(builder, from_page, bio) if bio else None for bio in bios))
        html = self._html.get(key)
        if html is None:
            html = self._html[key] = self._write(_entry(self._app, domain, from_page, post, record))
        return nodes.raw("", html, format="html")

    def _write(self, entry: nodes.list_item) -> str:
        if self._translator is None:
            builder = self._app.builder
            document = new_document("<post list entries>", builder.docsettings)
            self._translator = builder.create_translator(document, builder)
        body = self._translator.body
        start = len(body)
        entry.walkabout(self._translator)
        html = "".join(body[start:])
        del body[start:]
        return html


def _entry(app: Sphinx, domain: JekyllDomain, from_page: str, post: str,
           record: PostRecord) -> nodes.list_item:
    line = nodes.paragraph(classes=["post-list-title"])
    line += page_link(app.builder, from_page, post, nodes.Text(record.title))
    meta = nodes.paragraph(classes=["post-list-meta"])
    meta += post_date(record.day, record.day, datetime=record.day)
    for index, name in enumerate(record.authors):
        meta += nodes.Text(" · " if index == 0 else ", ")
        bio = domain.bio_by_name(name)
        meta += page_link(app.builder, from_page, bio, nodes.Text(name)) if bio else nodes.Text(name)
    meta += nodes.Text(f" · {record.minutes} min read")
    item = nodes.list_item("", line, meta)
    if record.excerpt:
        item += nodes.paragraph(record.excerpt, record.excerpt, classes=["post-list-excerpt"])
    return item


def _filters(node: post_list) -> dict:
    return {key: node.get(key) for key in (*_FILTERS, "limit")}


def note_listing(app: Sphinx, doctree: nodes.document) -> None:
    """Remember what lists a page shows, to know when to write it again."""
    lists = [_filters(node) for node in doctree.findall(post_list)]
    app.env.domains["jekyll"].note_listings(app.env.docname, lists)


def listed_post(doc: str, record: PostRecord) -> tuple:
    """What a list shows of a post: when it changes, the list is written again."""
    return (doc, record.title, record.date, record.authors, record.excerpt, record.minutes,
            record.tags, record.categories)


def shown_in_list(domain: JekyllDomain, posts: list[str]) -> list[tuple]:
    """What a list of these posts shows, author pages included."""
    shown = [listed_post(post, domain.posts[post]) for post in posts]
    authors = sorted({name for post in posts for name in domain.posts[post].authors})
    return shown + [(name, domain.bio_by_name(name)) for name in authors]


def shown_by_lists(app: Sphinx, env: BuildEnvironment) -> dict[str, list]:
    domain: JekyllDomain = env.domains["jekyll"]
    return {doc: [shown_in_list(domain, domain.select(**filters)) for filters in lists]
            for doc, lists in domain.listings.items() if doc in env.all_docs}


def fill_post_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain: JekyllDomain = app.env.domains["jekyll"]
    for node in list(doctree.findall(post_list)):
        node.replace_self(post_entries(app, docname, domain.select(**_filters(node))))


def setup_listings(app: Sphinx, tracker: RewriteTracker) -> None:
    app.add_directive("post-list", PostListDirective)
    app.connect("doctree-read", note_listing)
    app.connect("doctree-resolved", fill_post_lists)
    tracker.track("listings", shown_by_lists)
