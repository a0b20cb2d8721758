"""The site paths in a post's HTML, which kramdown copies as written.

A Markdown link or image to ``/images/a.png`` or ``/2020/01/02/post.html``
becomes a reference Sphinx resolves.  The same path in an HTML tag (an
``<img>`` in a ``<figure>``, a link in a ``<div>``) stays in a ``raw`` node:
on the Jekyll site the file and the page were at that path; here the file
must be copied with the page, and the post lives at another URL.  A relative
path (``../../images/a.png``) named what a reader's browser found from the
post's URL on the Jekyll site, and is read so.  Each raw
node notes, as it is read, the files its tags name (copied as downloads,
which Sphinx purges and merges as its own) and the pages; they are written
into the HTML when the page is resolved (``blog/raw_html_links.py``).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..jekyll.html_urls import html_urls
from ..jekyll.site import BlogSource
from ..jekyll.site_files import URI_SCHEME, from_page, relative_to_file, site_file, site_path

#: on a raw node: URL as written -> the file's place under the downloads folder
FILES = "jekyll_files"
#: the output folder where Sphinx writes its downloads, and so the site files copied here
DOWNLOADS = "_downloads"
#: on a raw node: URL as written -> the site path of the page (or generated file) it names
PAGES = "jekyll_pages"


def note_site_urls(document: nodes.document, env: BuildEnvironment, blog: BlogSource,
                   blog_file: Path, page_url: str = "") -> None:
    """``page_url``: the post's URL on the Jekyll site, which relative paths start from."""
    for raw in document.findall(nodes.raw):
        if "html" not in raw.get("format", "").split():
            continue
        files: dict[str, str] = {}
        pages: dict[str, str] = {}
        for url in html_urls(raw.astext()):
            linked = site_path(blog, url)
            if linked is None and page_url and _relative(url):
                linked = from_page(page_url, url)
            if linked is None:
                continue
            found = site_file(blog, linked)
            if found is not None:
                files[url] = copy_site_file(env, found, blog_file)
            else:
                pages[url] = linked
        if files:
            raw[FILES] = files
        if pages:
            raw[PAGES] = pages


def _relative(url: str) -> bool:
    return bool(url) and not url.startswith(("/", "#", "?")) and not URI_SCHEME.match(url)


def copy_site_file(env: BuildEnvironment, found: Path, blog_file: Path) -> str:
    """Copy a file of the site with the page, among Sphinx's downloads (which it purges
    and merges as its own); its place under the downloads folder."""
    relative, _ = env.relfn2path(relative_to_file(found, blog_file), env.docname)
    env.note_dependency(relative)
    return env.dlfiles.add_file(env.docname, relative).as_posix()
