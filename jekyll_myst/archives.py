"""Archive pages: posts by year, by tag and by category, and an index of them.

They are generated pages (``html-collect-pages``), made anew on every
build from the posts' data, so they are never out of date.  Tags and
categories on a post link to their pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx

from .listings import listed_fields, post_entries, select_posts
from .nodes import archive_link

if TYPE_CHECKING:
    from .domain import JekyllDomain

_KIND_FILTER = {"tags": "tag", "categories": "category"}
_KIND_TITLE = {"tags": "Posts tagged", "categories": "Posts in category"}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "_"


def archive_pagename(kind: str, name: str) -> str:
    """``archive/2022``, ``tags/python``, ``categories/engineering``."""
    return f"archive/{name}" if kind == "year" else f"{kind}/{slug(name)}"


def archive_groups(domain: JekyllDomain) -> dict[str, Counter]:
    groups: dict[str, Counter] = {"year": Counter(), "tags": Counter(), "categories": Counter()}
    for record in domain.posts.values():
        groups["year"][record["day"][:4]] += 1
        groups["tags"].update(record["tags"])
        groups["categories"].update(record["categories"])
    return groups


def archive_pagenames(domain: JekyllDomain) -> list[str]:
    names = ["archive/index"] if domain.posts else []
    for kind, counts in archive_groups(domain).items():
        names.extend(archive_pagename(kind, name) for name in counts)
    return names


def collect_archive_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    if app.builder.format != "html":
        return
    domain: JekyllDomain = app.env.domains["jekyll"]
    groups = archive_groups(domain)
    if not domain.posts or not domain.data.get("archives_outdated", True):
        return
    yield _page(app, "archive/index", "Archive", _index(app, groups))
    for year in groups["year"]:
        page = archive_pagename("year", year)
        yield _page(app, page, f"Posts from {year}", post_entries(app, page, select_posts(domain, year=year)))
    for kind in ("tags", "categories"):
        for name in groups[kind]:
            page = archive_pagename(kind, name)
            posts = select_posts(domain, **{_KIND_FILTER[kind]: name})
            yield _page(app, page, f"{_KIND_TITLE[kind]} “{name}”", post_entries(app, page, posts))


def note_outdated_archives(app: Sphinx, env) -> list[str]:
    """Whether the archive pages show anything that changed since they were written.

    Decided before the environment is saved, so that the next build knows
    what these pages show.
    """
    domain: JekyllDomain = env.domains["jekyll"]
    # the HTML configuration (the theme's options, say) shapes every page too
    build_info = getattr(app.builder, "build_info", None)
    hashes = (build_info.config_hash, build_info.tags_hash) if build_info else ()
    snapshot = [hashes, *listed_fields(domain)]
    pages = [Path(app.outdir, app.builder.get_target_uri(page)) for page in archive_pagenames(domain)]
    outdated = domain.data.get("archived_posts") != snapshot or not all(p.is_file() for p in pages)
    domain.data["archived_posts"] = snapshot
    domain.data["archives_outdated"] = outdated
    return []


def _index(app: Sphinx, groups: dict[str, Counter]) -> nodes.Element:
    body = nodes.container()
    for kind, heading in (("year", "By year"), ("tags", "By tag"), ("categories", "By category")):
        counts = groups[kind]
        if not counts:
            continue
        names = sorted(counts, reverse=True) if kind == "year" else sorted(counts, key=str.lower)
        items = nodes.bullet_list(classes=["archive-list"])
        for name in names:
            uri = app.builder.get_relative_uri("archive/index", archive_pagename(kind, name))
            items += nodes.list_item("", nodes.paragraph(
                "", "", nodes.reference("", name, internal=True, refuri=uri),
                nodes.Text(f" ({counts[name]})")))
        body += nodes.rubric(heading, heading)
        body += items
    return body


def _page(app: Sphinx, pagename: str, title: str, content: nodes.Element) -> tuple[str, dict, str]:
    heading = nodes.section("", nodes.title(title, title), content, ids=["archive"])
    body = app.builder.render_partial(heading)["fragment"]
    # a page's title is HTML in Sphinx's templates
    return pagename, {"title": escape(title), "body": body}, "page.html"


def link_archives(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Tags and categories on a post link to their archive pages."""
    for link in list(doctree.findall(archive_link)):
        if app.builder.format != "html":
            link.replace_self(nodes.Text(link.astext()))
            continue
        uri = app.builder.get_relative_uri(docname, archive_pagename(link["kind"], link["name"]))
        link.replace_self(nodes.reference("", link.astext(), internal=True, refuri=uri,
                                          classes=link["classes"]))


def setup_archives(app: Sphinx) -> None:
    app.connect("env-get-updated", note_outdated_archives)
    app.connect("html-collect-pages", collect_archive_pages)
    app.connect("doctree-resolved", link_archives)
