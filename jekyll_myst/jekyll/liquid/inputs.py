"""What the caller supplies to render a post's Liquid: the site and the page.

Frozen values, built once by the caller from what it already knows; the
engine derives the rest (``site.tags``, ``site.data``...) from them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..theme import Theme


@dataclasses.dataclass(frozen=True)
class SiteInput:
    """The site as Liquid sees it: ``site.*``, and where ``_includes/`` and ``_data/`` are."""

    #: every ``_config.yml`` key, with the project's overrides
    settings: Mapping[str, Any]
    #: the site folder: ``_includes/``, ``_data/`` and ``include_relative`` paths start here
    folder: Path | None = None
    #: ``site.time``; a fixed value keeps builds reproducible
    time: dt.datetime = dt.datetime(1970, 1, 1)
    #: ``site.posts``: page-like mappings, newest first
    posts: Sequence[Mapping[str, Any]] = ()
    #: ``site.<label>`` for each collection: its documents as page-like mappings
    collections: Mapping[str, Sequence[Mapping[str, Any]]] = dataclasses.field(default_factory=dict)
    #: the gem-based theme, whose ``_includes/`` serve what the site's lack
    theme: Theme | None = None
    #: kramdown's HTML of some Markdown, with the site's settings: ``markdownify``
    #: (without it, the filter leaves the text as it is)
    markdown: Callable[[str], str] | None = None
    #: the site's front-matter ``defaults:`` for a file of the site that is no post or
    #: page (a static file), by its path from the site folder
    file_defaults: Callable[[str], Mapping[str, Any]] = lambda _path: {}
    #: the tags the site's own Ruby plugins register, each with its plugin's file
    local_tags: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Links:
    """How the ``link`` and ``post_url`` tags find their targets."""

    #: ``{% link path %}``: the site URL of a file of the site, or None
    link: Callable[[str], str | None]
    #: ``{% post_url name %}``: the URL of a post, or None
    post_url: Callable[[str], str | None]


@dataclasses.dataclass(frozen=True)
class PageInput:
    """The post being rendered: ``page.*``, and its file for ``include_relative``."""

    #: ``page.*``: front matter plus Jekyll's own keys (see :func:`.drops.page_variables`)
    variables: Mapping[str, Any]
    #: the post's file, relative to the site folder (``_posts/2020-01-01-x.md``)
    path: str = ""
