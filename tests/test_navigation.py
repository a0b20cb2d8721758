"""The sidebar's table of contents: shared by the pages outside it, right on
every page whatever its folder, and on every page when it changes."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
import sphinx.builders.html
from bs4 import BeautifulSoup
from conftest import build, build_recording, make_blog
from furo.navigation import get_navigation_tree
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.testing.util import SphinxTestApp

from jekyll_myst.blog.navigation import documents_in_tree
from jekyll_myst.blog.sidebar_trees import SidebarTrees

TREE = ["A guide", "Lists of posts"]


def sidebars(outdir: Path) -> dict[str, BeautifulSoup]:
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one(".sidebar-tree")
        if tree is not None:  # redirect pages have none
            pages[page.relative_to(outdir).as_posix()] = tree
    return pages


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_sidebar_links_to_the_pages_and_marks_only_its_own(tmp_path, jobs):
    app, _ = build(make_blog(tmp_path / "src", extra_posts=4), tmp_path / "out",
                   parallel=jobs, confoverrides={"html_theme": "furo"})
    assert app.warning.getvalue() == ""
    pages = sidebars(app.outdir)
    folders = {Path(page).parent.as_posix() for page in pages}
    assert {".", "posts", "docs", "archive", "authors"} <= folders, folders
    for page, tree in pages.items():
        links = tree.select("a.reference")
        assert [link.get_text() for link in links] == TREE, page
        for link in links:
            href = link["href"].partition("#")[0]
            # sphinx-notfound-page makes its page's links absolute, for any depth
            if href.startswith("/"):
                target = app.outdir / href.lstrip("/")
            else:
                target = app.outdir / page / ".." / (href or Path(page).name)
            assert target.resolve().is_file(), (page, href)
        current = [link.get_text() for link in tree.select("li.current-page > a")]
        own = {"docs/guide.html": ["A guide"], "docs/lists.html": ["Lists of posts"]}
        assert current == own.get(page, []), page


def test_a_change_to_the_table_of_contents_reaches_every_page(tmp_path):
    src = make_blog(tmp_path / "src", extra_posts=2)
    out = tmp_path / "out"
    build(src, out, confoverrides={"html_theme": "furo"})
    (src / "docs" / "new.md").write_text("# A new page\n\nText.\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("docs/lists\n", "docs/lists\ndocs/new\n"))
    app, read = build(src, out, confoverrides={"html_theme": "furo"})
    assert sorted(read) == ["docs/new", "index"]
    assert app.warning.getvalue() == ""
    pages = sidebars(app.outdir)
    assert {"posts/2020-01-02-first-post.html", "archive/2020.html", "authors/jane-doe.html"} <= set(pages)
    for page, tree in pages.items():
        assert [link.get_text() for link in tree.select("a.reference")] == [*TREE, "A new page"], page


def test_a_new_heading_on_a_docs_page_leaves_the_posts_alone(tmp_path):
    # furo's tree shows titles, not headings: the other pages stay as they were
    src = make_blog(tmp_path / "src")
    out = tmp_path / "out"
    build(src, out, confoverrides={"html_theme": "furo"})
    guide = src / "docs" / "guide.md"
    guide.write_text(guide.read_text() + "\n## A new section\n\nText.\n")
    _, read, written = build_recording(src, out, confoverrides={"html_theme": "furo"})
    assert read == ["docs/guide"]
    # Sphinx writes the root again too: its visible toctree shows the guide's sections
    assert sorted(page for page in written if page not in ("genindex", "search", "404")) == [
        "docs/guide", "index"]


#: a tree with a caption, nested and hidden toctrees, pages in four folders, a page listed twice
#: and a link out
TREE_FILES = {
    "index.md": "# Test blog\n\n```{post-list}\n```\n\n"
                "```{toctree}\n:caption: Guides\ndocs/guide\ndocs/lists\ndocs/more/index\n```\n\n"
                "```{toctree}\n:hidden:\ndocs/hidden\nElsewhere <https://example.org/>\n```\n",
    "docs/hidden.md": "# Hidden\n\nText.\n",
    "docs/more/index.md": "# More\n\n```{toctree}\nfirst\ndeep/index\n```\n",
    "docs/more/first.md": "# First\n\n## A section\n\nText.\n",
    # the first page listed again, deeper
    "docs/more/deep/index.md": "# Deep\n\n```{toctree}\nlast\n../first\n```\n",
    "docs/more/deep/last.md": "# Last & least\n\nText.\n",
}
FURO_TREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}


def furo_trees(app) -> dict[str, str]:
    """The sidebar tree Sphinx and furo make on their own for each page, as the page shows
    it: the documents', the archives' and Sphinx's own pages (not sphinx-notfound-page's,
    whose links are its own)."""
    trees = {}
    archives = app.env.domains["jekyll"].generated_pages("archives")
    for page in [*app.env.found_docs - {"404"}, *archives, "genindex", "search"]:
        tree = global_toctree_for_doc(app.env, page, app.builder, tags=app.builder.tags, **FURO_TREE)
        fragment = get_navigation_tree(app.builder.render_partial(tree)["fragment"])
        trees[page] = f'<div class="sidebar-tree">\n  {fragment}\n</div>'
    return trees


def build_tree(src: Path, out: Path, **kwargs) -> tuple[SphinxTestApp, dict[str, str]]:
    """Build in this process; return the app and :func:`furo_trees` (made before the app's
    cleanup unregisters Sphinx's nodes)."""
    app = SphinxTestApp("html", srcdir=src, builddir=out, confoverrides={"html_theme": "furo"}, **kwargs)
    try:
        app.build()
        return app, furo_trees(app)
    finally:
        app.cleanup()


def resolved_for(monkeypatch) -> list[str]:
    """The documents whose own tree Sphinx resolves for their page, from now on."""
    resolved: list[str] = []
    resolve = sphinx.builders.html.global_toctree_for_doc

    def recording(env, docname, *args, **kwargs):
        resolved.append(docname)
        return resolve(env, docname, *args, **kwargs)

    monkeypatch.setattr(sphinx.builders.html, "global_toctree_for_doc", recording)
    return resolved


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_page_shows_the_tree_sphinx_and_furo_make_for_it(tmp_path, monkeypatch, jobs):
    resolved = resolved_for(monkeypatch)
    app, trees = build_tree(make_blog(tmp_path / "src", files=TREE_FILES), tmp_path / "out", parallel=jobs)
    assert app.warning.getvalue() == ""
    folders = {posixpath.dirname(page) for page in trees}
    assert {"", "docs", "docs/more", "docs/more/deep", "posts", "authors", "archive"} <= folders, folders
    in_tree = documents_in_tree(app.env)
    assert len(in_tree) == 8, sorted(in_tree)
    for page, tree in trees.items():
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert tree in html, page
        # all pages in the tree but the root, which no entry links to
        assert ("current-page" in tree) == (page in in_tree - {"index"}), page
    if jobs == 1:  # the pages were written in this process
        assert resolved == [], resolved


def test_a_tree_the_marks_cannot_be_written_into_is_made_the_usual_way(tmp_path, monkeypatch):
    resolved = resolved_for(monkeypatch)
    monkeypatch.setattr(SidebarTrees, "page_tree", lambda trees, root_tree, base, href: None)
    app, trees = build_tree(make_blog(tmp_path / "src", files=TREE_FILES), tmp_path / "out")
    for page, tree in trees.items():
        assert tree in (app.outdir / f"{page}.html").read_text(encoding="utf-8"), page
    assert set(resolved) >= set(trees)


@pytest.mark.parametrize(("tree", "marked"), [
    # no entry links to the page: the tree as it is, but a link to one of its sections
    ('<ul>\n<li class="toctree-l1"><a class="reference internal" href="page.html#part">A</a></li>\n</ul>',
     '<ul>\n<li class="toctree-l1"><a class="reference internal" href="#part">A</a></li>\n</ul>'),
    # tags that do not nest, an entry outside a list, a list item Sphinx did not write
    ('<ul>\n<li class="toctree-l1"><a class="reference internal" href="page.html">P</a></ul>', None),
    ('<div><a class="reference internal" href="page.html">P</a></div>', None),
    ('<ul>\n<li><a class="reference internal" href="page.html">P</a></li>\n</ul>', None),
])
def test_marks_are_written_only_into_a_tree_of_furo_s_shape(tree, marked):
    assert SidebarTrees().marked(tree, "page.html") == marked
