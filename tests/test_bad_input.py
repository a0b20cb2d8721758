"""Bad input, case by case: a typed, located warning; the strict build
fails; every good page is still built; nothing leaves the site."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup
from conftest import TESTS, make_blog, make_site
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

GOOD_PAGES = ["posts/2020-01-02-first-post.html", "posts/2021-03-04-second-post.html",
              "posts/2021-07-08-tagged-post.html", "authors/jane-doe.html", "docs/guide.html", "index.html"]


@dataclass
class Case:
    name: str
    files: dict[str, bytes | str]
    subtype: str
    #: (file, line) of the warning, the file relative to the site
    where: tuple[str, int]
    says: str
    #: pages of the bad file that are still built (with the problem reported)
    built: list[str] = field(default_factory=list)
    #: configuration values the case sets
    conf: dict = field(default_factory=dict)


CASES = [
    Case("front matter not closed", {"posts/2022-01-01-x.md": "---\ntitle: X\n\nBody\n"},
         "front_matter", ("posts/2022-01-01-x.md", 1), "front matter is not closed"),
    Case("invalid YAML", {"posts/2022-01-01-x.md": "---\ntitle: X\ntags: [a\n---\nBody\n"},
         "front_matter", ("posts/2022-01-01-x.md", 4), "front matter is not valid YAML"),
    Case("front matter not a mapping", {"posts/2022-01-01-x.md": "---\n- a\n---\nBody\n"},
         "front_matter", ("posts/2022-01-01-x.md", 2), "must be a mapping"),
    Case("missing title", {"posts/2022-01-01-x.md": "---\nauthor: Jane Doe\n---\nBody\n"},
         "title", ("posts/2022-01-01-x.md", 1), "the post has no title", ["posts/2022-01-01-x.html"]),
    Case("empty title", {"posts/2022-01-01-x.md": "---\ntitle: ''\n---\nBody\n"},
         "title", ("posts/2022-01-01-x.md", 2), "the post has no title"),
    Case("title is a list", {"posts/2022-01-01-x.md": "---\ntitle: [a, b]\n---\nBody\n"},
         "title", ("posts/2022-01-01-x.md", 2), "title must be text, not a list"),
    Case("title is a number", {"posts/2022-01-01-x.md": "---\ntitle: 42\n---\nBody\n"},
         "title", ("posts/2022-01-01-x.md", 2), "title must be text, not a int"),
    Case("date does not parse", {"posts/2022-01-01-x.md": "---\ntitle: X\ndate: soon\n---\nBody\n"},
         "date", ("posts/2022-01-01-x.md", 3), "date 'soon' is not a date"),
    Case("date does not exist", {"posts/2023-02-30-x.md": "---\ntitle: X\n---\nBody\n"},
         "date", ("posts/2023-02-30-x.md", 1), "date '2023-02-30' in the file name does not exist"),
    Case("front-matter date that does not exist",
         {"posts/2022-01-01-x.md": "---\ntitle: X\ndate: 2022-02-30\n---\nBody\n"},
         "date", ("posts/2022-01-01-x.md", 3), "date '2022-02-30' does not exist"),
    Case("author without a bio", {"posts/2022-01-01-x.md": "---\ntitle: X\nauthors: [Nobody]\n---\nBody\n"},
         "author", ("posts/2022-01-01-x.md", 3), "author 'Nobody' has no bio"),
    Case("non-UTF-8 file", {"posts/2022-01-01-x.md": b"---\ntitle: caf\xe9\n---\nBody\n"},
         "encoding", ("posts/2022-01-01-x.md", 2), "is not UTF-8 (byte 0xe9)"),
    Case("empty file", {"posts/2022-01-01-x.md": ""},
         "front_matter", ("posts/2022-01-01-x.md", 1), "no front matter"),
    Case("file larger than the limit",
         {"posts/2022-01-01-x.md": "---\ntitle: Big\n---\n" + "word " * 800_000},
         "size", ("posts/2022-01-01-x.md", 1), "more than the 2.0 MB a post may be",
         conf={"jekyll_max_file_size": 2 * 2**20}),
    Case("timezone that is no zone", {"posts/2022-01-01-x.md": "---\ntitle: X\n---\nBody\n"},
         "config", ("conf.py", 1), "timezone 'Mars/Olympus' is not a time zone's name",
         conf={"jekyll_settings": {"timezone": "Mars/Olympus"}}, built=["posts/2022-01-01-x.html"]),
    Case("two files, one page", {"posts/2022-01-01-x.md": "---\ntitle: A\n---\nA\n",
                                 "posts/2022-01-01-x.markdown": "---\ntitle: B\n---\nB\n"},
         "duplicate", ("posts/2022-01-01-x.md", 1), "would both be the page posts/2022-01-01-x"),
    Case("two posts, one URL",
         {"posts/2022-01-01-x.md": "---\ntitle: A\npermalink: /blog/tagged/\n---\nA\n"},
         "duplicate", ("posts/2022-01-01-x.md", 3), "has the URL /blog/tagged/, as posts/2021-07-08"),
    Case("unclosed raw", {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\nText {% raw %} more\n"},
         "liquid", ("posts/2022-01-01-x.md", 5), "{% raw %} is not closed"),
    Case("unknown Liquid tag", {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n{% youtube abc %}\n"},
         "liquid", ("posts/2022-01-01-x.md", 5), "Liquid tag 'youtube' is not one of Jekyll's"),
    Case("a post written out whole",
         {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n{{ site.posts | last }}\n"},
         "liquid", ("posts/2022-01-01-x.md", 5), "a post is written out whole here",
         ["posts/2022-01-01-x.html"]),
    Case("include", {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n{% include missing.html %}\n"},
         "liquid", ("posts/2022-01-01-x.md", 5), "{% include missing.html %}: no such file in _includes/"),
    Case("link to a missing file",
         {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n[a]({% link nope.md %})\n"},
         "liquid", ("posts/2022-01-01-x.md", 5), "{% link nope.md %}: no such file in the site"),
    Case("undefined ALD", {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\nText.\n{: nothing}\n"},
         "ial", ("posts/2022-01-01-x.md", 6), "names 'nothing', which no ALD defines"),
    Case("HTML block without its end tag",
         {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\nText.\n\n<div class=\"box\">\nIn it.\n\nAfter.\n"},
         "html", ("posts/2022-01-01-x.md", 7), "<div> has no end tag", ["posts/2022-01-01-x.html"]),
    Case("image outside the site",
         {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n![p](../../../../etc/passwd)\n"},
         "path", ("posts/2022-01-01-x.md", 5), "leads out of the site and the project: refused"),
    Case("image at an absolute file-system path",
         {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n![p](/etc/passwd)\n"},
         "path", ("posts/2022-01-01-x.md", 5), "no such file in the site folder"),
    # MyST's path: scheme is only MyST's in a post that opted in; elsewhere it is a plain link
    Case("download outside the site",
         {"posts/2022-01-01-x.md": "---\ntitle: X\nmyst: true\n---\n\n[h](path:../../../../etc/hostname)\n"},
         "path", ("posts/2022-01-01-x.md", 6), "download '../../../../etc/hostname' leads out"),
    Case("Liquid link outside the site",
         {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n[h]({% link ../../../etc/hostname %})\n"},
         "liquid", ("posts/2022-01-01-x.md", 5), "no such file in the site"),
    Case("symlink leading out",
         {"posts/images/out": "SYMLINK:/etc",
          "posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n![h](/images/out/hostname)\n"},
         "path", ("posts/2022-01-01-x.md", 5), "no such file in the site folder"),
    Case(".htm post", {"posts/2022-01-01-x.htm": "---\ntitle: X\n---\n<p>Body</p>\n"},
         "post_format", ("posts/2022-01-01-x.htm", 1),
         "Jekyll publishes it, but only Markdown and HTML posts are built, not .htm: rename it to .html"),
    Case("Markdown ending in mixed case", {"posts/2022-01-01-x.Md": "---\ntitle: X\n---\nBody\n"},
         "post_format", ("posts/2022-01-01-x.Md", 1), "Jekyll reads .Md as Markdown in any case"),
    Case("javascript link in the front matter's excerpt",
         {"posts/2022-01-01-x.md": "---\ntitle: X\nexcerpt: '[x](javascript:alert(1))'\n---\nBody\n"},
         "unsafe_link", ("posts/2022-01-01-x.md", 3), "refused: scripts in links are not allowed"),
    Case("javascript link",
         {"posts/2022-01-01-x.md": "---\ntitle: X\n---\n\n[x](javascript:alert(1))\n"},
         "unsafe_link", ("posts/2022-01-01-x.md", 5), "refused: scripts in links are not allowed"),
    Case("javascript permalink",
         {"posts/2022-01-01-x.md": "---\ntitle: X\npermalink: 'javascript:x()'\n---\n"},
         "permalink", ("posts/2022-01-01-x.md", 3), "is not a path of the site"),
    # the page is written at the decoded path: this one climbed out of the output folder
    Case("permalink climbing out, percent-encoded",
         {"posts/2022-01-01-x.md": "---\ntitle: X\npermalink: /%2e%2e/%2e%2e/escaped/\n---\n"},
         "permalink", ("posts/2022-01-01-x.md", 3), "is not a path of the site"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_and_the_rest_builds(tmp_path, case):
    src = make_blog(tmp_path / "src", files=case.files)
    app = SphinxTestApp("html", srcdir=src, warningiserror=True, confoverrides=case.conf)
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = strip_colors(app.warning.getvalue())
    file, line = case.where
    expected = f"{src / file}:{line}: WARNING: "
    located = [w for w in warnings.splitlines() if w.startswith(expected)]
    assert any(case.says in w and w.endswith(f"[jekyll.{case.subtype}]") for w in located), warnings
    assert app.statuscode != 0, "the strict build must fail"
    for page in GOOD_PAGES + case.built:
        assert (app.outdir / page).is_file(), page
    leaked = [p for p in app.outdir.rglob("*") if p.is_file() and p.name in ("passwd", "hostname")]
    assert leaked == []
    # pages are written in the output folder only (an HTML post is the case's own input)
    pages_outside = [p for p in tmp_path.rglob("*.html")
                     if not (p.is_relative_to(app.outdir) or p.is_relative_to(app.doctreedir))
                     and p not in {src / name for name in case.files}]
    assert pages_outside == []


def test_a_problem_before_the_excerpt_separator_is_reported_once(tmp_path):
    """The excerpt is that part of the body read again: its problems are the body's."""
    src = make_blog(tmp_path / "src", files={"posts/2022-01-01-x.md": (
        "---\ntitle: X\nexcerpt_separator: <!--more-->\n---\n"
        "A [link](javascript:alert(1)) and a note[^none].\n<!--more-->\nThe rest.\n")})
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    post = src / "posts" / "2022-01-01-x.md"
    located = [w.split(" WARNING: ")[0] + " " + w.rsplit(" ", 1)[1]
               for w in strip_colors(app.warning.getvalue()).splitlines() if str(post) in w]
    assert sorted(located) == [f"{post}:5: [jekyll.footnote]", f"{post}:5: [jekyll.unsafe_link]"]


def test_every_ending_jekyll_reads_as_markdown_is_a_post(tmp_path):
    endings = ["MD", "mkd", "mkdn", "mkdown", "MARKDOWN"]
    posts = {f"posts/2022-01-0{day}-ending-{ending.lower()}.{ending}":
             f"---\ntitle: {ending}\n---\n\n*Body*.\n" for day, ending in enumerate(endings, start=1)}
    src = make_blog(tmp_path / "src", files=posts)
    app = SphinxTestApp("html", srcdir=src, warningiserror=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0, app.warning.getvalue()
    for day, ending in enumerate(endings, start=1):
        page = app.outdir / "posts" / f"2022-01-0{day}-ending-{ending.lower()}.html"
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("div.body")
        assert text.select_one("h1").get_text(strip=True).startswith(ending)
        assert str(text.select_one("em")) == "<em>Body</em>", ending
        redirect = app.outdir / "2022" / "01" / f"0{day}" / f"ending-{ending.lower()}.html"
        assert redirect.is_file(), ending


def test_every_file_under_the_posts_is_built_or_named(tmp_path):
    src = make_blog(tmp_path / "src", files={
        "posts/2022-01-01-x.md": "---\ntitle: X\n---\n",
        "posts/_drafts": "MKDIR",
        "posts/notes.txt": "not a post",
        "posts/_drafts/2022-02-02-draft.md": "---\ntitle: D\n---\n",
        "posts/.hidden.md": "x",
        "posts/2022-03-03-page.html": "<p>html post</p>",
        "posts/2022-04-04-unpublished.md": "---\ntitle: U\npublished: false\n---\n",
        "posts/2022-05-05-latin1.md": b"\xe9",
    })
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    output = strip_colors(app.status.getvalue() + app.warning.getvalue())
    files = sorted(p for p in (src / "posts").rglob("*") if p.is_file())
    assert len(files) == 14
    for path in files:
        built = (app.outdir / "posts" / path.name).with_suffix(".html").is_file() or \
            (app.outdir / "authors" / path.name).with_suffix(".html").is_file()
        assert built or f"{path}" in output, path


def build_site_in_place(site, src) -> SphinxTestApp:
    """A strict build of the project at ``src`` with the Jekyll ``site`` in place of its posts."""
    # the project's docs cite its own posts, which the site replaces: those warnings are not the tests'
    app = SphinxTestApp("html", srcdir=make_blog(src), warningiserror=True,
                        confoverrides={"jekyll_site": str(site), "suppress_warnings": ["myst.xref_missing"]})
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.mark.parametrize(("config", "line", "says"), [
    ("title: Blog\nkramdown: [unclosed\n", 3, "_config.yml is not valid YAML: expected ',' or ']'"),
    ("- a list\n- of things\n", 1, "_config.yml must be a mapping of settings, not a list"),
    (b"title: caf\xe9\n", 1, "_config.yml cannot be read: 'utf-8' codec can't decode byte 0xe9"),
])
def test_a_site_config_that_cannot_be_read_is_reported_and_the_posts_build(tmp_path, config, line, says):
    site = make_site(tmp_path / "jekyll", {"_posts/2020-05-06-fine.md": "---\ntitle: Fine\n---\n\nText.\n",
                                           "_config.yml": config})
    config_file = site / "_config.yml"
    app = build_site_in_place(site, tmp_path / "src")
    warnings = strip_colors(app.warning.getvalue()).splitlines()
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{config_file}:{line}: WARNING: {says}"), warnings
    assert warnings[0].endswith("[jekyll.config]"), warnings
    assert app.statuscode != 0, "the strict build must fail"
    assert (app.outdir / "posts" / "2020-05-06-fine.html").is_file()


def test_a_site_whose_config_names_a_source_folder_is_read_from_there(tmp_path):
    # jekyll build in the folder of _config.yml reads the site's files from its source
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "source: src\ntitle: Beam\n",
        "src/_posts/2020-05-06-kept.md": "---\ntitle: Kept\n---\n\n{% include note.html %} "
                                         "{{ site.data.team.lead }}\n\n![a picture](/images/pic.png)\n",
        "src/_includes/note.html": "Noted by",
        "src/_data/team.yml": "lead: Ann\n",
        "src/images/pic.png": (TESTS / "roots" / "test-blog" / "posts" / "images" / "pic.png").read_bytes(),
        "_posts/2020-05-09-outside.md": "---\ntitle: Outside\n---\n\nText.\n",
    })
    app = build_site_in_place(site, tmp_path / "src")
    assert app.statuscode == 0, app.warning.getvalue()
    page = BeautifulSoup((app.outdir / "posts" / "2020-05-06-kept.html").read_text(encoding="utf-8"), "lxml")
    assert page.select_one("div.body p:not(.byline)").get_text() == "Noted by Ann"
    assert page.select_one("div.body img")["src"] == "../_images/pic.png"
    assert not (app.outdir / "posts" / "2020-05-09-outside.html").exists()


def test_a_site_with_posts_only_in_category_folders_is_a_jekyll_site(tmp_path):
    site = make_site(tmp_path / "jekyll", {
        "docs/markup/_posts/2016-06-22-concepts.md": "---\ntitle: Concepts\n---\n\nText.\n"})
    (site / "_posts").rmdir()
    app = build_site_in_place(site, tmp_path / "src")
    assert app.statuscode == 0, app.warning.getvalue()
    # Jekyll's categories from the folders: /docs/markup/2016/06/22/concepts.html
    target = (app.outdir / "docs/markup/2016/06/22/concepts.html").read_text(encoding="utf-8")
    assert 'data-redirect="../../../../../posts/2016-06-22-concepts.html"' in target
    (site / "docs" / "markup" / "_posts" / "2016-06-22-concepts.md").unlink()
    (site / "docs" / "markup" / "_posts").rmdir()
    with pytest.raises(ConfigError, match="it has no _posts folder, nor one in a folder of it"):
        build_site_in_place(site, tmp_path / "src2")


@pytest.mark.parametrize("source", ["../elsewhere", "missing", "/abs"])
def test_a_source_that_is_no_folder_of_the_site_is_reported(tmp_path, source):
    site = make_site(tmp_path / "jekyll", {"_config.yml": f"source: {source}\n",
                                           "_posts/2020-05-06-fine.md": "---\ntitle: Fine\n---\n\nText.\n"})
    (tmp_path / "elsewhere" / "_posts").mkdir(parents=True)
    app = build_site_in_place(site, tmp_path / "src")
    warnings = strip_colors(app.warning.getvalue()).splitlines()
    assert warnings == [f"{site / '_config.yml'}:1: WARNING: source {source!r} is not a folder of the site: "
                        "the site's folder is read [jekyll.config]"]
    assert (app.outdir / "posts" / "2020-05-06-fine.html").is_file()


def test_a_site_with_collections_dir_builds_the_posts_and_drafts_there(tmp_path):
    post = "---\ntitle: {}\n---\n\nText.\n"
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "collections_dir: coll\nshow_drafts: true\n",
        "coll/_posts/2020-05-06-kept.md": post.format("Kept"),
        "coll/news/_posts/2020-05-07-filed.md": post.format("Filed"),
        "coll/_drafts/sketch.md": "---\ntitle: Sketch\ndate: 2020-05-08\n---\n\nText.\n",
        "_posts/2020-05-09-outside.md": post.format("Outside"),
    })
    app = build_site_in_place(site, tmp_path / "src")
    assert app.statuscode == 0, app.warning.getvalue()
    for page in ("2020-05-06-kept", "2020-05-07-filed", "sketch"):
        assert (app.outdir / "posts" / f"{page}.html").is_file(), page
    # the folder under coll/ is the post's category, as in Jekyll: /news/2020/05/07/filed.html
    assert (app.outdir / "news" / "2020" / "05" / "07" / "filed.html").is_file()
    assert not (app.outdir / "posts" / "2020-05-09-outside.html").exists()
    status = strip_colors(app.status.getvalue())
    assert f"{site / '_posts' / '2020-05-09-outside.md'}:1: 2020-05-09-outside.md: not published: with " \
           "collections_dir, Jekyll reads posts from coll/_posts/ only" in status, status
