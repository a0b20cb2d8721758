"""Atom feeds: ``feed.xml`` (where jekyll-feed put it, so subscribers keep
their feed) and one per author, ``authors/<slug>/feed.xml``.

Written after every build from the posts' data and their doctrees, so they
are never out of date.  Entries carry the post's full content with absolute
URLs, its authors, its published and updated times and its excerpt as
summary.  feedgen writes the Atom (RFC 4287) XML.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.util import logging

from .feed_content import post_content
from .generated_files import GeneratedFiles
from .listings import select_posts
from .urls import page_url, site_base

if TYPE_CHECKING:
    from .domain import JekyllDomain

logger = logging.getLogger(__name__)


def feed_path(author_doc: str | None = None) -> str:
    return f"{author_doc}/feed.xml" if author_doc else "feed.xml"


def feeds(app: Sphinx) -> dict[str, tuple[str, list[str]]]:
    """Each feed's path -> (its title, the posts it carries)."""
    domain: JekyllDomain = app.env.domains["jekyll"]
    if not domain.posts or not site_base(app):
        return {}
    limit = app.config.jekyll_feed_limit
    found = {feed_path(): (app.config.html_title or app.config.project, select_posts(domain, limit=limit))}
    for bio, record in sorted(domain.bios.items()):
        posts = select_posts(domain, author=bio, limit=limit)
        if posts:
            found[feed_path(bio)] = (f"Posts by {record['name']}", posts)
    return found


def note_feed_posts(app: Sphinx, env) -> list[str]:
    """Which posts the feeds carry: only their pages keep their content for the feeds."""
    carried = {post for _title, posts in feeds(app).values() for post in posts}
    env.domains["jekyll"].data["feed_posts"] = carried
    return []


def write_feeds(app: Sphinx, files: GeneratedFiles) -> None:
    if app.env.domains["jekyll"].posts and not site_base(app):
        logger.info("no feeds written: set html_baseurl, feeds need absolute URLs",
                    type="jekyll", subtype="feed")
    content: dict[str, str] = {}
    for path, (title, posts) in feeds(app).items():
        files.write(path, _feed(app, path, title, posts, content))


def _feed(app: Sphinx, path: str, title: str, posts: list[str], content: dict[str, str]) -> bytes:
    domain: JekyllDomain = app.env.domains["jekyll"]
    feed = FeedGenerator()
    feed_url = urljoin(site_base(app), path)
    feed.id(feed_url)
    feed.title(title)
    feed.link(href=site_base(app), rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.updated(max(_aware(domain.posts[p]["updated"]) for p in posts))
    for post in posts:
        record = domain.posts[post]
        url = page_url(app, post)
        entry = feed.add_entry(order="append")
        entry.id(url)
        entry.title(record["title"])
        entry.link(href=url, rel="alternate")
        entry.published(_aware(record["date"]))
        entry.updated(_aware(record["updated"]))
        for name in record["authors"]:
            bio = domain.bio_by_name(name)
            entry.author({"name": name, **({"uri": page_url(app, bio)} if bio else {})})
        if record["excerpt"]:
            entry.summary(record["excerpt"])
        if post not in content:
            content[post] = post_content(app, post)
        entry.content(content[post], type="html")
    return feed.atom_str(pretty=True)


def _aware(iso: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(iso)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def add_feed_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``<link rel="alternate">`` to the site's feed on every page, and the author's on theirs."""
    domain: JekyllDomain = app.env.domains["jekyll"]
    if not domain.posts or not site_base(app):
        return
    links = [(feed_path(), app.config.html_title or app.config.project)]
    if pagename in domain.bios and select_posts(domain, author=pagename):
        links.append((feed_path(pagename), f"Posts by {domain.bios[pagename]['name']}"))
    tags = "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" '
        f'href="{escape(context["pathto"](path, resource=True))}">\n' for path, title in links)
    context["metatags"] = context.get("metatags", "") + tags


def setup_feeds(app: Sphinx) -> None:
    app.connect("env-get-updated", note_feed_posts)
    app.connect("html-page-context", add_feed_links)
