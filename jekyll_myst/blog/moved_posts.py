"""A post that jekyll-redirect-from's ``redirect_to`` sends elsewhere: on the
Jekyll site, the page at its URL sent the reader there.  So does its page here,
and the lists that link to the post lead where its author sent it.  (Its old
URLs are redirected with the others: :mod:`.redirects`.)
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from .domain import JekyllDomain
from .redirects import destination, is_elsewhere
from .rewrites import RewriteTracker


def moved_posts(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    """post -> where its ``redirect_to`` sends it, for the posts sent away from their page."""
    domain: JekyllDomain = env.domains["jekyll"]
    moved = {}
    for post, record in domain.posts.items():
        if record.redirect_to:
            uri = destination(app, domain, post)
            if uri != app.builder.get_target_uri(post):
                moved[post] = uri
    return moved


def redirect_moved_post(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    domain: JekyllDomain = app.env.domains["jekyll"]
    record = domain.posts.get(pagename)
    if record is None or not record.redirect_to or app.builder.format != "html":
        return
    here = app.builder.get_target_uri(pagename)
    uri = destination(app, domain, pagename)
    if uri == here:
        return  # a path no post has: reported, and the post stays where it is
    target = uri if is_elsewhere(uri) else relative_uri(here, uri)
    context["metatags"] = (context.get("metatags", "")
                           + f'<meta http-equiv="refresh" content="0; url={escape(target)}">\n')


def setup_moved_posts(app: Sphinx, tracker: RewriteTracker) -> None:
    app.connect("html-page-context", redirect_moved_post)
    # the page is written again when where it sends the reader changes (that post goes)
    tracker.track("moved", moved_posts)
