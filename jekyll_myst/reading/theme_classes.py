"""The stylesheet for the classes Jekyll themes give a meaning to.

A post keeps the classes its attribute lists set (``{: .prompt-warning}``),
but the theme that styled them stays behind with Jekyll; the extension brings
a stylesheet of its own for the common ones (see the file).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).with_name("static")
STYLESHEET = "jekyll-theme-classes.css"


def _add_static_folder(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup_theme_classes(app: Sphinx) -> None:
    # before the project's own stylesheets (html_css_files, priority 800), which may restyle
    app.add_css_file(STYLESHEET)
    app.connect("builder-inited", _add_static_folder)
