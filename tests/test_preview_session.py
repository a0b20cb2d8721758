"""The live preview's builds (``jekyll_myst.preview``) write what ``sphinx-build``
writes: the same files, byte for byte, after each kind of edit, although the
preview keeps its Sphinx application, its search index and its doctrees in
memory from one build to the next."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import append, build, make_blog, make_site, replace_once, sphinx_build, write
from watchfiles import Change

from jekyll_myst.preview.server import changed_paths
from jekyll_myst.preview.session import BuildOptions, PreviewSession, RestartNeeded

BOOK = "---\norphan: true\n---\n\n# Everything\n\n```{blog-toctree}\n```\n"
#: a post whose Liquid shows the other posts' titles: read again when any post changes
LISTER = """---
title: Every post
author: Jane Doe
---

{% for post in site.posts %}
- {{ post.title }}
{% endfor %}
"""
OVERRIDES = {"html_theme": "furo"}


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(preview: Path, fresh: Path) -> list[str]:
    ours, theirs = files(preview), files(fresh)
    return sorted(name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name))


@pytest.fixture
def blog(tmp_path) -> Path:
    return make_blog(tmp_path / "src", extra_posts=4,
                     files={"everything.md": BOOK, "posts/2022-03-01-every-post.md": LISTER})


def test_each_preview_build_writes_what_sphinx_build_writes(blog, tmp_path):
    warnings = io.StringIO()
    written: list[str] = []
    session = PreviewSession(BuildOptions(srcdir=blog, confdir=blog, outdir=tmp_path / "preview" / "html",
                                          doctreedir=tmp_path / "preview" / "doctrees",
                                          confoverrides=OVERRIDES, warning=warnings), written.append)
    fresh = tmp_path / "fresh" / "html"
    posts = blog / "posts"
    new_post = posts / "2023-05-06-a-new-post.md"
    edits = [
        ("the first build", list),
        ("a body edit", lambda: [append(posts / "2022-02-02-extra-1.md", "\nA sentence added.\n")]),
        ("a new section", lambda: [append(posts / "2022-02-02-extra-1.md", "\n## A new section\n\nText.\n")]),
        ("a title edit", lambda: [replace_once(posts / "2020-01-02-first-post.md",
                                           'title: "The first post"', 'title: "A renamed post"')]),
        # a page written again for its neighbour's title, after its own edit
        ("a neighbour retitled", lambda: [replace_once(posts / "2022-02-03-extra-2.md", "Extra 2",
                                                       "Extra two")]),
        ("its neighbour edited", lambda: [append(posts / "2022-02-04-extra-3.md", "\nLater text.\n")]),
        ("the neighbour retitled again", lambda: [replace_once(posts / "2022-02-03-extra-2.md", "Extra two",
                                                           "Extra 2")]),
        ("a post added", lambda: [write(new_post, "---\ntitle: A new post\nauthor: Jane Doe\ntags: [ops]\n"
                                                   "---\n\nNew text.\n")]),
        ("a post deleted", lambda: [_delete(posts / "2022-02-03-extra-2.md")]),
        ("a docs page edited", lambda: [append(blog / "docs" / "guide.md", "\nMore guidance.\n")]),
    ]
    try:
        for name, edit in edits:
            changed = edit()
            written.clear()
            result = session.build(changed)
            assert result.ok, f"{name}:\n{warnings.getvalue()}"
            assert result.fresh == (name == "the first build"), name
            assert len(written) == result.pages
            build = sphinx_build(blog, fresh, "-d", str(tmp_path / "fresh" / "doctrees"),
                                 *(f"-D{key}={value}" for key, value in OVERRIDES.items()))
            assert build.returncode == 0, build.stderr
            assert differences(tmp_path / "preview" / "html", fresh) == [], name
    finally:
        session.close()
    assert warnings.getvalue() == ""
    page = (tmp_path / "preview" / "html" / "posts" / "2022-03-01-every-post.html").read_text()
    assert "A renamed post" in page and "A new post" in page and "Extra 2" not in page


def retitled_in_preview(blog: Path, out: Path, seen: list | dict,
                        page_written: Callable[[str], None],
                        edits_written: Callable[[], None] = lambda: None) -> None:
    """A preview's first build into ``out``, then the second post retitled and
    built again; ``seen``, which ``page_written`` fills, is emptied in between."""
    session = PreviewSession(BuildOptions(srcdir=blog, confdir=blog, outdir=out / "html",
                                          doctreedir=out / "doctrees"), page_written, edits_written)
    try:
        session.build()
        post = replace_once(blog / "posts" / "2021-03-04-second-post.md", "title:", "title: Renamed,")
        seen.clear()
        session.build([post])
    finally:
        session.close()


def test_the_edited_page_is_written_before_the_pages_that_list_it(blog, tmp_path):
    written: list[str] = []
    retitled_in_preview(blog, tmp_path, written, written.append)
    assert written[0] == "posts/2021-03-04-second-post.html"
    assert {"index.html", "everything.html", "authors/jane-doe.html"} <= set(written)


def test_the_environment_is_saved_once_the_edited_page_is_written(blog, tmp_path):
    environment = tmp_path / "out" / "doctrees" / "environment.pickle"
    saved_before: dict[str, bool] = {}
    retitled_in_preview(blog, tmp_path / "out", saved_before,
                        lambda page: saved_before.setdefault(page, environment.stat().st_size > 0))
    # Sphinx empties the file when it would save; the preview fills it once the edit shows
    assert saved_before["posts/2021-03-04-second-post.html"] is False
    assert saved_before["index.html"] is True
    # what it saved is the edit's: a build after it has nothing to read
    _app, read = build(blog, tmp_path / "out")
    assert read == []


def test_the_server_is_told_once_the_edited_page_is_written_and_nothing_else(blog, tmp_path):
    """Where the server waits for the browsers to load the edited page: the
    environment is not saved yet, and no other page is written."""
    environment = tmp_path / "out" / "doctrees" / "environment.pickle"
    written: list[str] = []
    told: list[tuple[list[str], bool]] = []
    retitled_in_preview(blog, tmp_path / "out", written, written.append,
                        lambda: told.append((list(written), environment.stat().st_size > 0)))
    # the first build told too, then the retitle's: the retitled post and the
    # post whose Liquid lists every title, both read again
    pages, saved = told[-1]
    assert sorted(pages) == ["posts/2021-03-04-second-post.html", "posts/2022-03-01-every-post.html"]
    assert not saved
    assert "index.html" in written and environment.stat().st_size > 0


def test_a_new_post_reaches_the_posts_read_before_it_came(blog, tmp_path):
    """The post that lists every post, and one that linked to the new post before
    it was written, show it as a build from nothing does."""
    append(blog / "posts" / "2022-02-02-extra-1.md", "\nSee [the later post](2023-07-08-later.md).\n")
    warnings = io.StringIO()
    session = PreviewSession(BuildOptions(srcdir=blog, confdir=blog, outdir=tmp_path / "preview" / "html",
                                          doctreedir=tmp_path / "preview" / "doctrees",
                                          confoverrides=OVERRIDES, warning=warnings), lambda page: None)
    try:
        session.build()
        assert "2023-07-08-later.md" in warnings.getvalue()
        later = write(blog / "posts" / "2023-07-08-later.md", "---\ntitle: Later\n---\n\nText.\n")
        assert session.build([later]).ok
    finally:
        session.close()
    fresh = sphinx_build(blog, tmp_path / "fresh" / "html", "-d", str(tmp_path / "fresh" / "doctrees"),
                         *(f"-D{key}={value}" for key, value in OVERRIDES.items()))
    assert fresh.returncode == 0 and fresh.stderr == "", fresh.stderr
    assert differences(tmp_path / "preview" / "html", tmp_path / "fresh" / "html") == []
    lister = (tmp_path / "preview" / "html" / "posts" / "2022-03-01-every-post.html").read_text()
    assert "Later" in lister


def test_python_code_changes_need_a_new_process(blog, tmp_path):
    session = PreviewSession(BuildOptions(srcdir=blog, confdir=blog, outdir=tmp_path / "html",
                                          doctreedir=tmp_path / "doctrees"), lambda page: None)
    with pytest.raises(RestartNeeded, match="conf.py"):
        session.build([blog / "conf.py"])


#: an extension with a bug: it raises on a document that says BOOM
BOOM = """
def setup(app):
    def read(app, docname, source):
        if "BOOM" in source[0]:
            raise RuntimeError("an extension's bug")
    app.connect("source-read", read)
    return {"parallel_read_safe": True}
"""


def test_a_failed_build_is_reported_and_the_next_one_starts_afresh(blog, tmp_path, capsys):
    (blog / "boom.py").write_text(BOOM)
    append(blog / "conf.py", "\nimport sys\nsys.path.insert(0, __import__('os').path.dirname(__file__))"
                             "\nextensions.append('boom')\n")
    session = PreviewSession(BuildOptions(srcdir=blog, confdir=blog, outdir=tmp_path / "html",
                                          doctreedir=tmp_path / "doctrees", warning=io.StringIO()),
                             lambda page: None)
    post = blog / "posts" / "2021-03-04-second-post.md"
    try:
        assert session.build().ok
        failed = session.build([append(post, "\nBOOM\n")])
        assert not failed.ok
        assert "an extension's bug" in capsys.readouterr().err
        again = session.build([replace_once(post, "BOOM", "Fixed.")])
        assert again.ok and again.fresh
    finally:
        session.close()
    assert "Fixed." in (tmp_path / "html" / "posts" / "2021-03-04-second-post.html").read_text()


def test_the_sites_config_edited_or_deleted_gets_a_fresh_application(tmp_path):
    site = make_site(tmp_path / "jekyll", {"_config.yml": "title: First name\n", "_posts/2020-05-06-named.md":
                                           "---\ntitle: Named\n---\n\nOn {{ site.title }}.\n"})
    config = site / "_config.yml"
    src = make_blog(tmp_path / "src")
    # the project's docs cite its own posts, which the site replaces
    overrides = {**OVERRIDES, "jekyll_site": str(site), "suppress_warnings": ["myst.xref_missing"]}
    warnings = io.StringIO()
    session = PreviewSession(BuildOptions(srcdir=src, confdir=src, outdir=tmp_path / "preview" / "html",
                                          doctreedir=tmp_path / "preview" / "doctrees",
                                          confoverrides=overrides, warning=warnings), lambda page: None)
    page = tmp_path / "preview" / "html" / "posts" / "2020-05-06-named.html"
    fresh = tmp_path / "fresh" / "html"
    edits = [("the first build", list),
             ("_config.yml edited", lambda: [write(config, "title: Second name\n")]),
             ("_config.yml deleted", lambda: [_delete(config)])]
    shown = []
    try:
        for name, edit in edits:
            result = session.build(edit())
            assert result.ok and result.fresh, f"{name}:\n{warnings.getvalue()}"
            shown.append(page.read_text())
            build = sphinx_build(src, fresh, "-d", str(tmp_path / "fresh" / "doctrees"),
                                 *(f"-D{key}={','.join(value) if isinstance(value, list) else value}"
                                   for key, value in overrides.items()))
            assert build.returncode == 0, build.stderr
            assert differences(tmp_path / "preview" / "html", fresh) == [], name
    finally:
        session.close()
    assert ["On First name." in shown[0], "On Second name." in shown[1], "On ." in shown[2]] == [True] * 3


def test_a_file_that_came_and_went_within_a_batch_is_no_change(tmp_path):
    post, template = write(tmp_path / "post.md", "text"), tmp_path / "_templates" / "page.html"
    temporary = tmp_path / ".post.md.swp"
    changes = {(Change.added, str(temporary)), (Change.modified, str(temporary)),
               (Change.deleted, str(temporary)), (Change.modified, str(post)),
               (Change.deleted, str(template))}
    # the template is gone, but it was there before the batch: a change
    assert changed_paths(changes) == sorted([post, template])
    # deleted and written again within the batch: still a change
    assert changed_paths({(Change.deleted, str(post)), (Change.added, str(post))}) == [post]


def _delete(path: Path) -> Path:
    path.unlink()
    return path
