"""The strict build (``-W``) fails on bad input, naming the file and line;
the same build without ``-W`` still produces every good page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TESTS, sphinx_build


@pytest.fixture
def blog(tmp_path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-blog", src)
    return src


def test_the_test_blog_builds_strictly(blog, tmp_path):
    result = sphinx_build(blog, tmp_path / "out", "-W", "-n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_post_without_title_fails_the_strict_build(blog, tmp_path):
    (blog / "posts" / "2021-05-06-untitled.md").write_text("---\nauthors: [Jane Doe]\n---\n\nBody.\n")
    result = sphinx_build(blog, tmp_path / "strict", "-W", "-n")
    assert result.returncode != 0
    post = blog / "posts" / "2021-05-06-untitled.md"
    assert f"{post}:1: WARNING: the post has no title: add 'title: ...' to its front matter [jekyll.title]" \
        in result.stderr
    relaxed = sphinx_build(blog, tmp_path / "relaxed")
    assert relaxed.returncode == 0
    for page in ("posts/2021-05-06-untitled.html", "posts/2020-01-02-first-post.html",
                 "posts/2021-03-04-second-post.html", "authors/jane-doe.html"):
        assert (tmp_path / "relaxed" / page).is_file(), page


def test_broken_cross_reference_fails_the_strict_build(blog, tmp_path):
    guide = blog / "docs" / "guide.md"
    guide.write_text(guide.read_text()
                     + "\nAnd [a missing section](/posts/2021-03-04-second-post.md#nowhere).\n")
    result = sphinx_build(blog, tmp_path / "strict", "-W", "-n")
    assert result.returncode != 0
    assert f"{guide}:5: WARNING: local id not found in doc 'posts/2021-03-04-second-post': 'nowhere'" \
        in result.stderr
    assert "[myst.xref_missing]" in result.stderr


def test_link_to_a_missing_post_fails_the_strict_build(blog, tmp_path):
    post = blog / "posts" / "2021-03-04-second-post.md"
    post.write_text(post.read_text() + "\nSee [gone](/2019/01/01/gone.html).\n")
    result = sphinx_build(blog, tmp_path / "strict", "-W", "-n")
    assert result.returncode != 0
    assert f"{post}:12: WARNING: link to /2019/01/01/gone.html: no page of this site has that URL " \
           "[jekyll.link]" in result.stderr
