"""The site behind a login, with deploy/nginx/access/: HTTP basic authentication and oauth2-proxy.

Each variant is the same site.conf with another access snippet, served by its
own nginx; the open site (the `site` fixture) is the reference that a reader
who signed in must get, answer for answer.  oauth2-proxy is played by a small
HTTP server in the test, which signs in whoever follows its redirects.
"""

from __future__ import annotations

import base64
import http.client
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import DEPLOY, check_nginx, find_program, free_port, missing, render_site_conf, running_nginx
from .test_served_site import AUTHOR, LONG_CACHE, OLD_QNA, QNA, QNA_TITLE, expect, static_url

ACCESS = DEPLOY / "nginx" / "access"
#: what the snippets are written for: the container's password file, oauth2-proxy's default address
CONF_HTPASSWD = "/etc/nginx/site.htpasswd"
CONF_OAUTH2_PROXY = "127.0.0.1:4180"

IMAGE = "/_images/diagram.png"
USERS = {"reader": "correct horse battery", "writer": "staple: a password"}
SESSION = "_oauth2_proxy"


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def comparable(self) -> tuple:
        """Everything but the date."""
        return self.status, sorted((k.lower(), v) for k, v in self.headers if k.lower() != "date"), self.body


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> Answer:
    """One raw GET: no redirect followed, no decoding."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@dataclass
class StandIn:
    """oauth2-proxy as nginx sees it: /oauth2/auth, /oauth2/sign_in and the identity provider's callback."""

    port: int = 0
    #: the path and headers of each /oauth2/auth subrequest
    checks: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def stand_in_handler(state: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def answer(self, status: int, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            cookie = re.search(rf"(?:^|;\s*){SESSION}=(\w+)", self.headers.get("Cookie", ""))
            if url.path == "/oauth2/auth":
                state.checks.append((self.path, dict(self.headers.items())))
                if cookie is None:
                    return self.answer(401, {})
                who = {"X-Auth-Request-User": "reader", "X-Auth-Request-Email": "reader@example.com"}
                if cookie.group(1) == "stale":
                    # --cookie-refresh: the session goes on with a new cookie
                    who["Set-Cookie"] = f"{SESSION}=fresh; Path=/; HttpOnly"
                return self.answer(202, who)
            if url.path == "/oauth2/sign_in":
                # --skip-provider-button: straight on to the identity provider, which
                # signs the reader in and calls back
                rd = query.get("rd", ["/"])[0]
                return self.answer(302, {"Location": "/oauth2/callback?" + f"rd={rd}"})
            if url.path == "/oauth2/callback":
                rd = query.get("rd", ["/"])[0]
                if not rd.startswith("/") or rd.startswith("//"):
                    # oauth2-proxy sends no one to another site
                    return self.answer(403, {})
                return self.answer(302, {"Location": rd, "Set-Cookie": f"{SESSION}=fresh; Path=/; HttpOnly"})
            return self.answer(404, {})

    return Handler


@dataclass
class Protected:
    html: Path
    basic_port: int
    sso_port: int
    stand_in: StandIn

    def sso_url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.sso_port}{path}"


def htpasswd_line(openssl: str, user: str, password: str, scheme: str) -> str:
    hashed = subprocess.run([openssl, "passwd", f"-{scheme}", "-stdin"], input=password,
                            check=True, capture_output=True, text=True).stdout.strip()
    return f"{user}:{hashed}\n"


def access_snippet(name: str, placeholder: str, value: str) -> str:
    text = (ACCESS / name).read_text(encoding="utf-8")
    assert placeholder in text, f"deploy/nginx/access/{name} no longer has {placeholder!r}"
    return text.replace(placeholder, value)


@pytest.fixture(scope="module")
def protected(site, nginx_program, tmp_path_factory) -> Iterator[Protected]:
    openssl = find_program("openssl", "/usr/bin/openssl")
    if openssl is None:
        missing("openssl is not installed (Debian: apt-get install openssl); it writes the password file")
    base = tmp_path_factory.mktemp("protected")
    # The same build, file times kept (they make the ETag), and an image, which
    # the project's own pages do not have.
    html = base / "html"
    shutil.copytree(site.html, html)
    (html / IMAGE.lstrip("/")).parent.mkdir()
    shutil.copy2(html / "_static" / "file.png", html / IMAGE.lstrip("/"))

    # the two formats that the guide gives: SHA-512 crypt and Apache's MD5
    htpasswd = base / "site.htpasswd"
    htpasswd.write_text(htpasswd_line(openssl, "reader", USERS["reader"], "6")
                        + htpasswd_line(openssl, "writer", USERS["writer"], "apr1"), encoding="utf-8")
    assert "reader:$6$" in htpasswd.read_text() and "writer:$apr1$" in htpasswd.read_text()

    state = StandIn()
    stand_in = ThreadingHTTPServer(("127.0.0.1", 0), stand_in_handler(state))
    state.port = stand_in.server_address[1]
    threading.Thread(target=stand_in.serve_forever, daemon=True).start()

    basic_port = free_port()
    sso_port = free_port()
    while sso_port == basic_port:
        sso_port = free_port()
    variants = [
        ("basic", basic_port, access_snippet("basic-auth.conf", CONF_HTPASSWD, str(htpasswd))),
        ("sso", sso_port, access_snippet("oauth2-proxy.conf", CONF_OAUTH2_PROXY, f"127.0.0.1:{state.port}")),
    ]
    with ExitStack() as stack:
        stack.callback(stand_in.server_close)
        stack.callback(stand_in.shutdown)
        # one nginx each: both include site.conf, whose maps an http context holds once
        for name, port, access in variants:
            prefix = base / name
            prefix.mkdir()
            (prefix / "access.conf").write_text(access, encoding="utf-8")
            site_conf = render_site_conf(html, site.csp_conf, port, prefix / "access.conf")
            stack.enter_context(running_nginx(nginx_program, prefix, site_conf, [port]))
        yield Protected(html=html, basic_port=basic_port, sso_port=sso_port, stand_in=state)


def every_path(html: Path, site) -> list[str]:
    """Every file of the build, and the paths that nginx answers without a file."""
    files = sorted("/" + p.relative_to(html).as_posix() for p in html.rglob("*") if p.is_file())
    assert {"/index.html", "/404.html", "/feed.xml", "/sitemap.xml", "/searchindex.js", IMAGE,
            "/redirects.nginx.map", "/.buildinfo"} <= set(files)
    versioned = static_url(site, html, r"\.\./_static/styles/furo\.css\?v=\w+")
    return files + ["/", "/docs/", OLD_QNA, OLD_QNA + "?from=feed", "/authors/sanyia-saidova/",
                    "/no/such/page.html", "/no/such/folder/", "/favicon.ico", versioned]


#: what a reader who signed in gets the same as without a login
SAME_AS_OPEN = [
    "/", QNA, OLD_QNA, OLD_QNA + "?utm_source=feed", "/authors/sanyia-saidova/", "/docs/",
    "/no/such/page.html", "/404.html", "/feed.xml", "/authors/sanyia-saidova/feed.xml", "/sitemap.xml",
    "/searchindex.js", "/_static/searchtools.js", "/_static/styles/furo.css", "/.buildinfo",
    "/redirects.nginx.map", "/favicon.ico", "/_static/no-such.css?v=1",
]


def same_as_open(site, port: int, login: dict[str, str]) -> None:
    versioned = static_url(site, site.html, r"\.\./_static/styles/furo\.css\?v=\w+")
    etag = fetch(site.port, versioned).header("ETag")
    for path in [*SAME_AS_OPEN, versioned]:
        variants = [{}, {"Accept-Encoding": "gzip"}]
        if path == versioned:
            variants += [{"If-None-Match": etag}, {"Range": "bytes=0-99"}]
        for extra in variants:
            behind = fetch(port, path, {**login, **extra})
            open_ = fetch(site.port, path, extra)
            assert behind.comparable() == open_.comparable(), (path, extra)
    # the cache times of the open site, for the file and its revalidation, not for an error
    for extra, status in (({}, 200), ({"If-None-Match": etag}, 304), ({"Range": "bytes=0-99"}, 206)):
        answer = fetch(port, versioned, {**login, **extra})
        assert (answer.status, answer.header("Cache-Control")) == (status, LONG_CACHE)
    answer = fetch(port, "/_static/no-such.css?v=1", login)
    assert (answer.status, answer.header("Cache-Control")) == (404, "no-cache")


def assert_no_site_content(answer: Answer, html: Path, path: str, csp: str) -> None:
    """The answer to a reader without a login tells nothing of the site, with the site's headers."""
    assert answer.header("Cache-Control") == "no-cache", path
    assert answer.header("Content-Security-Policy") == csp, path
    assert answer.header("X-Frame-Options") == "DENY", path
    body = answer.body.decode(errors="replace")
    for leak in ("Page not found", "Engineering", "Index of", "<a ", "<script", "<link"):
        assert leak not in body, f"{path}: the answer without a login has {leak!r}:\n{body}"
    target = html / path.split("?")[0].lstrip("/")
    if target.is_file() and target.stat().st_size > 0:
        assert target.read_bytes() not in answer.body, path
    assert answer.header("Last-Modified") is None and answer.header("ETag") is None, path


# the configuration

@pytest.mark.parametrize("snippet", sorted(p.name for p in ACCESS.glob("*.conf")))
def test_every_access_snippet_is_a_valid_configuration(site, nginx_program, tmp_path, snippet):
    # as shipped: the container's password file and oauth2-proxy's address, which
    # nginx -t does not open
    site_conf = render_site_conf(site.html, site.csp_conf, free_port(), ACCESS / snippet)
    check = check_nginx(nginx_program, tmp_path / "nginx", site_conf)
    assert check.returncode == 0, f"nginx rejects site.conf with access/{snippet}:\n{check.stderr}"
    assert "test is successful" in check.stderr


# HTTP basic authentication

def test_basic_auth_answers_nothing_without_a_valid_login(site, protected):
    wrong = [{}, basic("reader", "wrong"), basic("reader", USERS["writer"]), basic("nobody", USERS["reader"]),
             {"Authorization": "Bearer " + USERS["reader"]}]
    bodies = set()
    for path in every_path(protected.html, site):
        for headers in wrong:
            answer = fetch(protected.basic_port, path, headers)
            assert answer.status == 401, f"{path} with {headers}: {answer.status}"
            assert answer.header("WWW-Authenticate") == 'Basic realm="Engineering"', path
            assert_no_site_content(answer, protected.html, path, site.csp)
            bodies.add(answer.body)
    # nginx's own short page, the same for every path
    assert len(bodies) == 1, bodies
    assert b"401 Authorization Required" in bodies.pop()


def test_basic_auth_answers_a_login_as_the_open_site_does(site, protected):
    for user, password in USERS.items():
        answer = fetch(protected.basic_port, QNA, basic(user, password))
        assert answer.status == 200, user
        assert QNA_TITLE.replace("&", "&amp;").replace("@", "&#64;").encode() in answer.body
    reader = basic("reader", USERS["reader"])
    same_as_open(site, protected.basic_port, reader)
    # the answers that the guide promises, behind the login too
    assert fetch(protected.basic_port, OLD_QNA, reader).header("Location") == QNA
    assert fetch(protected.basic_port, "/authors/sanyia-saidova/", reader).header("Location") == AUTHOR
    missing_page = fetch(protected.basic_port, "/no/such/page.html", reader)
    assert missing_page.status == 404 and b"Page not found" in missing_page.body
    image = fetch(protected.basic_port, IMAGE, reader)
    assert (image.status, image.header("Content-Type"), image.header("Cache-Control")) == \
        (200, "image/png", "no-cache")
    assert image.body == (protected.html / IMAGE.lstrip("/")).read_bytes()


# Single sign-on through oauth2-proxy (auth_request)

def unpublished(path: str) -> bool:
    return "/." in path or path == "/redirects.nginx.map"


def test_sso_sends_a_reader_without_a_session_to_sign_in(site, protected):
    for path in every_path(protected.html, site):
        for headers in ({}, {"Cookie": "other=1"}, {"Cookie": f"not{SESSION}=fresh"}):
            answer = fetch(protected.sso_port, path, headers)
            # the build's own files: nothing to sign in for (see site.conf), and
            # nothing either in nginx's short 401 page
            expected = (401, None) if unpublished(path) else (302, f"/oauth2/sign_in?rd={path}")
            assert (answer.status, answer.header("Location")) == expected, \
                f"{path} with {headers}: {answer.status} {answer.header('Location')}"
            assert_no_site_content(answer, protected.html, path, site.csp)
            # what oauth2-proxy is told, in the subrequest: the page asked for, the
            # cookies, and no body
            check_path, check_headers = protected.stand_in.checks[-1]
            assert check_path == "/oauth2/auth"
            assert check_headers["X-Forwarded-Uri"] == path
            # the site's host name, not the stand-in's address that proxy_pass would send
            assert check_headers["Host"] == "127.0.0.1"
            assert check_headers.get("Cookie") == headers.get("Cookie")
            assert "Content-Length" not in check_headers
    # the check is for nginx only
    answer = fetch(protected.sso_port, "/oauth2/auth", {"Cookie": f"{SESSION}=fresh"})
    assert answer.status == 404


def test_sso_answers_a_session_as_the_open_site_does(site, protected):
    session = {"Cookie": f"{SESSION}=fresh"}
    same_as_open(site, protected.sso_port, session)
    fetch(protected.sso_port, QNA + "?q=1", session)
    assert protected.stand_in.checks[-1][1]["X-Forwarded-Uri"] == QNA + "?q=1"
    image = fetch(protected.sso_port, IMAGE, session)
    assert image.status == 200 and image.body == (protected.html / IMAGE.lstrip("/")).read_bytes()
    # a session cookie that oauth2-proxy renewed reaches the browser
    renewed = fetch(protected.sso_port, QNA, {"Cookie": f"{SESSION}=stale"})
    assert renewed.status == 200
    assert renewed.header("Set-Cookie") == f"{SESSION}=fresh; Path=/; HttpOnly"


def test_sso_sign_in_brings_the_reader_back_to_the_page(protected, watched):
    page = watched().new_page()
    response = page.goto(protected.sso_url(QNA))
    assert response.status == 200
    expect(page).to_have_url(protected.sso_url(QNA))
    expect(page.locator("article h1")).to_contain_text(QNA_TITLE)
    chain = []
    request = response.request.redirected_from
    while request is not None:
        chain.insert(0, urlsplit(request.url).path)
        request = request.redirected_from
    assert chain == [QNA, "/oauth2/sign_in", "/oauth2/callback"], chain
    assert [c["value"] for c in page.context.cookies() if c["name"] == SESSION] == ["fresh"]
    # signed in, an old URL is the same 301 as without a login
    page.goto(protected.sso_url(OLD_QNA))
    expect(page).to_have_url(protected.sso_url(QNA))
