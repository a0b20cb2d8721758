"""Every standard Sphinx builder builds the docs and the posts, strictly.

Each is run as a user runs it, ``make <builder>``, all into one build
folder as ``sphinx-build -M`` shares it.  The web site's own files (feeds,
redirects, archives, the sitemap) are made only by the builders that make
the site; the PDF and the EPUB hold the docs and every post.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from conftest import make_blog, missing, run_make
from sphinx.testing.util import SphinxTestApp

POST = "posts/2022-05-27-qna-production-engineering"
#: files only the web site has
SITE_ONLY = ["feed.xml", "sitemap.xml", "redirects.nginx.map", "archive", "_static/jekyll-redirect.js",
             "2022/05/27/qna-production-engineering.html"]


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("builders")


def make(target: str, build_dir) -> subprocess.CompletedProcess:
    result = run_make(target, build_dir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize(("builder", "page"), [
    ("dirhtml", f"{POST}/index.html"),
    ("singlehtml", "index.html"),
    ("text", f"{POST}.txt"),
    ("gettext", "posts.pot"),
    ("man", "engineering.1"),
])
def test_builder_is_strict_and_clean(build_dir, builder, page):
    make(builder, build_dir)
    out = build_dir / builder
    assert (out / page).is_file()
    site_files = [name for name in SITE_ONLY if (out / name).exists()]
    assert site_files == (SITE_ONLY if builder == "dirhtml" else [])


def test_the_text_and_the_translation_catalogue_have_the_post(build_dir):
    for builder in ("text", "gettext"):  # made already when the tests above ran first
        if not (build_dir / builder).is_dir():
            make(builder, build_dir)
    text = (build_dir / "text" / f"{POST}.txt").read_text(encoding="utf-8")
    assert "What do I do?" in text and "Sanyia Saidova" in text
    assert 'msgid "What do I do?"' in (build_dir / "gettext" / "posts.pot").read_text(encoding="utf-8")


def test_the_epub_has_the_docs_and_the_posts_and_nothing_of_the_site(build_dir):
    make("epub", build_dir)
    with zipfile.ZipFile(build_dir / "epub" / "engineering.epub") as epub:
        names = set(epub.namelist())
        post = epub.read(f"{POST}.xhtml").decode("utf-8")
    expected = {f"{POST}.xhtml", "docs/architecture/market-isolation.xhtml", "authors/sanyia-saidova.xhtml"}
    assert expected <= names
    assert "What do I do?" in post
    assert "application/ld+json" not in post  # the site's structured data: no script in the book
    assert [name for name in names if any(name.startswith(site) for site in SITE_ONLY)] == []
    assert not any(".jekyll-myst" in name or "jekyll-myst" in name for name in names)


def test_the_latex_source_has_the_docs_then_the_posts(build_dir):
    make("latex", build_dir)
    tex = (build_dir / "latex" / "engineering.tex").read_text(encoding="utf-8")
    docs, post = tex.index(r"\chapter{Engineering}"), tex.index("Q\\&A with a Production Engineer")
    assert docs < post
    assert r"\section{What do I do?}" in tex


def test_the_pdf_has_the_docs_and_the_posts(build_dir):
    absent = [tool for tool in ("latexmk", "pdflatex", "pdftotext") if shutil.which(tool) is None]
    if absent:
        missing(f"{', '.join(absent)} not installed (Debian's latexmk, texlive-*, poppler-utils)")
    make("latexpdf", build_dir)
    pdf = build_dir / "latex" / "engineering.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for heading in ("Market isolation", "Q&A with a Production Engineer", "What do I do?", "Why Deliveroo?",
                    "What have I done since joining?"):
        assert heading in text, heading


def test_no_output_folder_holds_the_build_cache(build_dir):
    """Whatever the builder, doctrees and the blog's state stay in the shared doctrees folder."""
    # the tests above build these; run alone (or on another worker), this test builds them itself
    for builder in ("dirhtml", "epub", "latex", "text"):
        if not (build_dir / builder).is_dir():
            make(builder, build_dir)
    # sphinx-build -M gettext keeps its own doctrees in gettext/.doctrees, by design:
    # catalogues are read with other settings, and are not a site to publish
    outputs = [folder for folder in build_dir.iterdir()
               if folder.is_dir() and folder.name not in ("doctrees", "gettext")]
    assert {"dirhtml", "epub", "latex", "text"} <= {folder.name for folder in outputs}
    cached = [str(path.relative_to(build_dir)) for folder in outputs for path in folder.rglob("*")
              if path.suffix in (".pickle", ".doctree") or "jekyll-myst" in path.name
              or path.name == ".doctrees"]
    assert cached == []


def test_a_latex_document_that_leaves_posts_out_shows_their_titles_unlinked(tmp_path):
    """A project's LaTeX documents need not hold every post: a list, or a post's
    links to its neighbours, show the titles of those left out as text.  A post's
    ``align*`` is LaTeX's own display, not nested in another (an error to LaTeX)."""
    math = "---\ntitle: Maths\n---\n\n$$\n\\begin{align*}\na &= b \\\\\nc &< d\n\\end{align*}\n$$\n"
    src = make_blog(tmp_path / "src", files={"posts/2023-01-01-maths.md": math})
    app = SphinxTestApp("latex", srcdir=src, confoverrides={"latex_documents": [
        ("index", "site.tex", "Site", "Us", "howto"),
        ("posts/2023-01-01-maths", "maths.tex", "Maths", "Us", "howto")]})
    app.build()
    assert app.warning.getvalue() == ""
    site = (app.outdir / "site.tex").read_text(encoding="utf-8")
    assert "\\item {} \n\\sphinxAtStartPar\nA tagged post \\textless{}with markup\\textgreater{}\n" in site
    maths = (app.outdir / "maths.tex").read_text(encoding="utf-8")
    assert "Previous post: }A tagged post \\textless{}with markup\\textgreater{}" in maths
    assert "\\begin{align*}\na &= b \\\\\nc &< d\n\\end{align*}" in maths
    assert "split" not in maths and "equation*" not in maths
    app.cleanup()
