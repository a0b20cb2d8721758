"""What Jekyll's ``{% link %}`` and ``{% post_url %}`` tags give: a site URL."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .frontmatter import split_front_matter
from .post import read_post
from .site import BlogSource


def post_url(blog: BlogSource, post_file: Path | None) -> str | None:
    """``{% post_url name %}``: the URL of the published post in ``post_file``, if any:
    the URL Jekyll gives it, from its front matter and the site's permalink, under the
    site's ``baseurl`` (Jekyll 4 writes it, as ``relative_url``)."""
    if post_file is None:
        return None
    try:
        text = post_file.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None  # the post itself is reported when it is read
    post, _problems = read_post(blog.relative_path(post_file), split_front_matter(text), blog)
    return blog.baseurl + post.url


def link_url(blog: BlogSource, path: str, find_post: Callable[[str], Path | None],
             find_file: Callable[[str], Path | None]) -> str | None:
    """``{% link path %}``: a post's URL, or a site file's own path.

    ``find_post(stem)`` is the file of the published post of that name,
    ``find_file(path)`` the site's file at that site-absolute path.
    """
    path = path.strip().lstrip("/")
    if path.startswith(blog.posts_dir.name + "/"):
        return post_url(blog, find_post(PurePosixPath(path).stem))
    if find_file("/" + path) is None:
        return None
    return blog.baseurl + "/" + re.sub(r"\.(md|markdown)$", ".html", path)
