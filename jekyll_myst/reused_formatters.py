"""Code blocks are highlighted with one Pygments formatter per set of options.

Sphinx makes a new ``HtmlFormatter`` for every code block it highlights, and
each one builds its whole table of token styles first: at three hundred
posts, about 880 blocks, that was a fourteenth of the time spent writing
pages, two thirds of what the highlighting itself took.  A formatter keeps
nothing from one block to the next but that table and the tags it has
already opened for each token type, so the pages are the same byte for
byte when blocks with the same options share one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx


class ReusedFormatters:
    """Stands in for a ``PygmentsBridge``'s ``get_formatter``."""

    def __init__(self, make: Callable[..., Any]) -> None:
        self._make = make
        self._made: dict[str, Any] = {}

    def __call__(self, **options: Any) -> Any:
        # options may hold lists (``hl_lines``), so they are keyed by their repr
        key = repr(sorted(options.items()))
        formatter = self._made.get(key)
        if formatter is None:
            formatter = self._made[key] = self._make(**options)
        return formatter


def setup_reused_formatters(app: Sphinx) -> None:
    def builder_inited(app: Sphinx) -> None:
        for name in ("highlighter", "dark_highlighter"):
            bridge = getattr(app.builder, name, None)
            if bridge is not None and getattr(bridge, "dest", None) == "html":
                bridge.get_formatter = ReusedFormatters(bridge.get_formatter)

    app.connect("builder-inited", builder_inited)
