"""The project's own site: the Q&A post beside the architecture docs."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT
from sphinx.testing.util import SphinxTestApp

QNA = "posts/2022-05-27-qna-production-engineering"
QNA_IDS = [
    "table-of-contents", "what-do-i-do", "why-deliveroo", "what-have-i-done-since-joining",
    "what-are-the-main-problems-production-engineering-aim-to-solve",
    "whats-on-the-horizon-for-production-engineering",
    "why-would-you-recommend-working-as-a-production-engineer-at-deliveroo",
]
ARCHITECTURE = [
    "docs/architecture/production-engineering", "docs/architecture/market-isolation",
    "docs/architecture/load-and-integration-testing", "docs/architecture/observability-and-sre",
    "docs/architecture/decisions/0001-documentation-system",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("JEKYLL_SITE", raising=False)
        app = SphinxTestApp("html", srcdir=PROJECT, builddir=tmp_path_factory.mktemp("site"),
                            warningiserror=True, confoverrides={"nitpicky": True})
        app.build()
    yield app
    app.cleanup()


def soup(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text(encoding="utf-8"), "lxml")


def article(app, docname: str):
    return soup(app, docname).select_one("article[role=main]")


def test_the_build_is_clean(site):
    assert site.warning.getvalue() == ""


def test_qna_title_byline_and_excerpt(site):
    page = soup(site, QNA)
    main = page.select_one("article[role=main]")
    title = "Q&A with a Production Engineer @ Deliveroo"
    assert [h.get_text().rstrip("¶") for h in main.find_all("h1")] == [title]
    assert page.title.get_text().startswith(title)
    byline = main.select_one("p.byline")
    assert byline.time["datetime"] == "2022-05-27"
    assert [a.get_text() for a in byline.select(".author a")] == ["Sanyia Saidova"]
    lead = main.select_one("div.excerpt p").get_text()
    assert lead.startswith("There’s a lot to being a production engineer at Deliveroo")
    assert lead.endswith("my answers to them. :)")
    # as jekyll-seo-tag writes it: the front matter's text through kramdown (its quotes
    # curled), whitespace normalised
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description == lead


def test_qna_toc_ids_and_no_leaked_syntax(site):
    main = article(site, QNA)
    toc = main.select_one("nav#markdown-toc")
    assert [a["href"] for a in toc.find_all("a")] == ["#" + i for i in QNA_IDS[1:]]
    assert [s["id"] for s in main.select("section section") if s.h2][:len(QNA_IDS)] == QNA_IDS
    text = main.get_text()
    assert "{:" not in text
    assert "Automatic Table of Contents Here" not in soup(site, QNA).get_text()


def test_qna_links_exactly_as_written(site):
    hrefs = [a["href"] for a in article(site, QNA).select("a.reference.external")]
    assert hrefs == ["https://www.youtube.com/watch?v=EFIMpgSgSaQ",
                     "https://www.linkedin.com/in/megan-bigelow-0a470a2/"]


def test_author_page(site):
    main = article(site, "authors/sanyia-saidova")
    assert main.h1.get_text().rstrip("¶") == "Sanyia Saidova"
    assert "Production Engineering" in main.select_one("p.jobtitle").get_text()
    assert [a.get_text() for a in main.select("ul.post-list p.post-list-title > a")] == [
        "Q&A with a Production Engineer @ Deliveroo"]


@pytest.mark.parametrize("docname", ARCHITECTURE)
def test_architecture_pages_cite_the_qna_and_are_backlinked(site, docname):
    links = [a["href"] for a in article(site, docname).select("a.reference.internal")
             if "2022-05-27-qna-production-engineering.html" in a["href"]]
    assert links, f"{docname} does not cite the Q&A"
    ids = {tag["id"] for tag in soup(site, QNA).find_all(id=True)}
    for href in links:
        fragment = href.partition("#")[2]
        assert not fragment or fragment in ids, href
    backlinks = article(site, QNA).select("section#referenced-by li a")
    targets = {re.sub(r"^(\.\./)+", "", a["href"]) for a in backlinks}
    assert f"{docname}.html" in targets


def test_search_index_finds_the_qna_and_architecture(site):
    raw = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    docnames = index["docnames"]

    def docs_for(word: str) -> set[str]:
        found = set()
        for table in ("terms", "titleterms"):
            hits = index[table].get(word, [])
            found |= {docnames[i] for i in ([hits] if isinstance(hits, int) else hits)}
        return found

    assert QNA in docs_for("sre")
    assert QNA in docs_for("load") & docs_for("test")
    assert {"docs/architecture/observability-and-sre"} <= docs_for("sre")
    assert set(ARCHITECTURE) <= set(docnames)


def test_home_page_reaches_posts_docs_and_guides(site):
    hrefs = {a["href"] for a in article(site, "index").find_all("a")}
    assert {"docs/architecture/index.html", "docs/guides/index.html", "blog.html",
            f"{QNA}.html"} <= hrefs
