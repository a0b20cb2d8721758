"""A whole real Jekyll blog, built strictly in place of the project's posts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from urllib.parse import unquote

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import JEKYLLRB_CORPUS, PROJECT

from jekyll_myst.blog.redirects import site_file_path


def authors_of(post) -> list[str]:
    front = yaml.safe_load(post.read_text(encoding="utf-8").split("---")[1])
    names = front.get("authors", front.get("author")) or []
    return [names] if isinstance(names, str) else names


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
        names.update(authors_of(post))
    pages = {BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").h1.get_text().rstrip("¶")
             for p in (out / "authors").glob("*.html")}
    assert names and names <= pages


def leads_to(out, url: str) -> str | None:
    """The page a Jekyll URL leads to in the build: its own, or a redirect's target."""
    old = out / site_file_path(url)
    if not old.is_file():
        return None
    target = BeautifulSoup(old.read_text(encoding="utf-8"), "lxml").html.get("data-redirect")
    page = (old.parent / target).resolve() if target else old.resolve()
    return page.relative_to(out.resolve()).as_posix()


def assert_every_jekyll_url_leads_to_its_post(out, reference):
    if not reference.is_file():
        pytest.skip(f"no recorded Jekyll URLs at {reference}")
    posts = json.loads(reference.read_text(encoding="utf-8"))["posts"]
    wrong = {name: (item["url"], leads_to(out, item["url"])) for name, item in posts.items()
             if leads_to(out, item["url"]) != f"posts/{name.rsplit('.', 1)[0]}.html"}
    assert wrong == {}


def test_every_old_post_url_leads_to_the_post(corpus_site):
    corpus, out, _ = corpus_site
    assert_every_jekyll_url_leads_to_its_post(out, corpus.parent.parent / "fidelity" / "reference.json")


@pytest.fixture(scope="module")
def jekyllrb_site(tmp_path_factory):
    if not (JEKYLLRB_CORPUS / "_posts").is_dir():
        pytest.skip(f"the jekyllrb corpus is not at {JEKYLLRB_CORPUS} (set JEKYLLRB_CORPUS to its folder)")
    out = tmp_path_factory.mktemp("jekyllrb") / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-j", "2", "-q", str(PROJECT), str(out)],
        capture_output=True, text=True, env={**os.environ, "JEKYLL_SITE": str(JEKYLLRB_CORPUS)})
    return JEKYLLRB_CORPUS, out, result


def test_jekyllrb_every_jekyll_url_leads_to_the_post(jekyllrb_site):
    corpus, out, result = jekyllrb_site
    assert result.returncode == 0, result.stderr
    reference = corpus.parent.parent / "fidelity" / "jekyllrb-reference.json"
    assert_every_jekyll_url_leads_to_its_post(out, reference)


def test_jekyllrb_posts_jekyll_builds_cleanly_give_no_warning(jekyllrb_site):
    corpus, _, result = jekyllrb_site
    # its posts set a time zone, dates Ruby reads loosely, authors without bios: all fine for Jekyll
    posts = str(corpus / "_posts")
    warned = [line for line in result.stderr.splitlines() if posts in line and "[jekyll." in line]
    assert warned == []


def test_the_feed_lists_the_newest_posts_in_full(corpus_site):
    corpus, out, _ = corpus_site
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    newest = sorted((p.stem for p in (corpus / "_posts").glob("2*.md")), reverse=True)[:10]
    assert [e.link.rsplit("/", 1)[1].removesuffix(".html") for e in feed.entries] == newest
    assert all(len(e.content[0].value) > len(e.summary) for e in feed.entries)


def test_every_author_page_lists_exactly_their_posts(corpus_site):
    corpus, out, _ = corpus_site
    written_by: dict[str, set[str]] = {}
    for post in (corpus / "_posts").glob("2*.md"):
        for name in authors_of(post):
            written_by.setdefault(name, set()).add(post.stem)
    for page in (out / "authors").glob("*.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        name = html.h1.get_text().rstrip("¶")
        listed = {a["href"].rsplit("/", 1)[1].removesuffix(".html")
                  for a in html.select("ul.post-list p.post-list-title > a")}
        assert listed == written_by.get(name, set()), name
