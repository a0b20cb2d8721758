"""``{blog-toctree}``: every post, newest first, then every author page, as
chapters of a book: the PDF and EPUB editions.

On the web, posts are reached from the blog's lists and stay out of the
sidebar.  A book has no lists to follow, so its root document names them
all.  Unlike a glob toctree, a blog without author pages gets no warning.

Sphinx writes a page again whenever a document its toctrees include was read
again, because a title or a section may have changed.  A book includes every
post, so a one-word edit would write the largest page of the site again:
at a thousand posts, most of an edit's build.  The book's chapters are
tracked instead (:mod:`.rewrites`): its page is written again when what it
shows of a chapter, the title and the sections, changed.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.environment import BuildEnvironment

from ..reading.project import BlogProject
from .chapter_list import CHAPTERS, setup_chapter_list
from .rewrites import RewriteTracker, digest


class BlogTocTree(TocTree):
    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.env
        project = env.project
        if not isinstance(project, BlogProject):
            return []
        posts = sorted((doc for doc in env.found_docs if project.is_post(doc)), reverse=True)
        authors = sorted(doc for doc in env.found_docs if project.is_bio(doc))
        # read again whenever a document comes or goes, as a glob toctree is
        env.glob_toctrees.add(env.docname)
        self.content = [f"/{doc}" for doc in posts + authors]
        result = super().run() if self.content else []
        for node in result:
            for toctree in node.findall(addnodes.toctree):
                toctree[CHAPTERS] = True
        return result


def note_chapters(app: Sphinx, doctree: nodes.document) -> None:
    """After Sphinx's toctree collector: what a book shows of this document,
    and, for a book, its chapters in place of Sphinx's rewrite rule."""
    env = app.env
    docname = env.docname
    domain = env.domains["jekyll"]
    project = env.project
    if isinstance(project, BlogProject) and (project.is_post(docname) or project.is_bio(docname)):
        domain.note_chapter(docname, digest((env.titles[docname].astext(), env.tocs[docname].pformat())))
    chapters: set[str] = set()
    others: set[str] = set()
    for toctree in doctree.findall(addnodes.toctree):
        (chapters if toctree.get(CHAPTERS) else others).update(toctree["includefiles"])
    if chapters:
        domain.note_book(docname, sorted(chapters))
        for chapter in chapters - others:
            env.files_to_rebuild.get(chapter, set()).discard(docname)


def shown_in_books(app: Sphinx, env: BuildEnvironment) -> dict[str, list[tuple[str, str | None]]]:
    return env.domains["jekyll"].chapters_shown()


def setup_book(app: Sphinx, tracker: RewriteTracker) -> None:
    app.add_directive("blog-toctree", BlogTocTree)
    setup_chapter_list(app)
    # Sphinx's toctree collector notes the includes at the default priority, 500
    app.connect("doctree-read", note_chapters, priority=600)
    tracker.track("book", shown_in_books)
