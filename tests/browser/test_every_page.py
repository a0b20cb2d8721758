"""Every page of the shared Jekyll blog's build, as a reader sees it in Chromium.

Each page is loaded from nginx and must show no theme error (furo paints
those with ``::before``/``::after`` content), no docutils error box, no
console error or uncaught exception, and no broken image of the site's own.
axe-core checks the pages people land on, and every post, for serious and
critical accessibility violations; the keyboard must reach the search box
and a post's table of contents.  Screenshots of the main kinds of page go
to ``_build/screenshots/gallery/`` with an ``index.html`` to look at them.

The network is closed: requests to other hosts (embedded videos, widgets,
a post's external images) are answered with an empty response, so that the
checks are about this site only.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

#: what a page shows of the theme's and docutils' errors, gathered in the page
FIND_ERRORS = """() => {
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(element, pseudo).content;
      if (content && /ERROR|WARNING/.test(content)) {
        const tag = element.tagName.toLowerCase();
        found.push(`${pseudo} of <${tag} class="${element.className}">: ${content}`);
      }
    }
  }
  for (const box of document.querySelectorAll(".system-message, .problematic, .error")) {
    found.push(`error box: ${box.textContent.trim().slice(0, 120)}`);
  }
  return found;
}"""
#: the site's own images that did not load (lazy ones are made to load first)
FIND_BROKEN_IMAGES = """async () => {
  const own = [...document.images]
    .filter(img => new URL(img.currentSrc || img.src).origin === location.origin);
  const broken = await Promise.all(own.map(async img => {
    img.loading = "eager";
    try { await img.decode(); return img.naturalWidth > 0 ? null : img.src; } catch { return img.src; }
  }));
  return broken.filter(Boolean);
}"""
#: the pages the issue names for axe, besides every post
LANDING_PAGES = ["/", "/docs/architecture/market-isolation.html",
                 "/posts/2022-05-27-qna-production-engineering.html", "/authors/sanyia-saidova.html",
                 "/archive/index.html", "/search.html?q=production"]
#: one of each kind of page, for the gallery
GALLERY = {
    "home": "/", "docs-page": "/docs/architecture/market-isolation.html",
    "qna-post": "/posts/2022-05-27-qna-production-engineering.html",
    "post-with-code": "/posts/2019-02-14-moving-from-ruby-to-rust.html",
    "post-with-images": "/posts/2017-03-28-hackday-and-the-17pound-soda.html",
    "author": "/authors/sanyia-saidova.html", "blog": "/blog.html", "archive": "/archive/index.html",
    "year-archive": "/archive/2022.html", "search": "/search.html?q=production", "not-found": "/no/such/page",
}
SERIOUS = ("serious", "critical")


def pages_of(html_dir: Path) -> list[str]:
    """Every page of the build, less the redirect pages at old URLs (they leave at once)."""
    found = []
    for path in sorted(html_dir.rglob("*.html")):
        if "data-redirect=" in path.read_text(encoding="utf-8", errors="replace")[:400]:
            continue
        found.append("/" + path.relative_to(html_dir).as_posix())
    return found


def closed_network(context, site) -> None:
    origin = site.url("")
    context.route(lambda url: not url.startswith(origin), lambda route: route.fulfill(status=204, body=""))


@pytest.fixture
def reader(watched, corpus_site):
    context = watched()
    closed_network(context.context, corpus_site)
    return context


def test_every_page_shows_no_error_and_no_broken_image(corpus_site, reader, problems):
    paths = pages_of(corpus_site.html)
    kinds = {path.split("/")[1] for path in paths}
    assert {"posts", "authors", "archive", "docs", "search.html", "404.html"} <= kinds, kinds
    assert len(paths) > 100
    page = reader.new_page()
    found = []
    for path in paths:
        page.goto(corpus_site.url(path), wait_until="load")
        found += [f"{path}: {error}" for error in page.evaluate(FIND_ERRORS)]
        found += [f"{path}: broken image {src}" for src in page.evaluate(FIND_BROKEN_IMAGES)]
    assert found == []
    mine = f"[{test_every_page_shows_no_error_and_no_broken_image.__name__}]"
    assert [problem for problem in problems.seen if problem.startswith(mine)] == []


def test_no_serious_accessibility_violation(corpus_site, reader):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    posts = [path for path in pages_of(corpus_site.html) if path.startswith("/posts/")]
    assert len(posts) >= 40
    page = reader.new_page()
    found = []
    for path in LANDING_PAGES + posts:
        page.goto(corpus_site.url(path), wait_until="load")
        if "search" in path:
            page.wait_for_selector("#search-results ul.search li")
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"][:3]]
                found.append(f"{path}: {violation['impact']} {violation['id']} "
                             f"({violation['help']}) at {targets}")
    assert found == []


def tab_until(page, selector: str, presses: int = 80) -> int:
    """Press Tab until the focused element matches ``selector``; how many presses it took."""
    for count in range(1, presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return count
    raise AssertionError(f"{presses} presses of Tab never reached {selector}")


def test_the_keyboard_reaches_the_search_box_and_the_posts_table_of_contents(corpus_site, reader):
    page = reader.new_page()
    page.goto(corpus_site.url("/"))
    tab_until(page, "input[name=q]")
    page.keyboard.type("production")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results ul.search li")
    assert "search.html" in page.url

    page.goto(corpus_site.url("/posts/2022-05-27-qna-production-engineering.html"))
    tab_until(page, "#markdown-toc a")
    page.keyboard.press("Enter")
    assert page.url.endswith("#what-do-i-do")
    page.goto(corpus_site.url("/posts/2019-02-14-moving-from-ruby-to-rust.html"))
    tab_until(page, "pre[tabindex='0']")  # a wide code block scrolls by keyboard


def test_screenshot_gallery(corpus_site, reader, screenshots):
    gallery = screenshots / "gallery"
    gallery.mkdir(exist_ok=True)
    page = reader.new_page()
    reader.expected_missing.add(corpus_site.url(GALLERY["not-found"]))
    figures = []
    for name, path in GALLERY.items():
        page.goto(corpus_site.url(path), wait_until="load")
        if "search" in path:
            page.wait_for_selector("#search-results ul.search li")
        page.screenshot(path=gallery / f"{name}.png", full_page=True)
        figures.append(f'<figure><figcaption>{html.escape(name)}: '
                       f'<code>{html.escape(path)}</code></figcaption>'
                       f'<img src="{name}.png" alt="{html.escape(name)}" width="640"></figure>')
    (gallery / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><meta charset='utf-8'><title>Screenshots</title>"
        "<style>figure{display:inline-block;vertical-align:top;margin:1em}</style>"
        + "".join(figures) + "</html>\n", encoding="utf-8")
    assert all((gallery / f"{name}.png").stat().st_size > 10_000 for name in GALLERY)
