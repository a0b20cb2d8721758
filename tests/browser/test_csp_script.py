"""deploy/csp.py on a small made-up site (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys

from .conftest import DEPLOY

PAGE = """<!doctype html><html><head>
<style>body { color: red; }</style>
<script>var theme = "auto";</script>
<script type="application/ld+json">{"@type": "BlogPosting"}</script>
<script src="_static/own.js"></script>
<script async src="//widgets.example.net/w.js"></script>
</head><body>
<svg style="display: none;"></svg>
<p style="a &amp; b">x</p>
<img src="https://images.example.com/a.png" srcset="https://cdn.example.org/a.png 2x">
<iframe src="https://video.example.com/embed/1"></iframe>
<video poster="p.png"><source src="https://media.example.com/v.mp4"></video>
<code>&lt;script&gt;not code&lt;/script&gt;</code>
</body></html>
"""


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_policy_allows_exactly_what_the_pages_inline_and_load(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".doctrees").mkdir()
    (tmp_path / ".doctrees" / "ignored.html").write_text("<script>ignored()</script>", encoding="utf-8")
    out = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(tmp_path)],
                         capture_output=True, text=True, check=True)
    policy = directives(out.stdout.strip())
    assert policy["default-src"] == ["'self'"]
    # //widgets.example.net: the page's own scheme, as the URL has
    assert policy["script-src"] == ["'self'", "widgets.example.net", digest('var theme = "auto";')]
    assert policy["style-src"] == ["'self'", digest("body { color: red; }")]
    attributes = sorted([digest("display: none;"), digest("a & b")])  # as decoded by the browser
    assert policy["style-src-attr"] == ["'unsafe-hashes'", *attributes]
    assert policy["img-src"] == ["'self'", "data:", "https://cdn.example.org", "https://images.example.com"]
    assert policy["frame-src"] == ["'self'", "https://video.example.com"]
    assert policy["media-src"] == ["'self'", "https://media.example.com"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in out.stdout and "'unsafe-eval'" not in out.stdout
    assert "widgets.example.net" in out.stderr  # other sites are named


def test_a_gist_gets_the_stylesheet_its_script_writes(tmp_path):
    (tmp_path / "post.html").write_text(
        '<script src="https://gist.github.com/parkr/c08ee0f2726fd0e3909d.js"> </script>', encoding="utf-8")
    (tmp_path / "other.html").write_text("<p>no gist</p>", encoding="utf-8")
    out = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(tmp_path)],
                         capture_output=True, text=True, check=True)
    policy = directives(out.stdout.strip())
    assert policy["script-src"] == ["'self'", "https://gist.github.com"]
    assert policy["style-src"] == ["'self'", "https://github.githubassets.com"]


def test_nginx_include(tmp_path):
    (tmp_path / "index.html").write_text("<p>no inline code</p>", encoding="utf-8")
    conf = tmp_path / "conf" / "csp.conf"
    subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(tmp_path), "--nginx", str(conf)], check=True)
    line = conf.read_text().splitlines()[-1]
    assert line.startswith('add_header Content-Security-Policy "default-src \'self\'; script-src \'self\';')
    assert line.endswith('" always;')
    assert "style-src-attr 'none'" in line


def test_no_pages_is_an_error(tmp_path):
    result = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "build the site first" in result.stderr
