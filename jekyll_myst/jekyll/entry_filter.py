"""Which files and folders of a site Jekyll reads, as its ``EntryFilter`` decides.

A name starting with ``.``, ``_``, ``#`` or ``~``, or ending with ``~``, is
left out unless the site's ``include`` names it (``.htaccess`` when it has
none); so is a path the site's ``exclude`` matches (a glob, or a leading
part of the path), with Jekyll's default excludes added to the site's.  Symbolic links are never followed:
a post may only reach files inside its site folder.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: Jekyll 4.3's ``DEFAULT_EXCLUDES``, added to a site's ``exclude``
DEFAULT_EXCLUDES = (".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
                    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/")
#: Jekyll's default ``include``
DEFAULT_INCLUDES = (".htaccess",)
_SPECIAL = (".", "_", "#", "~")


class EntryFilter:
    """The site's ``include`` and ``exclude``, for paths relative to the site folder."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        # a site's include replaces Jekyll's; its exclude has Jekyll's added
        self._include = _names(settings.get("include", list(DEFAULT_INCLUDES)))
        excluded = dict.fromkeys(_names(settings.get("exclude")) + DEFAULT_EXCLUDES)
        self._exclude = tuple(name for name in excluded if name not in self._include)

    def keeps(self, folder: Path, relative: str) -> bool:
        """Whether Jekyll reads the entry at ``relative`` (``/``-separated, from the site
        folder), which is in ``folder``."""
        name = relative.rsplit("/", 1)[-1]
        entry = folder / name
        if name.endswith(".") or entry.is_symlink():
            return False
        is_folder = entry.is_dir()
        included = _matches(self._include, relative, is_folder) or _matches(self._include, name, is_folder)
        if _matches(self._exclude, relative, is_folder) and not included:
            return False
        return included or not (name.startswith(_SPECIAL) or name.endswith("~"))


def _names(value: object) -> tuple[str, ...]:
    return tuple(str(name) for name in value) if isinstance(value, list) else ()


def _matches(patterns: tuple[str, ...], relative: str, is_folder: bool) -> bool:
    # as Ruby's File.fnmatch? without flags, where * also matches a /, then a leading part
    # of the path, then a folder named with its trailing /
    return any(fnmatch.fnmatchcase(relative, pattern) or relative.startswith(pattern)
               or (is_folder and pattern == relative + "/") for pattern in patterns)
