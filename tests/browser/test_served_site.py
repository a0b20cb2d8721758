"""The built site behind nginx (deploy/nginx/), read in Chromium as a reader would."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode

import pytest

QNA = "/posts/2022-05-27-qna-production-engineering.html"
QNA_TITLE = "Q&A with a Production Engineer @ Deliveroo"
OLD_QNA = "/2022/05/27/qna-production-engineering.html"
HORIZON = "whats-on-the-horizon-for-production-engineering"
OBSERVABILITY = "/docs/architecture/observability-and-sre.html"
AUTHOR = "/authors/sanyia-saidova.html"
ATOM = "{http://www.w3.org/2005/Atom}"
LONG_CACHE = "public, max-age=31536000, immutable"


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def heading_on_screen(page, fragment: str) -> None:
    """The section's heading is shown, scrolled into the window."""
    heading = page.locator(f"section#{fragment} > :is(h1, h2, h3, h4)").first
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0, "the page was not scrolled to the section"


def static_url(site, html: Path, pattern: str) -> str:
    """The URL of a static file as the pages link it (with its ?v= version)."""
    match = re.search(pattern, (html / QNA.lstrip("/")).read_text(encoding="utf-8"))
    assert match, f"no {pattern} in the post page"
    return "/" + match.group(0).replace("../", "")


# a. search

@pytest.mark.parametrize(("query", "expected"), [
    ("SRE", [QNA_TITLE, "Observability and SRE"]),
    ("load testing", [QNA_TITLE, "Load and integration testing"]),
])
def test_search_finds_the_post_and_the_docs(site, page, screenshots, query, expected):
    page.goto(site.url("/search.html?" + urlencode({"q": query})))
    expect(page.locator("#search-results .search-summary")).to_contain_text("found")
    titles = page.locator("#search-results ul.search li > a").all_inner_texts()
    for title in expected:
        assert title in titles, f"{title!r} is not among the results for {query!r}: {titles}"
    if query == "SRE":
        page.screenshot(path=screenshots / "search.png", full_page=True)
    page.locator("#search-results ul.search li > a", has_text=QNA_TITLE).click()
    expect(page).to_have_url(re.compile(re.escape(site.url(QNA))))
    expect(page.locator("article h1")).to_contain_text(QNA_TITLE)


# b. cross-references between docs and posts, both ways

def test_a_docs_reference_lands_on_the_post_section_and_the_backlink_returns(site, page):
    page.goto(site.url(OBSERVABILITY))
    page.locator(f'article a.reference.internal[href$="{QNA.rsplit("/", 1)[1]}#{HORIZON}"]').first.click()
    expect(page).to_have_url(site.url(f"{QNA}#{HORIZON}"))
    heading_on_screen(page, HORIZON)

    backlink = page.locator("#referenced-by a", has_text="Observability and SRE")
    expect(backlink).to_have_count(1)
    backlink.click()
    expect(page).to_have_url(site.url(OBSERVABILITY))
    expect(page.locator("article h1")).to_contain_text("Observability and SRE")


# c. home, blog, post, author, feeds

def test_from_home_to_blog_post_author_and_feeds(site, page, screenshots):
    page.goto(site.url("/"))
    page.locator('article a[href="blog.html"]').first.click()
    expect(page).to_have_url(site.url("/blog.html"))
    page.screenshot(path=screenshots / "blog.png", full_page=True)

    page.locator("article a", has_text=QNA_TITLE).first.click()
    expect(page).to_have_url(site.url(QNA))
    expect(page.locator("article h1")).to_contain_text(QNA_TITLE)
    page.screenshot(path=screenshots / "post.png", full_page=True)

    page.locator("article p.byline .author a").click()
    expect(page).to_have_url(site.url(AUTHOR))
    expect(page.locator("article h1")).to_contain_text("Sanyia Saidova")

    feeds = page.eval_on_selector_all('link[rel="alternate"][type="application/atom+xml"]',
                                      "links => links.map(link => link.href)")
    assert sorted(feeds) == [site.url("/authors/sanyia-saidova/feed.xml"), site.url("/feed.xml")]
    for href in feeds:
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith("application/atom+xml"), response.headers
        feed = ET.fromstring(response.body())
        assert feed.tag == f"{ATOM}feed"
        assert QNA_TITLE in [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


# d. the blog's old URLs

def test_an_old_post_url_is_a_301_that_keeps_the_fragment(site, page):
    response, _ = site.get(OLD_QNA)
    assert response.status == 301
    assert response.getheader("Location") == QNA
    response, _ = site.get(OLD_QNA + "?utm_source=feed")
    assert (response.status, response.getheader("Location")) == (301, QNA + "?utm_source=feed")
    for old in ("/authors/sanyia-saidova/", "/authors/sanyia-saidova"):
        response, _ = site.get(old)
        assert (response.status, response.getheader("Location")) == (301, AUTHOR)

    page.goto(site.url(f"{OLD_QNA}#{HORIZON}"))
    expect(page).to_have_url(site.url(f"{QNA}#{HORIZON}"))
    heading_on_screen(page, HORIZON)


def test_the_redirect_page_works_where_the_map_is_not_used(site, watched):
    # a plain static server of the same files: the page at the old URL does the redirect
    response, body = site.get(OLD_QNA, port=site.plain_port)
    assert response.status == 200 and b"data-redirect=" in body

    page = watched().new_page()
    page.goto(site.plain_url(f"{OLD_QNA}#{HORIZON}"))
    expect(page).to_have_url(site.plain_url(f"{QNA}#{HORIZON}"))
    heading_on_screen(page, HORIZON)

    # without JavaScript, the <noscript> refresh still leads to the post
    page = watched(java_script_enabled=False).new_page()
    page.goto(site.plain_url(OLD_QNA))
    expect(page).to_have_url(site.plain_url(QNA))
    expect(page.locator("article h1")).to_contain_text(QNA_TITLE)


# e. the 404 page

def test_a_missing_page_shows_the_styled_404_page_with_working_links(site, watched):
    missing = site.url("/no/such/page.html")
    context = watched()
    context.expected_missing.add(missing)
    page = context.new_page()
    stylesheets: dict[str, int] = {}
    page.on("response", lambda r: r.request.resource_type == "stylesheet"
            and stylesheets.__setitem__(r.url.split("?")[0], r.status))

    response = page.goto(missing)
    assert response.status == 404
    expect(page.locator("article h1")).to_contain_text("Page not found")
    assert stylesheets.get(site.url("/_static/styles/furo.css")) == 200, stylesheets
    # furo's layout is applied: the page is a flex box, the sidebar shown beside the content
    assert page.evaluate("getComputedStyle(document.querySelector('.page')).display") == "flex"
    expect(page.locator(".sidebar-drawer")).to_be_visible()

    page.locator("a.sidebar-brand").click()
    expect(page).to_have_url(site.url("/index.html"))
    expect(page.locator("article h1")).to_be_visible()


def test_the_404_page_s_own_links_work_at_any_depth(site, watched):
    missing = site.url("/no/such/page.html")
    context = watched()
    context.expected_missing.add(missing)
    page = context.new_page()
    page.goto(missing)
    links = page.locator("article a.reference.internal")
    hrefs = links.evaluate_all("links => links.map(link => link.href)")
    assert len(hrefs) >= 3
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200, f"{href} answers {response.status}"


# f. light and dark

def test_the_theme_toggle_switches_between_light_dark_and_auto(site, page):
    page.goto(site.url(QNA))
    theme = "document.body.dataset.theme"
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(theme) == "auto"
    toggle = page.locator("button.theme-toggle").filter(visible=True).first
    seen, backgrounds = [], {}
    for _ in range(3):
        toggle.click()
        seen.append(page.evaluate(theme))
        backgrounds[seen[-1]] = page.evaluate(background)
    assert sorted(seen) == ["auto", "dark", "light"], seen
    assert backgrounds["light"] != backgrounds["dark"], backgrounds
    # the choice is kept for the next page
    toggle.click()
    chosen = page.evaluate(theme)
    page.goto(site.url("/blog.html"))
    assert page.evaluate(theme) == chosen


# g. code

#: what a reader who selects the whole element gets, to copy
SELECTED = """e => {
  const range = document.createRange();
  range.selectNodeContents(e);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return getSelection().toString();
}"""


def test_each_line_number_sits_beside_its_line_of_code(site, page):
    page.goto(site.url("/docs/guides/writing-a-post.html"))
    block = page.locator("pre.numbered").first
    expect(block).to_be_visible()
    place = ("e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e); "
             "return [r.top, r.height, s.lineHeight] }")
    numbers, code = (block.locator(part).evaluate(place) for part in (".linenos", "code"))
    assert numbers == code, f"numbers at {numbers}, code at {code} (top, height, line height)"
    assert block.locator(".linenos").inner_text().split() == ["1", "2", "3"]
    assert block.locator(".linenos").evaluate("e => e.getBoundingClientRect().right") \
        <= block.locator("code").evaluate("e => e.getBoundingClientRect().left")
    # selecting the block selects its code alone
    code_text = block.locator("code").inner_text()
    assert block.evaluate(SELECTED).strip() == code_text.strip() and "1" not in code_text.split()


# h. the response headers

def test_headers_of_a_page_and_of_static_files(site):
    response, body = site.get(QNA, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Content-Encoding") == "gzip"
    assert QNA_TITLE.replace("&", "&amp;").replace("@", "&#64;").encode() in gzip.decompress(body)
    assert response.getheader("Cache-Control") == "no-cache"
    csp = response.getheader("Content-Security-Policy")
    assert csp == site.csp
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in csp
    assert "script-src 'self' 'sha256-" in csp and "img-src 'self' data:" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")

    response, body = site.get(QNA)
    assert response.getheader("Content-Encoding") is None and body.startswith(b"<!doctype html>")

    for path, kind in [(static_url(site, site.html, r"\.\./_static/styles/furo\.css\?v=\w+"), "text/css"),
                       (static_url(site, site.html, r"\.\./_static/scripts/furo\.js\?v=\w+"), "javascript")]:
        response, body = site.get(path, {"Accept-Encoding": "gzip"})
        assert response.status == 200, path
        assert kind in response.getheader("Content-Type")
        assert response.getheader("Cache-Control") == LONG_CACHE
        assert response.getheader("Content-Encoding") == "gzip"
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert gzip.decompress(body) == (site.html / path.lstrip("/").split("?")[0]).read_bytes()

    # the same name after a change: revalidated, like the search index they go with
    for path in ("/searchindex.js", "/_static/searchtools.js", "/_static/jekyll-redirect.js",
                 "/_static/styles/furo.css"):
        response, _ = site.get(path)
        assert (response.status, response.getheader("Cache-Control")) == (200, "no-cache"), path
    # browsers ask for /favicon.ico; the site has none: an empty answer, not an error
    response, _ = site.get("/favicon.ico")
    assert response.status == 204


def test_the_build_s_own_files_are_not_served(site):
    for path in ("/.buildinfo", "/.jekyll-myst-files.json", "/.doctrees/environment.pickle",
                 "/redirects.nginx.map", "/_static/../.buildinfo"):
        response, body = site.get(path)
        assert response.status == 404, path
        assert b"Page not found" in body
        assert response.getheader("Content-Security-Policy") == site.csp
    assert (site.html / ".buildinfo").is_file() and (site.html / "redirects.nginx.map").is_file()


# g. every page, in the browser: no console error, no CSP violation (here and in the tests above)

def test_every_page_runs_without_console_errors_or_csp_violations(site, page, problems):
    pages = sorted(p.relative_to(site.html).as_posix() for p in site.html.rglob("*.html")
                   if not p.relative_to(site.html).as_posix().startswith(".")
                   and b"data-redirect=" not in p.read_bytes()[:400])
    assert "index.html" in pages and "404.html" in pages and len(pages) > 10
    for path in pages:
        response = page.goto(site.url(f"/{path}"))
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert problems.pages > 1
    assert problems.seen == [], "\n".join(problems.seen)
