"""A post's byline is made when its page is written, with its authors linked
to their pages; a post is written again when one of its authors gains or
loses a page.

HTML pages make it in the translator, so that in the worker that writes
the page: a parallel build resolves every doctree in the main process and
queues them for the workers, and the byline's nodes would be held there
for each.  The byline's text is in the doctree from the start, for the
search index.  Other builders get it at doctree-resolved.
"""

from __future__ import annotations

import functools

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..reading.header import byline_nodes
from ..reading.nodes import post_byline
from ..reporting import report
from .archives import linked_archive
from .domain import JekyllDomain
from .rewrites import RewriteTracker
from .urls import page_link


def _byline(builder, docname: str, byline: post_byline) -> nodes.paragraph:
    return byline_nodes(byline, functools.partial(_author_link, builder, docname, byline),
                        functools.partial(linked_archive, builder, docname))


def _author_link(builder, docname: str, byline: post_byline, name: str, text: nodes.Node) -> nodes.Node:
    domain: JekyllDomain = builder.env.domains["jekyll"]
    bio = domain.bio_by_name(name)
    if bio is None:
        # a blog without bios shows names, as Jekyll does: said once, by note_missing_bios
        if domain.bios:
            report("author", "author %r has no bio: add one with 'name: %s' to the authors folder",
                   name, name, location=byline)
        return text
    return page_link(builder, docname, bio, text)


def visit_byline_html(translator, node: post_byline) -> None:
    paragraph = _byline(translator.builder, translator.builder.current_docname, node)
    node.replace_self(paragraph)  # in its place, so that it is written as if it had been there
    paragraph.walkabout(translator)
    raise nodes.SkipNode


def write_bylines(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "html":
        return  # written by the translator
    for byline in list(doctree.findall(post_byline)):
        byline.replace_self(_byline(app.builder, docname, byline))


def shown_author_pages(app: Sphinx, env: BuildEnvironment) -> dict[str, tuple]:
    """Each post's authors' pages, which its byline links to."""
    domain: JekyllDomain = env.domains["jekyll"]
    return {post: tuple((name, domain.bio_by_name(name)) for name in record.authors)
            for post, record in domain.posts.items()}


def note_missing_bios(app: Sphinx, env: BuildEnvironment) -> None:
    """One line for a blog that names authors and has no bios, not one warning per post."""
    domain: JekyllDomain = env.domains["jekyll"]
    named = sorted({name for record in domain.posts.values() for name in record.authors})
    if named and not domain.bios:
        report("no_bios", "the blog has no author bios: bylines show the %d authors' names without links "
               "(add bios to %s to link them)", len(named), env.project.blog.authors_dir,
               location=f"{env.project.blog.authors_dir}")


def setup_bylines(app: Sphinx, tracker: RewriteTracker) -> None:
    app.add_node(post_byline, html=(visit_byline_html, None))
    app.connect("doctree-resolved", write_bylines)
    app.connect("env-updated", note_missing_bios)
    tracker.track("bylines", shown_author_pages)
