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

from .listings import digest, listed_post, post_entries, select_posts

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


def _archive_filters(domain: JekyllDomain) -> dict[str, tuple[str, dict[str, str] | None]]:
    """Each archive page -> (its title, the filter of the posts it lists; None for the index)."""
    groups = archive_groups(domain)
    pages: dict[str, tuple[str, dict[str, str] | None]] = {}
    if domain.posts:
        pages["archive/index"] = ("Archive", None)
    for year in groups["year"]:
        pages[archive_pagename("year", year)] = (f"Posts from {year}", {"year": year})
    for kind in ("tags", "categories"):
        for name in groups[kind]:
            title = f"{_KIND_TITLE[kind]} “{name}”"
            pages[archive_pagename(kind, name)] = (title, {_KIND_FILTER[kind]: name})
    return pages


def archive_pages(domain: JekyllDomain) -> dict[str, tuple[str, list[str] | None]]:
    """Each archive page -> (its title, the posts it lists; None for the index)."""
    return {page: (title, None if chosen is None else select_posts(domain, **chosen))
            for page, (title, chosen) in _archive_filters(domain).items()}


def archive_pagenames(domain: JekyllDomain) -> list[str]:
    # names only: no need to select every archive's posts
    return list(_archive_filters(domain))


def collect_archive_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    if app.builder.format != "html":
        return
    domain: JekyllDomain = app.env.domains["jekyll"]
    outdated = set(domain.data.get("archives_outdated", ()))
    for page, (title, posts) in archive_pages(domain).items():
        if page in outdated:
            content = _index(app, archive_groups(domain)) if posts is None else post_entries(app, page, posts)
            yield _page(app, page, title, content)


def note_outdated_archives(app: Sphinx, env) -> list[str]:
    """Which archive pages show something that changed since they were written.

    Decided before the environment is saved, so that the next build knows
    what each page shows.
    """
    domain: JekyllDomain = env.domains["jekyll"]
    # the HTML configuration (the theme's options, say) shapes every page too
    build_info = getattr(app.builder, "build_info", None)
    hashes = (build_info.config_hash, build_info.tags_hash) if build_info else ()
    groups = archive_groups(domain)
    counts = [(kind, sorted(counter.items())) for kind, counter in sorted(groups.items())]
    shown = {page: digest((hashes, counts if posts is None else
                           [listed_post(post, domain.posts[post]) for post in posts]))
             for page, (_title, posts) in archive_pages(domain).items()}
    previous = domain.data.get("archived_posts") or {}
    domain.data["archived_posts"] = shown
    domain.data["archives_outdated"] = sorted(
        page for page, what in shown.items()
        if previous.get(page) != what or not Path(app.outdir, app.builder.get_target_uri(page)).is_file())
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


def linked_archive(builder, docname: str, kind: str, name: str, classes: list[str]) -> nodes.Node:
    """A tag or category on a post, linked to its archive page."""
    if builder.format != "html":
        return nodes.Text(name)
    uri = builder.get_relative_uri(docname, archive_pagename(kind, name))
    return nodes.reference("", name, internal=True, refuri=uri, classes=classes)


def setup_archives(app: Sphinx) -> None:
    app.connect("env-get-updated", note_outdated_archives)
    app.connect("html-collect-pages", collect_archive_pages)
