"""Posts and author bios become Sphinx documents, read where they are.

Sphinx finds documents under the source folder only; a Jekyll site lives
elsewhere.  :class:`BlogProject` extends Sphinx's project discovery: it maps
each publishable post to ``<posts docdir>/<file stem>`` and each bio to
``<authors docdir>/<file stem>``, keeping their real paths, so that edits
there are seen by incremental builds.  Files Jekyll would not publish are
named at info level.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.project import Project
from sphinx.util import logging

from .frontmatter import split_front_matter
from .postfiles import PostName, parse_post_name, unpublished_reason
from .site import BlogSource, find_bio_files, find_post_files

logger = logging.getLogger(__name__)


class BlogProject(Project):
    def __init__(self, srcdir, source_suffix, blog: BlogSource, posts_docdir: str,
                 authors_docdir: str, today: dt.date, reserved_dirs: tuple[Path, ...] = ()) -> None:
        super().__init__(srcdir, source_suffix)
        self.reserved_dirs = reserved_dirs
        self.blog = blog
        self.posts_docdir = posts_docdir
        self.authors_docdir = authors_docdir
        self.today = today

    def discover(self, exclude_paths=(), include_paths=("**",)) -> set[str]:
        super().discover(exclude_paths, include_paths)
        # The blog's folders (and the project's own, when a site replaces it)
        # are read by the rules below, not as plain MyST pages.
        blog_dirs = {folder.resolve() for folder in (self.blog.posts_dir, self.blog.authors_dir,
                                                      *self.reserved_dirs)}
        for docname, path in list(self._docname_to_path.items()):
            resolved = (self.srcdir / path).resolve()
            if any(resolved.is_relative_to(folder) for folder in blog_dirs):
                self._forget(docname)
        for post in find_post_files(self.blog.posts_dir):
            reason = post.skipped or self._unpublished(post.path)
            if reason:
                logger.info("%s: not published: %s", post.path, reason, type="jekyll",
                            subtype="unpublished")
                continue
            self._add(f"{self.posts_docdir}/{post.path.stem}", post.path)
        for bio in find_bio_files(self.blog.authors_dir):
            self._add(f"{self.authors_docdir}/{bio.stem}", bio)
        return self.docnames

    def _unpublished(self, path: Path) -> str:
        name = parse_post_name(path.name)
        if not isinstance(name, PostName):
            return ""  # an impossible date is reported when the post is read
        try:
            head = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""  # reported when the post is read
        if name.date <= self.today and "published:" not in head and "date:" not in head:
            return ""  # nothing in the front matter can unpublish it
        return unpublished_reason(split_front_matter(head).data, name, self.today)

    def _add(self, docname: str, path: Path) -> None:
        if docname in self.docnames:
            logger.warning("%s: another file already gives the document %r: %s", path, docname,
                           self._docname_to_path[docname], type="jekyll", subtype="duplicate")
            return
        path = path.resolve()
        self.docnames.add(docname)
        self._docname_to_path[docname] = path
        self._path_to_docname[path] = docname

    def _forget(self, docname: str) -> None:
        self.docnames.discard(docname)
        path = self._docname_to_path.pop(docname)
        self._path_to_docname.pop(path, None)

    def is_post(self, docname: str) -> bool:
        return docname.startswith(self.posts_docdir + "/") and self._is_blog_file(docname)

    def is_bio(self, docname: str) -> bool:
        return docname.startswith(self.authors_docdir + "/") and self._is_blog_file(docname)

    def _is_blog_file(self, docname: str) -> bool:
        path = self._docname_to_path.get(docname)
        return path is not None and path.is_absolute()


def install_project(app: Sphinx, blog: BlogSource) -> None:
    """Put a :class:`BlogProject` in place of Sphinx's before files are found."""
    config = app.config
    project = BlogProject(app.srcdir, config.source_suffix, blog, config.jekyll_posts_docdir,
                          config.jekyll_authors_docdir, config.jekyll_today or dt.date.today(),
                          (app.srcdir / config.jekyll_posts_dir, app.srcdir / config.jekyll_authors_dir))
    project.restore(app.project)
    app.project = project
    app.env.project = project
