"""``sitemap.xml``: every page of the site, from the environment, so that an
incremental build lists the pages it did not rewrite too."""

from __future__ import annotations

from xml.etree import ElementTree

from sphinx.application import Sphinx

from .domain import JekyllDomain
from .generated_files import GeneratedFiles
from .urls import page_url, site_base

_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(app: Sphinx, files: GeneratedFiles) -> None:
    if not site_base(app):
        return
    domain: JekyllDomain = app.env.domains["jekyll"]
    pages = set(app.env.all_docs) | set(domain.generated_pages("archives"))
    pages.discard(getattr(app.config, "notfound_pagename", "404"))  # not a page to index
    pages -= {post for post, record in domain.posts.items() if not record.in_sitemap}
    entries = [(page_url(app, page), domain.posts[page].updated[:10] if page in domain.posts else None)
               for page in sorted(pages)]
    if files.reuse("sitemap", entries):
        return
    urlset = ElementTree.Element("urlset", xmlns=_NAMESPACE)
    for loc, lastmod in entries:
        url = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(url, "loc").text = loc
        if lastmod:
            ElementTree.SubElement(url, "lastmod").text = lastmod
    ElementTree.indent(urlset)
    files.write("sitemap.xml", ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n",
                group="sitemap")
