"""One Sphinx application, kept from one build of the preview to the next.

A document edit is built by the same application: its environment, its
search index and its warm caches stay in memory, so that a build costs what
the edit costs.  Anything else gets a new application, which loads what the
last build saved, as a new ``sphinx-build`` process would.  What is written
is what ``sphinx-build`` writes after the same edits (the preview tests
compare the two).  What Sphinx would carry over from one build to the
next, or do in another order than an edit needs, is dealt with here:

- the doctrees it caches as they were first loaded: a document read again
  is dropped from that cache;
- the search index it loads from disk before each build: the one in memory
  is the same, and is kept instead;
- the order of writing: the documents just read, the edit itself, are
  written first, so that the page being edited shows before the book or
  the archives that also show its title;
- the collector, which would rescan the whole environment during the next
  build: what stays between builds is frozen, as the extension does for the
  environment loaded from disk (``jekyll_myst.gc_tuning``);
- the saving of the environment, which Sphinx does before it writes any
  page (a quarter of a second at a thousand posts): it is saved once the
  edit's own pages are written, and shown (``edits_written``), before the
  others.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import pickle
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import sphinx.builders
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import docutils_namespace, patch_docutils


class RestartNeeded(Exception):
    """Python code changed (``conf.py``, the extension): only a new process runs it."""


@dataclasses.dataclass(frozen=True)
class BuildOptions:
    """What ``sphinx-build`` takes on its command line, as the preview uses it."""

    srcdir: Path
    confdir: Path | None
    outdir: Path
    doctreedir: Path
    builder: str = "html"
    confoverrides: dict[str, Any] = dataclasses.field(default_factory=dict)
    tags: tuple[str, ...] = ()
    jobs: int = 1
    warningiserror: bool = False
    freshenv: bool = False
    verbosity: int = 0
    status: IO[str] | None = None
    warning: IO[str] | None = None


@dataclasses.dataclass(frozen=True)
class BuildResult:
    ok: bool
    #: a new application made this build: any page may have changed
    fresh: bool
    pages: int


class PreviewSession:
    """Builds the site on demand, keeping the application between document edits.

    ``page_written(path)`` is called with each page's path in the output
    folder (``posts/x.html``) as soon as the file is written, in the
    building thread; ``edits_written()`` once the pages of the documents
    just read are written, before anything else is done: the server waits
    there for the browsers to load them, undisturbed by the rest of the
    build.
    """

    def __init__(self, options: BuildOptions, page_written: Callable[[str], None],
                 edits_written: Callable[[], None] = lambda: None) -> None:
        self.options = options
        self._page_written = page_written
        self._edits_written = edits_written
        self._app: Sphinx | None = None
        # docutils' directive and role registries, as this application set them up
        self._registries = contextlib.ExitStack()
        self._kept_index: Any = None
        self._pages = 0
        # -E: the first application starts from an empty environment, the later ones from the last build
        self._freshenv = options.freshenv
        self._saving = _EnvironmentSaving()

    def build(self, changed: Sequence[Path] = ()) -> BuildResult:
        """Build after ``changed`` (nothing: the first build).  Raises
        :class:`RestartNeeded` when Python code changed."""
        code = [path for path in changed if path.suffix == ".py"]
        if code:
            raise RestartNeeded(", ".join(map(str, code)))
        # anything but a document, added, edited or deleted (a template, the site's _config.yml)
        fresh = self._app is None or any(not self._is_document(path) for path in changed)
        self._pages = 0
        try:
            if fresh:
                self._start()
            assert self._app is not None
            with self._saving.deferred(self._app):
                self._app.build()
        except Exception:  # the preview goes on: the next change starts afresh
            traceback.print_exc()
            self.close()
            return BuildResult(ok=False, fresh=fresh, pages=self._pages)
        app = self._app
        self._kept_index = getattr(app.builder, "indexer", None)
        # the first build may read in parallel; an edit reads a document or two,
        # which forking workers would only slow down
        app.parallel = 1
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        return BuildResult(ok=app.statuscode == 0, fresh=fresh, pages=self._pages)

    def close(self) -> None:
        self._app = None
        self._kept_index = None
        self._registries.close()
        gc.unfreeze()

    def _is_document(self, path: Path) -> bool:
        assert self._app is not None
        return self._app.project.path2doc(path) is not None

    def _start(self) -> None:
        self.close()
        options = self.options
        confdir = options.confdir or options.srcdir
        self._registries.enter_context(patch_docutils(confdir))
        self._registries.enter_context(docutils_namespace())
        app = Sphinx(options.srcdir, options.confdir, options.outdir, options.doctreedir, options.builder,
                     confoverrides=dict(options.confoverrides), status=options.status,
                     warning=options.warning, freshenv=self._freshenv,
                     warningiserror=options.warningiserror, tags=list(options.tags),
                     verbosity=options.verbosity, parallel=options.jobs)
        self._freshenv = False
        app.connect("env-purge-doc", _forget_cached_doctree)
        builder = app.builder
        if hasattr(builder, "handle_page"):
            _report_pages(builder, self._page_written, self._count_page)
        if hasattr(builder, "load_indexer"):
            _keep_search_index(builder, lambda: self._kept_index)
        _write_read_documents_first(app, self._edits_shown)
        self._app = app

    def _edits_shown(self) -> None:
        self._edits_written()
        self._saving.save()

    def _count_page(self) -> None:
        self._pages += 1


def _forget_cached_doctree(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    # Sphinx keeps each doctree as first loaded in the process: stale once read again
    env._pickled_doctree_cache.pop(docname, None)


def _report_pages(builder: Any, page_written: Callable[[str], None], count: Callable[[], None]) -> None:
    handle_page = builder.handle_page
    outdir = Path(builder.outdir)

    def handle_and_report(pagename: str, *args: Any, **kwargs: Any) -> None:
        handle_page(pagename, *args, **kwargs)
        outfile = kwargs.get("outfilename") or builder.get_outfilename(pagename)
        count()
        with contextlib.suppress(ValueError):
            page_written(Path(outfile).relative_to(outdir).as_posix())

    builder.handle_page = handle_and_report


def _write_read_documents_first(app: Sphinx, edits_written: Callable[[], None]) -> None:
    read: set[str] = set()
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    app.connect("build-finished", lambda app, exception: read.clear())
    builder = app.builder
    write_documents = builder.write_documents

    def edits_first(docnames: Any) -> None:
        edited = set(docnames) & read
        if edited:
            write_documents(edited)
        edits_written()
        if others := set(docnames) - edited:
            write_documents(others)

    builder.write_documents = edits_first


def _keep_search_index(builder: Any, kept: Callable[[], Any]) -> None:
    # The builder loads searchindex.js before each build, then prunes it to
    # the documents it does not write again: the index in memory after the
    # last build is what that file holds.
    load_indexer = builder.load_indexer

    def reuse_indexer(docnames: Any) -> None:
        indexer = kept()
        if indexer is None:
            load_indexer(docnames)
            return
        builder.indexer = indexer
        indexer.prune(set(builder.env.all_docs) - set(docnames))

    builder.load_indexer = reuse_indexer


class _EnvironmentSaving:
    """Saves the environment after the edit's pages, not before every page.

    Sphinx 9.0's ``Builder.build`` pickles the environment through the
    ``pickle`` its module imported, with no other way in; during a preview
    build that name is this object, which keeps the file to save to and
    passes everything else (the doctrees, a parallel read's copies) to
    ``pickle``.  The file is saved by :meth:`save` once the edited pages are
    written, or when the build ends, however it ends.
    """

    def __init__(self) -> None:
        self._app: Sphinx | None = None
        self._pending: str | None = None

    @contextlib.contextmanager
    def deferred(self, app: Sphinx):
        self._app, self._pending = app, None
        sphinx.builders.pickle = self  # type: ignore[assignment]
        try:
            yield
        finally:
            sphinx.builders.pickle = pickle
            self.save()
            self._app = None

    def save(self) -> None:
        if self._pending is not None and self._app is not None:
            path, self._pending = self._pending, None
            with open(path, "wb") as file:
                pickle.dump(self._app.env, file, pickle.HIGHEST_PROTOCOL)

    def dump(self, obj: Any, file: Any, *args: Any, **kwargs: Any) -> None:
        if self._app is not None and obj is self._app.env:
            self._pending = file.name
        else:
            pickle.dump(obj, file, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(pickle, name)
