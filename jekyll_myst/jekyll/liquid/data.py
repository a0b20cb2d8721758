"""``site.data``: the site's ``_data/`` folder, read as Jekyll reads it.

``_data/members.yml`` is ``site.data.members``, ``_data/team/leads.json``
is ``site.data.team.leads``; YAML, JSON, CSV and TSV files are read (CSV and
TSV as lists of rows keyed by their header).  Files are read when a
template first asks for them, so a post that uses no data reads none, and
each file read is told to ``on_read``: the post depends on it.  A key with
no file, or a look at which keys there are, depends on the folder's list of
files: the folder is told (or, while there is none, the folder it would be
made in).
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import yaml

from ..site import deep_merge

_READERS = {".yml": "yaml", ".yaml": "yaml", ".json": "json", ".csv": ",", ".tsv": "\t"}


class DataFolder(Mapping[str, object]):
    """A folder of data files, as a mapping from file stem (or subfolder) to its data.

    ``under`` gives the data this folder's is laid over: a theme gem's ``_data/``,
    which Jekyll 4.3 reads too, its mappings deep-merged under the site's.  It is
    called when a key is first looked up, so that a site whose templates read no
    data never looks for its theme.
    """

    def __init__(self, folder: Path, shown: str, on_read: Callable[[Path], None],
                 under: Callable[[], DataFolder | None] | None = None) -> None:
        self._folder = folder
        self._shown = shown
        self._on_read = on_read
        self._under_source = under
        self._read: dict[str, object] = {}

    @functools.cached_property
    def _under(self) -> DataFolder | None:
        return self._under_source() if self._under_source else None

    def _listed(self) -> None:
        """What the template saw depends on which files the folder holds."""
        self._on_read(self._folder if self._folder.is_dir() else self._folder.parent)

    def _entries(self) -> dict[str, Path]:
        if not self._folder.is_dir():
            return {}
        entries = {}
        for path in sorted(self._folder.iterdir()):
            if path.is_dir() or path.suffix.lower() in _READERS:
                entries.setdefault(path.stem if path.is_file() else path.name, path)
        return entries

    def __getitem__(self, key: str) -> object:
        if key not in self._read:
            under = self._under.get(key, _MISSING) if self._under is not None else _MISSING
            path = self._entries().get(key) if isinstance(key, str) else None
            if path is None:
                self._listed()
                if under is _MISSING:
                    raise KeyError(key)
                self._read[key] = under
                return under
            shown = f"{self._shown}{path.name}"
            if path.is_dir():
                own: object = DataFolder(path, shown + "/", self._on_read,
                                         (lambda: under) if isinstance(under, DataFolder) else None)
            else:
                self._on_read(path)
                own = _read(path, shown)
            self._read[key] = own if under is _MISSING else _laid_over(under, own)
        return self._read[key]

    def _keys(self) -> list[str]:
        keys = list(self._entries())
        if self._under is not None:
            keys += [key for key in self._under if key not in keys]
        return keys

    def __iter__(self) -> Iterator[str]:
        self._listed()
        return iter(self._keys())

    def __len__(self) -> int:
        self._listed()
        return len(self._keys())


_MISSING = object()


def _laid_over(under: object, own: object) -> object:
    """The site's data over the theme's, as Jekyll's ``deep_merge_hashes``: mappings
    merge, anything else of the site's wins."""
    if isinstance(own, DataFolder) and isinstance(under, DataFolder):
        return own  # already laid over it, key by key
    if isinstance(own, Mapping) and isinstance(under, Mapping):
        return deep_merge(_plain_mapping(under), _plain_mapping(own))
    return own


def _plain_mapping(value: Mapping) -> dict:
    return {key: _plain_mapping(item) if isinstance(item, DataFolder) else item
            for key, item in value.items()}


def _read(path: Path, shown: str) -> object:
    try:
        text = path.read_text(encoding="utf-8")
        kind = _READERS[path.suffix.lower()]
        if kind == "yaml":
            return yaml.safe_load(text)
        if kind == "json":
            return json.loads(text)
        return list(csv.DictReader(io.StringIO(text), delimiter=kind))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        # only ever raised while Liquid renders: python-liquid is imported by then
        from liquid.exceptions import LiquidError

        # a LiquidError is reported at the line of the template that asked for the data
        raise LiquidError(f"the data file {shown} cannot be read: {_first_line(error)}",
                          token=None) from error


def _first_line(error: Exception) -> str:
    return str(error).strip().split("\n")[0]
