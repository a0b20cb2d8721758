"""A Jekyll site's theme gem: the includes its posts take from it."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import build, build_recording, make_blog, make_site, missing
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from jekyll_myst.jekyll.theme import gem_folder

POST = "_posts/2022-03-01-theme-includes.md"
PAGE = "posts/2022-03-01-theme-includes.html"
# the project's docs cite its own posts, which a site replaces: those warnings are not these tests'
IN_PLACE = {"suppress_warnings": ["myst.xref_missing"]}


def paragraphs(app, page: str = PAGE) -> list:
    html = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "lxml")
    return html.select("div.body section > p:not(.byline)")


def test_a_post_takes_an_include_the_site_lacks_from_its_theme_gem(tmp_path):
    """minima's icon-github.html, and the icon-github.svg it includes, as `jekyll build` wrote them."""
    if shutil.which("ruby") is None:
        missing("Ruby is not installed: the theme gem cannot be looked for (Debian: ruby)")
    if gem_folder("minima", tmp_path)[0] is None:
        missing("the minima theme gem is not installed (Debian: jekyll-theme-minima)")
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "title: Themed\ntheme: minima\n",
        "_includes/own.html": '<span class="own">{{ include.word }}</span>',
        POST: ('---\ntitle: Theme includes\n---\nFollow {% include icon-github.html username="jekyll" %}'
               ' on GitHub.\n\nAn own include: {% include own.html word="mine" %}.\n'),
    })
    app, _read = build(make_blog(tmp_path / "src"), tmp_path / "out", warningiserror=True,
                       confoverrides={"jekyll_site": str(site), **IN_PLACE})
    follow, own = paragraphs(app)
    assert follow.get_text(" ", strip=True) == "Follow jekyll on GitHub."
    link = follow.a
    assert link["href"] == "https://github.com/jekyll"
    assert [span["class"] for span in link.find_all("span")] == [["icon", "icon--github"], ["username"]]
    assert link.select_one("span.icon svg path")["fill"] == "#828282"
    assert own.select_one("span.own").get_text() == "mine"


def test_jekyll_theme_dir_names_the_theme_and_an_edit_there_reads_the_post_again(tmp_path):
    theme = tmp_path / "theme"
    (theme / "_includes").mkdir(parents=True)
    (theme / "_includes/badge.html").write_text('<b class="badge">{{ include.text }}</b>')
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "theme: not-installed-anywhere\n",
        POST: '---\ntitle: Theme includes\n---\nA {% include badge.html text="new" %} badge.\n',
        "_posts/2022-03-02-other.md": "---\ntitle: Other\n---\nNo include.\n",
    })
    src, out = make_blog(tmp_path / "src"), tmp_path / "out"
    overrides = {"jekyll_site": str(site), "jekyll_theme_dir": str(theme), **IN_PLACE}
    app, _read = build(src, out, warningiserror=True, confoverrides=overrides)
    assert str(paragraphs(app)[0]) == '<p>A <b class="badge">new</b> badge.</p>'

    (theme / "_includes/badge.html").write_text('<b class="badge">{{ include.text | upcase }}</b>')
    app, read, _written = build_recording(src, out, warningiserror=True, confoverrides=overrides)
    assert read == ["posts/2022-03-01-theme-includes"]
    assert str(paragraphs(app)[0]) == '<p>A <b class="badge">NEW</b> badge.</p>'


def test_an_include_neither_the_site_nor_a_missing_theme_has_is_reported(tmp_path):
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "theme: not-installed-anywhere\n",
        POST: "---\ntitle: Theme includes\n---\nBefore.\n\n{% include badge.html %}\n\nAfter.\n",
    })
    app = SphinxTestApp("html", srcdir=make_blog(tmp_path / "src"), warningiserror=True,
                        confoverrides={"jekyll_site": str(site), **IN_PLACE})
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = strip_colors(app.warning.getvalue()).splitlines()
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(
        f"{site / POST}:6: WARNING: {{% include badge.html %}}: no such file in _includes/, and the theme "
        "not-installed-anywhere was not found: "), warnings
    assert warnings[0].endswith("[jekyll.liquid]")
    assert app.statuscode != 0, "the strict build must fail"
    assert [p.get_text() for p in paragraphs(app)] == ["Before.", "After."]


@pytest.mark.parametrize("folder", ["no/such/folder", "conf.py"])
def test_a_jekyll_theme_dir_that_is_not_a_folder_stops_the_build(tmp_path, folder):
    with pytest.raises(ConfigError, match=f"jekyll_theme_dir '{folder}' is not a folder"):
        SphinxTestApp("html", srcdir=make_blog(tmp_path / "src"), confoverrides={"jekyll_theme_dir": folder})


def test_minimal_mistakes_figure_include_with_its_markdownified_caption(tmp_path):
    """The theme's figure include writes its caption through markdownify into a <figcaption>,
    where nothing reads Markdown after it: the filter gives kramdown's HTML, as Jekyll's."""
    theme = tmp_path / "theme"
    (theme / "_includes").mkdir(parents=True)
    (theme / "_includes/figure").write_text(
        '<figure class="{{ include.class }}">\n  <img src="{{ include.image_path | relative_url }}"\n'
        '       alt="{% if include.alt %}{{ include.alt }}{% endif %}">\n  {%- if include.caption -%}\n'
        '    <figcaption>\n      {{ include.caption | markdownify | remove: "<p>" | remove: "</p>" }}\n'
        "    </figcaption>\n  {%- endif -%}\n</figure>\n")
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "remote_theme: mmistakes/minimal-mistakes\nplugins: [jekyll-remote-theme]\n",
        "images/x.png": b"\x89PNG\r\n\x1a\n",
        POST: ('---\ntitle: Theme includes\n---\n{% include figure image_path="/images/x.png" alt="An x" '
               'caption="A *styled* caption with [a link](https://example.com)." %}\n'),
    })
    app, _read = build(make_blog(tmp_path / "src"), tmp_path / "out", warningiserror=True,
                       confoverrides={"jekyll_site": str(site), "jekyll_theme_dir": str(theme), **IN_PLACE})
    html = BeautifulSoup((app.outdir / PAGE).read_text(encoding="utf-8"), "lxml")
    caption = html.select_one("div.body figure figcaption")
    assert caption.em.get_text() == "styled" and caption.a["href"] == "https://example.com"
    assert " ".join(caption.get_text().split()) == "A styled caption with a link."
    assert html.select_one("div.body figure img")["alt"] == "An x"


def test_minimal_mistakes_toc_include_lists_the_posts_sections(tmp_path):
    """The theme's toc include: a raw <aside> (kramdown's parse_block_html is false by default)
    holding a <nav markdown="1"> whose {:toc} list kramdown fills, titled from the theme's
    _data/ui-text.yml."""
    theme = tmp_path / "theme"
    (theme / "_includes").mkdir(parents=True)
    (theme / "_data").mkdir()
    (theme / "_data/ui-text.yml").write_text('en:\n  toc_label: "On this page"\n')
    (theme / "_includes/toc").write_text(
        '<aside class="sidebar__right">\n<nav class="toc" markdown="1">\n<header><h4 class="nav__title">'
        '{{ include.title | default: site.data.ui-text[site.locale].toc_label }}</h4></header>\n'
        "*  Auto generated table of contents\n{:toc .toc__menu}\n</nav>\n</aside>\n")
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "theme: minimal-mistakes-jekyll\nlocale: en\n",
        POST: "---\ntitle: Theme includes\n---\n{% include toc %}\n\n## First\n\nText.\n\n### Sub\n\n"
              "## Second\n\nEnd.\n",
    })
    app, _read = build(make_blog(tmp_path / "src"), tmp_path / "out", warningiserror=True,
                       confoverrides={"jekyll_site": str(site), "jekyll_theme_dir": str(theme), **IN_PLACE})
    aside = BeautifulSoup((app.outdir / PAGE).read_text(encoding="utf-8"), "lxml").select_one(
        "div.body aside.sidebar__right")
    assert aside.select_one("nav.toc h4.nav__title").get_text() == "On this page"
    assert not aside.select("nav.toc[markdown]")
    toc = aside.select_one("#markdown-toc")
    assert "toc__menu" in toc["class"]
    assert [a.get_text() for a in toc.select("a")] == ["First", "Sub", "Second"]
    assert [a["href"] for a in toc.select("a")] == ["#first", "#sub", "#second"]
