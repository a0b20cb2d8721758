"""Posts and bios get kramdown's quotes, dashes and ellipses (its
``smart_quotes``, whatever the project's language or ``smartquotes``); other
pages keep Sphinx's."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import make_blog
from sphinx.testing.util import SphinxTestApp

from jekyll_myst.jekyll.excerpts import markdown_to_html
from jekyll_myst.jekyll.site import BlogSource
from jekyll_myst.reading.typography import html_typography_plugin

QUOTED = "\"Quoted,\" she said -- it's 'single' and ... done.\n"
#: the test blog's settings (its conf.py)
SETTINGS = {"url": "https://blog.example.org", "plugins": ["jekyll-mentions", "jemoji"],
            "kramdown": {"toc_levels": "2..3"}}


@pytest.mark.parametrize(("overrides", "smart_quotes", "post", "page"),
                         ids=["language", "straight", "code points"], argvalues=[
    # kramdown's default quotes, in a project of another language
    ({"language": "de"}, None,
     "“Quoted,” she said – it’s ‘single’ and … done.", "„Quoted,“ she said – it’s ‚single‘ and … done."),
    ({}, "apos,apos,quot,quot",
     "\"Quoted,\" she said – it's 'single' and … done.", "“Quoted,” she said – it’s ‘single’ and … done."),
    ({"smartquotes": False}, [171, 187, "laquo", "raquo"],
     "«Quoted,» she said – it»s «single» and … done.", QUOTED.strip()),
])
def test_posts_get_kramdowns_quotes_and_other_pages_sphinxs(tmp_path, overrides, smart_quotes, post, page):
    src = make_blog(tmp_path / "src", files={
        "posts/2022-05-06-quoted.md": "---\ntitle: Quoted\n---\n\n" + QUOTED,
        # read after the post: what the post's reading set is undone by then
        "quoted.md": "---\norphan: true\n---\n\n# Quoted\n\n" + QUOTED})
    if smart_quotes is not None:
        overrides = {**overrides, "jekyll_settings": {
            **SETTINGS, "kramdown": {**SETTINGS["kramdown"], "smart_quotes": smart_quotes}}}
    app = SphinxTestApp("html", srcdir=src, confoverrides=overrides)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    for name, expected in (("posts/2022-05-06-quoted.html", post), ("quoted.html", page)):
        body = BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "lxml").select_one("div.body")
        assert [p.get_text() for p in body.select("p") if "said" in p.get_text()] == [expected], name


def test_the_html_a_posts_liquid_is_given_has_kramdowns_quotes_after_an_ellipsis():
    # as in the post itself: an emphasis after the quote is what follows it
    to_html = markdown_to_html(BlogSource(Path("_posts"), Path("_authors"), Path("."), {}),
                               [html_typography_plugin("\u2018\u2019\u201c\u201d")])
    assert to_html('"x..."*y* and "G..."s') == \
        "<p>\u201cx\u2026\u201c<em>y</em> and \u201cG\u2026\u201ds</p>\n"


def test_posts_quotes_after_an_element_and_their_backslashes_are_kramdowns(tmp_path):
    # kramdown reads a quote after an element (code, an emphasis, an escape) with nothing
    # before it, and has no escapes of docutils' in its text
    src = make_blog(tmp_path / "src", files={"posts/2022-05-06-quoted.md": (
        "---\ntitle: Quoted\n---\n\n"
        '`c`"z" and e*"v"* and \\\\"x\\\\" in C:\\\\\\\\Users, \\\\-- and &amp;#39; here\n')})
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "posts/2022-05-06-quoted.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "lxml").select_one("div.body")
    assert [p.get_text() for p in body.select("p") if "here" in p.get_text()] == [
        "c\u201cz\u201d and e\u201cv\u201d and \\\u201cx\\\u201d in C:\\\\Users, \\\u2013 and &#39; here"]


def test_the_html_a_posts_liquid_is_given_has_kramdowns_quotes_after_an_element():
    to_html = markdown_to_html(BlogSource(Path("_posts"), Path("_authors"), Path("."), {}),
                               [html_typography_plugin("\u2018\u2019\u201c\u201d")])
    assert to_html('*e*"w" and \\*"x"') == "<p><em>e</em>\u201cw\u201d and *\u201cx\u201d</p>\n"
