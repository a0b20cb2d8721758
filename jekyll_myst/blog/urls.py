"""The site's URLs: absolute ones, from ``html_baseurl``, for canonical links,
feeds, the sitemap and link previews; and the links between its pages."""

from __future__ import annotations

import re
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import NoUri

from ..jekyll.seo_image import PostImage


def site_base(app: Sphinx) -> str:
    base = app.config.html_baseurl
    return base if not base or base.endswith("/") else base + "/"


def page_url(app: Sphinx, pagename: str) -> str:
    # a target URI is a path relative to the site's root: joining is appending
    return site_base(app) + app.builder.get_target_uri(pagename)


def image_url(app: Sphinx, image: PostImage | None) -> str | None:
    """A post's picture, absolute: its URL, or its copy's on this site (None without
    ``html_baseurl``, since previews and feeds need absolute URLs)."""
    if image is None:
        return None
    if image.is_url:
        return image.path
    return site_base(app) + quote(image.path) if site_base(app) else None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "_"


def archive_pagename(kind: str, name: str) -> str:
    """``archive/2022``, ``tags/python``, ``categories/engineering``."""
    return f"archive/{name}" if kind == "year" else f"{kind}/{slug(name)}"


def relative_link(builder: Builder, from_page: str, to_page: str) -> str | None:
    """The other page's address from this one; None where the builder has
    none (a LaTeX document that leaves it out)."""
    try:
        return builder.get_relative_uri(from_page, to_page)
    except NoUri:
        return None


def page_link(builder: Builder, from_page: str, to_page: str, *shown: nodes.Node) -> nodes.Element:
    """A link from one page to another, showing ``shown``; that alone where the
    builder has no address for the other page."""
    uri = relative_link(builder, from_page, to_page)
    if uri is None:
        return nodes.inline("", "", *shown)
    return nodes.reference("", "", *shown, internal=True, refuri=uri)
