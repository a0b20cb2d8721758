"""A page is written again when a page it links to is retitled or goes.

Sphinx resolves a page's links as it writes the page, and writes again only
the pages it read again: a link to a post deleted since would still lead to
its old page, with no warning, and a link that shows the title of the page
it leads to would keep the old title.  Here each page shows, for each
document it links to (by name, or by old Jekyll URL), which document that
is, or that there is none, and its title where a link shows it (a link
without text of its own): when that changes, the page is
written again, and a link that leads nowhere is reported then.  A page that
links to a document by name is read again when that document goes or
comes: MyST reads a link to a missing page otherwise than one to a page
that is there.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import JekyllDomain
from .rewrites import RewriteTracker


def _linked(env: BuildEnvironment, domain: JekyllDomain, target: str,
            shows_title: bool) -> tuple[str, str | None, str]:
    """(the link's target, the document it leads to or None, the title it shows of it)."""
    docname = domain.post_by_url(target[len("url:"):]) if target.startswith("url:") else target
    if docname is None or docname not in env.all_docs:
        return target, None, ""
    title = env.titles.get(docname) if shows_title else None
    return target, docname, title.astext() if title is not None else ""


def shown_link_targets(app: Sphinx, env: BuildEnvironment) -> dict[str, tuple]:
    domain: JekyllDomain = env.domains["jekyll"]
    return {page: tuple(_linked(env, domain, target, targets[target]) for target in sorted(targets))
            for page, targets in domain.links().items()}


def linking_to_added_or_removed(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                                removed: set[str]) -> list[str]:
    came_or_went = added | removed
    if not came_or_went:
        return []
    domain: JekyllDomain = env.domains["jekyll"]
    return sorted(page for page, targets in domain.links().items()
                  if page not in came_or_went and not targets.keys().isdisjoint(came_or_went))


def setup_link_targets(app: Sphinx, tracker: RewriteTracker) -> None:
    app.connect("env-get-outdated", linking_to_added_or_removed)
    tracker.track("link targets", shown_link_targets)
