"""Where the blog keeps what a build needs from the last one into the same
output folder: beside the doctrees, one folder per builder, never in the
published folder.

``sphinx-build -M`` shares one doctree folder between builders (``html``,
``dirhtml``, ``epub``...), each writing to its own output folder, so what a
builder wrote is kept under its name.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def state_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir, "jekyll-myst", app.builder.name)
