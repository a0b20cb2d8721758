"""The files a build writes beside Sphinx's pages, each written only when its
content changed, and listed so that the next build can delete what it no
longer makes.

A group of files made from one set of inputs (every redirect page, a feed)
is not made again when those inputs are what they were: an incremental
build after a body edit then costs a digest, not a thousand pages.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


class GeneratedFiles:
    def __init__(self, outdir: Path, manifest: Path, *, reuse: bool = True) -> None:
        self.outdir = outdir
        self.manifest = manifest
        saved = self._load(manifest)
        if not reuse:  # a build from scratch makes every group again
            saved.pop("groups", None)
        #: path -> digest of what the last build wrote there
        self.previous: dict[str, str] = saved.get("files", {})
        #: group -> {"inputs": digest of its inputs, "files": its paths}, as last built
        self.previous_groups: dict[str, dict] = saved.get("groups", {})
        self.current: dict[str, str] = {}
        self.groups: dict[str, dict] = {}

    @staticmethod
    def _load(manifest: Path) -> dict:
        try:
            saved = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # none yet, or unreadable: everything is written again
        if not isinstance(saved, dict):
            return {}
        if isinstance(saved.get("files"), dict):
            return saved
        # the earlier manifest, files only: still lists what to delete
        return {"files": {path: digest for path, digest in saved.items() if isinstance(digest, str)}}

    def reuse(self, group: str, inputs: object) -> bool:
        """Whether the files of ``group`` were made from these same ``inputs`` and are all
        still there; they are then kept as they are.  Otherwise the group starts
        anew and its files are written with ``write(..., group=group)``.

        ``inputs`` must hold everything the files are made from, in a stable
        order: its ``repr`` is what is compared.
        """
        key = digest(repr(inputs).encode("utf-8"))
        old = self.previous_groups.get(group)
        if (old is not None and old.get("inputs") == key
                and all(path in self.previous and (self.outdir / path).is_file() for path in old["files"])):
            self.groups[group] = old
            self.current.update((path, self.previous[path]) for path in old["files"])
            return True
        self.groups[group] = {"inputs": key, "files": []}
        return False

    def write(self, path: str, content: str | bytes, group: str | None = None) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        written = digest(data)
        self.current[path] = written
        if group is not None:
            self.groups[group]["files"].append(path)
        target = self.outdir / path
        if self.previous.get(path) == written and target.is_file():
            return  # unchanged: an incremental build leaves it, and its date, alone
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def note(self, path: str) -> None:
        """A file written by someone else (Sphinx, for a generated page) that is ours to remove."""
        self.current.setdefault(path, "")

    def stale(self) -> list[str]:
        return sorted(set(self.previous) - set(self.current))

    def save(self) -> None:
        manifest = {"files": self.current, "groups": self.groups}
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        self.manifest.write_text(json.dumps(manifest, indent=0, sort_keys=True) + "\n", encoding="utf-8")
