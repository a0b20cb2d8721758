"""The copy of a post's source beside its page (``_sources/posts/<name>.md.txt``).

Sphinx names that copy, and the page's link to it (furo's "view this
page"), by cutting the document's name off the front of its path relative
to the source folder.  A post or a bio is read in place, where Jekyll keeps
it, so its relative path is not that: the copy took its name from whatever
characters followed, which changed with the length of the checkout's path.
The path stays what it is (Sphinx finds a post's images from it); only
the name of the copy is set here, before the page is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..reading.project import BlogProject


def name_copied_source(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                       doctree: Any) -> None:
    project = app.env.project
    if not context.get("sourcename") or not isinstance(project, BlogProject):
        return
    if not (project.is_post(pagename) or project.is_bio(pagename)):
        return
    suffix = Path(app.env.doc2path(pagename)).suffix
    link_suffix = app.config.html_sourcelink_suffix
    context["page_source_suffix"] = suffix
    context["sourcename"] = pagename + suffix + ("" if suffix == link_suffix else link_suffix)


def setup_sources(app: Sphinx) -> None:
    app.connect("html-page-context", name_copied_source)
