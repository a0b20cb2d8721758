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
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from ..entry_filter import EntryFilter
from .ruby_time import RubyTime


class StaticFiles(Sequence):
    """The static files of the site in ``folder``; ``defaults`` gives the front-matter
    defaults of a path, and ``zone`` the zone of their times (else the machine's, as
    Jekyll's without a ``timezone``)."""

    def __init__(self, folder: Path, settings: Mapping[str, Any],
                 defaults: Callable[[str], Mapping[str, Any]], on_read: Callable[[Path], None],
                 zone: dt.tzinfo | None = None) -> None:
        self._folder = folder
        self._filter = EntryFilter(settings)
        self._defaults = defaults
        self._on_read = on_read
        self._zone = zone
        self._files: list[Mapping[str, Any]] | None = None

    def _items(self) -> list[Mapping[str, Any]]:
        if self._files is None:
            found = sorted(self._walk(self._folder, ""))
            self._files = [self._variables(relative, path) for relative, path in found]
        return self._files

    def _walk(self, folder: Path, relative: str) -> Iterator[tuple[str, Path]]:
        self._on_read(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}".lstrip("/")
                if not self._filter.keeps(folder, path):
                    continue
                if entry.is_dir():
                    yield from self._walk(Path(entry.path), path)
                elif entry.is_file() and not _has_front_matter(Path(entry.path)):
                    yield "/" + path, Path(entry.path)

    def _variables(self, relative: str, path: Path) -> Mapping[str, Any]:
        name = PurePosixPath(relative)
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, self._zone).astimezone(self._zone)
        # the front-matter defaults of the file's path first: Jekyll's own keys win over them
        return {**self._defaults(relative.lstrip("/")), "path": relative, "name": name.name,
                "basename": name.stem, "extname": name.suffix, "modified_time": RubyTime.of(modified),
                "collection": None}

    def __getitem__(self, index):  # type: ignore[override]
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self._items())


def _has_front_matter(path: Path) -> bool:
    """Jekyll's test: the first line is ``---``, maybe with spaces after it."""
    try:
        with path.open("rb") as stream:
            first = stream.readline(1024)
    except OSError:
        return False
    return first.rstrip(b" \t\r\n") == b"---" and first.endswith(b"\n")
