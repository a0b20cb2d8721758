"""Archive pages: posts by year, by tag and by category, and an index of them.

They are generated pages (``html-collect-pages``), made from the posts'
records, and written again when what they list changed (by a forked
process in a parallel build: see :mod:`jekyll_myst.forked_pages`).  Tags
and categories on a post link to their pages.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..forked_pages import ForkedPages, setup_forked_pages
from .build_state import builds_site
from .domain import JekyllDomain
from .listings import RenderedEntries, post_entries, shown_in_list
from .rewrites import RewriteTracker
from .urls import archive_pagename

_KIND_FILTER = {"tags": "tag", "categories": "category"}
_KIND_TITLE = {"tags": "Posts tagged", "categories": "Posts in category"}


def _archive_filters(domain: JekyllDomain) -> dict[str, tuple[str, dict[str, str] | None]]:
    """Each archive page -> (its title, the filter of the posts it lists; None for the index)."""
    groups = domain.groups()
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
    return {page: (title, None if chosen is None else domain.select(**chosen))
            for page, (title, chosen) in _archive_filters(domain).items()}


def register_archives(app: Sphinx, env: BuildEnvironment) -> None:
    """The archive pages this build makes, for references and the files of the site."""
    domain: JekyllDomain = env.domains["jekyll"]
    domain.note_generated("archives", _archive_filters(domain))


def shown_by_archives(app: Sphinx, env: BuildEnvironment) -> dict[str, object]:
    domain: JekyllDomain = env.domains["jekyll"]
    # the HTML configuration (the theme's options, say) shapes every page too
    build_info = getattr(app.builder, "build_info", None)
    hashes = (build_info.config_hash, build_info.tags_hash) if build_info else ()
    counts = [(kind, sorted(counter.items())) for kind, counter in sorted(domain.groups().items())]
    # a list shows its posts and links their authors' pages: shown_in_list, as any other list
    return {page: (hashes, counts if posts is None else shown_in_list(domain, posts))
            for page, (_title, posts) in archive_pages(domain).items()}


def collect_archive_pages(tracker: RewriteTracker, forked: ForkedPages,
                          app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    if not builds_site(app.builder):
        return iter(())
    domain: JekyllDomain = app.env.domains["jekyll"]
    outdated = [(page, title, posts) for page, (title, posts) in archive_pages(domain).items()
                if tracker.is_outdated(page)]
    # the longest lists first: see forked_pages
    outdated.sort(key=lambda archive: -len(archive[2] or ()))
    rendered = RenderedEntries(app)
    return forked.collect(app.builder, [functools.partial(_archive_page, app, domain, rendered, *archive)
                                        for archive in outdated])


def _archive_page(app: Sphinx, domain: JekyllDomain, rendered: RenderedEntries, page: str, title: str,
                  posts: list[str] | None) -> tuple[str, dict, str]:
    content = _index(app, domain.groups()) if posts is None else post_entries(app, page, posts, rendered)
    return _page(app, page, title, content)


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
    if not builds_site(builder):
        return nodes.Text(name)  # archive pages are the site's
    uri = builder.get_relative_uri(docname, archive_pagename(kind, name))
    return nodes.reference("", name, internal=True, refuri=uri, classes=classes)


def setup_archives(app: Sphinx, tracker: RewriteTracker) -> None:
    app.connect("env-updated", register_archives)
    forked = setup_forked_pages(app)
    app.connect("html-collect-pages", functools.partial(collect_archive_pages, tracker, forked))
    tracker.track("archives", shown_by_archives, generated=True, site_only=True)
