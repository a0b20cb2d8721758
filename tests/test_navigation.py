"""The sidebar's table of contents: shared by the pages outside it, right on
every page whatever its folder, and on every page when it changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, build_recording, make_blog

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
