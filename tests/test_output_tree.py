"""The published folder holds only what a web server should serve.

``make html`` (the README's build) keeps doctrees, the environment and the
blog's own state beside the output, in ``_build/doctrees``, so that copying
``_build/html`` to a server or a bucket publishes none of them.
"""

from __future__ import annotations

import pytest
from conftest import build, make_blog, run_make

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
