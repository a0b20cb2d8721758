"""The site as a reader gets it: built, served by nginx with deploy/nginx/, driven in Chromium.

Needs nginx and Chromium (Debian's packages `nginx` and `chromium`) and the
Python package playwright, which drives the system Chromium and never
downloads a browser.  Without them the tests are skipped, with the reason,
except under CI (CI=true), where .ci/run installs them and a missing one
fails.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import missing

BROWSER_TESTS = Path(__file__).parent
PROJECT = BROWSER_TESTS.parent.parent
DEPLOY = PROJECT / "deploy"
SCREENSHOTS = PROJECT / "_build" / "screenshots"

#: the paths and port that deploy/nginx/site.conf is written for (the container's)
CONF_ROOT = "/usr/share/nginx/html"
CONF_CSP = "/etc/nginx/site-csp.conf"
CONF_ACCESS = "/etc/nginx/site-access.conf"
CONF_LISTEN = "listen 80;"

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

#: reports each Content-Security-Policy violation to the test, from every page and frame
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__reportCspViolation([e.violatedDirective, e.blockedURI, e.sourceFile || "",
                               e.lineNumber || 0, (e.sample || "").slice(0, 80)].join(" | "));
});
"""


def find_program(name: str, *fallbacks: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    return next((f for f in fallbacks if os.access(f, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(port: int, path: str, process: subprocess.Popen, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace")
            raise RuntimeError(f"the server exited ({process.returncode}):\n{output}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}{path} in {seconds:.0f} s:\n"
                       f"{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen, group: bool = False) -> None:
    """Stop a server started by these tests (its whole process group with group=True)."""
    if process.poll() is not None:
        return
    kill = (lambda sig: os.killpg(process.pid, sig)) if group else process.send_signal
    kill(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        kill(signal.SIGKILL)
        process.wait(timeout=15)


@pytest.fixture(scope="session")
def nginx_program() -> str:
    nginx = find_program("nginx", "/usr/sbin/nginx")
    if nginx is None:
        missing("nginx is not installed (Debian: apt-get install nginx)")
    return nginx


@pytest.fixture(scope="session")
def chromium_program() -> str:
    chromium = find_program("chromium", "/usr/bin/chromium")
    if chromium is None:
        missing("Chromium is not installed (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("the Python package playwright is not installed (pip install -r requirements.txt)")
    return chromium


@dataclass
class Site:
    """The strict build of the project, served by nginx with the deploy configuration."""

    html: Path
    port: int
    #: a plain static server of the same files: no redirect map, no headers
    plain_port: int
    csp: str
    #: the nginx include with that policy, written by deploy/csp.py
    csp_conf: Path

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def plain_url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.plain_port}{path}"

    def get(self, path: str, headers: dict[str, str] | None = None,
            port: int | None = None) -> tuple[http.client.HTTPResponse, bytes]:
        """One raw HTTP request: no redirect followed, no decoding."""
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=10)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()


def render_site_conf(html: Path, csp_conf: Path, port: int, access_conf: Path) -> str:
    """deploy/nginx/site.conf with this build's paths and port in place of the container's."""
    conf = (DEPLOY / "nginx" / "site.conf").read_text(encoding="utf-8")
    for placeholder in (CONF_ROOT, CONF_CSP, CONF_ACCESS, CONF_LISTEN):
        assert placeholder in conf, f"deploy/nginx/site.conf no longer has {placeholder!r}"
    return (conf.replace(CONF_ROOT, str(html)).replace(CONF_CSP, str(csp_conf))
            .replace(CONF_ACCESS, str(access_conf)).replace(CONF_LISTEN, f"listen 127.0.0.1:{port};"))


def check_nginx(nginx_program: str, prefix: Path, site_conf: str) -> subprocess.CompletedProcess:
    """Write deploy/nginx/nginx.conf around site_conf into prefix, and run nginx -t on it."""
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "site.conf").write_text(site_conf, encoding="utf-8")
    main_conf = (DEPLOY / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    if os.geteuid() == 0:
        # As root, nginx's workers would run as nobody, who cannot read pytest's
        # private temporary folder.
        main_conf = "user root;\n" + main_conf
    (prefix / "nginx.conf").write_text(main_conf, encoding="utf-8")
    return subprocess.run([nginx_program, "-p", f"{prefix}/", "-c", "nginx.conf", "-e", "stderr", "-t"],
                          capture_output=True, text=True)


@contextmanager
def running_nginx(nginx_program: str, prefix: Path, site_conf: str, ports: list[int]) -> Iterator[None]:
    """nginx with deploy/nginx/nginx.conf around site_conf, until the end of the with block."""
    check = check_nginx(nginx_program, prefix, site_conf)
    assert check.returncode == 0, f"nginx rejects the configuration:\n{check.stderr}"
    log = prefix / "nginx.stderr"
    with log.open("wb") as out:
        server = subprocess.Popen([nginx_program, "-p", f"{prefix}/", "-c", "nginx.conf", "-e", "stderr",
                                   "-g", "daemon off;"], stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL)
    try:
        for port in ports:
            wait_for_http(port, "/", server, 20, log)
        yield
    finally:
        stop(server)


@contextmanager
def served_build(nginx_program: str, base: Path, **env: str) -> Iterator[Site]:
    """The strict build of the project (of the Jekyll site ``JEKYLL_SITE`` names, if
    given), served by nginx with the deploy configuration."""
    html = base / "html"
    environment = {k: v for k, v in os.environ.items() if k != "JEKYLL_SITE"} | env
    build = subprocess.run([sys.executable, "-m", "sphinx", "-M", "html", str(PROJECT), str(base), "-W", "-n",
                            "--keep-going", "-q", "-j", "2"], env=environment, capture_output=True, text=True)
    assert build.returncode == 0, f"the strict build failed:\n{build.stdout}\n{build.stderr}"

    prefix = base / "nginx"
    prefix.mkdir()
    csp_conf = prefix / "csp.conf"
    access_conf = prefix / "access.conf"
    shutil.copyfile(DEPLOY / "nginx" / "access" / "public.conf", access_conf)
    subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(html), "--nginx", str(csp_conf)], check=True)
    csp = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(html)],
                         check=True, capture_output=True, text=True).stdout.strip()

    port = plain_port = free_port()
    while plain_port == port:
        plain_port = free_port()
    plain_server = (f"\nserver {{\n    listen 127.0.0.1:{plain_port};\n    root {html};\n"
                    f"    index index.html;\n}}\n")
    site_conf = render_site_conf(html, csp_conf, port, access_conf) + plain_server
    with running_nginx(nginx_program, prefix, site_conf, [port, plain_port]):
        yield Site(html=html, port=port, plain_port=plain_port, csp=csp, csp_conf=csp_conf)


@pytest.fixture(scope="session")
def site(nginx_program, tmp_path_factory) -> Iterator[Site]:
    with served_build(nginx_program, tmp_path_factory.mktemp("served")) as served:
        yield served


@pytest.fixture(scope="session")
def corpus_site(nginx_program, corpus, tmp_path_factory) -> Iterator[Site]:
    """The shared Jekyll blog built in place of the project's posts, with the docs."""
    with served_build(nginx_program, tmp_path_factory.mktemp("corpus"), JEKYLL_SITE=str(corpus)) as served:
        yield served


@dataclass
class Problems:
    """Console errors, uncaught exceptions and CSP violations, from every page of every test."""

    seen: list[str] = field(default_factory=list)
    pages: int = 0


@pytest.fixture(scope="session")
def problems() -> Problems:
    return Problems()


# A module's tests share a browser; it closes with the module.  Playwright writes
# screenshots from threads of its event loop, which live until the loop closes:
# a browser kept for the whole session left them running through the tests
# after, whose Sphinx builds fork (-j 2), and a child forked from a process
# with other threads may deadlock (Python 3.12 and later warn of each fork).
@pytest.fixture(scope="module")
def browser(chromium_program):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_program, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A fresh browser context whose pages report their problems."""

    def __init__(self, browser, problems: Problems, test: str, **options) -> None:
        self.problems = problems
        self.test = test
        #: URLs that the test expects to answer 404 (their console error is expected)
        self.expected_missing: set[str] = set()
        #: console errors the test expects, by a part of their text
        self.expected_errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        self.context.set_default_timeout(15_000)
        self.context.expose_function("__reportCspViolation",
                                     lambda text: self.report(f"CSP violation: {text}"))
        self.context.add_init_script(CSP_LISTENER)
        self.context.on("page", self.watch)

    def report(self, text: str) -> None:
        self.problems.seen.append(f"[{self.test}] {text}")

    def watch(self, page) -> None:
        self.problems.pages += 1

        def console(message) -> None:
            if message.type != "error":
                return
            url = message.location.get("url", "")
            if message.text.startswith("Failed to load resource") and (
                    url in self.expected_missing or url.endswith("/favicon.ico")):
                # The site has no favicon, and browsers ask for /favicon.ico all the
                # same: the deploy configuration answers it (tested apart); the
                # preview server and a plain static server answer 404.
                return
            if any(part in message.text for part in self.expected_errors):
                return
            self.report(f"console error on {page.url}: {message.text} ({url})")

        page.on("console", console)
        page.on("pageerror", lambda error: self.report(f"uncaught exception on {page.url}: {error}"))

    def new_page(self):
        return self.context.new_page()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, problems, request):
    opened: list[Watched] = []

    def open_context(**options) -> Watched:
        context = Watched(browser, problems, request.node.name, **options)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def page(watched):
    return watched().new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
