"""What the theme shows on the blog's pages: none of its error boxes.

furo marks what it considers a mistake with a CSS rule that prints an
"ERROR: ..." over the element.  The rules are read from furo's own
stylesheet in the build, so a new one is checked as soon as furo adds it.
"""

from __future__ import annotations

import re

import pytest
import soupsieve
from bs4 import BeautifulSoup
from conftest import build, make_blog

_ERROR_RULE = re.compile(r'([^{}]+?):(?::)?before\{content:"ERROR')


@pytest.fixture(scope="module")
def furo_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("furo")
    app, _ = build(make_blog(root / "src"), root / "out", confoverrides={"html_theme": "furo"})
    return app.outdir


def error_selectors(outdir) -> list[str]:
    css = (outdir / "_static" / "styles" / "furo.css").read_text(encoding="utf-8")
    return [selector.strip() for selector in _ERROR_RULE.findall(css)]


def test_no_page_matches_a_theme_error_rule(furo_site):
    selectors = error_selectors(furo_site)
    assert any(".contents" in s for s in selectors), selectors  # the rule a {:toc} would meet
    pages = sorted(furo_site.rglob("*.html"))
    assert len(pages) > 10
    found = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        name = str(page.relative_to(furo_site))
        for selector in selectors:
            found.extend((name, selector) for _ in soupsieve.select(selector, soup))
    assert found == []


def test_the_posts_table_of_contents_is_still_there(furo_site):
    soup = BeautifulSoup((furo_site / "posts/2020-01-02-first-post.html").read_text(encoding="utf-8"), "lxml")
    toc = soup.select_one("#markdown-toc")
    assert [a.get_text() for a in toc.select("a")] == ["What’s new?", "A detail", "What’s new?"]
