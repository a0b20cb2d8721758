"""``site`` and ``page``: the variables a post's Liquid sees, as Jekyll 4 names them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from ..post import Post
from ..theme import Theme
from .data import DataFolder
from .inputs import SiteInput
from .lazy import LazyGroups, PostPage, related_posts
from .ruby_time import RubyTime
from .static_files import static_files


def site_variables(site: SiteInput, on_read: Callable[[Path], None], path: str) -> dict[str, Any]:
    """``site.*`` for the page at ``path``: every setting, then what Jekyll computes (which
    wins, as in Jekyll).  ``on_read`` is told of each ``_data/`` file a template reads."""
    variables: dict[str, Any] = dict(site.settings)
    posts = site.posts
    variables.update(posts=posts, time=RubyTime.of(site.time), tags=LazyGroups(posts, "tags"),
                     categories=LazyGroups(posts, "categories"), related_posts=related_posts(posts, path))
    variables["collections"] = [{"label": "posts", "docs": posts}]
    for label, docs in site.collections.items():
        variables[label] = list(docs)
        variables["collections"].append({"label": label, "docs": list(docs)})
    data_dir = str(site.settings.get("data_dir") or "_data").strip("/")
    if site.folder:
        variables["data"] = DataFolder(site.folder / data_dir, data_dir + "/", on_read,
                                       functools.partial(_theme_data, site.theme, on_read))
        variables["static_files"] = static_files(site.folder, site.settings, site.file_defaults, on_read,
                                                 site.time.tzinfo)
    else:
        variables["data"], variables["static_files"] = {}, []
    return variables


def _theme_data(theme: Theme | None, on_read: Callable[[Path], None]) -> DataFolder | None:
    """The theme gem's ``_data/``, which Jekyll 4.3 reads under the site's."""
    folder = theme.folder if theme is not None else None
    if folder is None or not (folder / "_data").is_dir():
        return None
    return DataFolder(folder / "_data", f"{theme.name}/_data/", on_read)


def page_variables(data: Mapping[str, Any], path: str, post: Post | None = None,
                   body: str = "", posts: Sequence[Mapping[str, Any]] | None = None) -> Mapping[str, Any]:
    """``page.*``: the front matter, then Jekyll's keys for the file at ``path`` (site-relative).

    ``body`` gives the excerpt when the front matter has none: the text up to
    the first blank line (``excerpt_separator``), as Jekyll takes it.  With
    ``posts`` (``site.posts``), a post's page has ``previous`` and ``next``.
    """
    name = PurePosixPath(path).name
    variables: dict[str, Any] = dict(data)
    variables.update(path=path, name=name, slug=PurePosixPath(name).stem)
    if post is None:
        return variables
    variables.update(collection="posts", relative_path=path, ext=PurePosixPath(name).suffix,
                     draft=post.draft)
    separator = str(data.get("excerpt_separator") or "\n\n")
    excerpt = post.excerpt or body.lstrip("\n").split(separator)[0]
    variables.update(
        title=post.title, date=RubyTime.of(post.date), slug=post.slug, url=post.url,
        id=post.id,
        categories=list(post.categories), tags=list(post.tags), excerpt=excerpt,
    )
    return variables if posts is None else PostPage(variables, posts)
