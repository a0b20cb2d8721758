"""Link previews and search engines: OpenGraph and Twitter card tags, and a
post's structured data.

Posts are articles with their ``description`` (else their excerpt), their
date, their authors and their ``image``, as jekyll-seo-tag wrote them, and a
schema.org ``BlogPosting`` in JSON-LD, which search engines read for an
article's author, dates and picture; every page gets its title, canonical URL
and the site's name, and the site's Twitter account (``twitter: username:``).
"""

from __future__ import annotations

import json
from html import escape

from sphinx.application import Sphinx

from ..jekyll.record import PostRecord
from .build_state import builds_site
from .domain import JekyllDomain
from .urls import image_url, page_url, site_base


def add_preview_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    domain: JekyllDomain = app.env.domains["jekyll"]
    post = domain.posts.get(pagename)
    title = post.title if post else context.get("title") or ""
    tags = {
        "og:title": title,
        "og:type": "article" if post else "website",
        "og:site_name": app.config.html_title or app.config.project,
    }
    if site_base(app):
        tags["og:url"] = page_url(app, pagename)
    if post and post.preview:
        tags["og:description"] = post.preview
    image = image_url(app, post.image) if post else None
    if image:
        # jekyll-seo-tag's: the picture, its size and text, and a large card
        tags["og:image"] = image
        tags |= {f"og:image:{key}": getattr(post.image, key) for key in ("height", "width", "alt")
                 if getattr(post.image, key)}
    html = ""
    if post:
        if post.preview:
            html += f'<meta name="description" content="{escape(post.preview)}">\n'
        html += f'<meta property="article:published_time" content="{escape(post.date)}">\n'
        html += "".join(f'<meta property="article:author" content="{escape(name)}">\n'
                        for name in post.authors)
    html += "".join(f'<meta property="{key}" content="{escape(value)}">\n' for key, value in tags.items())
    html += f'<meta name="twitter:card" content="{"summary_large_image" if image else "summary"}">\n'
    html += f'<meta name="twitter:title" content="{escape(title)}">\n'
    if image:
        html += f'<meta name="twitter:image" content="{escape(image)}">\n'
        if post.image.alt:
            html += f'<meta name="twitter:image:alt" content="{escape(post.image.alt)}">\n'
    if "og:description" in tags:
        html += f'<meta name="twitter:description" content="{escape(tags["og:description"])}">\n'
    account = _twitter_account(app)
    if account:
        html += f'<meta name="twitter:site" content="@{escape(account)}">\n'
    # the site's, not an EPUB's: a script there would make its page "scripted"
    if post and site_base(app) and builds_site(app.builder):
        html += _structured_data(app, domain, pagename, post, image)
    context["metatags"] = context.get("metatags", "") + html


def _twitter_account(app: Sphinx) -> str:
    twitter = app.env.project.blog.settings.get("twitter")
    name = twitter.get("username") if isinstance(twitter, dict) else None
    return name.strip().lstrip("@") if isinstance(name, str) else ""


def _structured_data(app: Sphinx, domain: JekyllDomain, pagename: str, post: PostRecord,
                     image: str | None) -> str:
    """The post as a schema.org ``BlogPosting``, as jekyll-seo-tag wrote it: every author,
    with their page here when they have one."""
    url = page_url(app, pagename)
    authors = []
    for name in post.authors:
        bio = domain.bio_by_name(name)
        authors.append({"@type": "Person", "name": name, **({"url": page_url(app, bio)} if bio else {})})
    data = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": post.title,
            "url": url, "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "datePublished": post.date, "dateModified": post.updated}
    if authors:
        data["author"] = authors if len(authors) > 1 else authors[0]
    if post.preview:
        data["description"] = post.preview
    if image:
        data["image"] = image
    # in a script element: no text of the post may end it, nor read as markup
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def setup_previews(app: Sphinx) -> None:
    app.connect("html-page-context", add_preview_tags)
