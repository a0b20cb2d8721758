"""kramdown, Liquid and Jekyll-plugin syntax in posts, case by case.

Each case of ``fixtures/kramdown.txt`` becomes a post of one small site,
built once; the HTML body under the post's byline must equal the case's
expected fragment (whitespace between tags aside).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from fixture_files import read_cases
from sphinx.testing.util import SphinxTestApp

CASES = read_cases(Path(__file__).parent / "fixtures" / "kramdown.txt")
CONF = """
extensions = ["jekyll_myst"]
html_theme = "basic"
jekyll_settings = {
    "url": "https://blog.example.org",
    "baseurl": "/blog",
    "plugins": ["jekyll-mentions", "jemoji"],
    "kramdown": {"toc_levels": "2..4", "parse_block_html": True},
}
"""


#: a post that opts in to MyST's own syntax with ``myst: true``
MYST_POST = "2019-12-31-myst-opt-in"


def post_name(index: int, case) -> str:
    return f"{dt.date(2020, 1, 1) + dt.timedelta(days=index):%Y-%m-%d}-{case.slug}"[:80]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_site(tmp_path_factory.mktemp("kramdown") / "src")
    yield app
    app.cleanup()


def build_site(src: Path) -> SphinxTestApp:
    (src / "posts" / "images").mkdir(parents=True)
    (src / "posts" / "images" / "pic.png").write_bytes((Path(__file__).parent / "roots" / "test-blog"
                                                        / "posts" / "images" / "pic.png").read_bytes())
    (src / "posts" / "files").mkdir()
    (src / "posts" / "files" / "report v2.pdf").write_bytes(b"%PDF-1.4\n")
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text("# Cases\n\n```{toctree}\n:glob:\n\nposts/*\n```\n")
    (src / "posts" / f"{MYST_POST}.md").write_text(
        "---\ntitle: MyST opt-in\nmyst: true\n---\n\n% a comment\n\nH{sub}`2`O\n\n"
        "```{note}\nA directive.\n```\n", encoding="utf-8")
    for index, case in enumerate(CASES):
        (src / "posts" / f"{post_name(index, case)}.md").write_text(
            f"---\ntitle: Case {index + 1}\n---\n\n{case.source}", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    return app


def body_fragment(app, name: str) -> str:
    html = (app.outdir / "posts" / f"{name}.html").read_text(encoding="utf-8")
    main = BeautifulSoup(html, "lxml").select_one("div.body")
    # the page's own parts are tested elsewhere; the case is what the author wrote
    for element in main.select("h1, p.byline, div.excerpt, a.headerlink, section#referenced-by, "
                                "div.clearer, div.post-nav"):
        element.decompose()
    section = main.select_one("section")
    section.unwrap()
    # a comment as written: its str() is its text alone
    return normalise("".join(f"<!--{child}-->" if isinstance(child, Comment) else str(child)
                             for child in main.children))


def normalise(html: str) -> str:
    html = re.sub(r">\s+<", "><", html.strip())
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c.slug for c in CASES])
def test_case(site, index):
    case = CASES[index]
    name = post_name(index, case)
    assert body_fragment(site, name) == normalise(case.expected), f"fixtures/kramdown.txt:{case.line}"
    warnings = [w for w in site.warning.getvalue().splitlines() if f"/{name}.md:" in w]
    for expected in case.warnings:
        assert any(expected in w for w in warnings), (expected, warnings)
    if not case.warnings:
        assert warnings == []


def test_a_post_may_opt_in_to_myst_syntax(site):
    assert body_fragment(site, MYST_POST) == normalise(
        '<p>H<sub>2</sub>O</p><div class="admonition note"><p class="admonition-title">Note</p>'
        '<p>A directive.</p></div>')
    assert [w for w in site.warning.getvalue().splitlines() if f"/{MYST_POST}.md:" in w] == []
