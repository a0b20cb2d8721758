"""Files the blog writes beside Sphinx's pages, and what goes when it goes.

Feeds, redirect pages, the redirect map and the sitemap are brought up to
date after every build: each group of them is made again only when what it
is made from changed.  A manifest of them lets the next build delete those
no longer made (a deleted post's redirect page); the page of a deleted
document is deleted too, so that the web server answers 404 for it, as
Jekyll's would.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..reporting import report
from .build_state import builds_site, state_dir
from .feeds import write_feeds
from .generated_files import GeneratedFiles
from .redirects import write_redirects
from .sitemap import write_sitemap

MANIFEST = "files.json"
#: where earlier versions kept the manifest and the marker: in the published folder
_LEGACY = (".jekyll-myst-files.json", ".jekyll-myst-writing")
#: present while pages are being written: a build that leaves it was stopped
WRITING = "writing"


def stopped_while_writing(app: Sphinx) -> bool:
    """Whether the last HTML build into this folder stopped while writing pages.

    Its environment was saved before writing began, so this build would not
    know which pages it missed: every page is written again.
    """
    return builds_site(app.builder) and Path(state_dir(app), WRITING).is_file()


def note_writing(app: Sphinx, builder) -> None:
    if builds_site(builder):
        state_dir(app).mkdir(parents=True, exist_ok=True)
        Path(state_dir(app), WRITING).touch()


def write_blog_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not builds_site(app.builder):
        return
    files = GeneratedFiles(Path(app.outdir), Path(state_dir(app), MANIFEST), reuse=not app.fresh_env_used)
    write_feeds(app, files)
    write_redirects(app, files)
    write_sitemap(app, files)
    for page in app.env.domains["jekyll"].generated_pages("archives"):
        files.note(app.builder.get_target_uri(page))
    for stale in [*files.stale(), *_LEGACY]:
        _remove(Path(app.outdir, stale))
    files.save()


def note_written(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and builds_site(app.builder):
        Path(state_dir(app), WRITING).unlink(missing_ok=True)


def remove_deleted_pages(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                         removed: set[str]) -> list[str]:
    if builds_site(app.builder):
        for docname in removed:
            _remove(Path(app.builder.get_outfilename(docname)))
            for source in Path(app.outdir, "_sources").glob(f"{docname}.*"):
                _remove(source)
    return []


def _remove(path: Path) -> None:
    if path.is_file():
        path.unlink()
        report("output", "removed %s: its source is gone", path)


def setup_writing(app: Sphinx) -> None:
    app.connect("write-started", note_writing)
    app.connect("env-get-outdated", remove_deleted_pages)
    app.connect("build-finished", write_blog_files)
    # once every page is written: a parallel build's main process may still be
    # writing archive pages at build-finished (forked_pages, priority 900)
    app.connect("build-finished", note_written, priority=950)
