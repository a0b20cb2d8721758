"""Atom feeds: the site's, where jekyll-feed put it (``feed.xml``, or its
``feed: path:``), so subscribers keep their feed; jekyll-feed's feeds of a
category's or a tag's posts, when the site asks for them (``feed:
categories:``, ``feed: tags:``); and one per author, ``authors/<slug>/feed.xml``.

Titled and subtitled with the site's ``title`` and ``description``, as
jekyll-feed's were.  Made after every build from the posts' data and their
content, so they are never out of date, and written again only when what they
say changed.
Entries carry the post's full content with absolute URLs, its authors, its
published and updated times, its ``description`` (else its excerpt) as
summary, its categories and tags, and its ``image`` as thumbnail, under the id
jekyll-feed gave it, as jekyll-feed's did.  feedgen writes the Atom (RFC 4287)
XML.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..jekyll.smartypants import smarten
from ..reporting import report
from .build_state import builds_site
from .domain import JekyllDomain
from .feed_content import mark_content, post_content, setup_feed_content
from .generated_files import GeneratedFiles, digest
from .urls import image_url, page_url, site_base

#: what ``{jekyll:page}`` calls the site's feed, wherever the site put it
SITE_FEED = "feed.xml"


def feed_path(env: BuildEnvironment, author_doc: str | None = None) -> str:
    return f"{author_doc}/feed.xml" if author_doc else env.project.blog.feed_path


def site_feed_title(app: Sphinx) -> str:
    """The title of the site's feed: the Jekyll site's, as jekyll-feed gave it (``title``,
    else ``name``), so that subscribers still see the blog's name; else the project's."""
    settings = app.env.project.blog.settings
    for key in ("title", "name"):
        value = settings.get(key)
        if isinstance(value, str) and value.strip():
            return smarten(value.strip())
    return app.config.html_title or app.config.project


def entry_id(app: Sphinx, post: str) -> str:
    """A post's id in the feeds: jekyll-feed's (its ``page.id`` on the Jekyll site's
    ``url``), so that a reader that had the post from the blog's feed does not show it
    again as new; the post's page here on a site without ``url``."""
    blog = app.env.project.blog
    if not blog.url:
        return page_url(app, post)
    return blog.url + blog.baseurl + app.env.domains["jekyll"].posts[post].id


def feeds(app: Sphinx) -> dict[str, tuple[str, list[str]]]:
    """Each feed's path -> (its title, the posts it carries)."""
    domain: JekyllDomain = app.env.domains["jekyll"]
    if not domain.posts or not site_base(app):
        return {}
    limit = app.env.project.blog.feed_posts_limit or app.config.jekyll_feed_limit
    title = site_feed_title(app)
    found = {feed_path(app.env): (title, domain.select(limit=limit))}
    for bio, record in sorted(domain.bios.items()):
        posts = domain.select(author=bio, limit=limit)
        if posts:
            found[feed_path(app.env, bio)] = (f"Posts by {record.name}", posts)
    # jekyll-feed's, titled as it titles them; written even when no post has the category
    topics = app.env.project.blog.topic_feeds
    for path, category in topics.category_feeds().items():
        posts = domain.select(category=category, limit=limit)
        found.setdefault(path, (f"{title} | {category.capitalize()}", posts))
    for path, tag in topics.tag_feeds(sorted(domain.groups()["tags"])).items():
        found.setdefault(path, (title, domain.select(tag=tag, limit=limit)))
    return found


def carried_posts(app: Sphinx) -> set[str]:
    """The posts the feeds carry: only their pages keep their content for the feeds."""
    return {post for _title, posts in feeds(app).values() for post in posts}


def register_feeds(app: Sphinx, env: BuildEnvironment) -> None:
    """The feeds a page may link to with ``{jekyll:page}``."""
    domain: JekyllDomain = env.domains["jekyll"]
    topics = env.project.blog.topic_feeds
    paths = [SITE_FEED, feed_path(env), *(feed_path(env, bio) for bio in sorted(domain.bios)),
             *topics.category_feeds(), *topics.tag_feeds(sorted(domain.groups()["tags"]))]
    paths = list(dict.fromkeys(paths)) if domain.posts else []
    domain.note_generated("feeds", paths)


def write_feeds(app: Sphinx, files: GeneratedFiles) -> None:
    if app.env.domains["jekyll"].posts and not site_base(app):
        report("feed", "no feeds written: set html_baseurl, feeds need absolute URLs")
    content: dict[str, str] = {}
    digests: dict[str, str] = {}
    for path, (title, posts) in feeds(app).items():
        feed = _feed_data(app, path, title, posts, content)
        if not files.reuse(path, _inputs(feed, digests)):
            files.write(path, _atom(feed), group=path)


def _inputs(feed: dict, digests: dict[str, str]) -> dict:
    """What decides whether the feed is written again, each entry's content as its digest.

    A post's HTML is in every feed that carries it (the site's, its authors', its
    tags'): spelt out in each, it was most of an incremental build's time here.
    """
    entries = []
    for entry in feed["entries"]:
        html = entry["content"]
        if html is not None and html not in digests:
            digests[html] = digest(html.encode("utf-8"))
        entries.append({**entry, "content": None if html is None else digests[html]})
    return {**feed, "entries": entries}


def _feed_data(app: Sphinx, path: str, title: str, posts: list[str], content: dict[str, str]) -> dict:
    """Everything a feed says, as plain data: what decides whether it is written again."""
    domain: JekyllDomain = app.env.domains["jekyll"]
    excerpt_only = app.env.project.blog.feed_excerpt_only
    entries = []
    for post in posts:
        record = domain.posts[post]
        summary_only = record.feed_excerpt_only or excerpt_only
        if post not in content and not summary_only:
            content[post] = post_content(app, post)
        authors = []
        for name in record.authors:
            bio = domain.bio_by_name(name)
            authors.append({"name": name, **({"uri": page_url(app, bio)} if bio else {})})
        entries.append({"id": entry_id(app, post), "url": page_url(app, post), "title": record.title,
                        "published": record.date, "updated": record.updated, "authors": authors,
                        "summary": record.summary, "terms": [*record.categories, *record.tags],
                        "image": image_url(app, record.image),
                        "content": None if summary_only else content[post]})
    # a feed with no entry (a category no post has yet) is as new as the blog
    newest = max((entry["updated"] for entry in entries), key=_aware, default=None)
    if newest is None:
        newest = domain.posts[domain.select(limit=1)[0]].updated
    # jekyll-feed's subtitle: the site's description, as written
    subtitle = app.env.project.blog.settings.get("description")
    return {"url": urljoin(site_base(app), path), "title": title,
            "subtitle": subtitle.strip() if isinstance(subtitle, str) else "", "site": site_base(app),
            "updated": newest, "entries": entries}


def _atom(data: dict) -> bytes:
    # feedgen loads lxml: only a build that writes a feed pays for importing it
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    if any(item["image"] for item in data["entries"]):
        feed.load_extension("media")
    feed.id(data["url"])
    feed.title(data["title"])
    if data["subtitle"]:
        feed.subtitle(data["subtitle"])
    feed.link(href=data["site"], rel="alternate")
    feed.link(href=data["url"], rel="self")
    feed.updated(_aware(data["updated"]))
    for item in data["entries"]:
        entry = feed.add_entry(order="append")
        entry.id(item["id"])
        entry.title(item["title"])
        entry.link(href=item["url"], rel="alternate")
        entry.published(_aware(item["published"]))
        entry.updated(_aware(item["updated"]))
        for author in item["authors"]:
            entry.author(author)
        # as jekyll-feed: the categories, then the tags, and the post's picture
        for term in item["terms"]:
            entry.category(term=term)
        if item["summary"]:
            entry.summary(item["summary"])
        if item["image"]:
            entry.media.thumbnail(url=item["image"], group=None)
            entry.media.content(url=item["image"], medium="image", group=None)
        if item["content"] is not None:
            entry.content(item["content"], type="html")
    return feed.atom_str(pretty=True)


def _aware(iso: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(iso)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def add_feed_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``<link rel="alternate">`` to the site's feed on every page, and the author's on theirs."""
    domain: JekyllDomain = app.env.domains["jekyll"]
    if not domain.posts or not site_base(app) or not builds_site(app.builder):
        return
    links = [(feed_path(app.env), site_feed_title(app))]
    if pagename in domain.bios and domain.select(author=pagename):
        links.append((feed_path(app.env, pagename), f"Posts by {domain.bios[pagename].name}"))
    tags = "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" '
        f'href="{escape(context["pathto"](path, resource=True))}">\n' for path, title in links)
    context["metatags"] = context.get("metatags", "") + tags


def setup_feeds(app: Sphinx) -> None:
    # this application's posts that the feeds carry, for the pages of the current build
    carried: dict[str, set[str]] = {}

    def start_writing(app: Sphinx, builder) -> None:
        carried.clear()

    def mark_carried(app: Sphinx, doctree, docname: str) -> None:
        if not builds_site(app.builder):
            return
        if "posts" not in carried:
            carried["posts"] = carried_posts(app)
        if docname in carried["posts"]:
            mark_content(doctree)

    setup_feed_content(app)
    app.connect("env-updated", register_feeds)
    app.connect("write-started", start_writing)
    app.connect("doctree-resolved", mark_carried)
    app.connect("html-page-context", add_feed_links)
