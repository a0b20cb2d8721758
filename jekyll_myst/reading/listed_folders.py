"""Posts whose Liquid listed a folder are read again when its names change.

``site.static_files`` shows which files the site's folders hold, and
``site.data`` which data files there are (``site.data | size``, or a key
with no file).  Sphinx takes a folder as a dependency that is missing, and
would read such a post at every build; here the post keeps a digest of the
names of each folder it listed, and is read again when one differs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def names_digest(folder: Path) -> str:
    """A digest of the names the folder holds, or "" when it is no folder."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return ""
    listing = "\0".join(names).encode("utf-8", "surrogateescape")
    return hashlib.sha1(listing, usedforsecurity=False).hexdigest()


def note_listed_folder(env: BuildEnvironment, folder: Path) -> None:
    env.domains["jekyll"].note_listed_folder(env.docname, str(folder), names_digest(folder))


def listed_folders_changed(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                           removed: set[str]) -> list[str]:
    digests: dict[str, str] = {}
    return [doc for doc, folders in env.domains["jekyll"].listed_folders().items()
            if doc not in removed and doc not in changed
            and any(digests.setdefault(folder, names_digest(Path(folder))) != digest
                    for folder, digest in folders.items())]


def setup_listed_folders(app: Sphinx) -> None:
    app.connect("env-get-outdated", listed_folders_changed)
