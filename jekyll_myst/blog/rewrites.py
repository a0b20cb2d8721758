"""Which pages to write again: one tracker for everything a page shows of others.

Sphinx writes again the pages it read again.  A page also shows what comes
from other documents: a list of posts, a post's neighbours, the pages that
link to it, its authors' pages, the sidebar.  Each feature declares what it
shows on which page (:meth:`RewriteTracker.track`); at each build, one
``env-get-updated`` handler compares a digest of that with what each page
showed when it was written, and returns the pages that differ.  Features
that generate pages of their own (archives) ask :meth:`is_outdated`.

After a build that stopped while writing, or when something every page
shows changed, every page is written again, as Jekyll would.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..reporting import report
from .build_state import builds_site
from .writing import stopped_while_writing

#: the key under which a feature declares what shows on every page
EVERY_PAGE = "*"

Shown = Callable[[Sphinx, BuildEnvironment], Mapping[str, object]]


def digest(shown: object) -> str:
    """A short, stable fingerprint of what a page shows: the environment keeps
    these, not what the pages show, so that it stays small to load.

    ``shown`` must be plain data in a stable order: its ``repr`` is hashed.
    """
    return hashlib.sha1(repr(shown).encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


@dataclasses.dataclass(frozen=True)
class _Feature:
    name: str
    shown: Shown
    generated: bool
    site_only: bool


class RewriteTracker:
    """One per application: the features that show things on pages, and
    which generated pages this build must write."""

    def __init__(self) -> None:
        self._features: list[_Feature] = []
        self._outdated_generated: set[str] = set()

    def track(self, name: str, shown: Shown, *, generated: bool = False, site_only: bool = False) -> None:
        """``shown(app, env)`` gives, for each page, what the feature shows on it
        (or ``{EVERY_PAGE: ...}`` for what every page shows).  ``generated``:
        the pages are the feature's own, not documents.  ``site_only``: only
        the web site's pages show it (see ``build_state``)."""
        self._features.append(_Feature(name, shown, generated, site_only))

    def is_outdated(self, page: str) -> bool:
        return page in self._outdated_generated

    def pages_to_write(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        # what pages showed is what this builder wrote into its own folder
        stored = env.domains["jekyll"].shown.setdefault(app.builder.name, {})
        everything = stopped_while_writing(app)
        if everything:
            report("output", "the last build stopped while writing pages: writing every page again")
        documents: set[str] = set()
        generated: set[str] = set()
        generated_outdated: set[str] = set()
        for feature in self._features:
            if feature.site_only and not builds_site(app.builder):
                continue
            current = {page: digest(value) for page, value in feature.shown(app, env).items()}
            previous = stored.get(feature.name)
            stored[feature.name] = current
            if EVERY_PAGE in current:
                if previous is not None and previous.get(EVERY_PAGE) != current[EVERY_PAGE]:
                    report("output", "what every page shows changed (%s): writing every page again",
                           feature.name)
                    everything = True
                continue
            previous = previous or {}
            changed = {page for page in current.keys() | previous.keys()
                       if previous.get(page) != current.get(page)}
            if feature.generated:
                generated |= current.keys()
                generated_outdated |= {page for page in current if page in changed or not _written(app, page)}
            else:
                documents |= changed & env.all_docs.keys()
        self._outdated_generated = generated if everything else generated_outdated
        return sorted(env.found_docs) if everything else sorted(documents)


def _written(app: Sphinx, page: str) -> bool:
    return Path(app.outdir, app.builder.get_target_uri(page)).is_file()


def setup_rewrites(app: Sphinx) -> RewriteTracker:
    tracker = RewriteTracker()
    app.connect("env-get-updated", tracker.pages_to_write)
    return tracker
