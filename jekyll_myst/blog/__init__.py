"""The blog built from the posts' records: the domain that holds them, and
what is made from it (lists, archives, bylines, backlinks, neighbours,
the sidebar, feeds, redirects, the sitemap, link previews), and when a
page that links to others is written again."""

from __future__ import annotations

from sphinx.application import Sphinx

from .archives import setup_archives
from .backlinks import setup_backlinks
from .book import setup_book
from .bylines import setup_bylines
from .domain import JekyllDomain
from .feeds import setup_feeds
from .link_targets import setup_link_targets
from .listings import setup_listings
from .moved_posts import setup_moved_posts
from .navigation import setup_navigation
from .neighbours import setup_neighbours
from .previews import setup_previews
from .raw_html_links import setup_raw_html_links
from .rewrites import setup_rewrites
from .sources import setup_sources
from .writing import setup_writing


def setup_blog(app: Sphinx) -> None:
    app.add_domain(JekyllDomain)
    tracker = setup_rewrites(app)
    setup_listings(app, tracker)
    setup_archives(app, tracker)
    setup_bylines(app, tracker)
    setup_backlinks(app, tracker)
    setup_link_targets(app, tracker)
    setup_neighbours(app, tracker)
    setup_navigation(app, tracker)
    setup_feeds(app)
    setup_previews(app)
    setup_raw_html_links(app)
    setup_moved_posts(app, tracker)
    setup_writing(app)
    setup_sources(app)
    setup_book(app, tracker)
