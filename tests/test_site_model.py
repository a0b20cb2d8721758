"""Jekyll 4.3's site model in the pure layer, setting by setting: a post and
the site's settings in, the URL, date, categories and excerpt Jekyll gives
out.  The expected values are Jekyll's, from its documentation and source
(``Configuration::STYLE_TO_PERMALINK``, ``Drops::UrlDrop``, ``URL``,
``FrontmatterDefaults``, ``Document``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jekyll_myst.jekyll.dates import parse_date_value
from jekyll_myst.jekyll.discovery import find_post_files, post_folders
from jekyll_myst.jekyll.excerpts import excerpt_source, markdown_to_html
from jekyll_myst.jekyll.frontmatter import split_front_matter
from jekyll_myst.jekyll.post import excerpt_markdown, read_post, unpublished_reason
from jekyll_myst.jekyll.site import BlogSource, KramdownOptions


def site(**settings) -> BlogSource:
    return BlogSource(Path("/site/_posts"), Path("/site/_authors"), Path("/site"), settings)


def post(front: str, settings: dict | None = None, path: str = "_posts/2022-05-07-my-post.md"):
    result, problems = read_post(path, split_front_matter(f"---\ntitle: T\n{front}---\n\nBody.\n"),
                                 site(**(settings or {})))
    return result, [(p.subtype, p.message) for p in problems]


@pytest.mark.parametrize(("settings", "url"), [
    ({}, "/news/2022/05/07/my-post.html"),
    ({"permalink": "date"}, "/news/2022/05/07/my-post.html"),
    ({"permalink": "pretty"}, "/news/2022/05/07/my-post/"),
    ({"permalink": "ordinal"}, "/news/2022/127/my-post.html"),
    ({"permalink": "weekdate"}, "/news/2022/W18/Sat/my-post.html"),
    ({"permalink": "none"}, "/news/my-post.html"),
    ({"permalink": "/blog/:year/:i_month/:i_day/:slug"}, "/blog/2022/5/7/my-post"),
    ({"permalink": "/:short_year/:short_month/:long_month/:w_year-:week-:w_day/:long_day/:title/"},
     "/22/May/May/2022-18-6/Saturday/my-post/"),
    ({"permalink": "/:hour-:minute-:second/:name:output_ext"}, "/09-30-00/2022-05-07-my-post.html"),
    ({"permalink": "/:collection/:path/"}, "/posts/2022-05-07-my-post/"),
    ({"permalink": "/:slugified_categories/:year_:month/:title"}, "/news/2022_05/my-post"),
    # the collection's permalink wins over the site's, and is never a style's name
    ({"permalink": "pretty", "collections": {"posts": {"permalink": "/news/:year/:title/"}}},
     "/news/2022/my-post/"),
    ({"collections": {"posts": {"permalink": "pretty"}}}, "/pretty"),
])
def test_site_permalink(settings, url):
    result, problems = post("date: 2022-05-07 09:30:00\ncategory: News\n", settings)
    assert problems == []
    assert result.url == url


def test_the_front_matter_permalink_wins_and_the_site_url_is_kept():
    result, problems = post("permalink: /:categories/:title/\ncategories: [a, b]\n", {"permalink": "pretty"})
    assert problems == []
    assert result.url == "/a/b/my-post/"
    assert result.site_url == "/a/b/2022/05/07/my-post/"


def test_a_front_matter_slug_names_the_url_and_title_keeps_its_case():
    result, _ = post("slug: Über Uns!\n", {"permalink": "/:title/:slug/"})
    assert result.url == "/%C3%9Cber-Uns!/%C3%BCber-uns/"


@pytest.mark.parametrize(("path", "title"), [
    ("_posts/2022-05-07-my-first-post.md", "My First Post"),
    # each word as Ruby's capitalize writes it: the rest of the word in lower case
    ("_posts/2022-05-07-building-an-iOS-app.md", "Building An Ios App"),
    ("_posts/2022-05-07-audit->-risk-loop.md", "Audit > Risk Loop"),
    ("_posts/2022-05-07-trailing-.md", "Trailing"),
    ("_drafts/what-next.md", "What Next"),
])
def test_a_post_without_a_title_is_titled_from_its_slug_as_jekyll_does(path, title):
    result, problems = read_post(path, split_front_matter("---\nauthor: x\n---\n\nBody.\n"), site())
    assert result.title == title
    assert [p.subtype for p in problems] == ["title"]


@pytest.mark.parametrize(("permalink", "says"), [
    ("/:year/:nope/", "names :nope, which Jekyll does not have"),
    ("javascript:alert(1)", "is not a path of the site"),
    ("https://elsewhere.example/x", "is not a path of the site"),
])
def test_a_permalink_jekyll_cannot_use_is_reported_and_the_site_url_used(permalink, says):
    result, problems = post(f"permalink: '{permalink}'\n")
    assert result.url == "/2022/05/07/my-post.html"
    assert [subtype for subtype, _ in problems] == ["permalink"] and says in problems[0][1]


def test_a_site_permalink_jekyll_cannot_use_falls_back_to_the_date_style():
    blog = site(permalink="/:year/:nope/", timezone="Nowhere/Land")
    assert blog.permalink == "/:categories/:year/:month/:day/:title:output_ext"
    assert len(blog.problems) == 2 and "names :nope" in blog.problems[1]
    assert "timezone 'Nowhere/Land' is not" in blog.problems[0]
    assert blog.timezone == dt.UTC


@pytest.mark.parametrize(("date", "zone", "day", "time"), [
    # the 2013-05-06 post of jekyllrb.com: the day before, in Los Angeles
    ('"2013-05-06 02:12:52 +0200"', "America/Los_Angeles", "2013-05-05", "17:12:52-07:00"),
    # Ruby ignores a zone that does not follow the time
    ("2023-01-29 18:30:22 2023 -0800", "America/Los_Angeles", "2023-01-29", "18:30:22-08:00"),
    ('"2016-10-07T10:00:00Z"', "Asia/Tokyo", "2016-10-07", "19:00:00+09:00"),
    ('"2016-10-07 10:00"', "Asia/Tokyo", "2016-10-07", "10:00:00+09:00"),
    # an unquoted YAML timestamp without a zone is UTC (SafeYAML); quoted, it is the site's time
    ("2016-10-07 23:00:00", "Europe/Paris", "2016-10-08", "01:00:00+02:00"),
    ('"2016-10-07 23:00:00"', "Europe/Paris", "2016-10-07", "23:00:00+02:00"),
    ("2016-10-07", "Europe/Paris", "2016-10-07", "00:00:00+02:00"),
    ("2001-12-14 21:59:43.10 -5", None, "2001-12-15", "02:59:43.100000+00:00"),
    ('"2016/10/07 10:00:00 PST"', None, "2016-10-07", "18:00:00+00:00"),
    ('"7 Oct 2016"', None, "2016-10-07", "00:00:00+00:00"),
])
def test_dates_are_taken_in_the_site_zone(date, zone, day, time):
    settings = {"timezone": zone} if zone else {}
    result, problems = post(f"date: {date}\n", settings, "_posts/2016-10-07-my-post.md")
    assert [subtype for subtype, _ in problems if subtype == "date"] == []
    assert result.day.isoformat() == day
    assert result.date.isoformat().split("T")[1] == time
    assert result.url.startswith("/" + day.replace("-", "/") + "/")


def test_a_file_name_date_is_midnight_in_the_site_zone():
    result, _ = post("", {"timezone": "Asia/Kolkata"})
    assert result.date == dt.datetime(2022, 5, 7, tzinfo=result.date.tzinfo)
    assert result.date.utcoffset() == dt.timedelta(hours=5, minutes=30)


def test_a_date_far_from_the_file_name_is_information_not_a_warning():
    result, problems = post("date: 2022-06-27\n")
    [(subtype, message)] = problems
    assert subtype == "date_moved"
    assert "2022-06-27 puts the post on another day than its file name's" in message
    assert result.url == "/2022/06/27/my-post.html"


def test_a_date_ruby_cannot_read_is_a_warning():
    assert parse_date_value("soon", dt.UTC) == (
        "date 'soon' is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ")


DEFAULTS = [
    {"scope": {"path": ""}, "values": {"layout": "default", "author": "Site", "categories": ["all"]}},
    {"scope": {"path": "_posts", "type": "posts"}, "values": {"layout": "post", "image": {"w": 1}}},
    {"scope": {"path": "_posts/2022", "type": "pages"}, "values": {"author": "Never"}},
    {"scope": {"path": "news/_posts", "type": "post"}, "values": {"author": "Newsroom"}},
    {"scope": {"path": "*/_posts"}, "values": {"image": {"h": 2}}},
]


@pytest.mark.parametrize(("path", "front", "author", "categories"), [
    ("_posts/2022-05-07-my-post.md", "", "Site", ("all",)),
    ("_posts/2022-05-07-my-post.md", "author: Me\ncategories: [mine]\n", "Me", ("all", "mine")),
    # a post in news/_posts/ is in the category news, and the longer scope wins
    ("news/_posts/2022-05-07-my-post.md", "", "Newsroom", ("news", "all")),
])
def test_front_matter_defaults(path, front, author, categories):
    result, problems = post(front, {"defaults": DEFAULTS}, path)
    assert problems == []
    assert result.authors == (author,)
    assert result.categories == categories

def test_defaults_merge_mappings_and_scope_by_path_prefix_or_glob():
    blog = site(defaults=[*DEFAULTS, {"scope": {"path": "_posts/"}, "values": {"image": {"h": 3}}}])
    assert blog.defaults_for("_posts/x.md")["image"] == {"w": 1, "h": 3}
    assert blog.defaults_for("news/_posts/x.md")["image"] == {"h": 2}
    assert blog.defaults_for("_posts/2022/x.md", "pages")["author"] == "Never"


def test_keys_from_defaults_are_not_the_posts_unknown_keys():
    result, _ = post("", {"defaults": [{"values": {"sidebar": True}}]})
    assert result.unknown_keys == ()


def test_a_defaults_entry_without_values_is_reported():
    assert site(defaults=[{"scope": {"path": ""}}]).problems == (
        "defaults entry 1 must have 'values:' (a mapping) and may have 'scope:' (a mapping): it is not used",)


def test_a_markdown_converter_other_than_kramdown_is_reported():
    """Jekyll 4 has kramdown only, and stops on a site that names Redcarpet or RDiscount."""
    assert site(markdown="redcarpet").problems == (
        "markdown 'redcarpet' is not a converter Jekyll 4 has: posts are read as kramdown, as Jekyll 4 "
        "and GitHub Pages read them",)
    assert site(markdown="kramdown").problems == site(markdown="Kramdown").problems == ()


@pytest.mark.parametrize(("front", "categories", "tags"), [
    ("category: Release Notes\n", ("Release Notes",), ()),
    ("categories: a b\ncategory: c\n", ("a", "b", "c"), ()),
    ("tags: x y\n", (), ("x", "y")),
    ("tag: one tag\n", (), ("one tag",)),
])
def test_categories_and_tags(front, categories, tags):
    result, _ = post(front)
    assert (result.categories, result.tags) == (categories, tags)


def test_author_and_authors():
    assert post("author: Jane\n")[0].authors == ("Jane",)
    assert post("authors: [Jane, Joe]\n")[0].authors == ("Jane", "Joe")
    # jekyll-seo-tag's author object, and jekyll-import's WordPress author
    assert post("author:\n  name: Jane\n  twitter: jane\n")[0].authors == ("Jane",)
    assert post("author:\n  login: admin\n  display_name: Site Admin\n")[0].authors == ("Site Admin",)
    assert post("authors:\n- name: Jane\n- Joe\n")[0].authors == ("Jane", "Joe")
    result, problems = post("author:\n  login: admin\n")
    assert result.authors == ()
    assert problems == [("authors", "'author' must be a name or a list of names")]


NOW = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(("settings", "front", "name", "published"), [
    ({}, {}, "2024-01-01-x.md", True),
    ({}, {"date": "2024-01-01 13:00:00"}, "2024-01-01-x.md", False),
    ({}, {}, "2024-01-02-x.md", False),
    ({"future": True}, {}, "2030-01-01-x.md", True),
    ({}, {"published": False}, "2020-01-01-x.md", False),
    ({"unpublished": True}, {"published": False}, "2020-01-01-x.md", True),
    ({"defaults": [{"values": {"published": False}}]}, {}, "2020-01-01-x.md", False),
    ({"timezone": "Asia/Tokyo"}, {"date": "2024-01-01 22:00:00 +0900"}, "2024-01-01-x.md", False),
])
def test_future_and_unpublished_posts(settings, front, name, published):
    from jekyll_myst.jekyll.filenames import parse_post_name
    reason = unpublished_reason(site(**settings), f"_posts/{name}", front, parse_post_name(name), NOW)
    assert (reason == "") is published


def test_a_draft_takes_its_files_time_or_its_front_matter_date():
    mtime = dt.datetime(2023, 3, 4, 5, 6, tzinfo=dt.UTC)
    front = split_front_matter("---\ntitle: D\n---\nBody\n")
    draft, problems = read_post("_drafts/my-draft.md", front, site(), mtime)
    assert problems == [] and draft.draft
    assert (draft.date, draft.url) == (mtime, "/2023/03/04/my-draft.html")
    dated = split_front_matter("---\ntitle: D\ndate: 2020-02-02\n---\nBody\n")
    assert read_post("_drafts/my-draft.md", dated, site(), mtime)[0].url == "/2020/02/02/my-draft.html"


@pytest.mark.parametrize(("body", "separator", "excerpt"), [
    ("One.\n\nTwo.\n", "\n\n", None),
    ("One.\n<!--more-->\nTwo.\n", "<!--more-->", "One.\n"),
    ("No separator.\n", "<!--more-->", "No separator.\n"),
    ("One.\n", "", None),
])
def test_excerpt_separator(body, separator, excerpt):
    assert excerpt_markdown(body, separator) == excerpt


def test_an_empty_excerpt_description_or_separator_is_as_if_not_there():
    """``description:`` with nothing after it is nil to Jekyll, not a mistake."""
    result, problems = post("description:\nexcerpt:\nexcerpt_separator:\n", {"excerpt_separator": "<!--x-->"})
    assert problems == []
    assert (result.description, result.excerpt, result.excerpt_separator) == ("", "", "<!--x-->")


def test_the_posts_separator_wins_over_the_sites():
    own, _ = post("excerpt_separator: <!--x-->\n", {"excerpt_separator": "<!--more-->"})
    assert own.excerpt_separator == "<!--x-->"
    assert post("", {"excerpt_separator": "<!--more-->"})[0].excerpt_separator == "<!--more-->"


def test_kramdown_options():
    options, problems = KramdownOptions.read({
        "auto_ids": False, "auto_id_prefix": "h-", "toc_levels": "2..3", "input": "kramdown",
        "hard_wrap": True, "smart_quotes": "apos,apos,quot,quot",
        "syntax_highlighter_opts": {"default_lang": "text", "guess_lang": True}})
    assert problems == ["kramdown input 'kramdown' is read as GFM: ``` fences, ~~strikethrough~~, "
                        "'#heading' without a space, and a heading or list right under a paragraph's "
                        "line are read as GFM reads them (headers get kramdown's ids all the same)"]
    assert options == KramdownOptions(
        auto_ids=False, auto_id_prefix="h-", toc_levels=(2, 3), gfm=False, hard_wrap=True,
        smart_quotes=("apos", "apos", "quot", "quot"), default_lang="text")
    assert KramdownOptions().default_lang == "plaintext"
    assert KramdownOptions.read({"toc_levels": [1, 3]})[0].toc_levels == (1, 3)
    assert KramdownOptions.read(None) == (KramdownOptions(), [])
    bad, problems = KramdownOptions.read({"toc_levels": "1..9", "hard_wrap": "yes"})
    assert bad == KramdownOptions() and len(problems) == 2


def test_kramdown_options_not_followed_are_reported():
    options, problems = KramdownOptions.read({
        "input": "GFM", "syntax_highlighter": "coderay",
        "syntax_highlighter_opts": {"css_class": "code", "block": {"line_numbers": True}}})
    assert options == KramdownOptions(line_numbers=True)
    assert problems == [
        "kramdown syntax_highlighter 'coderay' is not followed: code is highlighted as Rouge does",
        "kramdown syntax_highlighter_opts css_class not followed: the theme shows the code"]
    assert KramdownOptions.read({"syntax_highlighter": "rouge"}) == (KramdownOptions(), [])


@pytest.mark.parametrize(("options", "expected", "problems"), [
    # Chirpy's: Rouge's own class, no numbers for inline code, numbered blocks
    ({"css_class": "highlight", "span": {"line_numbers": False},
      "block": {"line_numbers": True, "start_line": 1}}, KramdownOptions(line_numbers=True), []),
    ({"line_numbers": "inline", "start_line": 10}, KramdownOptions(line_numbers=True, start_line=10), []),
    # block's, read last, win
    ({"line_numbers": True, "block": {"line_numbers": False}}, KramdownOptions(), []),
    # a value YAML gives as a list or a mapping is reported like any other
    ({"span": {"wrap": [1]}, "formatter": {"x": 1}}, KramdownOptions(), [
        "kramdown syntax_highlighter_opts formatter, span wrap not followed: the theme shows the code"]),
    ({"block": ["line_numbers"], "span": {"wrap": True}, "start_line": "ten"}, KramdownOptions(), [
        "kramdown syntax_highlighter_opts block must be a mapping",
        "kramdown syntax_highlighter_opts start_line must be a number, not 'ten'",
        "kramdown syntax_highlighter_opts span wrap not followed: the theme shows the code"]),
])
def test_rouge_line_numbers_for_kramdowns_code_blocks(options, expected, problems):
    assert KramdownOptions.read({"syntax_highlighter_opts": options}) == (expected, problems)


@pytest.mark.parametrize(("smart_quotes", "characters"), [
    (None, "‘’“”"),
    ("apos,apos,quot,quot", "''\"\""),
    ([8218, 8216, "bdquo", "ldquo"], "‚‘„“"),
    ("lsquo,rsquo,ldquo", None),
    ("lsquo,rsquo,ldquo,nosuch", None),
    ([0, 8217, 8220, 8221], None),
])
def test_smart_quotes_are_entities_or_code_points(smart_quotes, characters):
    options, problems = KramdownOptions.read({} if smart_quotes is None else {"smart_quotes": smart_quotes})
    if characters is None:
        assert options == KramdownOptions() and problems == [
            "kramdown smart_quotes must name four entities or code points, as 'lsquo,rsquo,ldquo,rdquo'"]
    else:
        assert (options.quote_characters, problems) == (characters, [])


def test_posts_in_folders_and_drafts_are_found(tmp_path):
    for name in ("_posts/2022-01-01-a.md", "news/_posts/2022-01-02-b.md", "_drafts/c.md",
                 "node_modules/x/_posts/2022-01-03-d.md", "_site/_posts/2022-01-04-e.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\ntitle: X\n---\n")
    blog = BlogSource(tmp_path / "_posts", tmp_path / "_authors", tmp_path, {}, drafts=True)
    folders = post_folders(blog)
    assert [(p.relative_to(tmp_path).as_posix(), d.relative_to(tmp_path).as_posix()) for p, d in folders] == [
        ("_posts", "_drafts"), ("news/_posts", "news/_drafts")]
    found = [(f.path.relative_to(tmp_path).as_posix(), f.draft, f.skipped)
             for posts, drafts in folders for f in find_post_files(posts, blog.authors_dir, drafts, True)]
    assert found == [("_drafts/c.md", True, ""), ("_posts/2022-01-01-a.md", False, ""),
                     ("news/_posts/2022-01-02-b.md", False, "")]
    without = find_post_files(tmp_path / "_posts", blog.authors_dir, tmp_path / "_drafts", False)
    assert without[0].skipped.startswith("not published: a draft")
    assert blog.relative_path(tmp_path / "news/_posts/2022-01-02-b.md") == "news/_posts/2022-01-02-b.md"

    # the site's exclude, by name or glob, and Jekyll's own (vendor/bundle/, not vendor/)
    for name in ("old/_posts/2021-01-01-f.md", "archive-2020/_posts/2020-01-01-g.md",
                 "vendor/bundle/_posts/2020-01-02-h.md", "vendor/notes/_posts/2020-01-03-i.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\ntitle: X\n---\n")
    blog = BlogSource(tmp_path / "_posts", tmp_path / "_authors", tmp_path, {"exclude": ["old", "arch*"]})
    assert [p.relative_to(tmp_path).as_posix() for p, _drafts in post_folders(blog)] == [
        "_posts", "news/_posts", "vendor/notes/_posts"]



def test_with_collections_dir_posts_drafts_and_scopes_are_in_that_folder(tmp_path):
    for name in ("coll/_posts/2022-01-01-a.md", "coll/news/_posts/2022-01-02-b.md", "coll/_drafts/c.md",
                 "_posts/2022-01-03-outside.md", "news/_posts/2022-01-04-outside.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\ntitle: X\n---\n")
    defaults = [{"scope": {"path": path}, "values": {key: True}}
                for path, key in (("_posts", "plain"), ("coll/_posts", "named"), ("news", "news"))]
    blog = BlogSource(tmp_path / "coll/_posts", tmp_path / "coll/_authors", tmp_path,
                      {"collections_dir": "/coll/", "defaults": defaults})
    assert blog.collections_root == tmp_path / "coll" and blog.problems == ()
    folders = post_folders(blog)
    assert [(p.relative_to(tmp_path).as_posix(), d.relative_to(tmp_path).as_posix()) for p, d in folders] == [
        ("coll/_posts", "coll/_drafts"), ("coll/news/_posts", "coll/news/_drafts")]
    # a post's path, its categories and its scopes start from the collections folder, as in Jekyll
    assert blog.relative_path(tmp_path / "coll/news/_posts/2022-01-02-b.md") == "news/_posts/2022-01-02-b.md"
    assert blog.defaults_for("_posts/2022-01-01-a.md") == {"plain": True, "named": True}
    assert blog.defaults_for("news/_posts/2022-01-02-b.md") == {"news": True}


@pytest.mark.parametrize("value", ["../elsewhere", 3, "a/../../b"])
def test_a_collections_dir_outside_the_site_is_reported(tmp_path, value):
    blog = BlogSource(tmp_path / "_posts", tmp_path / "_authors", tmp_path, {"collections_dir": value})
    assert blog.collections_root == tmp_path
    assert blog.problems == (
        f"collections_dir {value!r} is not a folder of the site: the site's folder is used",)


@pytest.mark.parametrize(("settings", "front", "url", "ext"), [
    ({}, "", "/2022/05/07/my-post.html", ".html"),
    # a page's own permalink names the file's extension; the site's never does
    ({"permalink": "/:year/:title.htm"}, "", "/2022/my-post.htm", ".html"),
    ({}, "permalink: /blog/post.php\n", "/blog/post.php", ".php"),
    ({}, "permalink: /x/:title.htm\n", "/x/my-post.htm", ".htm"),
    ({}, "permalink: /notes/v1.2\n", "/notes/v1.2", ".2"),
    ({}, "permalink: /notes/:title\n", "/notes/my-post", ".html"),
    ({"defaults": [{"values": {"permalink": "/old/:title.asp"}}]}, "", "/old/my-post.asp", ".asp"),
])
def test_the_extension_of_the_file_jekyll_writes(settings, front, url, ext):
    result, _problems = post(front, settings)
    assert (result.url, result.url_ext) == (url, ext)


REDIRECTS = {"plugins": ["jekyll-redirect-from"]}


@pytest.mark.parametrize(("front", "paths", "refused"), [
    ("redirect_from: /old/one/\n", ("/old/one/",), []),
    # jekyll-redirect-from gives each path its leading slash
    ("redirect_from: [/old/one/, old/two.html, 2019, '']\n", ("/old/one/", "/old/two.html", "/2019"), []),
    ("redirect_from: ['javascript:alert(1)', /%2e%2e/%2e%2e/etc/x, //evil.example/x, {a: b}, /kept/]\n",
     ("/kept/",), ["'javascript:alert(1)' is not a path of the site", "'/%2e%2e/%2e%2e/etc/x' is not a path",
                   "'//evil.example/x' is not a path", "{'a': 'b'} is not a path"]),
])
def test_redirect_from_paths(front, paths, refused):
    result, problems = post(front, REDIRECTS)
    assert result.redirect_from == paths
    assert [subtype for subtype, _ in problems] == ["redirect_from"] * len(refused)
    assert all(why in message for why, (_, message) in zip(refused, problems, strict=True))


def test_redirect_from_is_the_plugins_and_needs_it():
    result, problems = post("redirect_from: /old/one/\n")
    assert result.redirect_from == () and problems == []


@pytest.mark.parametrize(("front", "target", "refused"), [
    ("redirect_to: https://elsewhere.example/x?a=1\n", "https://elsewhere.example/x?a=1", False),
    # the first of a list, as jekyll-redirect-from takes it; a path gets its leading slash
    ("redirect_to: [news/x/, https://b.example/]\n", "/news/x/", False),
    ("redirect_to: 'javascript:alert(1)'\n", "", True),
    ("redirect_to: //evil.example/x\n", "", True),
    ("redirect_to: {a: b}\n", "", True),
])
def test_redirect_to(front, target, refused):
    result, problems = post(front, REDIRECTS)
    assert result.redirect_to == target
    assert [subtype for subtype, _ in problems] == ["redirect_from"] * refused
    # without the plugin, Jekyll keeps the post where it is
    assert post(front)[0].redirect_to == ""


@pytest.mark.parametrize(("content", "separator", "source"), [
    ("One *a*.\n\nTwo.\n", "\n\n", "One *a*."),
    ("No separator at all.\n", "\n\n", "No separator at all.\n"),
    ("Up to <!--more--> here", "<!--more-->", "Up to "),
    ("Off.\n\nTwo.", "", None),
    # the link definitions it uses come along; the others do not
    ("See [a][x].\n\nMore [b][y].\n\n[x]: /a.html\n[y]: /b.html\n", "\n\n", "See [a][x].\n\n[x]: /a.html"),
    # a block tag the separator cuts is closed (Jekyll's sanctify_liquid_tags)
    ("{% if page.title %}A.\n\nB.{% endif %}\n", "\n\n", "{% if page.title %}A.\n{% endif %}"),
])
def test_the_excerpt_jekyll_takes(content, separator, source):
    assert excerpt_source(content, separator) == source


def test_an_excerpts_script_link_keeps_its_text_only():
    """As on the post's own page: the excerpt is shown in other posts' pages."""
    html = markdown_to_html(BlogSource(Path("_posts"), Path("_authors"), Path("."), {}))(
        "Click [me](javascript:alert(1)), [me too]( JavaScript:x) or [the docs](https://example.org/).")
    assert "javascript:" not in html.lower()
    assert html == '<p>Click <a>me</a>, <a>me too</a> or <a href="https://example.org/">the docs</a>.</p>\n'


@pytest.mark.parametrize(("baseurl", "path", "problem"), [
    ("/blog/", "/blog", False),
    (None, "", False),
    # an address given as the baseurl: Jekyll served the site at its path all the same
    ("https://typelevel.org", "", True),
    ("https://team.github.io/repo/", "/repo", True),
    ("//cdn.example/x", "/x", True),
])
def test_the_baseurl_is_the_path_the_site_was_served_under(baseurl, path, problem):
    blog = site(baseurl=baseurl)
    assert blog.baseurl == path
    assert [p.startswith(f"baseurl {baseurl!r} is an address") for p in blog.problems] == [True] * problem


@pytest.mark.parametrize(("feed", "path", "problem"), [
    (None, "feed.xml", False),
    ({"path": "/atom.xml"}, "atom.xml", False),
    ({"path": "feed/posts.atom"}, "feed/posts.atom", False),
    ({"collections": {"posts": {"path": "/blog/feed.xml"}}, "path": "atom.xml"}, "blog/feed.xml", False),
    ({"path": "../outside.xml"}, "feed.xml", True),
    ({"path": "/feeds/"}, "feed.xml", True),
])
def test_the_feed_is_where_jekyll_feed_put_it(feed, path, problem):
    settings = {"feed": feed} if feed is not None else {}
    blog = site(plugins=["jekyll-feed"], **settings)
    assert blog.feed_path == path
    assert bool(blog.problems) == problem


@pytest.mark.parametrize(("feed", "categories", "tags", "problems"), [
    ({"categories": ["news", 2024]}, {"feed/news.xml": "news", "feed/2024.xml": "2024"}, {}, []),
    ({"collections": {"posts": {"categories": ["ops"]}}}, {"feed/ops.xml": "ops"}, {}, []),
    ({"tags": True}, {}, {"feed/by_tag/python.xml": "python", "feed/by_tag/go_lang.xml": "go_lang"}, []),
    ({"tags": {"only": ["go_lang", "rust"], "path": "/t/"}}, {},
     {"t/go_lang.xml": "go_lang", "t/rust.xml": "rust"}, []),
    ({"tags": {"except": ["python"]}}, {}, {"feed/by_tag/go_lang.xml": "go_lang"}, []),
    ({"categories": "news", "tags": "yes"}, {}, {},
     ["feed categories must be a list", "feed tags must be true or a mapping"]),
    ({"tags": {"path": "../out/"}}, {},
     {"feed/by_tag/python.xml": "python", "feed/by_tag/go_lang.xml": "go_lang"},
     ["feed tags path '../out/' is not a folder of the site"]),
])
def test_jekyll_feeds_of_categories_and_tags(feed, categories, tags, problems):
    """jekyll-feed writes no feed for a tag with other characters than letters, digits and _."""
    blog = BlogSource(Path("_posts"), Path("_authors"), Path("."), {"feed": feed})
    feeds = blog.topic_feeds
    assert feeds.category_feeds() == categories
    assert feeds.tag_feeds(["python", "go_lang", "C++", "two words"]) == tags
    assert len(blog.problems) == len(problems)
    assert all(found.startswith(expected) for found, expected in zip(blog.problems, problems, strict=True))


@pytest.mark.parametrize(("settings", "posts", "paths", "problem"), [
    ({"plugins": ["jekyll-paginate"], "paginate": 5}, 12, ["/page2/", "/page3/"], None),
    ({"plugins": ["jekyll-paginate"], "paginate": 5, "paginate_path": "/blog/page:num/"}, 11,
     ["/blog/page2/", "/blog/page3/"], None),
    ({"plugins": ["jekyll-paginate"], "paginate": 5}, 5, [], None),
    # without the plugin, Jekyll 4 paginates nothing
    ({"paginate": 5}, 12, [], None),
    ({"plugins": ["jekyll-paginate"], "paginate": "five"}, 12, [], "paginate 'five' is not a number"),
    ({"plugins": ["jekyll-paginate"], "paginate": 5, "paginate_path": "/pages/"}, 12, ["/page2/", "/page3/"],
     "paginate_path '/pages/' is not a path with :num"),
])
def test_the_pages_jekyll_paginate_wrote_after_the_first(settings, posts, paths, problem):
    blog = BlogSource(Path("_posts"), Path("_authors"), Path("."), settings)
    assert blog.paginated_paths(posts) == paths
    assert len(blog.problems) == (problem is not None)
    assert all(found.startswith(problem) for found in blog.problems)


@pytest.mark.parametrize(("config", "permalinks", "problem"), [
    ({"enabled": "all"}, {"year": "/:year/", "month": "/:year/:month/", "day": "/:year/:month/:day/",
                          "tag": "/tag/:name/", "category": "/category/:name/"}, None),
    ({"enabled": ["tags"], "permalinks": {"tag": "/t/:name.html"}}, {"tag": "/t/:name.html"}, None),
    # jekyll-archives writes nothing unless told which kinds
    ({}, {}, None),
    ({"enabled": "tags"}, {}, "jekyll-archives enabled 'tags' is not 'all' or a list"),
    ({"enabled": ["tags"], "permalinks": {"tag": "../:name/"}}, {"tag": "/tag/:name/"},
     "jekyll-archives permalink '../:name/' is not a path of the site"),
])
def test_the_archives_jekyll_archives_wrote(config, permalinks, problem):
    from jekyll_myst.jekyll.archive_urls import archive_url

    blog = BlogSource(Path("_posts"), Path("_authors"), Path("."),
                      {"plugins": ["jekyll-archives"], "jekyll-archives": config})
    assert blog.archive_permalinks == permalinks
    assert len(blog.problems) == (problem is not None)
    assert all(found.startswith(problem) for found in blog.problems)
    # a tag's name in its URL is slugified, as Jekyll's slugify does
    assert archive_url("/tag/:name/", name="Web Dev & Ops") == "/tag/web-dev-ops/"
    assert BlogSource(Path("_posts"), Path("_authors"), Path("."), {"jekyll-archives": config}
                      ).archive_permalinks == {}


@pytest.mark.parametrize(("scope", "applies"), [
    ({}, True), ({"path": ""}, True), ({"path": "_posts"}, True), ({"path": "news"}, True),
    ({"path": "news/_posts/2020"}, True), ({"type": "posts"}, True), ({"type": "drafts"}, True),
    ({"path": "*/_posts"}, True), ({"path": "assets/img"}, False), ({"type": "pages"}, False),
    ({"path": "_posts", "type": "authors"}, False),
])
def test_the_default_images_are_those_a_post_may_take(scope, applies):
    blog = site(defaults=[{"scope": scope, "values": {"image": "/og.png"}}])
    assert blog.default_images(lambda: ["_posts", "news/_posts"]) == (["/og.png"] if applies else [])
