"""``site.static_files``: the files of the site that Jekyll copies as they are.

Jekyll's documentation lists them for a gallery: a ``defaults:`` scope gives
the files of a folder ``image: true``, and a post shows
``site.static_files | where: "image", true``.  A file is static when Jekyll
reads its folder (see :mod:`..entry_filter`) and it has no front matter;
posts, drafts, data and the other ``_`` folders are not read here.  The list
is made when a template first asks for it, sorted by path as Jekyll sorts
it, and every folder read is told to ``on_read``: adding or removing a file
changes the list.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ..entry_filter import EntryFilter
from ..frontmatter import opens_front_matter
from .lazy import LazyList
from .ruby_time import RubyTime


def static_files(folder: Path, settings: Mapping[str, Any], defaults: Callable[[str], Mapping[str, Any]],
                 on_read: Callable[[Path], None], zone: dt.tzinfo | None = None) -> LazyList:
    """The static files of the site in ``folder``; ``defaults`` gives the front-matter
    defaults of a path, and ``zone`` the zone of their times (else the machine's, as
    Jekyll's without a ``timezone``)."""
    def load() -> list[Mapping[str, Any]]:
        found = sorted(_walk(folder, "", EntryFilter(settings), on_read))
        return [_variables(relative, path, defaults(relative.lstrip("/")), zone) for relative, path in found]
    return LazyList(load)


def _walk(folder: Path, relative: str, entries: EntryFilter,
          on_read: Callable[[Path], None]) -> Iterator[tuple[str, Path]]:
    on_read(folder)
    with os.scandir(folder) as listed:
        for entry in listed:
            path = f"{relative}/{entry.name}".lstrip("/")
            if not entries.keeps(folder, path):
                continue
            if entry.is_dir():
                yield from _walk(Path(entry.path), path, entries, on_read)
            elif entry.is_file() and not _has_front_matter(Path(entry.path)):
                yield "/" + path, Path(entry.path)


def _variables(relative: str, path: Path, defaults: Mapping[str, Any],
               zone: dt.tzinfo | None) -> Mapping[str, Any]:
    name = PurePosixPath(relative)
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime, zone).astimezone(zone)
    # the front-matter defaults of the file's path first: Jekyll's own keys win over them
    return {**defaults, "path": relative, "name": name.name, "basename": name.stem, "extname": name.suffix,
            "modified_time": RubyTime.of(modified), "collection": None}


def _has_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            first = stream.readline(1024)
    except OSError:
        return False
    return opens_front_matter(first.decode("utf-8", "replace"))
