"""The published folder holds only what a web server should serve.

``make html`` (the README's build) keeps doctrees, the environment and the
blog's own state beside the output, in ``_build/doctrees``, so that copying
``_build/html`` to a server or a bucket publishes none of them.
"""

from __future__ import annotations

import pytest
from conftest import build, make_blog, make_site, run_make

#: what the site is made of, at the top of the published folder
PUBLISHED = {
    ".buildinfo", "404.html", "_images", "_sources", "_static", "archive", "authors", "blog.html",
    "book.html", "docs", "feed.xml", "genindex.html", "index.html", "objects.inv", "posts",
    "redirects.nginx.map", "search.html", "searchindex.js", "sitemap.xml",
}


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("make-html")
    result = run_make("html", out, jobs=2)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_published_folder_has_no_cache_and_no_state(build_dir):
    html = build_dir / "html"
    files = [path.relative_to(html) for path in html.rglob("*") if path.is_file()]
    assert len(files) > 50
    hidden = [str(f) for f in files if any(part.startswith(".") for part in f.parts)]
    assert hidden == [".buildinfo"]  # Sphinx's record of the configuration, a few lines
    state = [str(f) for f in files if f.suffix in (".pickle", ".doctree") or "jekyll-myst" in str(f)]
    assert state == []
    # 2022/: the old URL of the blog's post, a redirect page
    top = {path.name for path in html.iterdir()} - {"2022"}
    assert top - PUBLISHED == set()


def test_the_build_state_is_beside_it(build_dir):
    doctrees = build_dir / "doctrees"
    assert (doctrees / "environment.pickle").is_file()
    assert (doctrees / "jekyll-myst" / "html" / "files.json").is_file()
    assert not (doctrees / "jekyll-myst" / "html" / "writing").exists()  # the build finished


def test_an_earlier_versions_state_leaves_the_published_folder(tmp_path):
    """Earlier versions kept their manifest and marker beside the pages."""
    src, out = make_blog(tmp_path / "src"), tmp_path / "out"
    build(src, out)
    legacy = [out / "html" / ".jekyll-myst-files.json", out / "html" / ".jekyll-myst-writing"]
    for path in legacy:
        path.write_text("{}\n")
    build(src, out)
    assert [path.name for path in legacy if path.exists()] == []


@pytest.mark.parametrize("in_place", [False, True])
def test_a_posts_copied_source_is_named_after_its_page(tmp_path, in_place):
    """``_sources/posts/<name>.md.txt``, wherever the post's file is: Sphinx
    names the copy after the document's relative path."""
    src = make_blog(tmp_path / "src")
    overrides = {}
    if in_place:  # a Jekyll site read in place, at a path of another length than the project's
        site = make_site(tmp_path / "a" / "much" / "longer" / "folder" / "for" / "the" / "jekyll-site",
                         {"_posts/2020-05-06-in-place.markdown": "---\ntitle: T\n---\n\nText.\n"})
        overrides = {"jekyll_site": str(site)}
    app, _ = build(src, tmp_path / "out", confoverrides=overrides)
    name = "2020-05-06-in-place.markdown" if in_place else "2020-01-02-first-post.md"
    copied = app.outdir / "_sources" / "posts" / f"{name}.txt"
    assert copied.is_file(), sorted(p.name for p in (app.outdir / "_sources" / "posts").iterdir())
    assert f"_sources/posts/{name}.txt" in (app.outdir / "posts" / name.replace(".markdown", ".html")
                                            .replace(".md", ".html")).read_text()
