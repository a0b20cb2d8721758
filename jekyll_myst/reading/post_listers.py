"""A post whose Liquid lists the posts (``site.posts``) is read again when a
post comes.

Such a post depends on every post's file, so Sphinx reads it again when one
changes or goes; a new post's file is no dependency of anything yet.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .project import BlogProject


def listing_added_posts(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                        removed: set[str]) -> list[str]:
    project = env.project
    if not isinstance(project, BlogProject) or not any(project.is_post(doc) for doc in added):
        return []
    return [doc for doc in env.domains["jekyll"].post_listers() if doc not in removed]


def setup_post_listers(app: Sphinx) -> None:
    app.connect("env-get-outdated", listing_added_posts)
