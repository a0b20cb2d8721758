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
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.project import Project

from ..config import blog_source, config_file
from ..jekyll.discovery import find_bio_files, find_post_files, post_folders, posts_outside_collections
from ..jekyll.excerpts import excerpt_source, markdown_to_html
from ..jekyll.filenames import HTML_EXTENSION, PostName, is_html, parse_post_name
from ..jekyll.frontmatter import split_front_matter
from ..jekyll.links import link_url, post_url
from ..jekyll.liquid import Links, PageInput, SiteInput, page_variables, render_post
from ..jekyll.liquid.lazy import LazyList, PostWithExcerpt
from ..jekyll.post import merge_front_matter, read_post, unpublished_reason
from ..jekyll.site import BlogSource
from ..jekyll.site_files import site_file
from ..reporting import report
from .preview_image import check_default_images
from .typography import html_typography_plugin

#: the ending of HTML posts, which Sphinx reads as the other posts
HTML_SUFFIX = f".{HTML_EXTENSION}"


class BlogProject(Project):
    def __init__(self, srcdir, source_suffix, blog: BlogSource, posts_docdir: str,
                 authors_docdir: str, now: dt.datetime | None, max_size: int) -> None:
        # an HTML post is read (see reading/__init__), an HTML file of the project is no page
        super().__init__(srcdir, [suffix for suffix in source_suffix if suffix != HTML_SUFFIX])
        self.max_size = max_size
        #: path -> ((mtime, size, today), reason it is not published)
        self.checked: dict[Path, tuple[tuple, str]] = {}
        self.blog = blog
        self.posts_docdir = posts_docdir
        self.authors_docdir = authors_docdir
        #: the time of the build, in the site's zone: later posts are future posts
        #: (``None``: the clock's, read again by each discovery)
        self._fixed_now = now
        self.now = now or dt.datetime.now(blog.timezone)
        self.today = self.now.date()
        #: the drafts found, by path
        self.drafts: set[Path] = set()
        #: ``site.posts``, once a post's Liquid asked for it (see :meth:`site_posts`)
        self._site_posts: list[dict[str, Any]] | None = None
        #: kramdown's converter, once a post's Liquid asked for ``markdownify`` or an excerpt
        self._to_html: Callable[[str], str] | None = None

    def discover(self, exclude_paths=(), include_paths=("**",)) -> set[str]:
        # A process may build more than once (the live preview): each build
        # is at its own time, and sees the posts as they are now.
        self.now = self._fixed_now or dt.datetime.now(self.blog.timezone)
        self.today = self.now.date()
        self.drafts = set()
        self._site_posts = None
        # The blog's folders (and the project's own, when a site replaces it)
        # are read by the rules below, not as plain MyST pages.
        blog_dirs = [self.blog.posts_dir, self.blog.authors_dir]
        inside = [folder.resolve().relative_to(self.srcdir.resolve()) for folder in blog_dirs
                  if folder.resolve().is_relative_to(self.srcdir.resolve())]
        super().discover([*exclude_paths, *(f"{folder.as_posix()}/**" for folder in inside)],
                         include_paths)
        for posts_dir, drafts_dir in post_folders(self.blog):
            for post in find_post_files(posts_dir, self.blog.authors_dir, drafts_dir, self.blog.drafts):
                if post.lost:
                    report("post_format", "%s: %s", post.path.name, post.skipped, location=f"{post.path}:1")
                    continue
                if post.skipped:
                    report("unpublished", "%s: %s", post.path.name, post.skipped, location=f"{post.path}:1")
                    continue
                if not str(post.path).endswith((*self.source_suffix, HTML_SUFFIX)):
                    kind, ending = ("HTML", HTML_SUFFIX) if is_html(post.path.name) else ("Markdown", ".md")
                    report("post_format", "%s: Jekyll reads %s as %s in any case, Sphinx matches endings "
                           "exactly and does not read it: rename it to %s", post.path.name,
                           post.path.suffix, kind, ending, location=f"{post.path}:1")
                    continue
                if post.draft:
                    self.drafts.add(post.path.absolute())
                reason = self._publication(post.path)
                if reason:
                    report("unpublished", "%s: not published: %s", post.path.name, reason,
                           location=f"{post.path}:1")
                elif reason is not None:
                    self._add(f"{self.posts_docdir}/{post.path.stem}", post.path)
        for post in posts_outside_collections(self.blog):
            report("unpublished", "%s: %s", post.path.name, post.skipped, location=f"{post.path}:1")
        for bio in find_bio_files(self.blog.authors_dir):
            if self._readable(bio) is not None:
                self._add(f"{self.authors_docdir}/{bio.stem}", bio)
        return self.docnames

    def _publication(self, path: Path) -> str | None:
        """Why a post is not published ("" when it is); None when it cannot be read.

        Remembered across builds for files that did not change, so that an
        incremental build does not read every post again.
        """
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size, self.today)
        if self.checked.get(path, (None,))[0] == key:
            return self.checked[path][1]
        text = self._readable(path)
        if text is None:
            return None  # reported, and checked again next time
        reason = self._unpublished(path, text)
        self.checked[path] = (key, reason)
        return reason

    def _readable(self, path: Path) -> str | None:
        """The file's text, or None (and a warning) when it cannot be a page."""
        size = path.stat().st_size
        if size > self.max_size:
            report("size", "%s is %.1f MB, more than the %.1f MB a post may be (jekyll_max_file_size): "
                   "split it, or move data out of it", path.name, size / 2**20, self.max_size / 2**20,
                   location=f"{path}:1")
            return None
        data = path.read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            report("encoding", "%s is not UTF-8 (byte 0x%02x): save it as UTF-8", path.name,
                   data[error.start], location=f"{path}:{line}")
            return None

    def _unpublished(self, path: Path, text: str) -> str:
        name = parse_post_name(path.name)
        if name is not None and not isinstance(name, PostName):
            return ""  # an impossible date is reported when the post is read
        relative = self.blog.relative_path(path)
        draft_time = self.draft_time(path)
        defaults = self.blog.defaults_for(relative)
        if name is not None and name.date < self.today and "published:" not in text and "date:" not in text \
                and "published" not in defaults and "date" not in defaults:
            return ""  # nothing in the front matter can unpublish it
        data = split_front_matter(text).data
        return unpublished_reason(self.blog, relative, data, name, self.now, draft_time)

    def draft_time(self, path: Path) -> dt.datetime | None:
        """A draft's time when its front matter has none: its file's, as Jekyll's."""
        if path.absolute() not in self.drafts:
            return None
        return dt.datetime.fromtimestamp(path.stat().st_mtime, self.blog.timezone)

    def _add(self, docname: str, path: Path) -> None:
        if docname in self.docnames:
            first = self._docname_to_path[docname]
            report("duplicate", "%s and %s would both be the page %s: only %s is built; rename one",
                   first.name, path.name, docname, first.name, location=f"{path}:1")
            return
        path = path.absolute()
        self.docnames.add(docname)
        self._docname_to_path[docname] = path
        self._path_to_docname[path] = docname

    def __getstate__(self) -> dict[str, Any]:
        # the environment is saved with its project: not with every post's variables
        return {**self.__dict__, "_site_posts": None, "_to_html": None}

    def post_files(self) -> list[Path]:
        """The files of the published posts."""
        return [self._docname_to_path[doc] for doc in sorted(self.docnames) if self.is_post(doc)]

    def site_posts(self) -> list[dict[str, Any]]:
        """``site.posts``: every published post's ``page`` variables, newest first.

        Made once per build and process, when a post's Liquid first asks.
        """
        if self._site_posts is None:
            posts: list[Mapping[str, Any]] = []
            render_excerpt = self._excerpt_renderer()
            for path in self.post_files():
                front = split_front_matter(path.read_text(encoding="utf-8"))
                relative = self.blog.relative_path(path)
                post, _problems = read_post(relative, front, self.blog, self.draft_time(path))
                variables = page_variables(merge_front_matter(self.blog, relative, front.data),
                                           relative, post, front.body)
                # a front matter excerpt is given as written; Jekyll renders the one it takes
                source = None if post.excerpt else excerpt_source(front.body, post.excerpt_separator)
                if source is not None:
                    variables = PostWithExcerpt(variables, source,
                                                functools.partial(render_excerpt, source, variables))
                posts.append(variables)
            self._site_posts = sorted(posts, key=lambda page: (page["date"], page["path"]), reverse=True)
        return self._site_posts

    def liquid_site(self, posts: Sequence[Mapping[str, Any]]) -> SiteInput:
        """``site`` for the Liquid of the posts, with these as ``site.posts``."""
        blog = self.blog
        # the day, not the moment, keeps builds reproducible; in the site's zone, as Jekyll's
        time = dt.datetime.combine(self.today, dt.time(), blog.timezone)
        return SiteInput(settings=dict(blog.settings, url=blog.url, baseurl=blog.baseurl),
                         folder=blog.static_dir, time=time, posts=posts, theme=blog.theme,
                         markdown=self.markdownify, local_tags=blog.local_tags,
                         file_defaults=functools.partial(blog.defaults_for, kind=""))

    def markdownify(self, text: str) -> str:
        """kramdown's HTML of ``text``, as Jekyll's ``markdownify`` filter gives it."""
        if self._to_html is None:
            typography = html_typography_plugin(self.blog.kramdown.quote_characters)
            self._to_html = markdown_to_html(self.blog, [typography])
        return self._to_html(text)

    def _excerpt_renderer(self) -> Callable[[str, Mapping[str, Any]], tuple[str, frozenset[Path]]]:
        """Renders an excerpt of ``site.posts``: its Liquid, as its post's, then its Markdown.

        Its Liquid's problems are its post's: that post reports them, at their lines.
        """
        blog = self.blog
        site = self.liquid_site(LazyList(self.site_posts))

        links = Links(link=lambda target: link_url(blog, target, self.post_path,
                                                   functools.partial(site_file, blog)),
                      post_url=lambda name: post_url(blog, self.post_path(Path(name).name)))

        def render(source: str, variables: Mapping[str, Any]) -> tuple[str, frozenset[Path]]:
            page = {key: value for key, value in variables.items() if key not in ("layout", "excerpt")}
            rendered = render_post(source, 1, PageInput(page, str(variables["path"])), site, links)
            return self.markdownify(rendered.text), rendered.files
        return render

    def post_path(self, stem: str) -> Path | None:
        """The file of the published post whose name (without extension) is ``stem``."""
        docname = f"{self.posts_docdir}/{stem}"
        return self._docname_to_path[docname] if self.is_post(docname) else None

    def is_post(self, docname: str) -> bool:
        return docname.startswith(self.posts_docdir + "/") and self._is_blog_file(docname)

    def is_bio(self, docname: str) -> bool:
        return docname.startswith(self.authors_docdir + "/") and self._is_blog_file(docname)

    def _is_blog_file(self, docname: str) -> bool:
        path = self._docname_to_path.get(docname)
        return path is not None and path.is_absolute()


def install_project(app: Sphinx) -> None:
    """Put a :class:`BlogProject` in place of Sphinx's before files are found."""
    config = app.config
    blog = blog_source(app)
    for problem in blog.problems:
        report("config", "%s", problem, location=f"{config_file(app)}:1")
    check_default_images(app, blog, config_file(app))
    if config.jekyll_today:
        # the whole day: a post of that day is built, whatever its time
        now = dt.datetime.combine(config.jekyll_today, dt.time.max, blog.timezone)
    else:
        now = None
    project = BlogProject(app.srcdir, config.source_suffix, blog, config.jekyll_posts_docdir,
                          config.jekyll_authors_docdir, now, config.jekyll_max_file_size)
    project.restore(app.project)
    # what discovery learnt of unchanged files, kept with the environment
    project.checked = app.env.domains["jekyll"].discovered_files
    app.project = project
    app.env.project = project
