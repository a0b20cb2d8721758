"""A small blog built by Sphinx: the post page, the author page, references."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import make_blog
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The test blog, built once: these tests only read what it wrote."""
    app = SphinxTestApp("html", srcdir=make_blog(tmp_path_factory.mktemp("site") / "src"))
    app.build()
    yield app
    app.cleanup()


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "lxml")


def body(app, name: str):
    return page(app, name).select_one("div.body")


def test_post_page_reads_as_jekyll_showed_it(site):
    assert site.warning.getvalue() == ""
    html = page(site, "posts/2020-01-02-first-post.html")
    main = html.select_one("div.body")
    assert [h.get_text(strip=True).rstrip("¶") for h in main.find_all("h1")] == ["The first post"]
    assert html.title.get_text().startswith("The first post")
    byline = main.select_one("p.byline")
    assert byline.time["datetime"] == "2020-01-02"
    assert byline.time.get_text() == "Thursday, January 2, 2020"
    assert [a.get_text() for a in byline.select(".author a")] == ["Jane Doe"]
    assert byline.select_one(".author a")["href"] == "../authors/jane-doe.html"
    lead = main.select_one("div.excerpt")
    assert lead.get_text(" ", strip=True) == "A short summary of the first post."
    assert lead.em.get_text() == "first"
    description = html.find("meta", attrs={"name": "description"})
    assert description["content"] == "A short summary of the first post."


def test_headings_keep_kramdown_levels_and_ids(site):
    main = body(site, "posts/2020-01-02-first-post.html")
    headings = [(h.name, h.parent.get("id")) for h in main.find_all(re.compile(r"^h[2-6]$"))]
    assert headings == [
        ("h2", "contents"),
        ("h2", "whats-new"),
        ("h3", "a-detail"),
        ("h2", "whats-new-1"),
    ]


@pytest.mark.parametrize(("kramdown", "ids"), [
    ({"auto_id_prefix": "id-"}, ["id-intro", "id-", "id-héllo-wörld", "id-a-link-here"]),
    ({"input": "kramdown"}, ["intro", "section", "hllo-wrld", "a-linkhttpxcom-here"]),
    ({"input": "kramdown", "auto_id_stripping": True}, ["intro", "section", "hllo-wrld", "a-link-here"]),
])
def test_header_ids_follow_the_sites_kramdown_settings(tmp_path, kramdown, ids):
    # deep links of the old site: kramdown's ids under the site's own settings
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-ids.md": (
        "---\ntitle: Ids\n---\n\n## Intro\n\n## !!!\n\n## Héllo Wörld\n\n## A [link](http://x.com) here\n")})
    conf = (src / "conf.py").read_text()
    (src / "conf.py").write_text(conf.replace('"kramdown": {"toc_levels": "2..3"}',
                                              f'"kramdown": {{"toc_levels": "2..3", **{kramdown!r}}}'))
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    main = body(app, "posts/2022-01-01-ids.html")
    assert [h.parent["id"] for h in main.find_all("h2")] == ids


def test_toc_marker_becomes_local_table_of_contents(site):
    main = body(site, "posts/2020-01-02-first-post.html")
    toc = main.select_one("nav#markdown-toc")
    entries = [(a.get_text(), a["href"]) for a in toc.find_all("a")]
    assert entries == [
        ("What’s new?", "#whats-new"),
        ("A detail", "#a-detail"),
        ("What’s new?", "#whats-new-1"),
    ]
    text = main.get_text()
    assert "{:" not in text and "This list becomes" not in text


def test_links_between_posts_and_docs_are_checked_references(site):
    post = body(site, "posts/2020-01-02-first-post.html")
    link = post.find("a", string="the second post")
    assert link["href"] == "2021-03-04-second-post.html#second-section"
    guide = body(site, "docs/guide.html")
    assert guide.find("a", string="the second section")["href"] == (
        "../posts/2021-03-04-second-post.html#second-section")
    backlinks = body(site, "posts/2021-03-04-second-post.html").select_one("section#referenced-by")
    # documentation pages, not other posts
    assert [a.get_text() for a in backlinks.select("li a")] == ["A guide"]


def test_site_absolute_image_is_copied(site):
    image = body(site, "posts/2020-01-02-first-post.html").find("img", alt="A picture")
    assert (site.outdir / "posts" / image["src"]).resolve().is_file()


def test_author_page_lists_their_posts_newest_first(site):
    author = body(site, "authors/jane-doe.html")
    assert author.h1.get_text(strip=True).rstrip("¶") == "Jane Doe"
    assert author.select_one("p.jobtitle").get_text() == "Staff Engineer"
    assert [a.get_text() for a in author.select("ul.post-list p.post-list-title > a")] == [
        "A tagged post <with markup>", "The second post", "The first post"]
    portrait = author.select_one("img.portrait")
    assert (site.outdir / "authors" / portrait["src"]).resolve().is_file()
    assert "Jane writes about" in author.get_text()


def test_unpublished_files_are_reported_not_built(site):
    status = site.status.getvalue()
    assert "2099-01-01-future.md: not published: it is dated 2099-01-01, in the future" in status
    assert "draft-without-date.md: not published: the file name has no date" in status
    assert not (site.outdir / "posts/2099-01-01-future.html").exists()
    assert not (site.outdir / "posts/draft-without-date.html").exists()


def test_without_an_excerpt_the_first_paragraph_describes_the_post(site):
    html = page(site, "posts/2021-03-04-second-post.html")
    assert html.find("meta", attrs={"name": "description"})["content"] == "The first paragraph."
    assert html.select_one("div.excerpt") is None
    [entry] = [li for li in body(site, "authors/jane-doe.html").select("ul.post-list > li")
               if li.a.get_text() == "The second post"]
    assert entry.select_one("p.post-list-excerpt").get_text() == "The first paragraph."


HTML_POST = """---
title: Imported
categories: [old]
---
<p>The first paragraph of {{ page.title | downcase }}, with <strong>bold</strong> and *stars*.</p>

<p>A picture <img src="/images/pic.png" alt="pic"> and
<a href="/2020/01/02/first-post.html">the first post</a>.</p>
1) loose text -- as written
"""


def test_an_html_post_is_its_html_as_jekyll_writes_it(tmp_path):
    """Jekyll converts no HTML post (jekyll-import writes them): the page holds its HTML,
    Liquid run, with the site's files and pages it names led here; an HTML file of the
    project itself is no page."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-imported.html": HTML_POST,
                                             "docs/snippet.html": "<p>not a page</p>\n"})
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out")
    app.build()
    assert app.warning.getvalue() == ""
    html = body(app, "posts/2022-01-01-imported.html")
    assert html.h1.get_text().rstrip("¶") == "Imported"
    paragraphs = [p.get_text() for p in html.find_all("p", class_=False)]
    assert paragraphs[:2] == ["The first paragraph of imported, with bold and *stars*.",
                              "A picture  and\nthe first post."]
    assert html.strong.get_text() == "bold"
    assert "1) loose text -- as written" in html.get_text()
    picture = (src / "posts" / "images" / "pic.png").read_bytes()
    assert (app.outdir / "posts" / html.img["src"]).read_bytes() == picture
    assert html.find("a", string="the first post")["href"] == "2020-01-02-first-post.html"
    # its first block is its excerpt, as Jekyll takes it
    assert page(app, "posts/2022-01-01-imported.html").find("meta", attrs={"name": "description"})[
        "content"] == "The first paragraph of imported, with bold and *stars*."
    assert (app.outdir / "old/2022/01/01/imported.html").is_file()
    assert '"loos"' in (app.outdir / "searchindex.js").read_text()  # a word of its HTML, stemmed
    assert html.get_text().count("loose text") == 1
    assert not (app.outdir / "docs" / "snippet.html").exists()
    app.cleanup()
    # the editions that cannot show its HTML (the PDF, plain text) have its text
    text = SphinxTestApp("text", srcdir=src, builddir=tmp_path / "out")
    text.build()
    assert text.warning.getvalue() == ""
    written = (text.outdir / "posts" / "2022-01-01-imported.txt").read_text(encoding="utf-8")
    assert ("The first paragraph of imported, with bold and *stars*.\n\n"
            "A picture and the first post.") in written
    assert "1) loose text -- as written" in written
    text.cleanup()


def test_an_id_is_an_anchor_of_its_page_not_a_name_of_the_site(tmp_path):
    """kramdown's ids are the page's own: two posts may each have a "summary" heading, a post
    two elements with one id, without a duplicate-label warning failing the strict build."""
    post = "---\ntitle: {title}\n---\n\n## Summary {{#summary}}\n\nOne.\n{{: #same}}\n\nTwo.\n{{: #same}}\n"
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-one.md": post.format(title="One"),
                                             "posts/2022-01-02-two.md": post.format(title="Two")})
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out")
    app.build()
    assert app.warning.getvalue() == ""
    for name in ("one", "two"):
        html = body(app, f"posts/2022-01-0{1 if name == 'one' else 2}-{name}.html")
        assert html.select_one("section#summary h2").get_text().rstrip("¶") == "Summary"
        assert [p.get("id") for p in html.find_all("p", string=["One.", "Two."])] == ["same", None]
    app.cleanup()
