"""Liquid as Jekyll 4.3 runs it, without Sphinx: ``fixtures/liquid.txt`` case by
case, over a small site folder (``_includes/``, ``_data/``, a post's folder),
and the cases a fixture cannot hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import shutil
from pathlib import Path

import pytest
from conftest import missing
from fixture_files import read_cases

from jekyll_myst.jekyll.excerpts import markdown_to_html
from jekyll_myst.jekyll.frontmatter import split_front_matter
from jekyll_myst.jekyll.liquid import Links, PageInput, SiteInput, page_variables, render_post
from jekyll_myst.jekyll.post import read_post
from jekyll_myst.jekyll.site import BlogSource
from jekyll_myst.jekyll.theme import Theme, gem_folder, site_theme

CASES = read_cases(Path(__file__).parent / "fixtures" / "liquid.txt")

FILES = {
    "_includes/note.html": '<p class="note">{{ include.text }}</p>',
    "_includes/outer.html": "[{% include inner.html word=include.word %}]",
    "_includes/inner.html": "{{ include.word | upcase }}",
    "_includes/kind-a.html": "A-kind",
    "_includes/assigns.html": '{% assign shared = "set in the include" %}',
    "_includes/broken.html": "fine\n{{ 'x' | nofilter }}\n",
    "_includes/nests-broken.html": "one\ntwo\n{% include broken.html %}",
    "_includes/bad-syntax.html": "{% if %}x{% endif %}",
    "_includes/loop.html": "{% include itself.html %}",
    "_includes/itself.html": "deeper {% include itself.html %}",
    "_posts/snippet.md": "snippet of {{ page.title }}",
    "_data/members.yml": "- name: Ann\n  year: 2014\n- name: Bob\n  year: 2013\n- name: Cy\n  year: 2014\n",
    "_data/team/leads.json": '{"design": "Dee", "code": "Eve"}',
    "_data/places.csv": "city,country\nLyon,France\nOsaka,Japan\n",
    "_data/broken.yml": "key: [unclosed\n",
}

FRONT = """---
title: Hello
date: 2008-11-07 13:07:54 -0800
categories: [news]
tags: [ruby, jekyll]
---
"""

POSTS = (
    {"title": "Newest", "url": "/2009/01/01/newest.html", "tags": ["ruby"], "categories": ["news"],
     "author": "Zed"},
    {"title": "Middle", "url": "/2008/12/01/middle.html", "tags": ["ruby", "go"], "categories": []},
    {"title": "Oldest", "url": "/2008/01/01/oldest.html", "tags": [], "categories": ["news"],
     "author": "Amy"},
)

LINKS = Links(link=lambda path: "/blog/about.html" if path == "about.md" else None,
              post_url=lambda name: "/blog/2008/12/01/middle.html" if name == "2008-12-01-middle" else None)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> SiteInput:
    folder = tmp_path_factory.mktemp("site")
    for name, content in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return SiteInput(
        settings={"title": "My Blog", "url": "https://example.org", "baseurl": "/blog",
                  "author": {"name": "Ann"}},
        folder=folder, time=dt.datetime(2024, 5, 6, 7, 8, 9), posts=POSTS,
        collections={"recipes": ({"title": "Soup"}, {"title": "Bread"})},
        markdown=markdown_to_html(BlogSource(Path("_posts"), Path("_authors"), folder, {})))


def page_for(body: str, extra: str = "") -> PageInput:
    front = split_front_matter(FRONT.replace("---\n", "---\n" + extra, 1) + body)
    # the post's date is in the site's zone, as Jekyll's page.date
    blog = BlogSource(Path("_posts"), Path("_authors"), Path("."), {"timezone": "America/Los_Angeles"})
    post, problems = read_post("_posts/2008-11-07-hello-world.md", front, blog)
    assert problems == []
    path = "_posts/2008-11-07-hello-world.md"
    return PageInput(page_variables(front.data, path, post, front.body), path)


def render(body: str, site: SiteInput, extra: str = "") -> tuple[str, list[str]]:
    out, problems, _files = render_post(body, 1, page_for(body, extra), site, LINKS)
    assert all(problem.subtype == "liquid" for problem in problems)
    return out, [f"line {problem.line}: {problem.message}" for problem in problems]


@pytest.mark.parametrize("case", CASES, ids=[case.slug for case in CASES])
def test_fixture(case, site):
    out, problems = render(case.source, site)
    assert out == case.expected + "\n"
    assert len(problems) == len(case.warnings), problems
    for expected, found in zip(case.warnings, problems, strict=True):
        assert expected in found


def test_no_value_is_written_out_as_python_writes_it(site):
    # site.tags and site.data are mappings read when first asked for, not dicts
    out, problems = render("{{ site.tags }}|{{ site.data.team }}|{{ site.categories }}\n", site)
    assert problems == []
    assert " object at 0x" not in out and "': " not in out
    assert out.startswith('{"ruby"=>[{"title"=>"Newest"')
    assert '|{"leads"=>{"design"=>"Dee", "code"=>"Eve"}}|' in out
    # nor by a filter that takes it as text
    out, problems = render("{% assign r = (1..3) %}{{ site.data.team | xml_escape }} {{ r | xml_escape }}\n",
                           site)
    assert (out, problems) == ("{&quot;leads&quot;=&gt;{&quot;design&quot;=&gt;&quot;Dee&quot;, "
                               "&quot;code&quot;=&gt;&quot;Eve&quot;}} 1..3\n", [])


def test_every_tag_and_filter_of_the_task_has_a_case():
    titles = " ".join(case.title for case in CASES)
    names = """assign capture if unless case for comment raw whitespace include include_relative link
        post_url highlight relative_url absolute_url date_to_string date_to_long_string
        date_to_xmlschema date_to_rfc822 xml_escape cgi_escape uri_escape slugify markdownify
        smartify jsonify number_of_words array_to_sentence_string normalize_whitespace where
        where_exp group_by group_by_exp sort find find_exp push pop shift unshift inspect
        to_integer sample site.data site.time site.tags site.categories site.posts collections
        page.url page.date page.id page.excerpt page.path""".split()
    assert [name for name in names if name not in titles] == []


def test_render_with_liquid_false_leaves_the_body_alone(site):
    body = "{{ page.title }} {% nosuchtag %}\n"
    assert render(body, site, extra="render_with_liquid: false\n") == (body, [])


def test_an_error_inside_an_include_is_at_the_include_line_of_the_post(site):
    body = "one\ntwo\n{% include broken.html %}\nafter\n"
    out, problems = render(body, site)
    assert out == "one\ntwo\nfine\nx\n\nafter\n"
    assert problems == ["line 3: unknown filter 'nofilter': the value is shown as it was "
                        "(in _includes/broken.html, line 2)"]


def test_nested_include_errors_name_every_file_and_line(site):
    out, problems = render("x\n{% include nests-broken.html %}\n", site)
    assert out == "x\none\ntwo\nfine\nx\n\n"
    assert problems == ["line 2: unknown filter 'nofilter': the value is shown as it was "
                        "(in _includes/broken.html, line 2, "
                        "included from _includes/nests-broken.html, line 3)"]


def test_an_include_that_includes_itself_is_named_once_in_the_problem(site):
    _, problems = render("x\n{% include loop.html %}\n", site)
    # as deep as python-liquid goes: its own limit
    assert len(problems) == 1 and re.fullmatch(
        r"line 2: maximum context depth reached, possible recursive include \(in _includes/itself.html, "
        r"line 1, included from itself \d+ times, included from _includes/loop.html, line 1\)", problems[0])


def test_a_syntax_error_inside_an_include_is_located_the_same_way(site):
    _, problems = render("x\n\n{% include bad-syntax.html %}\n", site)
    assert len(problems) == 1
    assert problems[0].startswith("line 3: ")
    assert problems[0].endswith("(in _includes/bad-syntax.html, line 1)")


def test_an_unreadable_data_file_is_reported_where_it_is_used(site):
    out, problems = render("a\n{{ site.data.broken.key }}\nb\n", site)
    assert out == "a\n\nb\n"
    assert len(problems) == 1 and problems[0].startswith("line 2: the data file _data/broken.yml")


def test_an_unclosed_output_keeps_the_text(site):
    body = "fine\nbroken {{ page.title\n"
    assert render(body, site) == (body, ["line 2: expected '}}', found end of file"])


def test_the_page_variables_of_a_post(site):
    variables = page_for("First paragraph.\n\nSecond.\n").variables
    assert variables["url"] == "/news/2008/11/07/hello-world.html"
    assert variables["id"] == "/news/2008/11/07/hello-world"
    assert variables["excerpt"] == "First paragraph."
    assert variables["date"] == dt.datetime(2008, 11, 7, 13, 7, 54,
                                            tzinfo=dt.timezone(-dt.timedelta(hours=8)))
    assert (variables["name"], variables["slug"]) == ("2008-11-07-hello-world.md", "hello-world")


def test_a_site_without_a_folder_has_no_includes_and_no_data():
    site = SiteInput(settings={})
    page = PageInput({}, "_posts/x.md")
    body = "{{ site.data.members }}{% include note.html %}\n"
    out, problems, files = render_post(body, 1, page, site, LINKS)
    assert out == "\n"
    assert [p.message for p in problems] == ["{% include note.html %}: no such file in the site folder"]
    assert files == frozenset()


def test_site_posts_are_made_only_when_a_post_asks_for_them():
    from jekyll_myst.jekyll.liquid.lazy import LazyList

    loaded = []

    def load():
        loaded.append(True)
        return POSTS

    page = PageInput({"title": "Here"}, "_posts/2009-02-01-here.md")
    quiet = LazyList(load)
    rendered, _, _ = render_post("No list here: {{ page.title }}", 1, page, SiteInput({}, posts=quiet), LINKS)
    assert (rendered, quiet.used, loaded) == ("No list here: Here", False, [])

    listing = LazyList(load)
    body = ("{% for post in site.posts limit: 2 %}{{ post.title }};{% endfor %} {{ site.posts | size }} "
            "{{ site.tags.ruby | size }} {{ site.categories.news | map: 'title' | join: '+' }}")
    rendered, problems, _ = render_post(body, 1, page, SiteInput({}, posts=listing), LINKS)
    assert (rendered, problems) == ("Newest;Middle; 3 2 Newest+Oldest", [])
    assert listing.used and loaded == [True]


def test_site_tags_come_in_the_order_jekyll_meets_them_oldest_post_first():
    """Jekyll groups ``site.tags`` in a hash filled from the oldest post on; each tag's
    posts are newest first, as ``site.posts``."""
    posts = ({"title": "New", "tags": ["fresh", "shared"]}, {"title": "Old", "tags": ["shared", "first"]})
    page = PageInput({"title": "Here"}, "_posts/2009-02-01-here.md")
    body = "{% for tag in site.tags %}{{ tag[0] }}:{{ tag[1] | map: 'title' | join: '+' }} {% endfor %}"
    rendered, problems, _ = render_post(body, 1, page, SiteInput({}, posts=posts), LINKS)
    assert (rendered, problems) == ("shared:New+Old first:Old fresh:New ", [])


def test_the_site_files_a_render_read_are_named(site):
    """What the post depends on: an edit to one of these changes the post."""
    body = ("{% include outer.html word='w' %} {{ site.data.team.leads.code }} {{ site.data.members | size }}"
            " {% include_relative snippet.md %} {% include nothing.html %}\n")
    rendered = render_post(body, 1, page_for(body), site, LINKS)
    folder = site.folder
    assert rendered.files == {folder / "_includes/outer.html", folder / "_includes/inner.html",
                              folder / "_data/team/leads.json", folder / "_data/members.yml",
                              folder / "_posts/snippet.md", folder / "_includes/nothing.html"}
    # no Liquid, nothing read
    assert render_post("Plain text.\n", 1, page_for("Plain text.\n"), site, LINKS).files == frozenset()


def test_data_not_there_depends_on_the_folder_it_would_be_in(site, tmp_path):
    """A data file added later changes the post: the folder's list of files is named."""
    body = "{{ site.data.nothing.yet }}\n"
    assert render_post(body, 1, page_for(body), site, LINKS).files == {site.folder / "_data"}
    body = "{{ site.data | size }}\n"
    assert render_post(body, 1, page_for(body), site, LINKS).files == {site.folder / "_data"}
    bare = SiteInput({}, folder=tmp_path)
    body = "{{ site.data.team }}\n"
    assert render_post(body, 1, page_for(body), bare, LINKS).files == {tmp_path}


def newest_first(count: int) -> list[dict[str, str]]:
    return [{"title": f"Post {n}", "path": f"_posts/2020-01-{n:02d}-p{n}.md"} for n in range(count, 0, -1)]


def post_page(n: int, body: str, posts) -> PageInput:
    path = f"_posts/2020-01-{n:02d}-p{n}.md"
    # Jekyll's own page.next wins over a front matter key of that name
    front = split_front_matter(f"---\ntitle: Post {n}\nnext: set by hand\n---\n{body}")
    post, problems = read_post(path, front, BlogSource(Path("_posts"), Path("_authors"), Path("."), {}))
    assert problems == []
    return PageInput(page_variables(front.data, path, post, front.body, posts), path)


def test_page_previous_and_next_are_the_posts_before_and_after_it_by_date():
    from jekyll_myst.jekyll.liquid.lazy import LazyList

    body = "{{ page.previous.title }}|{{ page.next.title }}|{% if page.next %}{{ page.next.path }}{% endif %}"
    shown = {}
    for n in (1, 2, 3):
        posts = LazyList(lambda: newest_first(3))
        out, problems, _ = render_post(body, 1, post_page(n, body, posts), SiteInput({}, posts=posts), LINKS)
        assert problems == [] and posts.used
        shown[n] = out
    assert shown == {1: "|Post 2|_posts/2020-01-02-p2.md", 2: "Post 1|Post 3|_posts/2020-01-03-p3.md",
                     3: "Post 2||"}
    # a post that does not ask does not depend on the others
    quiet = LazyList(lambda: newest_first(3))
    page = post_page(2, "x", quiet)
    out, _, _ = render_post("{{ page.title }}", 1, page, SiteInput({}, posts=quiet), LINKS)
    assert (out, quiet.used) == ("Post 2", False)


def test_site_related_posts_are_the_ten_newest_but_the_post_itself():
    from jekyll_myst.jekyll.liquid.lazy import LazyList

    body = "{{ site.related_posts | map: 'title' | join: ',' }}"
    # Jekyll takes the eleven newest, then leaves the post out: ten, or eleven
    # less one that is further back
    cases = ((12, range(11, 1, -1)), (5, [12, 11, 10, 9, 8, 7, 6, 4, 3, 2]), (1, range(12, 2, -1)))
    for n, expected in cases:
        posts = LazyList(lambda: newest_first(12))
        out, problems, _ = render_post(body, 1, post_page(n, body, posts), SiteInput({}, posts=posts), LINKS)
        assert (out, problems) == (",".join(f"Post {i}" for i in expected), [])
        assert posts.used
    alone = LazyList(lambda: newest_first(1))
    assert render_post(body, 1, post_page(1, body, alone), SiteInput({}, posts=alone), LINKS).text == ""


def test_site_time_prints_its_zone_and_compares_with_post_dates():
    import zoneinfo

    site = SiteInput({}, time=dt.datetime(2024, 5, 6, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles")))
    body = "{{ site.time }}; {% if page.date < site.time %}written before the build{% endif %}"
    out, problems, _ = render_post(body, 1, page_for(body), site, LINKS)
    assert (out, problems) == ("2024-05-06 00:00:00 -0700; written before the build", [])


STATIC_SITE = {
    "assets/img/b.jpg": "", "assets/img/a.png": "", "assets/img/#draft.png": "", "assets/img/a.png~": "",
    "assets/css/style.scss": "---\n---\nbody {}\n", "about.md": "---\ntitle: About\n---\n",
    "README.md": "No front matter: copied as it is.\n", "CNAME": "blog.example.org\n",
    ".htaccess": "", ".hidden": "", "_redirects": "", "_posts/2020-01-01-a.md": "", "_drafts/b.md": "",
    "node_modules/x.js": "", "Gemfile": "", "Gemfile.lock": "", "vendor/bundle/x.rb": "",
    "vendor/keep.js": "", "private/notes.txt": "", "archive/old.txt": "",
}


def test_site_static_files_are_the_files_jekyll_copies(tmp_path):
    """Jekyll's documented gallery: defaults mark a folder's files, a post lists them."""
    for name, content in STATIC_SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    settings = {"exclude": ["private/", "archive/*.txt"], "include": ["_redirects"],
                "defaults": [{"scope": {"path": "assets/img"}, "values": {"image": True}},
                             {"scope": {"path": "", "type": "posts"}, "values": {"layout": "post"}}]}
    blog = BlogSource(Path("_posts"), Path("_authors"), tmp_path, settings)
    site = SiteInput(settings, folder=tmp_path, file_defaults=functools.partial(blog.defaults_for, kind=""))
    body = ('{% assign images = site.static_files | where: "image", true %}'
            "{% for f in images %}{{ f.path }} {{ f.name }} {{ f.basename }} {{ f.extname }} {{ f.layout }};"
            "{% endfor %}\n{{ site.static_files | map: 'path' | join: ' ' }}\n"
            "{{ site.static_files.first.modified_time | date: '%Y' }}")
    (out, problems, files) = render_post(body, 1, page_for(body), site, LINKS)
    gallery, listed, year = out.split("\n")
    assert problems == []
    assert gallery == "/assets/img/a.png a.png a .png ;/assets/img/b.jpg b.jpg b .jpg ;"
    assert listed.split() == ["/CNAME", "/README.md", "/_redirects", "/assets/img/a.png",
                              "/assets/img/b.jpg", "/vendor/keep.js"]
    assert year == str(dt.date.today().year)
    # a file added to or taken from any folder listed changes the list
    assert {tmp_path, tmp_path / "assets", tmp_path / "assets/img", tmp_path / "vendor"} <= files
    assert not files & {tmp_path / "_posts", tmp_path / "node_modules", tmp_path / "private"}
    # listed only when a template asks
    assert render_post("{{ site.title }}", 1, page_for("x"), site, LINKS).files == frozenset()


@pytest.mark.parametrize("tag", ["link", "post_url", "include", "include_relative"])
def test_a_tag_without_its_argument_keeps_the_text_after_it(site, tag):
    body = f"Before {{% {tag} %}}\n\nAfter.\n"
    out, problems = render(body, site)
    assert out == "Before \n\nAfter.\n"
    assert len(problems) == 1 and problems[0].startswith(f"line 1: {{% {tag} %}} needs a")


def test_a_tag_of_a_plugin_gem_the_site_lists_is_named_as_that_plugins():
    page = PageInput({}, "_posts/2020-01-01-x.md")
    site = SiteInput({"plugins": ["jekyll-feed", "jekyll-twitter-plugin"]})
    _, problems, _ = render_post("{% twitter https://twitter.com/x/status/1 %}\n{% mermaid %}\n", 1,
                                 page, site, LINKS)
    assert [(p.line, p.message) for p in problems] == [
        (1, "Liquid tag 'twitter' is the jekyll-twitter-plugin plugin's, which is not run here: write what "
            "it wrote instead, in Markdown or HTML"),
        (2, "Liquid tag 'mermaid' is not one of Jekyll's: remove it, or wrap literal text in "
            "{% raw %}...{% endraw %}")]


def test_gist_is_jekyll_gists_embed_when_the_site_lists_the_plugin():
    body = ("{% gist parkr/c08ee0f2726fd0e3909d %}\n"
            "{% assign id = 'ann/123' %}{% gist id test.md %}\n"
            "{% gist %}\nAfter.\n")
    page = PageInput({}, "_posts/2020-01-01-x.md")
    out, problems, _ = render_post(body, 1, page, SiteInput({"plugins": ["jekyll-gist"]}), LINKS)
    assert out.splitlines() == [
        '<script src="https://gist.github.com/parkr/c08ee0f2726fd0e3909d.js"> </script>'
        '<noscript><a href="https://gist.github.com/parkr/c08ee0f2726fd0e3909d">'
        'parkr/c08ee0f2726fd0e3909d</a></noscript>',
        '<script src="https://gist.github.com/ann/123.js?file=test.md"> </script>'
        '<noscript><a href="https://gist.github.com/ann/123">ann/123 (test.md)</a></noscript>',
        "", "After."]
    assert [(p.line, p.message) for p in problems] == [
        (3, "{% gist %} takes a gist and a file name at most: {% gist user/1234567 %} or "
            "{% gist user/1234567 file.rb %}")]
    # the site turned the noscript copy off
    quiet = SiteInput({"plugins": ["jekyll-gist"], "gist": {"noscript": False}})
    assert render_post("{% gist a/1 %}", 1, page, quiet, LINKS).text == \
        '<script src="https://gist.github.com/a/1.js"> </script>'
    # without the plugin, Jekyll does not know the tag
    _, problems, _ = render_post("{% gist a/1 %}", 1, page, SiteInput({}), LINKS)
    assert [p.message.split(":")[0] for p in problems] == ["Liquid tag 'gist' is not one of Jekyll's"]


@pytest.fixture
def themed(site, tmp_path) -> SiteInput:
    """The test site with a gem theme's folder, as ``jekyll_theme_dir`` names it."""
    theme = tmp_path / "gems/minimal-1.0"
    (theme / "_includes").mkdir(parents=True)
    (theme / "_includes/badge.html").write_text(
        '<b class="badge">{{ include.text }}</b>{% include dot.html %}')
    (theme / "_includes/dot.html").write_text("(theme dot)")
    (theme / "_includes/note.html").write_text("the theme's note, which the site's replaces")
    return dataclasses.replace(site, theme=Theme("minimal", site.folder, theme))


def test_an_include_the_site_lacks_comes_from_its_theme(themed):
    """As Jekyll's include path: the site's _includes/ first, then the theme's,
    for the includes of the theme's files too."""
    body = '{% include badge.html text="new" %} {% include note.html text="site" %}\n'
    rendered = render_post(body, 1, page_for(body), themed, LINKS)
    assert (rendered.text, rendered.problems) == (
        '<b class="badge">new</b>(theme dot) <p class="note">site</p>\n', [])
    includes, theme_includes = themed.folder / "_includes", themed.theme.given / "_includes"
    # the site's file, which would take the theme's place, is read for as well
    assert rendered.files == {includes / "badge.html", theme_includes / "badge.html", includes / "dot.html",
                              theme_includes / "dot.html", includes / "note.html"}


def test_an_include_neither_has_says_where_it_was_looked_for(themed, tmp_path):
    assert render("{% include nothere.html %}\n", themed)[1] == [
        "line 1: {% include nothere.html %}: no such file in _includes/ or in the theme minimal's _includes/"]
    bare = dataclasses.replace(themed, theme=Theme("bare", themed.folder, tmp_path))
    assert render("{% include nothere.html %}\n", bare)[1] == [
        "line 1: {% include nothere.html %}: no such file in _includes/ or in the theme bare, "
        "which has no _includes/"]
    remote = dataclasses.replace(themed, theme=Theme("owner/theme", themed.folder, remote=True))
    assert render("{% include nothere.html %}\n", remote)[1] == [
        "line 1: {% include nothere.html %}: no such file in _includes/, and the theme owner/theme was "
        "not found: jekyll-remote-theme fetches it when Jekyll builds, and this build reads nothing "
        "from the network: set jekyll_theme_dir to a copy of it"]


def test_include_relative_never_looks_in_the_theme(themed):
    assert render("{% include_relative badge.html %}\n", themed)[1] == [
        "line 1: {% include_relative badge.html %}: no such file in _posts/"]


def test_a_theme_gem_is_found_as_jekyll_finds_it(tmp_path, monkeypatch):
    """RubyGems' answer, the one Jekyll takes; told apart from a gem that is not there."""
    if shutil.which("ruby") is None:
        missing("Ruby is not installed: the theme gem cannot be looked for (Debian: ruby)")
    folder, why = gem_folder("minima", tmp_path)
    if folder is None:
        missing(f"the minima theme gem is not installed ({why}; Debian: jekyll-theme-minima)")
    assert (folder / "_includes/icon-github.html").is_file() and why == ""
    assert gem_folder("no-such-theme-gem", tmp_path) == (
        None, "no gem named 'no-such-theme-gem' is installed, for Ruby or for the site's Gemfile")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert gem_folder("minima", tmp_path) == (
        None, "Ruby is not installed here to find its gem: set jekyll_theme_dir to the gem's folder "
              "(`bundle info --path minima` prints it where the site is built)")


@pytest.mark.parametrize(("settings", "plugins", "expected"), [
    ({"theme": " Minima "}, False, ("minima", False)),
    ({"remote_theme": "owner/theme"}, True, ("owner/theme", True)),
    ({"remote_theme": "owner/theme"}, False, None),
    ({"theme": ["minima"]}, False, "theme must be the name of a theme gem, not ['minima']: "
                                   "Jekyll uses no theme, and neither does this build"),
    ({}, False, None),
])
def test_the_theme_a_site_names(settings, plugins, expected, tmp_path):
    theme, problem = site_theme(settings, tmp_path, None, plugins)
    if isinstance(expected, str):
        assert (theme, problem) == (None, expected)
    else:
        assert problem is None
        assert (None if theme is None else (theme.name, theme.remote)) == expected


def test_include_cached_is_an_include_when_the_site_lists_jekyll_include_cache(site, themed):
    body = '{% include_cached note.html text="cached" %} {% include_cached badge.html text="t" %}\n'
    cached = dataclasses.replace(themed, settings={**site.settings, "plugins": ["jekyll-include-cache"]})
    assert render(body, cached) == ('<p class="note">cached</p> <b class="badge">t</b>(theme dot)\n', [])
    # without the plugin, Jekyll does not know the tag
    out, problems = render(body, site)
    assert problems and all("include_cached" in problem for problem in problems), problems


def test_site_data_lies_over_the_theme_gems(tmp_path):
    """Jekyll 4.3 reads a theme's _data/ too, the site's deep-merged over it: Minimal
    Mistakes' includes read their labels from site.data.ui-text."""
    folder, theme = tmp_path / "site", tmp_path / "theme"
    files = {folder / "_data/ui-text.yml": "en:\n  more_label: Read on\n",
             folder / "_data/members.yml": "- Ann\n",
             theme / "_data/ui-text.yml": "en:\n  toc_label: On this page\n  more_label: Learn more\n",
             theme / "_data/theme_only.yml": "x: 1\n", theme / "_data/members.yml": "- Zed\n"}
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    site = SiteInput({}, folder=folder, theme=Theme("mm", folder, theme))
    body = ("{{ site.data.ui-text.en.toc_label }}|{{ site.data.ui-text.en.more_label }}|"
            "{{ site.data.theme_only.x }}|{{ site.data.members | join: ',' }}|{{ site.data | size }}\n")
    rendered = render_post(body, 1, PageInput({}, "_posts/2020-01-01-x.md"), site, LINKS)
    assert (rendered.text, rendered.problems) == ("On this page|Read on|1|Ann|3\n", [])
    assert {theme / "_data/ui-text.yml", theme / "_data/theme_only.yml"} <= rendered.files
    # no theme found: the site's data alone
    alone = SiteInput({}, folder=folder, theme=Theme("gone", folder, remote=True))
    rendered = render_post(body, 1, PageInput({}, "_posts/2020-01-01-x.md"), alone, LINKS)
    assert rendered.text == "|Read on||Ann|2\n"
