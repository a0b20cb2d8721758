"""The site's absolute URLs, from ``html_baseurl``: for canonical links,
feeds, the sitemap and link previews."""

from __future__ import annotations

import re

from sphinx.application import Sphinx


def site_base(app: Sphinx) -> str:
    base = app.config.html_baseurl
    return base if not base or base.endswith("/") else base + "/"


def page_url(app: Sphinx, pagename: str) -> str:
    # a target URI is a path relative to the site's root: joining is appending
    return site_base(app) + app.builder.get_target_uri(pagename)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "_"


def archive_pagename(kind: str, name: str) -> str:
    """``archive/2022``, ``tags/python``, ``categories/engineering``."""
    return f"archive/{name}" if kind == "year" else f"{kind}/{slug(name)}"
