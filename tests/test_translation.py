"""The pure translation code, without Sphinx: front matter, Jekyll's file
rules, kramdown's header ids, Liquid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jekyll_myst.jekyll.dates import parse_date_value
from jekyll_myst.jekyll.filenames import PostName, parse_post_name
from jekyll_myst.jekyll.frontmatter import split_front_matter
from jekyll_myst.jekyll.kramdown.ids import HeaderIds
from jekyll_myst.jekyll.liquid import Links, PageInput, SiteInput, render_post
from jekyll_myst.jekyll.permalinks import DEFAULT_PERMALINK, UrlParts, jekyll_url
from jekyll_myst.jekyll.post import read_post, unpublished_reason
from jekyll_myst.jekyll.problems import Problem
from jekyll_myst.jekyll.site import BlogSource

SEED_HEAD = """---
layout: post
title:  "Q&A with a Production Engineer @ Deliveroo"
authors:
  - "Sanyia Saidova"
excerpt: >
  There's a lot to being a production engineer at Deliveroo, and there's no better way to answer this than in a Q&A fashion. So here are some of the questions I get asked and my answers to them. :)

---

## Table of Contents
"""


def test_front_matter_of_the_seed_post():
    front = split_front_matter(SEED_HEAD)
    assert front.problems == []
    assert front.data["title"] == "Q&A with a Production Engineer @ Deliveroo"
    assert front.data["authors"] == ["Sanyia Saidova"]
    assert front.data["excerpt"].startswith("There's a lot to being")
    assert front.data["excerpt"].endswith("my answers to them. :)\n")
    assert front.body_line == 10  # the blank line after the closing ---
    assert front.body.startswith("\n## Table of Contents")
    assert front.line_of("authors") == 4


@pytest.mark.parametrize(("text", "message", "line"), [
    ("# no front matter\n", "no front matter", 1),
    ("---\ntitle: x\nbody never closed\n", "front matter is not closed", 1),
    ("---\ntitle: [unclosed\n---\n", "not valid YAML", 3),
    ("---\n- a\n- b\n---\n", "must be a mapping", 2),
])
def test_front_matter_problems_are_located(text, message, line):
    [problem] = split_front_matter(text).problems
    assert message in problem.message
    assert problem.line == line


def test_dates_stay_text_for_jekyll_rules():
    front = split_front_matter("---\ndate: 2022-06-27T16:27:23+0100\n---\n")
    assert front.data["date"] == "2022-06-27T16:27:23+0100"
    date = parse_date_value(front.data["date"])
    assert date == dt.datetime(2022, 6, 27, 16, 27, 23, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.mark.parametrize(("value", "expected"), [
    ("2017-10-04 00:00:00", dt.datetime(2017, 10, 4)),
    ("2023-01-04T11:25:09+0000", dt.datetime(2023, 1, 4, 11, 25, 9, tzinfo=dt.UTC)),
    ("2020-02-29", dt.datetime(2020, 2, 29)),
    ("2023-02-30", "date '2023-02-30' does not exist"),
    # Ruby takes an hour with AM or PM modulo 12: Beautiful Jekyll posts write "22:51:00 PM"
    ("2021-12-25 22:51:00 PM", dt.datetime(2021, 12, 25, 22, 51)),
    ("2021-12-25 22:51 AM", dt.datetime(2021, 12, 25, 10, 51)),
    ("2021-12-25 12:05 am", dt.datetime(2021, 12, 25, 0, 5)),
    ("2021-12-25 25:51 PM", dt.datetime(2021, 12, 25, 13, 51)),
    ("last tuesday",
     "date 'last tuesday' is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ"),
])
def test_date_values(value, expected):
    assert parse_date_value(value) == expected


def test_post_names():
    assert parse_post_name("2022-05-27-qna-production-engineering.md") == PostName(
        dt.date(2022, 5, 27), "qna-production-engineering", "md")
    assert parse_post_name("YYYY-MM-DD-your-blog-post-name.md") is None
    assert parse_post_name("2023-02-30-x.md") == Problem(
        "date", "date '2023-02-30' in the file name does not exist", 1)


def test_jekyll_urls():
    day = dt.datetime(2016, 10, 7)

    def url(template, slug, categories=()):
        return jekyll_url(template, UrlParts(day, slug, f"2016-10-07-{slug}", f"/2016-10-07-{slug}",
                                             tuple(categories)))
    assert url(DEFAULT_PERMALINK, "optimising-session-key-storage") == (
        "/2016/10/07/optimising-session-key-storage.html")
    assert url(DEFAULT_PERMALINK, "x", ["Engineering", "ops"]) == "/engineering/ops/2016/10/07/x.html"
    assert url("/blog/:year/:title/", "x") == "/blog/2016/x/"


def test_publication_rules():
    site = BlogSource(Path("_posts"), Path("_authors"), Path("."), {})
    now = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    name = PostName(dt.date(2030, 1, 1), "x", "md")
    assert "in the future" in unpublished_reason(site, "_posts/x.md", {}, name, now)
    old = PostName(dt.date(2020, 1, 1), "x", "md")
    assert unpublished_reason(site, "_posts/x.md", {"published": False}, old, now).startswith(
        "it sets 'published: false'")
    assert unpublished_reason(site, "_posts/x.md", {}, old, now) == ""


def test_post_without_title_gets_a_located_problem():
    front = split_front_matter("---\nauthors: [A]\ntitle: ''\n---\nBody\n")
    post, problems = read_post("2021-01-02-a-post.md", front)
    assert post.title == "A Post"  # the slug, titled as Jekyll titles it
    assert [(p.subtype, p.line) for p in problems] == [("title", 3)]


def test_front_matter_date_wins_with_its_zone():
    front = split_front_matter("---\ntitle: T\ndate: 2022-06-27T16:27:23+0100\n---\n")
    post, problems = read_post("2022-06-27-openapi.md", front)
    assert problems == []
    assert post.day == dt.date(2022, 6, 27)
    assert post.url == "/2022/06/27/openapi.html"


@pytest.mark.parametrize(("headings", "ids"), [
    (["What do I do?"], ["what-do-i-do"]),
    (["What\u2019s on the horizon for production engineering?"],
     ["whats-on-the-horizon-for-production-engineering"]),
    (["1. Controller"], ["1-controller"]),
    (["The Hackday \u00a317 soda"], ["the-hackday-17-soda"]),
    (["Insider Tip", "Insider Tip", "Insider Tip"], ["insider-tip", "insider-tip-1", "insider-tip-2"]),
    (["snake_case and Caf\u00e9"], ["snake_case-and-caf\u00e9"]),
    # the header's text has typographic symbols for -- and ... (header_text), which drop out
    (["IO\u2013bound\u2026"], ["iobound"]),
    (["..."], [""]),
    # Ruby's \p{Word}: marks stay (Devanagari vowel signs), other numbers go ("²"), emoji go
    (["नमस्ते x²"], ["नमस्ते-x"]),
    (["🚀 Launch 🚀"], ["-launch-"]),
    (["Å Ⅰ Ⓐ"], ["å-ⅰ-ⓐ"]),
    (["A‿B"], ["a‿b"]),
])
def test_header_ids_as_kramdown_gfm_makes_them(headings, ids):
    generator = HeaderIds()
    assert [generator.generate(h) for h in headings] == ids


def test_auto_id_prefix_goes_before_the_number():
    generator = HeaderIds(prefix="sec-")
    # and before an empty id: Jekyll 4.3 gives "## ..." the id "sec-"
    assert [generator.generate(h) for h in ("A", "A", "...")] == ["sec-a", "sec-a-1", "sec-"]


SITE = SiteInput(settings={"url": "https://example.org", "baseurl": "/blog"})
PAGE = PageInput({"title": "Page"}, "_posts/2020-01-01-x.md")
LINKS = Links(link=lambda path: "/blog/about.html" if path == "about.md" else None,
              post_url=lambda name: "/2020/01/01/x.html" if name == "2020-01-01-x" else None)


def render_liquid(text: str, first_line: int) -> tuple[str, list[Problem]]:
    rendered = render_post(text, first_line, PAGE, SITE, LINKS)
    return rendered.text, rendered.problems


def test_liquid_renders_what_posts_use_and_keeps_lines():
    text = ("{{ site.url }}{{ site.baseurl }} {{ page.title }}\n"
            "{% raw %}{{ kept }}{% endraw %}\n"
            "[x]({% post_url 2020-01-01-x %}) [a]({% link about.md %})\n"
            "{% comment %}\ngone\n{% endcomment %}\n"
            "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n")
    out, problems = render_liquid(text, 1)
    assert problems == []
    # Jekyll drops a comment's lines: only the newline after it stays
    assert out.split("\n") == [
        "https://example.org/blog Page",
        "{{ kept }}",
        "[x](/2020/01/01/x.html) [a](/blog/about.html)",
        "",
        "```ruby nolinenos", "puts 1", "```", "",
    ]


def test_liquid_renders_code_too_as_jekyll_does():
    text = "`{{ site.url }}`\n    {{ site.url }}\n`{% raw %}{{ x }}{% endraw %}`\n"
    out, problems = render_liquid(text, 1)
    assert out == "`https://example.org`\n    https://example.org\n`{{ x }}`\n"
    assert problems == []


def test_liquid_problems_are_located():
    text = ("line one\n{% include x.html %}\n{% post_url nope %}\n{{ site.nothing }}\n"
            "{% nosuchtag %}\n{% raw %}\n")
    _, problems = render_liquid(text, 10)
    # an undefined variable is empty, silently, as in Jekyll
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (11, "{% include x.html %}"),
        (12, "{% post_url nope %}"),
        (14, "Liquid tag 'nosuchtag' is not one of Jekyll's"),
        (15, "{% raw %} is not closed"),
    ]
