"""What Jekyll's ``{% link %}`` and ``{% post_url %}`` tags give: a site URL."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .filenames import PostName, parse_post_name
from .permalinks import jekyll_url
from .site import BlogSource
from .site_files import site_file


def post_url(post_file: Path | None) -> str | None:
    """``{% post_url name %}``: the URL of the published post in ``post_file``, if any."""
    parsed = parse_post_name(post_file.name) if post_file is not None else None
    if not isinstance(parsed, PostName):
        return None
    return jekyll_url(None, parsed.date, parsed.slug, [])


def link_url(blog: BlogSource, path: str, find_post: Callable[[str], Path | None]) -> str | None:
    """``{% link path %}``: a post's URL, or a site file's own path.

    ``find_post(stem)`` is the file of the published post of that name.
    """
    path = path.strip().lstrip("/")
    if path.startswith(blog.posts_dir.name + "/"):
        return post_url(find_post(PurePosixPath(path).stem))
    if site_file(blog, "/" + path) is None:
        return None
    return blog.baseurl + "/" + re.sub(r"\.(md|markdown)$", ".html", path)
