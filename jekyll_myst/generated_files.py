"""The files a build writes beside Sphinx's pages, each written only when its
content changed, and listed so that the next build can delete what it no
longer makes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


class GeneratedFiles:
    def __init__(self, outdir: Path, manifest: Path) -> None:
        self.outdir = outdir
        self.manifest = manifest
        #: path -> digest of what the last build wrote there
        self.previous: dict[str, str] = json.loads(manifest.read_text()) if manifest.is_file() else {}
        self.current: dict[str, str] = {}

    def write(self, path: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        self.current[path] = digest
        target = self.outdir / path
        if self.previous.get(path) == digest and target.is_file():
            return  # unchanged: an incremental build leaves it, and its date, alone
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def note(self, path: str) -> None:
        """A file written by someone else (Sphinx, for a generated page) that is ours to remove."""
        self.current.setdefault(path, "")

    def stale(self) -> list[str]:
        return sorted(set(self.previous) - set(self.current))

    def save(self) -> None:
        self.manifest.write_text(json.dumps(self.current, indent=0, sort_keys=True) + "\n")
