"""The extension's stylesheets, which its HTML needs wherever the site is built.

``jekyll-theme-classes.css``: a post keeps the classes its attribute lists set
(``{: .prompt-warning}``), but the theme that styled them stays behind with
Jekyll; this brings styles of its own for the common ones (see the file).

``numbered-code.css``: the column of line numbers the translator writes into a
numbered code block (:func:`~.translator.numbered_lines`).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .translator import NUMBERED_CODE_STYLESHEET

STATIC = Path(__file__).with_name("static")
THEME_CLASSES_STYLESHEET = "jekyll-theme-classes.css"


def _add_static_folder(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup_stylesheets(app: Sphinx) -> None:
    # before the project's own stylesheets (html_css_files, priority 800), which may restyle
    for stylesheet in (THEME_CLASSES_STYLESHEET, NUMBERED_CODE_STYLESHEET):
        app.add_css_file(stylesheet)
    app.connect("builder-inited", _add_static_folder)
