"""A whole real Jekyll blog, built strictly in place of the project's posts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT

LEAKS = re.compile(r"\{:[^}\n]*\}|\{%.*?%\}|\{\{.*?\}\}|!\[[^\]\n]*\]\([^)\n]*\)|\$\$")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("corpus") / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-n", "--keep-going", "-j", "2", "-q",
         str(PROJECT), str(out)],
        capture_output=True, text=True, env={**os.environ, "JEKYLL_SITE": str(corpus)})
    return corpus, out, result


def test_strict_build_passes_without_warnings(corpus_site):
    _, _, result = corpus_site
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_every_dated_post_is_built(corpus_site):
    corpus, out, _ = corpus_site
    dated = sorted(p.stem for p in (corpus / "_posts").glob("*.md") if re.match(r"\d{4}-", p.name))
    built = sorted(p.stem for p in (out / "posts").glob("*.html"))
    assert built == dated
    assert len(built) == 41


def test_post_pages_leak_no_syntax_and_show_their_images(corpus_site):
    _, out, _ = corpus_site
    for page in sorted((out / "posts").glob("*.html")):
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article[role=main]")
        assert len(main.find_all("h1")) >= 1 and main.select_one("p.byline time"), page.name
        for code in main.find_all(["pre", "code"]):
            code.decompose()
        leaks = LEAKS.findall(main.get_text())
        assert leaks == [], (page.name, leaks)
        for image in main.find_all("img"):
            if not image["src"].startswith(("http:", "https:", "data:")):
                assert (page.parent / unquote(image["src"])).is_file(), (page.name, image["src"])


def test_every_author_with_a_post_has_a_page(corpus_site):
    corpus, out, _ = corpus_site
    names = set()
    for post in (corpus / "_posts").glob("2*.md"):
        head = post.read_text(encoding="utf-8").split("---")[1]
        names.update(re.findall(r'^\s+- "(.+)"$', head, re.MULTILINE))
    pages = {BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").h1.get_text().rstrip("¶")
             for p in (out / "authors").glob("*.html")}
    assert names and names <= pages
