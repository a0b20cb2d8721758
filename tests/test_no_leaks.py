"""Markup and script in front-matter values are escaped wherever they show:
post page, lists, archives, author pages, meta tags, feeds, sitemap,
redirect pages, search index."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import make_blog
from sphinx.testing.util import SphinxTestApp

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
POST = f"""---
title: 'Title {PAYLOAD}'
authors: ['Mallory {PAYLOAD}']
excerpt: 'Excerpt {PAYLOAD}'
tags: ['tag{PAYLOAD}']
categories: ['cat{PAYLOAD}']
---

Body text.
"""
BIO = f"""---
name: 'Mallory {PAYLOAD}'
jobtitle: 'Job {PAYLOAD}'
---

Bio text.
"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The test blog with markup and script planted in front-matter values."""
    src = make_blog(tmp_path_factory.mktemp("planted") / "src",
                    files={"posts/2022-06-06-planted.md": POST, "posts/_authors/mallory.md": BIO})
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    yield app
    app.cleanup()


def test_planted_markup_is_escaped_in_every_output(planted):
    app = planted
    outputs = [p for p in app.outdir.rglob("*") if p.is_file() and ".doctrees" not in p.parts
               and "_sources" not in p.parts and p.suffix in (".html", ".xml", ".js", ".map")]
    checked = set()
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        if path.name != "searchindex.js":  # data, not markup: checked below
            assert "<script>" not in text.replace("<script>document.", "") and "<img src=x" not in text, path
        if "alert" in text:
            checked.add(path.relative_to(app.outdir).as_posix())
    # the planted values did reach all these places, escaped
    assert {"posts/2022-06-06-planted.html", "index.html", "authors/mallory.html", "feed.xml",
            "authors/mallory/feed.xml", "archive/2022.html", "searchindex.js"} <= checked
    assert any(name.startswith("tags/") for name in checked)
    assert any(name.startswith("categories/") for name in checked)
    # the search index keeps the title as data: Sphinx escapes it when it shows results
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    titles = json.loads(index[index.index("(") + 1:index.rindex(")")])["titles"]
    assert any(title.startswith("Title <script>alert(") for title in titles)
    assert "_escapeHTML(title)" in (app.outdir / "_static" / "searchtools.js").read_text()


def test_escaping_holds_in_meta_tags(planted):
    page = BeautifulSoup((planted.outdir / "posts/2022-06-06-planted.html").read_text(), "lxml")
    # HTML in a front-matter excerpt shows as a browser showed it on the Jekyll site, as
    # jekyll-seo-tag's strip_html gives it: the script and the tags gone, not run
    assert page.find("meta", attrs={"name": "description"})["content"] == "Excerpt"
    assert page.select_one("div.excerpt").get_text(strip=True) == "Excerpt"
    assert page.find("meta", attrs={"property": "og:title"})["content"] == f"Title {PAYLOAD}"
    assert page.find("meta", attrs={"property": "article:author"})["content"] == f"Mallory {PAYLOAD}"
    # the payload is text everywhere: in no script the browser runs, and in the post's
    # structured data as JSON's escapes only, which end no element and open none
    scripts = page.find_all("script")
    assert not [s for s in scripts if s.get("type", "text/javascript") != "application/ld+json"
                and "alert" in (s.string or "")]
    [data] = [s for s in scripts if s.get("type") == "application/ld+json"]
    assert "<" not in data.string and json.loads(data.string)["headline"] == f"Title {PAYLOAD}"
