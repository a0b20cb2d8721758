"""The blog around the posts: listings, archives, feeds, sitemap, link
previews, the 404 page and the old URLs."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from urllib.parse import unquote

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import TESTS, build, make_blog
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

BASE = "https://docs.example.org/"
FIRST = "posts/2020-01-02-first-post"
SECOND = "posts/2021-03-04-second-post"
TAGGED = "posts/2021-07-08-tagged-post"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One build for the module: these tests only read its output."""
    src = tmp_path_factory.mktemp("blog") / "src"
    shutil.copytree(TESTS / "roots" / "test-blog", src)
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    yield app
    app.cleanup()


def blog_with_plugins(tmp_path, plugins: list[str], files: dict[str, str], **settings: object):
    """The test blog with these Jekyll ``plugins`` in place of its own, these other site
    settings (``_config.yml`` keys), and these files."""
    conf = (TESTS / "roots" / "test-blog" / "conf.py").read_text()
    written = "".join(f", {key!r}: {value!r}" for key, value in settings.items())
    conf = conf.replace('"plugins": ["jekyll-mentions", "jemoji"]', f'"plugins": {plugins!r}{written}')
    return make_blog(tmp_path / "src", files={"conf.py": conf, **files})


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "lxml")


def titles(element) -> list[str]:
    return [a.get_text() for a in element.select("p.post-list-title > a")]


def test_posts_index_newest_first_with_date_authors_reading_time_excerpt(site):
    entries = soup(site, "index.html").select("ul.post-list > li")
    assert titles(soup(site, "index.html")) == [
        "A tagged post <with markup>", "The second post", "The first post"]
    meta = entries[0].select_one("p.post-list-meta")
    assert meta.time["datetime"] == "2021-07-08"
    assert meta.a.get_text() == "Jane Doe" and meta.a["href"] == "authors/jane-doe.html"
    assert re.search(r"· \d+ min read$", meta.get_text())
    assert entries[0].select_one("p.post-list-excerpt").get_text() == "Tags, a category and a permalink."


def test_post_list_directive_filters(site):
    page = soup(site, "docs/lists.html")
    sections = page.select("div.body section section")
    assert [titles(s) for s in sections] == [
        ["A tagged post <with markup>"], ["The first post"], ["A tagged post <with markup>"]]


def test_archives_by_year_tag_and_category(site):
    index = soup(site, "archive/index.html").select_one("div.body")
    links = {a.get_text(): a["href"] for a in index.select("ul.archive-list a")}
    assert links == {"2021": "2021.html", "2020": "2020.html", "python": "../tags/python.html",
                     "ops": "../tags/ops.html", "Engineering": "../categories/engineering.html"}
    assert titles(soup(site, "archive/2021.html")) == ["A tagged post <with markup>", "The second post"]
    assert titles(soup(site, "tags/python.html")) == ["A tagged post <with markup>"]
    assert titles(soup(site, "categories/engineering.html")) == ["A tagged post <with markup>"]
    byline = soup(site, f"{TAGGED}.html").select_one("p.byline")
    assert {a.get_text(): a["href"] for a in byline.select("a.tag, a.category")} == {
        "python": "../tags/python.html", "ops": "../tags/ops.html",
        "Engineering": "../categories/engineering.html"}


def test_an_archive_pages_list_is_what_its_entries_nodes_are_written_as(site):
    """listings.RenderedEntries: the entry of a post on several archive pages
    (its year's, its tags' and its category's) is written once, and each
    page's list is what its nodes would be written as."""
    from jekyll_myst.blog.archives import archive_pages
    from jekyll_myst.blog.listings import post_entries

    pages = {page: posts for page, (_title, posts) in archive_pages(site.env.domains["jekyll"]).items()
             if posts}
    assert {"archive/2021", "tags/python", "tags/ops", "categories/engineering"} <= set(pages)
    for page, posts in pages.items():
        as_nodes = site.builder.render_partial(post_entries(site, page, posts))["fragment"]
        assert as_nodes.startswith('<ul class="post-list no-search">\n<li>')
        assert as_nodes in (site.outdir / f"{page}.html").read_text(encoding="utf-8"), page


def test_posts_link_to_previous_and_next(site):
    nav = soup(site, f"{SECOND}.html").select_one("div.post-nav")
    assert nav.select_one(".post-nav-prev a")["href"] == "2020-01-02-first-post.html"
    assert nav.select_one(".post-nav-next a")["href"] == "2021-07-08-tagged-post.html"
    assert soup(site, f"{FIRST}.html").select_one(".post-nav-prev") is None


def test_feed_is_atom_with_full_content_and_absolute_urls(site):
    feed = feedparser.parse((site.outdir / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["A tagged post <with markup>", "The second post",
                                              "The first post"]
    tagged = feed.entries[0]
    assert tagged.link == f"{BASE}{TAGGED}.html"
    # the post's instant, in the site's zone (UTC: the test blog sets no timezone)
    written = dt.datetime.fromisoformat("2021-07-08T09:30:00+02:00")
    assert dt.datetime.fromisoformat(tagged.published) == written
    assert tagged.updated.startswith("2021-08-01")
    assert [a.name for a in tagged.authors] == ["Jane Doe"]
    assert tagged.summary == "Tags, a category and a permalink."
    content = BeautifulSoup(tagged.content[0].value, "lxml")
    assert "Content of the tagged post" in content.get_text()
    assert content.img["src"].startswith(BASE + "_images/")
    first = BeautifulSoup(feed.entries[2].content[0].value, "lxml")
    assert all(a["href"].startswith(("https://", "http://")) for a in first.find_all("a", href=True))
    assert "Referenced by" not in first.get_text() and "The first post" not in first.h2.get_text()
    # jekyll-feed's ids, page.id on the site's url: a reader that had these posts from the
    # blog's feed does not show them again as new
    assert [entry.id for entry in feed.entries] == [
        "https://blog.example.org/blog/tagged-post", "https://blog.example.org/2021/03/04/second-post",
        "https://blog.example.org/2020/01/02/first-post"]


def test_the_feeds_keep_the_jekyll_sites_title(tmp_path):
    # jekyll-feed titled them with the site's title (else its name), smartified, and
    # subtitled them with its description, as written
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {},
                            title='The "Probe" blog', feed={"categories": ["Engineering"]},
                            description="What we've learnt\n")
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    title = "The \u201cProbe\u201d blog"
    feeds = [feedparser.parse((app.outdir / path).read_bytes()).feed
             for path in ("feed.xml", "feed/Engineering.xml")]
    assert [(feed.title, feed.subtitle) for feed in feeds] == [
        (title, "What we've learnt"), (f"{title} | Engineering", "What we've learnt")]
    links = soup(app, "index.html").select('link[rel="alternate"][type="application/atom+xml"]')
    assert [(link["title"], link["href"]) for link in links] == [(title, "feed.xml")]


def test_jekyll_feeds_posts_limit_and_excerpt_only(tmp_path):
    # feed: posts_limit: and excerpt_only:, the site's and a post's own, as jekyll-feed reads them
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {
        "posts/2022-01-01-teaser.md": ("---\ntitle: Teaser\nfeed:\n  excerpt_only: true\n---\n\n"
                                       "The teaser.\n\nThe rest.\n")},
        feed={"posts_limit": 2})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    entries = feedparser.parse((app.outdir / "feed.xml").read_bytes()).entries
    assert [entry.title for entry in entries] == ["Teaser", "A tagged post <with markup>"]
    assert "content" not in entries[0] and entries[0].summary == "The teaser."
    assert "Content of the tagged post" in entries[1].content[0].value
    # the site's excerpt_only: no entry carries content
    src = blog_with_plugins(tmp_path / "all", ["jekyll-mentions", "jemoji"], {}, feed={"excerpt_only": True})
    app, warnings = build_noting_warnings(src)
    entries = feedparser.parse((app.outdir / "feed.xml").read_bytes()).entries
    assert (warnings, len(entries), [entry for entry in entries if "content" in entry]) == ([], 3, [])
    bad = blog_with_plugins(tmp_path / "bad", ["jekyll-mentions", "jemoji"], {}, feed={"posts_limit": "ten"})
    app, warnings = build_noting_warnings(bad)
    assert len(warnings) == 1 and "feed posts_limit must be a number of posts, not 'ten'" in warnings[0]
    assert len(feedparser.parse((app.outdir / "feed.xml").read_bytes()).entries) == 3


def test_author_feed_and_alternate_links(site):
    feed = feedparser.parse((site.outdir / "authors/jane-doe/feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == "Posts by Jane Doe"
    assert len(feed.entries) == 3
    for page, expected in (("index.html", ["feed.xml"]), (f"{FIRST}.html", ["../feed.xml"]),
                           ("authors/jane-doe.html", ["../feed.xml", "jane-doe/feed.xml"])):
        links = soup(site, page).select('link[rel=alternate][type="application/atom+xml"]')
        assert [link["href"] for link in links] == expected


def test_the_feed_stays_at_jekyll_feeds_path(tmp_path):
    # feed: path: atom.xml (an Octopress-era address): subscribers have that URL
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {}, feed={"path": "/atom.xml"})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    feed = feedparser.parse((app.outdir / "atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 3
    assert feed.feed.links[-1].href == f"{BASE}atom.xml"
    assert not (app.outdir / "feed.xml").exists()
    links = soup(app, f"{FIRST}.html").select('link[rel=alternate][type="application/atom+xml"]')
    assert [link["href"] for link in links] == ["../atom.xml"]
    # {jekyll:page}`feed.xml` names the site's feed, wherever it is
    assert soup(app, "docs/lists.html").find("a", string="feed")["href"] == "../atom.xml"


def test_the_feeds_of_categories_and_tags_jekyll_feed_wrote(tmp_path):
    # feed: categories: and feed: tags: made /feed/<category>.xml and /feed/by_tag/<tag>.xml
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {},
                            feed={"categories": ["Engineering", "news"], "tags": {"except": ["ops"]}})
    app, warnings = build_noting_warnings(src)
    assert warnings == []

    def entries(path: str) -> tuple[str, list[str]]:
        parsed = feedparser.parse((app.outdir / path).read_bytes())
        assert not parsed.bozo and parsed.feed.links[-1].href == f"{BASE}{path}"
        return parsed.feed.title, [entry.link for entry in parsed.entries]

    title = app.config.html_title
    assert entries("feed/Engineering.xml") == (f"{title} | Engineering", [f"{BASE}{TAGGED}.html"])
    # a category no post has yet: its subscribers keep an empty feed, as jekyll-feed writes it
    assert entries("feed/news.xml") == (f"{title} | News", [])
    assert entries("feed/by_tag/python.xml") == (title, [f"{BASE}{TAGGED}.html"])
    assert not (app.outdir / "feed" / "by_tag" / "ops.xml").exists()
    assert len(entries("feed.xml")[1]) == 3


def test_sitemap_lists_every_page(site):
    root = ElementTree.fromstring((site.outdir / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
            for u in root.findall("s:url", ns)}
    assert urls[f"{BASE}{TAGGED}.html"] == "2021-08-01"
    assert {f"{BASE}index.html", f"{BASE}authors/jane-doe.html", f"{BASE}archive/2020.html",
            f"{BASE}tags/python.html"} <= set(urls)
    assert f"{BASE}404.html" not in urls


def test_a_post_with_sitemap_false_is_left_out_of_the_sitemap(tmp_path):
    # jekyll-sitemap's front-matter switch
    src = make_blog(tmp_path / "src", files={
        "posts/2022-01-01-unlisted.md": "---\ntitle: Unlisted\nsitemap: false\n---\n\nText.\n"})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    sitemap = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{BASE}{FIRST}.html" in sitemap and "2022-01-01-unlisted" not in sitemap
    assert (app.outdir / "posts" / "2022-01-01-unlisted.html").is_file()
    assert "front-matter key 'sitemap'" not in strip_colors(app.status.getvalue())


def test_post_meta_for_search_engines_and_previews(site):
    page = soup(site, f"{TAGGED}.html")

    def meta(**attrs) -> str:
        return page.find("meta", attrs=attrs)["content"]

    assert meta(name="description") == "Tags, a category and a permalink."
    assert meta(property="og:type") == "article"
    assert meta(property="og:title") == "A tagged post <with markup>"
    assert meta(property="og:url") == f"{BASE}{TAGGED}.html"
    published = dt.datetime.fromisoformat(meta(property="article:published_time"))
    assert published == dt.datetime.fromisoformat("2021-07-08T09:30:00+02:00")
    assert meta(property="article:author") == "Jane Doe"
    assert meta(name="twitter:card") == "summary"
    assert page.find("link", rel="canonical")["href"] == f"{BASE}{TAGGED}.html"


def test_a_post_tells_search_engines_what_jekyll_seo_tag_did(tmp_path):
    """jekyll-seo-tag's structured data (a schema.org BlogPosting in JSON-LD) and the site's
    Twitter account; a title cannot end the script element it is written in."""
    title = "Ends </script><b>early</b> & more"
    src = blog_with_plugins(tmp_path, ["jekyll-seo-tag"], {"posts/2022-01-01-structured.md": (
        f"---\ntitle: \"{title}\"\nauthor: Jane Doe\nlast_modified_at: 2022-02-03\n"
        "image: https://cdn.example/x.png\n---\n\nIt's here.\n")}, twitter={"username": "@probe"})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    html = (app.outdir / "posts/2022-01-01-structured.html").read_text(encoding="utf-8")
    assert "</script><b>" not in html
    page = BeautifulSoup(html, "lxml")
    [script] = page.select('script[type="application/ld+json"]')
    url = f"{BASE}posts/2022-01-01-structured.html"
    assert json.loads(script.string) == {
        "@context": "https://schema.org", "@type": "BlogPosting", "headline": title, "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": "2022-01-01T00:00:00+00:00", "dateModified": "2022-02-03T00:00:00+00:00",
        "author": {"@type": "Person", "name": "Jane Doe", "url": f"{BASE}authors/jane-doe.html"},
        "description": "It\u2019s here.", "image": "https://cdn.example/x.png"}
    assert page.find("meta", attrs={"name": "twitter:site"})["content"] == "@probe"
    # other pages are not articles
    assert not soup(app, "index.html").select('script[type="application/ld+json"]')


def test_a_posts_image_is_its_previews_and_feed_entrys_picture(tmp_path):
    """jekyll-seo-tag's ``image``: og:image and a large Twitter card; jekyll-feed's thumbnail."""
    src = make_blog(tmp_path / "src", files={
        "posts/2022-01-01-pictured.md": ("---\ntitle: Pictured\ntags: [alpha]\ncategories: [eng]\n"
                                         "image:\n  path: /images/pic.png\n  alt: A pic\n  width: 640\n"
                                         "---\n\nText.\n"),
        "posts/2022-01-02-remote.md": "---\ntitle: Remote\nimage: https://cdn.example/x.png\n---\n\nText.\n",
        "posts/2022-01-03-missing.md": "---\ntitle: Missing\nimage: /images/none.png\n---\n\nText.\n"})
    app, warnings = build_noting_warnings(src)
    missing = src / "posts" / "2022-01-03-missing.md"
    assert warnings == [f"{missing}:3: WARNING: image /images/none.png names no file of the site: the post's "
                        "link previews and feed entries show no picture [jekyll.path]"]

    def meta(page: str, **attrs) -> str | None:
        found = soup(app, f"posts/2022-01-0{page}.html").find("meta", attrs=attrs)
        return found and found["content"]

    picture = meta("1-pictured", property="og:image")
    assert picture.startswith(f"{BASE}_downloads/") and picture.endswith("/pic.png")
    copied = app.outdir / picture.removeprefix(BASE)
    assert copied.read_bytes() == (src / "posts" / "images" / "pic.png").read_bytes()
    assert (meta("1-pictured", property="og:image:alt"), meta("1-pictured", name="twitter:image"),
            meta("1-pictured", name="twitter:card")) == ("A pic", picture, "summary_large_image")
    assert meta("1-pictured", property="og:image:width") == "640"
    assert meta("2-remote", property="og:image") == "https://cdn.example/x.png"
    assert meta("3-missing", property="og:image") is None
    assert meta("3-missing", name="twitter:card") == "summary"

    entries = {e.title: e for e in feedparser.parse((app.outdir / "feed.xml").read_bytes()).entries}
    assert entries["Pictured"].media_thumbnail == [{"url": picture}]
    # the categories, then the tags, as jekyll-feed gives them
    assert [tag.term for tag in entries["Pictured"].tags] == ["eng", "alpha"]
    assert entries["Remote"].media_thumbnail == [{"url": "https://cdn.example/x.png"}]
    assert "media_thumbnail" not in entries["Missing"]


def test_a_default_image_the_site_lacks_is_reported_once_and_awaited(tmp_path):
    """The site's defaults give every post the picture: its absence is one warning, and
    the posts take it when it comes, without being read again before."""
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {},
                            defaults=[{"scope": {"path": ""}, "values": {"image": "/images/og.png"}}])
    app, warnings = build_noting_warnings(src)
    assert warnings == [f"{src / 'conf.py'}:1: WARNING: defaults: image /images/og.png names no file of the "
                        "site: the posts that take it have no picture in their link previews and feed "
                        "entries [jekyll.path]"]
    assert soup(app, f"{FIRST}.html").find("meta", property="og:image") is None

    app, read = build(src, tmp_path / "out")
    app, read = build(src, tmp_path / "out")
    assert not any(doc.startswith("posts/") for doc in read), read
    shutil.copy(src / "posts" / "images" / "pic.png", src / "posts" / "images" / "og.png")
    app, read = build(src, tmp_path / "out")
    assert {FIRST, SECOND, TAGGED} <= set(read)
    assert soup(app, f"{FIRST}.html").find("meta", property="og:image")["content"].endswith("/og.png")


def test_a_posts_liquid_sees_the_sites_defaults_in_page_and_site_posts(tmp_path):
    """Jekyll's ``page`` (and each post of ``site.posts``) has the front-matter defaults
    under the post's own: themes' includes and posts test ``page.layout``, ``page.comments``."""
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {
        "posts/2022-01-01-defaulted.md": (
            "---\ntitle: Defaulted\ncomments: false\n---\n\n"
            "Layout {{ page.layout }}; {% if page.comments %}comments{% else %}no comments{% endif %}; "
            "{{ page.toc.depth }}.\n\n"
            "{% for p in site.posts limit: 2 %}{{ p.title }}: {{ p.layout }}, {{ p.comments }}. "
            "{% endfor %}\n")},
        defaults=[{"scope": {"path": "", "type": "posts"},
                   "values": {"layout": "single", "comments": True, "toc": {"depth": 2}}}])
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    paragraphs = [p.get_text() for p in soup(app, "posts/2022-01-01-defaulted.html").select("p")]
    assert "Layout single; no comments; 2." in paragraphs
    # the tagged post's title holds an element, which Liquid writes as it is
    assert "Defaulted: single, false. A tagged post : single, true." in paragraphs


def test_a_gallery_of_the_sites_static_files_shows_them_and_follows_the_folder(tmp_path):
    """Jekyll's documented idiom: defaults mark a folder's files, a post lists them."""
    picture = (TESTS / "roots" / "test-blog" / "posts" / "images" / "pic.png").read_bytes()
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {
        "posts/gallery/one.png": picture,
        "posts/2022-01-01-gallery.md": (
            "---\ntitle: Gallery\n---\n\n"
            "{% assign pictures = site.static_files | where: 'image', true %}"
            '{% for p in pictures %}<img src="{{ p.path }}" alt="{{ p.basename }}">{% endfor %}\n')},
        # as Jekyll's documentation writes it: image, which a post's defaults would make its picture
        defaults=[{"scope": {"path": "gallery"}, "values": {"image": True}}])

    def shown(app) -> list[str]:
        images = soup(app, "posts/2022-01-01-gallery.html").select("div.body img")
        assert all((app.outdir / "posts" / img["src"]).is_file() for img in images), images
        return [img["alt"] for img in images]

    app, read = build(src, tmp_path / "out")
    assert app.warning.getvalue() == ""
    assert shown(app) == ["one"]
    app, read = build(src, tmp_path / "out")
    assert "posts/2022-01-01-gallery" not in read
    (src / "posts" / "gallery" / "two.png").write_bytes(picture)
    app, read = build(src, tmp_path / "out")
    assert "posts/2022-01-01-gallery" in read
    assert shown(app) == ["one", "two"]


def test_an_image_of_a_blog_imported_in_part_is_the_original_sites(tmp_path):
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji"], {
        "posts/2022-01-01-pictured.md": "---\ntitle: Pictured\nimage: /images/gone.png\n---\n\nText.\n"})
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + "\njekyll_origin_links = True\n")
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    assert "image /images/gone.png: not in this site, taken from https://blog.example.org/images/gone.png" \
        in strip_colors(app.status.getvalue())
    page = soup(app, "posts/2022-01-01-pictured.html")
    assert page.find("meta", property="og:image")["content"] == "https://blog.example.org/images/gone.png"


def test_chirpys_media_subpath_is_the_folder_of_a_posts_pictures(tmp_path):
    """Chirpy writes a post's pictures, relative or site paths, and its ``image`` under its
    ``media_subpath``."""
    picture = (TESTS / "roots" / "test-blog" / "posts" / "images" / "pic.png").read_bytes()
    src = make_blog(tmp_path / "src", files={
        "posts/assets/img/trip/map.png": picture, "posts/assets/img/trip/cover.png": picture,
        "posts/2022-01-01-trip.md": ("---\ntitle: Trip\nmedia_subpath: /assets/img/trip/\n"
                                     "image:\n  path: cover.png\n---\n\n![The map](map.png)\n\n"
                                     "![The map again](/map.png)\n")})
    app, warnings = build_noting_warnings(src)
    assert warnings == [] and "WARNING" not in app.warning.getvalue()
    page = soup(app, "posts/2022-01-01-trip.html")
    shown = [app.outdir / "posts" / img["src"] for img in page.select("img[alt^='The map']")]
    assert [path.resolve().read_bytes() for path in shown] == [picture, picture]
    preview = page.find("meta", property="og:image")["content"]
    assert preview.startswith(f"{BASE}_downloads/") and preview.endswith("/cover.png")


def test_a_relative_picture_is_the_file_the_posts_url_leads_to(tmp_path):
    """Jekyll leaves ``../../images/pic.png`` as written: the reader's browser finds the picture
    from the post's URL (``/2022/01/01/relative.html``), so the site's file is that one."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-relative.md": (
        "---\ntitle: Relative\n---\n\n![From the URL](../../../images/pic.png)\n\n"
        "![Nowhere](../../../images/none.png)\n\n![Gone](wp-content/none.jpg)\n")})
    app, warnings = build_noting_warnings(src)
    assert [w.split(": WARNING: ")[1] for w in warnings] == [
        "image '../../../images/none.png' leads out of the site and the project: refused [jekyll.path]",
        "image 'wp-content/none.jpg': no such file beside the post, nor where its URL led on the Jekyll "
        "site [jekyll.path]"]
    [img] = soup(app, "posts/2022-01-01-relative.html").select("img[alt='From the URL']")
    assert (app.outdir / "posts" / img["src"]).resolve().read_bytes() == \
        (src / "posts" / "images" / "pic.png").read_bytes()


@pytest.mark.parametrize("tex", ["\\begin{align*}\na &= b \\\\\nc &= d\n\\end{align*}",
                                 "\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}"])
def test_a_page_whose_only_math_is_written_as_kramdown_writes_it_loads_mathjax(tmp_path, tex):
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-maths.md": (
        f"---\ntitle: Maths\n---\n\n$$\n{tex}\n$$\n")})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    page = soup(app, "posts/2022-01-01-maths.html")
    assert page.select_one("div.math").get_text().strip().startswith("\\[\\begin{align")
    assert any("mathjax" in script["src"] for script in page.select("script[src]"))


def test_footnotes_above_the_excerpt_separator_are_the_pages_once(tmp_path):
    """The part above ``<!--more-->`` is read again for the description: its footnote
    definitions are the page's, not a second set of the same names."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-noted.md": (
        "---\ntitle: Noted\nexcerpt_separator: <!--more-->\n---\n\n"
        "A claim,[^1] and another.[^long]\n\n[^1]: The source.\n\n[^long]: More.\n\n"
        "<!--more-->\n\nThe rest.\n")})
    app, warnings = build_noting_warnings(src)
    assert "WARNING" not in app.warning.getvalue() and warnings == []
    page = soup(app, "posts/2022-01-01-noted.html")
    assert [note.get_text(" ", strip=True) for note in page.select("aside.footnote")] == [
        "[ 1 ] The source.", "[ 2 ] More."]
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("A claim")


def test_html_in_a_front_matter_excerpt_shows_as_a_reader_saw_it(tmp_path):
    """Jekyll's themes write a front-matter excerpt as it is: its ``<p>`` tags are
    paragraphs to a reader, never text."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-tagged.md": (
        "---\ntitle: Tagged\nexcerpt: \"<p>The data <em>space</em> grows.</p>\\n\\n"
        "<p>Use `<div>` here.</p>\"\n---\n\nBody.\n")})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    page = soup(app, "posts/2022-01-01-tagged.html")
    shown = ["The data space grows.", "Use <div> here."]
    assert [p.get_text() for p in page.select("div.excerpt p")] == shown
    assert page.find("meta", attrs={"name": "description"})["content"] == " ".join(shown)
    listed = [p.get_text() for p in soup(app, "index.html").select("p.post-list-excerpt")]
    assert " ".join(shown) in listed


def test_page_excerpt_in_a_posts_own_liquid_is_rendered_as_jekyll_renders_it(tmp_path):
    """Jekyll renders a post's excerpt (Liquid, then Markdown) before the post: the post's
    own ``{{ page.excerpt }}`` is that HTML, not the source of its first paragraph."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-own.md": (
        "---\ntitle: Own\n---\n\nFirst *para* of {{ page.title }}.\n\n"
        "Summed up: {{ page.excerpt | strip_html | strip_newlines }}\n")})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    paragraphs = [p.get_text() for p in soup(app, "posts/2022-01-01-own.html").select("div.body p")]
    assert "Summed up: First para of Own." in paragraphs


def test_a_posts_description_is_what_previews_and_feeds_say_of_it(tmp_path):
    """jekyll-seo-tag and jekyll-feed take the front matter's description over the excerpt;
    the blog's lists still show the excerpt, as Jekyll's themes do."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-described.md": (
        "---\ntitle: Described\ndescription: A *described* post, with <b>HTML</b>.\n"
        "excerpt: The excerpt.\n---\n\nText.\n"), "posts/2022-01-02-bad.md": (
        "---\ntitle: Bad\ndescription: [not, text]\n---\n\nThe first paragraph.\n")})
    app, warnings = build_noting_warnings(src)
    assert warnings == [f"{src / 'posts' / '2022-01-02-bad.md'}:3: WARNING: description must be text "
                        "[jekyll.excerpt]"]
    page = soup(app, "posts/2022-01-01-described.html")
    said = "A described post, with HTML."
    shown = ({"name": "description"}, {"property": "og:description"}, {"name": "twitter:description"})
    assert [page.find("meta", attrs=attrs)["content"] for attrs in shown] == [said] * 3
    assert page.select_one("div.excerpt").get_text(strip=True) == "The excerpt."
    entries = {e.title: e for e in feedparser.parse((app.outdir / "feed.xml").read_bytes()).entries}
    assert (entries["Described"].summary, entries["Bad"].summary) == (said, "The first paragraph.")
    listed = [p.get_text() for p in soup(app, "index.html").select("p.post-list-excerpt")]
    assert "The excerpt." in listed and said not in listed


def test_what_lists_feeds_and_previews_say_of_a_post_has_jekylls_typography(tmp_path):
    """jekyll-seo-tag runs a description or an excerpt through kramdown: its quotes curled, its
    dashes and ellipses made.  jekyll-feed and the themes' lists take a front-matter text as
    written, and an excerpt Jekyll made from the post as kramdown's HTML (checked with
    jekyll build 4.3.1, jekyll-seo-tag 2.8.0 and jekyll-feed 0.17.0)."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-quoted.md": (
        "---\ntitle: Quoted\ndescription: Don't \"wait\"...\nexcerpt: It's Prachi's -- story.\n---\n\n"
        "Text.\n"), "posts/2022-01-02-first.md": "---\ntitle: First\n---\n\nIt's the `'first'` one.\n"})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    first = "It\u2019s the 'first' one."

    def described(page: str) -> str:
        return soup(app, page).find("meta", attrs={"name": "description"})["content"]

    assert described("posts/2022-01-01-quoted.html") == "Don\u2019t \u201cwait\u201d\u2026"
    assert described("posts/2022-01-02-first.html") == first
    entries = {e.title: e for e in feedparser.parse((app.outdir / "feed.xml").read_bytes()).entries}
    assert (entries["Quoted"].summary, entries["First"].summary) == ('Don\'t "wait"...', first)
    listed = [p.get_text() for p in soup(app, "index.html").select("p.post-list-excerpt")]
    assert "It's Prachi's -- story." in listed and first in listed


def test_not_found_page_works_at_any_depth(site):
    page = soup(site, "404.html")
    assert page.h1.get_text().startswith("Page not found")
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith("/") for href in stylesheets)


@pytest.mark.parametrize(("old", "new"), [
    ("2020/01/02/first-post.html", f"{FIRST}.html"),
    ("blog/tagged/index.html", f"{TAGGED}.html"),
    ("authors/jane-doe/index.html", "authors/jane-doe.html"),
])
def test_old_urls_lead_to_the_new_pages(site, old, new):
    page = soup(site, old)
    target = page.html["data-redirect"]
    assert (site.outdir / old).parent.joinpath(target).resolve() == (site.outdir / new).resolve()
    assert page.find("link", rel="canonical")["href"] == BASE + new
    script = page.find("script")["src"]
    assert "window.location.hash" in (site.outdir / old).parent.joinpath(script).read_text()
    assert f'"/{old}" "/{new}";' in (site.outdir / "redirects.nginx.map").read_text()


def test_only_the_urls_jekyll_had_are_redirected(site):
    # the permalink replaced the date-based URL: Jekyll never served that one
    assert not (site.outdir / "engineering/2021/07/08/tagged-post.html").exists()
    assert not (site.outdir / "2021/07/08/tagged-post.html").exists()


@pytest.mark.parametrize(("source", "description"), ids=["excerpt", "first paragraph", "image"], argvalues=[
    ("excerpt: >\n  One *paragraph*.\n\n\n  Another.\n---\n\nBody.\n", "One paragraph. Another."),
    ("---\n\nA line  \nbroken <span>with HTML</span>.\n\nSecond.\n", "A line broken with HTML."),
    ("---\n\n![An image](/images/pic.png)\n\nSecond.\n", None),
])
def test_the_description_is_the_excerpts_text_without_html(tmp_path, source, description):
    # as jekyll-seo-tag strips the excerpt's HTML: paragraphs apart, an image not there
    src = make_blog(tmp_path / "src", files={"posts/2022-01-03-described.md": "---\ntitle: D\n" + source})
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    meta = soup(app, "posts/2022-01-03-described.html").find("meta", attrs={"name": "description"})
    assert (meta and meta["content"]) == description


def build_noting_warnings(src) -> tuple[SphinxTestApp, list[str]]:
    """Build the blog at ``src``; the app, and the extension's warnings."""
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, [w for w in strip_colors(app.warning.getvalue()).splitlines() if "[jekyll." in w]


MOVED = "posts/2022-01-01-moved"


def test_redirect_from_paths_lead_to_the_post(tmp_path):
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji", "jekyll-redirect-from"], {
        f"{MOVED}.md": "---\ntitle: Moved\nredirect_from:\n  - /old/one/\n  - old/two.html\n"
                       "  - /%2e%2e/%2e%2e/escaped.html\n  - /2020/01/02/first-post.html\n---\n\nBody.\n",
        "posts/2022-01-02-linking.md": "---\ntitle: Linking\n---\n\n[the old one](/old/one/)\n",
    })
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    # (Sphinx's own warnings of a second app in the process are not the blog's)
    warnings = [w for w in strip_colors(app.warning.getvalue()).splitlines() if "[jekyll." in w]
    # refused with its line; the link to a redirect_from path is the post's
    assert len(warnings) == 1, warnings
    assert f"{MOVED}.md:3: WARNING: redirect_from '/%2e%2e/%2e%2e/escaped.html' is not a path" in warnings[0]
    assert warnings[0].endswith("[jekyll.redirect_from]")
    assert not (tmp_path / "escaped.html").exists() and not (app.outdir.parent / "escaped.html").exists()
    nginx_map = (app.outdir / "redirects.nginx.map").read_text()
    for old in ("old/one/index.html", "old/two.html"):
        target = soup(app, old).html["data-redirect"]
        moved = (app.outdir / f"{MOVED}.html").resolve()
        assert (app.outdir / old).parent.joinpath(target).resolve() == moved
        assert f'"/{old}" "/{MOVED}.html";' in nginx_map
    assert '"/old/one/" "/posts/2022-01-01-moved.html";' in nginx_map
    # a URL a post had stays that post's
    first = soup(app, "2020/01/02/first-post.html").html["data-redirect"]
    assert first.endswith("2020-01-02-first-post.html")
    linking = soup(app, "posts/2022-01-02-linking.html").select_one("div.body a.reference")
    assert linking["href"] == "2022-01-01-moved.html"


HTML_POST = "posts/2022-01-04-html"


def test_html_in_a_post_is_kept_as_written_its_site_paths_leading_here(tmp_path):
    # the test blog leaves kramdown's parse_block_html at Jekyll's default: false
    src = make_blog(tmp_path / "src", files={f"{HTML_POST}.md": (
        "---\ntitle: HTML\n---\n\n<div class=\"pic\">\n  <img src=\"/images/pic.png\" alt=\"A pic\">\n"
        "  <a href='/2020/01/02/first-post.html#text'>first</a>\n"
        "  <a href=\"/2001/01/01/gone.html\">gone</a>\n"
        "</div>\n\n<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n")})
    app, _ = build(src, tmp_path / "out")
    assert "[jekyll." not in strip_colors(app.warning.getvalue())
    page = app.outdir / f"{HTML_POST}.html"
    body = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("div.body")
    # the image is copied with the page; the post it linked to is at its new address
    image = page.parent / body.select_one("div.pic img")["src"]
    assert image.read_bytes() == (src / "posts" / "images" / "pic.png").read_bytes()
    assert [a["href"] for a in body.select("div.pic a")] == ["2020-01-02-first-post.html#text",
                                                              "/2001/01/01/gone.html"]
    # raw, as kramdown leaves block HTML by default: no Markdown read inside
    assert body.select_one("details summary").get_text() == "More"
    assert "Hidden *text*." in body.select_one("details").get_text() and not body.select("details em")
    # in the feed, as the page's own links, absolute
    entry = next(e for e in feedparser.parse((app.outdir / "feed.xml").read_bytes()).entries
                 if e.link == f"{BASE}{HTML_POST}.html")
    content = BeautifulSoup(entry.content[0].value, "lxml")
    assert content.select_one("div.pic a")["href"] == f"{BASE}posts/2020-01-02-first-post.html#text"
    assert content.select_one("div.pic img")["src"].startswith(f"{BASE}_downloads/")

    # the post it links to goes: the link is as written again, as in Jekyll
    (src / "posts" / "2020-01-02-first-post.md").unlink()
    app, read = build(src, tmp_path / "out")
    assert HTML_POST not in read
    body = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("div.body")
    assert body.select_one("div.pic a")["href"] == "/2020/01/02/first-post.html#text"


def test_relative_paths_in_a_posts_html_are_read_from_its_jekyll_url(tmp_path):
    """``../../../images/pic.png`` in an HTML tag named, on the Jekyll site, what a reader's
    browser found from the post's URL (``/2022/01/04/html.html``); written as it is at the
    post's new address, it would lead out of this site."""
    src = make_blog(tmp_path / "src", files={f"{HTML_POST}.md": (
        "---\ntitle: HTML\n---\n\n<p class=\"pic\"><img src=\"../../../images/pic.png\" alt=\"A pic\">\n"
        "<a href=\"../../../2020/01/02/first-post.html\">first</a>\n"
        "<a href=\"pic.png\">nothing there</a> <a href=\"#top\">top</a></p>\n")})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    paragraph = soup(app, f"{HTML_POST}.html").select_one("p.pic")
    image = app.outdir / "posts" / paragraph.img["src"]
    assert image.read_bytes() == (src / "posts" / "images" / "pic.png").read_bytes()
    assert [a["href"] for a in paragraph.select("a")] == ["2020-01-02-first-post.html", "pic.png", "#top"]


def test_every_url_of_a_posts_html_is_absolute_in_the_feed(tmp_path):
    """A feed reader has no page to resolve a relative URL against: the image's ``srcset``,
    the video's ``poster``, a link in single quotes or none are made absolute as well."""
    src = make_blog(tmp_path / "src", files={f"{HTML_POST}.md": (
        "---\ntitle: HTML\n---\n\n<p class=\"media\">\n"
        "<img src='/images/pic.png' srcset=\"/images/pic.png 1x, /images/pic.png 2x\" alt=\"pic\">\n"
        "<video poster=/images/pic.png src=\"/images/pic.png\"></video>\n"
        "<a href='#media'>here</a> <a href=\"mailto:a@example.org\">mail</a> "
        "<a href=\"https://example.com/x?a=1&amp;b=2\">out</a>\n</p>\n")})
    app, _ = build(src, tmp_path / "out")
    # the XML as written: feedparser's sanitizer would drop srcset
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in ElementTree.parse(app.outdir / "feed.xml").getroot().iter(f"{atom}entry")
                 if e.find(f"{atom}link").get("href") == f"{BASE}{HTML_POST}.html")
    media = BeautifulSoup(entry.find(f"{atom}content").text, "lxml").select_one("p.media")
    image, video = media.img, media.video
    assert image["src"].startswith(f"{BASE}_downloads/") and image["src"].endswith("/pic.png")
    assert image["srcset"] == f"{image['src']} 1x, {image['src']} 2x"
    assert video["poster"] == video["src"] == image["src"]
    assert [a["href"] for a in media.find_all("a")] == [
        f"{BASE}{HTML_POST}.html#media", "mailto:a@example.org", "https://example.com/x?a=1&b=2"]


def test_a_gist_is_embedded_as_jekyll_gist_embeds_it(tmp_path):
    src = blog_with_plugins(tmp_path, ["jekyll-mentions", "jemoji", "jekyll-gist"], {
        "posts/2022-01-03-gists.md": "---\ntitle: Gists\n---\n\nThe script:\n\n"
                                     "{% gist parkr/c08ee0f2726fd0e3909d hello.rb %}\n\nAfter it.\n",
    })
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    assert "[jekyll." not in strip_colors(app.warning.getvalue())
    body = soup(app, "posts/2022-01-03-gists.html").select_one("div.body")
    # the browser runs the script, which shows the gist; without scripts, a link to it
    script = body.select_one("script")
    assert script["src"] == "https://gist.github.com/parkr/c08ee0f2726fd0e3909d.js?file=hello.rb"
    assert body.select_one("noscript a")["href"] == "https://gist.github.com/parkr/c08ee0f2726fd0e3909d"
    texts = [p.get_text() for p in body.select("p")]
    assert texts.index("After it.") == texts.index("The script:") + 1


def test_redirect_to_sends_the_posts_old_urls_where_jekyll_did(tmp_path):
    # jekyll-redirect-from made the post's page a redirect to its redirect_to
    src = blog_with_plugins(tmp_path, ["jekyll-redirect-from"], {
        "posts/2022-01-01-away.md": "---\ntitle: Away\nredirect_to: https://elsewhere.example/x\n"
                                    "redirect_from: /gone/\n---\n\nBody.\n",
        "posts/2022-01-02-here.md": "---\ntitle: Here\nredirect_to: /2020/01/02/first-post.html\n---\n\nB.\n",
        "posts/2022-01-03-lost.md": "---\ntitle: Lost\nredirect_to: /no/such/\n---\n\nBody.\n",
    })
    app, warnings = build_noting_warnings(src)
    assert len(warnings) == 1 and "2022-01-03-lost.md" in warnings[0], warnings
    assert "redirect_to /no/such/: no post of this site has that URL" in warnings[0]
    nginx_map = (app.outdir / "redirects.nginx.map").read_text().splitlines()
    for old in ("2022/01/01/away.html", "gone/index.html"):
        assert soup(app, old).html["data-redirect"] == "https://elsewhere.example/x"
        assert f'"/{old}" "https://elsewhere.example/x";' in nginx_map
    assert soup(app, "2022/01/02/here.html").html["data-redirect"] == f"../../../{FIRST}.html"
    assert f'"/2022/01/02/here.html" "/{FIRST}.html";' in nginx_map
    assert '"/2022/01/03/lost.html" "/posts/2022-01-03-lost.html";' in nginx_map

    # the post's own page sends the reader there too, as Jekyll's page at its URL did,
    # so the lists that link to it lead where its author sent it
    def refresh(post: str) -> str | None:
        meta = soup(app, f"posts/{post}.html").find("meta", attrs={"http-equiv": "refresh"})
        return meta and meta["content"]

    assert refresh("2022-01-01-away") == "0; url=https://elsewhere.example/x"
    assert refresh("2022-01-02-here") == "0; url=2020-01-02-first-post.html"
    assert refresh("2022-01-03-lost") is None
    # the post it sent readers to goes: the page is its own again, rewritten
    (src / "posts" / "2020-01-02-first-post.md").unlink()
    app, warnings = build_noting_warnings(src)
    assert refresh("2022-01-02-here") is None


def test_a_url_two_posts_have_leads_to_the_one_jekyll_wrote_last(tmp_path):
    # Jekyll writes its posts by date, then by file: the later page is the one its site
    # served at the URL, whatever the file names' order
    src = make_blog(tmp_path / "src", files={
        "posts/2022-01-01-zzz.md": "---\ntitle: Older\ndate: 2021-12-01\npermalink: /same/\n---\n\nA.\n",
        "posts/2022-01-02-aaa.md": "---\ntitle: Newer\npermalink: /same/\n---\n\nB.\n",
        "posts/2022-01-03-linking.md": "---\ntitle: Linking\n---\n\n[the same](/same/)\n",
    })
    app, warnings = build_noting_warnings(src)
    assert len(warnings) == 2 and all("has the URL /same/" in w for w in warnings), warnings
    assert soup(app, "same/index.html").html["data-redirect"] == "../posts/2022-01-02-aaa.html"
    assert '"/same/" "/posts/2022-01-02-aaa.html";' in (app.outdir / "redirects.nginx.map").read_text()
    linking = soup(app, "posts/2022-01-03-linking.html").select_one("div.body a.reference")
    assert linking["href"] == "2022-01-02-aaa.html"


def test_old_urls_without_an_extension_are_in_the_map(tmp_path):
    # Jekyll gives a post whose permalink has no extension the URL /notes/short,
    # writes notes/short.html, and GitHub Pages answers /notes/short with it
    src = blog_with_plugins(tmp_path, ["jekyll-redirect-from"], {
        f"{MOVED}.md": "---\ntitle: Moved\npermalink: /notes/:title\nredirect_from: /was-here\n---\n\n"
                       "Body.\n",
    })
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    assert soup(app, "notes/moved.html").html["data-redirect"] == f"../{MOVED}.html"
    nginx_map = (app.outdir / "redirects.nginx.map").read_text().splitlines()
    for old in ("/notes/moved", "/notes/moved.html", "/was-here", "/was-here.html"):
        assert f'"{old}" "/{MOVED}.html";' in nginx_map
    # a URL Jekyll wrote a file for is never taken by one its server answered otherwise
    assert len({line.partition(" ")[0] for line in nginx_map}) == len(nginx_map)


def test_the_old_pages_of_a_paginated_index_lead_to_the_archive(tmp_path):
    # jekyll-paginate wrote the blog's index a post a page: /page2/ and /page3/ for three posts
    src = blog_with_plugins(tmp_path, ["jekyll-paginate"], {}, paginate=1)
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    nginx_map = (app.outdir / "redirects.nginx.map").read_text().splitlines()
    for page in ("page2", "page3"):
        assert soup(app, f"{page}/index.html").html["data-redirect"] == "../archive/index.html"
        assert f'"/{page}/" "/archive/index.html";' in nginx_map
    assert not (app.outdir / "page4").exists()


def test_the_old_pages_of_jekyll_archives_lead_to_the_archives(tmp_path):
    # jekyll-archives wrote /tag/<slug>/, /category/<slug>/, /<year>/, /<year>/<month>/...
    archives = {"enabled": "all", "permalinks": {"tag": "/topics/:name/"}}
    src = blog_with_plugins(tmp_path, ["jekyll-archives"], {}, **{"jekyll-archives": archives})
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    nginx_map = (app.outdir / "redirects.nginx.map").read_text().splitlines()
    for old, new in (("topics/python", "tags/python"), ("category/engineering", "categories/engineering"),
                     ("2021", "archive/2021"), ("2021/07", "archive/2021"), ("2021/07/08", "archive/2021")):
        page = f"{old}/index.html"
        assert (app.outdir / page).parent.joinpath(soup(app, page).html["data-redirect"]).resolve() == (
            app.outdir / f"{new}.html").resolve(), old
        assert f'"/{old}/" "/{new}.html";' in nginx_map
    assert not (app.outdir / "tag").exists()


def test_old_urls_with_another_extension_keep_it(tmp_path):
    # Jekyll writes a post whose permalink is /blog/post.php at blog/post.php, and
    # jekyll-redirect-from's /legacy.aspx at legacy.aspx (a WordPress or ASP.NET past)
    src = blog_with_plugins(tmp_path, ["jekyll-redirect-from"], {
        f"{MOVED}.md": "---\ntitle: Moved\npermalink: /blog/post.php\nredirect_from: /legacy.aspx\n---\n\n"
                       "Body.\n",
    })
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    nginx_map = (app.outdir / "redirects.nginx.map").read_text().splitlines()
    for old in ("blog/post.php", "legacy.aspx"):
        assert (app.outdir / old).parent.joinpath(soup(app, old).html["data-redirect"]).resolve() == (
            app.outdir / f"{MOVED}.html").resolve()
        assert f'"/{old}" "/{MOVED}.html";' in nginx_map
    assert not list(app.outdir.rglob("*.php.html")) and not list(app.outdir.rglob("*.aspx.html"))


def test_old_urls_with_spaces_and_punctuation_are_in_the_map(tmp_path):
    # Jekyll writes a category's spaces and a title's punctuation into the path;
    # nginx matches the decoded path ($uri) with the quoted key as it is
    src = make_blog(tmp_path / "src", files={
        "posts/2022-01-01-what's-new-(part-1).md": "---\ntitle: New\ncategory: Web Dev\n---\n\nBody.\n",
        "posts/2022-01-02-priced.md": "---\ntitle: Priced\npermalink: /cost$/\n---\n\nBody.\n",
    })
    app, warnings = build_noting_warnings(src)
    assert warnings == []
    old = "web dev/2022/01/01/what's-new-(part-1).html"
    new = "/posts/2022-01-01-what%27s-new-%28part-1%29.html"
    target = unquote(soup(app, old).html["data-redirect"])
    assert (app.outdir / old).parent.joinpath(target).resolve() == (app.outdir / unquote(new[1:])).resolve()
    nginx_map = (app.outdir / "redirects.nginx.map").read_text().splitlines()
    assert f'"/{old}" "{new}";' in nginx_map
    # nginx would read a $ as a variable: that old URL keeps its redirect page only
    assert (app.outdir / "cost$/index.html").is_file()
    assert not [line for line in nginx_map if "$" in line]


def test_links_under_the_baseurl_lead_to_the_posts(tmp_path):
    # a GitHub Pages project site: Jekyll served every page under /blog, and
    # relative_url, absolute_url and {{ site.baseurl }} write that into links
    conf = (TESTS / "roots" / "test-blog" / "conf.py").read_text()
    src = make_blog(tmp_path / "src", files={
        "conf.py": conf.replace('"url": "https://blog.example.org",',
                                '"url": "https://blog.example.org", "baseurl": "/blog",'),
        "posts/2022-01-02-linking.md": (
            "---\ntitle: Linking\n---\n\n"
            "[a]({{ site.baseurl }}/2020/01/02/first-post.html)\n"
            '[b]({{ "/2020/01/02/first-post.html" | relative_url }})\n'
            '[c]({{ "/2020/01/02/first-post.html" | absolute_url }})\n'
            "[d]({{ site.url }}{{ site.baseurl }}/2020/01/02/first-post.html#whats-new)\n"
            "[e](/blog/2020/01/02/first-post.html)\n"
            "{% for post in site.posts %}{% if post.title == 'The first post' %}"
            "[f]({{ post.url | relative_url }}){% endif %}{% endfor %}\n"
            "[g](/2020/01/02/first-post.html)\n"
            "[i]({% post_url 2020-01-02-first-post %})\n"
            "[h](/blog/2020/01/02/no-such-post.html)\n\n"
            "Written: {% post_url 2020-01-02-first-post %}\n"),
    })
    app, warnings = build_noting_warnings(src)
    # a path under the baseurl that no page has is reported as one without it is
    assert len(warnings) == 1, warnings
    assert "link to /blog/2020/01/02/no-such-post.html: no page of this site has that URL" in warnings[0]
    body = soup(app, "posts/2022-01-02-linking.html").select_one("div.body section > p:not(.byline)")
    assert {a.get_text(): a["href"] for a in body.find_all("a")} == {
        **{name: "2020-01-02-first-post.html" for name in "abcefgi"},
        "d": "2020-01-02-first-post.html#whats-new"}
    assert body.get_text().split()[-1] == "h"
    # Jekyll 4's post_url is under the baseurl, as relative_url
    assert body.find_next_sibling("p").get_text() == "Written: /blog/2020/01/02/first-post.html"


def test_a_link_to_the_sites_feed_leads_to_its_feed_here(tmp_path):
    """'Subscribe to [the feed](/feed.xml)': jekyll-feed wrote it there, this site writes it
    too; any other path the Jekyll site generated (an API's JSON) is a link to a page this
    site lacks."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-02-linking.md": (
        "---\ntitle: Linking\n---\n\n"
        "Subscribe to [the feed](/feed.xml), [again]({{ '/feed.xml' | absolute_url }}); "
        "[the team](/api/team.json).\n\n<p class=\"raw\"><a href=\"/feed.xml\">RSS</a></p>\n")})
    app, warnings = build_noting_warnings(src)
    assert [w.split(": WARNING: ")[1] for w in warnings] == [
        "link to /api/team.json: no page of this site has that URL [jekyll.link]"]
    page = app.outdir / "posts" / "2022-01-02-linking.html"
    links = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("div.body section > p a")
    assert [a.get_text() for a in links] == ["the feed", "again", "RSS"]
    assert {(page.parent / a["href"]).resolve() for a in links} == {(app.outdir / "feed.xml").resolve()}
    assert (app.outdir / "feed.xml").is_file()


@pytest.mark.parametrize(("served_at", "stub", "baseurl"), [
    # a new address: the old URLs are under /blog/ of it, where the old site's host now points
    ("https://docs.example.org/", "blog/2020/01/02/first-post.html", "/blog"),
    # a GitHub Pages project site built with this project instead: same place, same URLs
    ("https://team.github.io/blog/", "2020/01/02/first-post.html", "/blog"),
    # the site's address given as its baseurl: the site was served at that address's path
    ("https://docs.example.org/", "blog/2020/01/02/first-post.html", "https://blog.example.org/blog/"),
])
def test_old_urls_under_the_baseurl_lead_to_the_posts(tmp_path, served_at, stub, baseurl):
    conf = (TESTS / "roots" / "test-blog" / "conf.py").read_text()
    src = make_blog(tmp_path / "src", files={
        "conf.py": conf.replace('"url": "https://blog.example.org",',
                                f'"url": "https://blog.example.org", "baseurl": "{baseurl}",')
                       .replace(BASE, served_at)})
    app, warnings = build_noting_warnings(src)
    assert warnings == ([] if baseurl == "/blog" else [
        f"{src / 'conf.py'}:1: WARNING: baseurl '{baseurl}' is an address, not the path the site is "
        "served under: '/blog' is used; set url to the address and baseurl to its path [jekyll.config]"])
    target = soup(app, stub).html["data-redirect"]
    assert (app.outdir / stub).parent.joinpath(target).resolve() == (app.outdir / f"{FIRST}.html").resolve()
    # the map matches the whole path a browser asks for: the old one, under the baseurl
    prefix = served_at.removeprefix("https://").partition("/")[2]
    nginx_map = (app.outdir / "redirects.nginx.map").read_text().splitlines()
    assert f'"/blog/2020/01/02/first-post.html" "/{prefix}{FIRST}.html";' in nginx_map
    assert f'"/blog/authors/jane-doe/" "/{prefix}authors/jane-doe.html";' in nginx_map
    assert all(line.startswith('"/blog/') for line in nginx_map)


def test_site_posts_give_the_excerpts_jekyll_renders(tmp_path):
    src = make_blog(tmp_path / "src", files={
        "posts/2022-01-01-alpha.md": "---\ntitle: Alpha\n---\n"
                                     "Alpha *one* of {{ page.title }} and [ref][r].\n\nSecond.\n\n[r]: https://example.org/r\n",
        # a front matter excerpt is given as written
        "posts/2022-01-02-beta.md": "---\ntitle: Beta\nexcerpt: Given *as is* {{ page.title }}\n---\nBody.\n",
        "posts/2022-01-03-gamma.md": "---\ntitle: Gamma\nexcerpt_separator: <!--more-->\n---\n"
                                     "Gamma \"quoted\" -- text \\\"as is\\\"\nover lines <!--more--> rest\n",
        "posts/2022-01-04-list.md": (
            "---\ntitle: List\n---\n{% for p in site.posts %}"
            "{% if p.title == 'Alpha' or p.title == 'Beta' or p.title == 'Gamma' %}\n"
            "[{{ p.title }}] {{ p.excerpt | strip_html | strip }}\n{% endif %}{% endfor %}\n\n"
            "{% for p in site.posts %}{% if p.title == 'Alpha' %}{{ p.excerpt }}{% endif %}{% endfor %}\n"),
        # an excerpt that shows itself: Jekyll never ends
        "posts/2022-01-05-loop.md": "---\ntitle: Loop\n---\n"
                                    "{% for p in site.posts %}{% if p.title == 'Loop' %}"
                                    "[{{ p.excerpt }}]{% endif %}{% endfor %}\n",
    })
    app, warnings = build_noting_warnings(src)
    assert len(warnings) == 1, warnings
    assert "2022-01-05-loop.md:4: WARNING: the excerpt shows itself, through site.posts" in warnings[0]
    assert warnings[0].endswith("[jekyll.liquid]")
    # Jekyll 4.3's own output, by jekyll build, as text
    paragraphs = soup(app, "posts/2022-01-04-list.html").select("div.body section > p:not(.byline)")
    assert [p.get_text() for p in paragraphs[:3]] == [
        "[Gamma] Gamma \u201cquoted\u201d \u2013 text \"as is\"\nover lines",
        "[Beta] Given as is {{ page.title }}", "[Alpha] Alpha one of Alpha and ref."]
    assert "one" in [em.get_text() for em in paragraphs[3].find_all("em")]
    assert "{{" not in paragraphs[3].get_text() and "of Alpha and" in paragraphs[3].get_text()
