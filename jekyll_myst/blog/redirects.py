"""Old URLs keep working: a redirect page at each URL the Jekyll blog had
(``/2022/05/27/slug.html``, a post's ``permalink``, ``/authors/slug/``, the
paths of a post's ``redirect_from``), and a map of the same redirects for
the web server to answer with 301s.

The pages keep the ``#fragment`` (an external script, so that a strict
Content-Security-Policy holds) and name the new page as canonical.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from urllib.parse import unquote, urlsplit

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..jekyll.archive_urls import archive_url, dates
from ..jekyll.permalinks import output_ext
from .domain import JekyllDomain
from .generated_files import GeneratedFiles
from .urls import archive_pagename, page_url, site_base

SCRIPT = "_static/jekyll-redirect.js"
#: what a quoted key of an nginx map holds as it is: a quote or a backslash would end
#: or escape it, and a line break or ``$`` would be read as configuration
_PLAIN_PATH = re.compile(r'[^"\\$\x00-\x1f\x7f]+')
NGINX_MAP = "redirects.nginx.map"
_PAGE = """<!DOCTYPE html>
<html lang="en" data-redirect="{target}">
<head>
<meta charset="utf-8">
<title>Moved: {title}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<script src="{script}"></script>
<noscript><meta http-equiv="refresh" content="0; url={target}"></noscript>
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""
_SCRIPT = """// Old URLs of the blog: go to the new page, keeping the #fragment.
window.location.replace(document.documentElement.dataset.redirect + window.location.hash);
"""


def old_urls(domain: JekyllDomain) -> dict[str, tuple[str, str]]:
    """Each old site path (no leading slash) -> (document, title) it now is."""
    moved: dict[str, tuple[str, str]] = {}
    for doc, record in domain.bios.items():
        moved[f"{doc}/index.html"] = (doc, record.name)
    # only the URL Jekyll served: a post with a permalink of its own never had
    # the site's default one (links to that resolve to the post all the same);
    # a URL two posts have (reported) is the one's that Jekyll wrote there last
    for doc in domain.in_jekyll_order():
        record = domain.posts[doc]
        moved[site_file_path(record.url, record.url_ext)] = (doc, record.title)
    # jekyll-redirect-from's pages; a URL a post had is that post's, whatever another says
    for doc, record in sorted(domain.posts.items()):
        for path in record.redirect_from:
            # the plugin's page takes the path as its permalink: /old.php is written as old.php
            moved.setdefault(site_file_path(path, output_ext(path)), (doc, record.title))
    blog = domain.env.project.blog
    # jekyll-paginate's later pages of the blog's index: the archive lists every post
    if "archive/index" in domain.data["generated"]:
        for path in blog.paginated_paths(len(domain.posts)):
            moved.setdefault(site_file_path(path), ("archive/index", "Archive"))
    # jekyll-archives' pages: this blog's archive of the same posts (a month's or a day's: its year's)
    for path, page in _jekyll_archives(domain, blog.archive_permalinks):
        if page in domain.data["generated"]:
            moved.setdefault(site_file_path(path), (page, "Archive"))
    # URLs are checked where they are read; a page is never written out of the site all the same
    return {path: target for path, target in moved.items() if ".." not in path.split("/")}


def _jekyll_archives(domain: JekyllDomain, permalinks: dict[str, str]) -> list[tuple[str, str]]:
    """(URL jekyll-archives gave a page, the archive page here with the same posts)."""
    if not permalinks:
        return []
    years, months, days = dates(record.day for record in domain.posts.values())
    found = [(archive_url(permalinks["year"], year), f"archive/{year}")
             for year in years if "year" in permalinks]
    found += [(archive_url(permalinks["month"], year, month), f"archive/{year}")
              for year, month in months if "month" in permalinks]
    found += [(archive_url(permalinks["day"], year, month, day), f"archive/{year}")
              for year, month, day in days if "day" in permalinks]
    groups = domain.groups()
    for kind, group in (("tag", "tags"), ("category", "categories")):
        if kind in permalinks:
            found += [(archive_url(permalinks[kind], name=name), archive_pagename(group, name))
                      for name in groups[group]]
    return sorted(found)


def site_file_path(url: str, ext: str = ".html") -> str:
    """The file Jekyll writes for a URL (``Document#destination``): decoded, with
    ``index.html`` in a folder and the output extension ``ext`` added to a name
    without it."""
    path = unquote(urlsplit(url).path).lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path if path.endswith(ext) else path + ext


def write_redirects(app: Sphinx, files: GeneratedFiles) -> None:
    domain: JekyllDomain = app.env.domains["jekyll"]
    own_pages = {app.builder.get_target_uri(doc) for doc in app.env.all_docs}
    served_at = urlsplit(site_base(app)).path or "/"
    old_base = _old_base(app.env.project.blog.baseurl, served_at)
    # file in the build -> (document, title, its page, the old URL's path on the server)
    moved: dict[str, tuple[str, str, str, str]] = {}
    for path, (doc, title) in sorted(old_urls(domain).items()):
        old = posixpath.join(old_base, path)
        # served where the old URL was; an old URL out of this site's path keeps its
        # path in the site (a proxy in front may send it there)
        here = old.removeprefix(served_at) if old.startswith(served_at) else path
        # an old URL that is already its page's own needs no redirect
        if here not in own_pages:
            moved.setdefault(here, (doc, title, destination(app, domain, doc), path))
    if files.reuse("redirects", (_PAGE, site_base(app), old_base, moved)):
        return
    for here, (doc, title, uri, _path) in moved.items():
        target = uri if is_elsewhere(uri) else relative_uri(here, uri)
        canonical = page_url(app, doc) if site_base(app) and not is_elsewhere(uri) else target
        page = _PAGE.format(target=escape(target), title=escape(title), canonical=escape(canonical),
                            script=escape(relative_uri(here, SCRIPT)))
        files.write(here, page, group="redirects")
    if moved:
        files.write(SCRIPT, _SCRIPT, group="redirects")
    # a folder of this site's own pages (dirhtml's page/) is served as it is, never redirected
    own_folders = {uri for uri in own_pages if uri.endswith("/")} if old_base == served_at else set()
    files.write(NGINX_MAP, _nginx_map(old_base, served_at, moved, own_folders), group="redirects")


def destination(app: Sphinx, domain: JekyllDomain, doc: str) -> str:
    """Where an old URL of ``doc`` leads: its page, or where jekyll-redirect-from's
    ``redirect_to`` sent readers (another site, or the page of the post at that path)."""
    record = domain.posts.get(doc)
    target = record.redirect_to if record is not None else ""
    if is_elsewhere(target):
        return target
    # a path no post has is reported by the domain; the old URL leads to the post
    post = domain.post_by_url(target) if target else None
    return app.builder.get_target_uri(post or doc)


def is_elsewhere(uri: str) -> bool:
    return "://" in uri


def _old_base(baseurl: str, served_at: str) -> str:
    """Where the Jekyll site served its pages: under its ``baseurl`` (a GitHub Pages
    project site, ``/repo``); a site without one is taken to have been where this one is."""
    return "/" + baseurl.strip("/") + "/" if baseurl else served_at


def _nginx_map(old_base: str, served_at: str, moved: dict[str, tuple[str, str, str, str]],
               own_folders: set[str]) -> str:
    """``map $uri $new_uri { include redirects.nginx.map; }`` in the server's configuration.

    The map matches the whole path of a request: each old URL is there as the
    Jekyll site served it, under its ``baseurl``, decoded as nginx's ``$uri`` is
    (``/web dev/x.html`` for a category with a space, ``/what's-new.html``).  Only
    a path with a quote, backslash, ``$`` or control character is left out, as
    nginx would read it as configuration; it keeps its redirect page.
    """
    if old_base != served_at and not _PLAIN_PATH.fullmatch(old_base):
        return ""
    # the paths Jekyll wrote first: a path its server answered without the file's
    # name (/x for x.html, /x/ for x/index.html) never stands in for one it wrote
    keys: dict[str, str] = {}
    served_as: list[tuple[str, str]] = []
    for _doc, _title, uri, path in moved.values():
        if not (_PLAIN_PATH.fullmatch(path) and _PLAIN_PATH.fullmatch(uri)):
            continue
        new = uri if is_elsewhere(uri) else posixpath.join(served_at, uri)
        keys[posixpath.join(old_base, path)] = new
        served_as.extend((posixpath.join(old_base, other), new) for other in _served_as(path)
                         if other.rstrip("/") + "/" not in own_folders)
    for old, new in sorted(served_as):
        keys.setdefault(old, new)
    return "".join(f"{_quote(old)} {_quote(new)};\n" for old, new in sorted(keys.items()))


def _served_as(path: str) -> list[str]:
    """The other paths Jekyll's servers (GitHub Pages, ``jekyll serve``) answered
    with the file at ``path``: a folder's ``index.html`` at the folder, with and
    without its slash; ``x.html`` at ``x``, the URL Jekyll itself gives a post
    whose permalink has no extension (``/:year/:title``), and a ``redirect_from``
    path written without one."""
    if path.endswith("/index.html"):
        folder = path.removesuffix("index.html")
        return [folder, folder.rstrip("/")]
    return [path.removesuffix(".html")] if path.endswith(".html") and path != "index.html" else []


def _quote(path: str) -> str:
    return f'"{path}"'
