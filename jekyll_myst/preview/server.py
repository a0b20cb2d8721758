"""Serve the output folder, watch the sources, and reload the browser.

Each page served gets a small script that tells the server which page it
shows.  A page reloads as soon as a build has written it again, not when
the whole build ends: the edited post is on screen while Sphinx still
writes the search index and the feeds.  When a new application built the
site (a configuration or template change), every page reloads at the end,
as anything may have changed.  If the server goes away (it restarts after a
code change), the pages reload once it is back.

A reloading page fetches its stylesheets and scripts again, and the server
answers them in the same process as the build, which would go on writing
the search index and pickling the environment meanwhile (at a thousand
posts, up to twice as long from the page's request to its new text).  So each
page says which page it shows once it has loaded, and the build waits, a
second at most, for the pages it told to reload to say so again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import mimetypes
import os
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import watchfiles
from sphinx_autobuild.filter import IgnoreFilter
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from .session import BuildResult, PreviewSession, RestartNeeded

SOCKET_PATH = "/_preview/socket"

#: reloads when the server says the page was written, or comes back after going away
RELOAD_SCRIPT = """
<script>
(() => {
  let path = decodeURIComponent(location.pathname);
  if (path.endsWith("/")) path += "index.html";
  let wasOpen = false;
  function connect() {
    const socket = new WebSocket(`ws://${location.host}SOCKET_PATH`);
    const shown = () => socket.send(JSON.stringify({shows: path}));
    socket.onopen = () => {
      if (wasOpen) location.reload();
      wasOpen = true;
      if (document.readyState === "complete") shown();
      else addEventListener("load", shown, {once: true});
    };
    socket.onmessage = (event) => {
      const written = JSON.parse(event.data).written;
      if (written === "*" || written.includes(path)) location.reload();
    };
    socket.onclose = () => setTimeout(connect, 250);
  }
  connect();
})();
</script>
""".replace("SOCKET_PATH", SOCKET_PATH)


class ReloadScript(JavascriptInjectorMiddleware):
    """sphinx-autobuild's injector, with the script above."""

    def __init__(self, app, **kwargs) -> None:
        super().__init__(app, ws_url="")
        self.script = RELOAD_SCRIPT.encode("utf-8")


class WholeFiles(StaticFiles):
    """The output folder's files, each read whole before it is answered.

    A page reloads while its build goes on, and Sphinx may be rewriting a
    file the page loads (``_static/pygments.css`` is written at every
    build): a length taken from the file before reading it would not match
    what is sent, and the browser drops the response.
    """

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope,
                      status_code: int = 200) -> Response:
        with open(full_path, "rb") as stream:
            content = stream.read()
        media_type = mimetypes.guess_type(str(full_path))[0] or "application/octet-stream"
        if media_type.startswith("text/") or media_type in ("application/javascript", "application/json"):
            media_type += "; charset=utf-8"
        etag = '"' + hashlib.sha1(content, usedforsecurity=False).hexdigest() + '"'
        response = Response(content, status_code=status_code, media_type=media_type,
                            headers={"etag": etag})
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


class Browsers:
    """The pages open in browsers, told which pages were written."""

    #: how long a build waits for the pages it reloads to load
    RELOAD_WAIT = 1.0

    def __init__(self) -> None:
        self._sockets: set[WebSocket] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid = os.getpid()
        # which page each socket's page shows, and the reloads not loaded yet:
        # the event loop and the building thread both read and change them
        self._shows: dict[WebSocket, str] = {}
        self._reloading: Counter[str] | None = None
        self._loaded = threading.Condition()

    def serve_from(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def page_written(self, page: str) -> None:
        """From the building thread: tell the browsers showing ``page``."""
        # no loop yet during the first build; a parallel build's writers are
        # forked processes, whose pages reload when that build ends
        if self._loop is None or os.getpid() != self._pid:
            return
        path = "/" + page
        with self._loaded:
            if self._reloading is not None:
                self._reloading[path] += sum(1 for shown in self._shows.values() if shown == path)
        asyncio.run_coroutine_threadsafe(self.written([path]), self._loop)

    def expect_reloads(self) -> None:
        """Before a build: count the pages told to reload from now on."""
        with self._loaded:
            self._reloading = Counter()

    def wait_for_reloads(self) -> None:
        """From the building thread: until the pages told to reload since
        :meth:`expect_reloads` have loaded again, or :attr:`RELOAD_WAIT` has
        passed.  The pages written later are not waited for."""
        with self._loaded:
            if self._reloading is not None:
                reloading = self._reloading
                self._loaded.wait_for(lambda: reloading.total() == 0, self.RELOAD_WAIT)
            self._reloading = None

    async def endpoint(self, socket: WebSocket) -> None:
        await socket.accept()
        self._sockets.add(socket)
        try:
            while True:
                self._shown(socket, await socket.receive_text())
        except WebSocketDisconnect:
            pass
        finally:
            self._sockets.discard(socket)
            with self._loaded:
                self._shows.pop(socket, None)

    def _shown(self, socket: WebSocket, message: str) -> None:
        try:
            path = json.loads(message)["shows"]
        except (ValueError, TypeError, KeyError):
            return
        if not isinstance(path, str):
            return
        with self._loaded:
            self._shows[socket] = path
            if self._reloading is not None and self._reloading[path] > 0:
                self._reloading[path] -= 1
                self._loaded.notify_all()

    async def written(self, pages: list[str] | str) -> None:
        message = json.dumps({"written": pages})
        for socket in list(self._sockets):
            try:
                await socket.send_text(message)
            except (WebSocketDisconnect, RuntimeError):
                self._sockets.discard(socket)


class Rebuilder:
    """Watches the sources; builds in a thread, one build at a time."""

    def __init__(self, session: PreviewSession, browsers: Browsers, paths: Sequence[Path],
                 ignore: IgnoreFilter, restart: Callable[[str], None]) -> None:
        self.session = session
        self.browsers = browsers
        self.paths = [path.resolve() for path in paths]
        self.ignore = ignore
        self.restart = restart
        self.stop = asyncio.Event()

    async def build(self, changed: Sequence[Path]) -> BuildResult | None:
        self.browsers.expect_reloads()
        try:
            result = await asyncio.to_thread(self.session.build, changed)
        except RestartNeeded as code:
            self.restart(str(code))
            return None
        if result.fresh:
            await self.browsers.written("*")
        return result

    async def watch(self) -> None:
        watched = watchfiles.awatch(*self.paths, watch_filter=lambda _, path: not self.ignore(path),
                                    stop_event=self.stop)
        async for changes in watched:
            changed = changed_paths(changes)
            if not changed:
                continue
            shown = ", ".join(str(path) for path in changed[:5])
            print(f"[preview] changed: {shown}", flush=True)
            result = await self.build(changed)
            if result is not None:
                print(f"[preview] {result.pages} pages written{'' if result.ok else ', with problems'}",
                      flush=True)


def changed_paths(changes: set[tuple[watchfiles.Change, str]]) -> list[Path]:
    """The paths one batch of changes left changed: a file that was added and
    deleted within it, and is not there, is an editor's temporary copy."""
    seen: dict[Path, set[watchfiles.Change]] = {}
    for change, path in changes:
        seen.setdefault(Path(path).resolve(), set()).add(change)
    came_and_went = {watchfiles.Change.added, watchfiles.Change.deleted}
    return sorted(path for path, kinds in seen.items() if not (came_and_went <= kinds and not path.exists()))


def make_app(out_dir: Path, rebuilder: Rebuilder) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        rebuilder.browsers.serve_from(asyncio.get_running_loop())
        task = asyncio.create_task(rebuilder.watch())
        yield
        rebuilder.stop.set()
        await task

    return Starlette(
        routes=[
            WebSocketRoute(SOCKET_PATH, rebuilder.browsers.endpoint),
            Mount("/", app=WholeFiles(directory=out_dir, html=True), name="pages"),
        ],
        middleware=[Middleware(ReloadScript)],
        lifespan=lifespan,
    )
