"""``python -m jekyll_myst.preview``: what ``make livehtml`` runs.

Takes ``sphinx-build``'s arguments, and sphinx-autobuild's ``--host``,
``--port``, ``--watch``, ``--ignore`` and ``--re-ignore``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import uvicorn
from sphinx.cmd.build import _parse_confoverrides, get_parser
from sphinx_autobuild.filter import IgnoreFilter

from .server import Browsers, Rebuilder, make_app
from .session import BuildOptions, PreviewSession

#: never worth a build: tools' and editors' own folders
IGNORED = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", ".mypy_cache", ".pytest_cache",
           ".ruff_cache", "__pycache__")


def parse(argv: list[str]) -> tuple[argparse.Namespace, BuildOptions]:
    parser = argparse.ArgumentParser(prog="python -m jekyll_myst.preview", allow_abbrev=False,
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--watch", action="append", default=[], metavar="DIR",
                        help="a folder to watch besides the source folder")
    parser.add_argument("--ignore", action="append", default=[], metavar="GLOB")
    parser.add_argument("--re-ignore", action="append", default=[], metavar="REGEX")
    ours, rest = parser.parse_known_args(argv)
    sphinx_parser = get_parser()
    sphinx = sphinx_parser.parse_args(rest)
    # -D, -A and -n read as sphinx-build reads them (-A numbers become ints)
    overrides = _parse_confoverrides(sphinx_parser, sphinx.define, sphinx.htmldefine, sphinx.nitpicky)
    srcdir = Path(sphinx.sourcedir).resolve()
    outdir = Path(sphinx.outputdir).resolve()
    options = BuildOptions(
        srcdir=srcdir,
        confdir=None if sphinx.noconfig else Path(sphinx.confdir or srcdir).resolve(),
        outdir=outdir,
        doctreedir=Path(sphinx.doctreedir).resolve() if sphinx.doctreedir else outdir / ".doctrees",
        builder=sphinx.builder,
        confoverrides=overrides,
        tags=tuple(sphinx.tags),
        jobs=sphinx.jobs,
        warningiserror=sphinx.warningiserror,
        freshenv=sphinx.freshenv,
        verbosity=sphinx.verbosity,
        status=None if sphinx.quiet or sphinx.really_quiet else sys.stdout,
        warning=None if sphinx.really_quiet else sys.stderr,
    )
    return ours, options


def main(argv: list[str]) -> int:
    args, options = parse(argv)
    # The server answers the reloading page while the build thread finishes
    # the search index and the feeds: it gets the interpreter every
    # millisecond, not every five.
    sys.setswitchinterval(0.001)

    def restart(reason: str) -> None:
        print(f"[preview] Python code changed ({reason}): restarting", flush=True)
        os.execv(sys.executable, [sys.executable, "-m", "jekyll_myst.preview", *argv])

    browsers = Browsers()
    session = PreviewSession(options, browsers.page_written, browsers.wait_for_reloads)
    # a restarted preview builds what changed since the last build, with the new code
    options.outdir.mkdir(parents=True, exist_ok=True)
    session.build()
    ignore = IgnoreFilter([*(options.srcdir / name for name in IGNORED), options.outdir, options.doctreedir,
                           *args.ignore], args.re_ignore)
    rebuilder = Rebuilder(session, browsers, [options.srcdir, *map(Path, args.watch)], ignore, restart)
    print(f"[preview] serving {options.outdir} on http://{args.host}:{args.port}/", flush=True)
    uvicorn.run(make_app(options.outdir, rebuilder), host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
