"""Site-absolute paths (``/images/x.png``) of a Jekyll blog, made safe.

A post may only reach files inside its site folder: a path that leads out
of it (``../../etc/passwd``, a symlink) is refused.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .site import BlogSource

#: a URL's scheme (``https:``, ``mailto:``, ``irc:``): a link elsewhere, no path of the site
URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def site_path(blog: BlogSource, href: str) -> str | None:
    """The site-absolute path a link or image points to in the blog itself, else None."""
    if href.startswith("/") and not href.startswith("//"):
        return href
    if blog.url and (href == blog.url or href.startswith(blog.url + "/")):
        parts = urlsplit(href)
        return (parts.path or "/") + (f"#{parts.fragment}" if parts.fragment else "")
    return None


def from_page(page_url: str, href: str) -> str:
    """The site path a relative ``href`` on the page at ``page_url`` names, as a browser
    resolves it on the Jekyll site: ``../../images/a.png`` on ``/2018/notes/`` is
    ``/images/a.png``, and no ``..`` climbs above the site's root."""
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url).rstrip("/") + "/"
    # normpath keeps two leading slashes (a POSIX path may start so), a site path one
    return "/" + posixpath.normpath(posixpath.join(folder, href)).lstrip("/")


def without_baseurl(blog: BlogSource, path: str) -> str:
    """A site path as Jekyll knows its pages: the site serves ``/2024/01/01/a.html``
    at ``/sub/2024/01/01/a.html`` with ``baseurl: /sub``, and links name the latter."""
    if blog.baseurl and path.startswith(blog.baseurl + "/"):
        return path[len(blog.baseurl):]
    return path


def site_file(blog: BlogSource, path: str) -> Path | None:
    """The file a site-absolute path names, if it is one inside the site folder."""
    candidate = _named(blog, path)
    if not candidate.is_file():  # most links are to pages: one stat says so
        return None
    return _inside(blog, candidate)


def site_location(blog: BlogSource, path: str) -> Path | None:
    """Where the file a site-absolute path names is, or would be, if that is
    inside the site folder."""
    return _inside(blog, _named(blog, path))


def _named(blog: BlogSource, path: str) -> Path:
    path = without_baseurl(blog, unquote(path.partition("#")[0].partition("?")[0]))
    return blog.static_root / path.lstrip("/")


def _inside(blog: BlogSource, candidate: Path) -> Path | None:
    candidate = candidate.resolve()
    return candidate if candidate.is_relative_to(blog.static_root) else None


def relative_to_file(target: Path, source_file: str | Path) -> str:
    """``target`` as a path relative to the folder of ``source_file``, as Sphinx resolves it."""
    return os.path.relpath(target, Path(source_file).resolve().parent).replace(os.sep, "/")
