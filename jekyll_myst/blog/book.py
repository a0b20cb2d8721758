"""``{blog-toctree}``: every post, newest first, then every author page, as
chapters of a book: the PDF and EPUB editions.

On the web, posts are reached from the blog's lists and stay out of the
sidebar.  A book has no lists to follow, so its root document names them
all.  Unlike a glob toctree, a blog without author pages gets no warning.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree

from ..reading.project import BlogProject


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
        return super().run() if self.content else []


def setup_book(app: Sphinx) -> None:
    app.add_directive("blog-toctree", BlogTocTree)
