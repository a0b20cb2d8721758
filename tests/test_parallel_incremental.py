"""What ``setup()`` declares: parallel builds give the pages a serial build
gives, and an incremental build after an edit shows the edit everywhere."""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import signal
import time
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import bodies, build, build_recording, make_blog, make_site, tagged_posts
from sphinx.errors import SphinxParallelError
from sphinx.testing.util import SphinxTestApp
from sphinx.util import logging as sphinx_logging

from jekyll_myst.bounded_writing import FIRST_CHUNK
from jekyll_myst.read_chunks import equal_runs


def test_parallel_build_gives_the_serial_pages(tmp_path):
    src = make_blog(tmp_path / "src", extra_posts=8)
    serial, _ = build(src, tmp_path / "serial")
    parallel, _ = build(src, tmp_path / "parallel", parallel=2)
    assert parallel.warning.getvalue() == serial.warning.getvalue() == ""
    serial_pages, parallel_pages = bodies(serial.outdir), bodies(parallel.outdir)
    assert len(serial_pages) >= 14
    assert parallel_pages == serial_pages


def test_a_parallel_read_gives_each_process_one_run_of_the_documents(tmp_path):
    """jekyll_myst.read_chunks: with ``-j 2``, two workers read, each a run of the
    documents in Sphinx's order, the longer posts sharing a run with fewer others;
    the pages are those of a serial build."""
    long_posts = {f"posts/2021-0{number + 1}-01-long-{number}.md":
                  f"---\ntitle: Long {number}\nauthor: Jane Doe\n---\n\n" + "A long paragraph. " * 3000
                  for number in range(3)}
    src = make_blog(tmp_path / "src", extra_posts=24, files=long_posts)
    log = tmp_path / "read.log"
    main = os.getpid()

    def note_reader(app, docname, source):
        with log.open("a") as out:
            out.write(f"{docname} {'main' if os.getpid() == main else os.getpid()}\n")

    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", parallel=2)
    app.connect("source-read", note_reader)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    read = [line.split() for line in log.read_text().splitlines()]
    readers = list(dict.fromkeys(reader for _, reader in read))
    assert len(read) == len(app.env.found_docs) >= 30  # Sphinx would make three chunks of them
    assert len(readers) == 2 and "main" not in readers, readers
    first, second = sorted([doc for doc, reader in read if reader == process] for process in readers)
    assert first + second == sorted(app.env.found_docs)  # each once, in Sphinx's order

    def size(docs):
        return sum(app.env.doc2path(doc).stat().st_size for doc in docs)

    # the long posts are in the first run, which holds fewer documents for as many bytes
    assert len(first) < len(second)
    assert abs(size(first) - size(second)) <= max(size([doc]) for doc in first + second)
    serial, _ = build(src, tmp_path / "serial")
    assert bodies(app.outdir) == bodies(serial.outdir)


def test_runs_of_about_equal_size():
    assert equal_runs(list("abcdef"), [1] * 6, 2) == [list("abc"), list("def")]
    assert equal_runs(list("abcdef"), [10, 1, 1, 1, 1, 1], 2) == [["a"], list("bcdef")]
    assert equal_runs(list("abcdef"), [1, 1, 1, 1, 1, 10], 2) == [list("abcde"), ["f"]]
    assert equal_runs(list("abcdefgh"), [1] * 8, 3) == [list("abc"), list("def"), list("gh")]
    # never an empty run, never more runs than documents
    assert equal_runs(list("abcd"), [100, 0, 0, 0], 3) == [["a"], ["b"], ["c", "d"]]
    assert equal_runs(list("abc"), [1, 1, 1], 5) == [["a"], ["b"], ["c"]]
    assert equal_runs(["a"], [0], 2) == [["a"]]
    assert equal_runs([], [], 2) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_editing_a_post_title_updates_every_page_that_shows_it(tmp_path, jobs):
    src = make_blog(tmp_path / "src", extra_posts=6)
    out = tmp_path / "out"
    build(src, out, parallel=jobs)
    post = src / "posts" / "2020-01-02-first-post.md"
    post.write_text(post.read_text().replace('title: "The first post"', 'title: "A renamed post"'))
    app, read = build(src, out, parallel=jobs)
    assert read == ["posts/2020-01-02-first-post"]
    assert app.warning.getvalue() == ""

    def text(page: str) -> str:
        return (app.outdir / page).read_text(encoding="utf-8")

    assert "<h1>A renamed post" in text("posts/2020-01-02-first-post.html")
    assert "A renamed post" in text("authors/jane-doe.html")
    assert "A renamed post" in text("index.html")
    assert "The first post" not in text("authors/jane-doe.html")


def test_retitling_a_doc_updates_the_posts_it_references(tmp_path):
    src = make_blog(tmp_path / "src", extra_posts=6)
    out = tmp_path / "out"
    build(src, out)
    guide = src / "docs" / "guide.md"
    guide.write_text(guide.read_text().replace("# A guide", "# The renamed guide"))
    app, read = build(src, out)
    assert read == ["docs/guide"]
    post = BeautifulSoup((app.outdir / "posts/2021-03-04-second-post.html").read_text(), "lxml")
    assert [a.get_text() for a in post.select("#referenced-by li a")] == ["The renamed guide"]


def test_a_site_read_in_place_shows_edits_in_the_next_build(tmp_path):
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "url: https://example.org\nkramdown:\n  toc_levels: 1..4\n",
        "_posts/2020-05-06-in-place.md": "---\ntitle: Before\nauthor: Ann\n---\n\nOriginal text.\n",
        "_authors/ann.md": "---\nname: Ann\njobtitle: Writer\n---\n\nBio.\n",
    })
    post = site / "_posts" / "2020-05-06-in-place.md"
    src = make_blog(tmp_path / "src")
    out = tmp_path / "out"
    overrides = {"jekyll_site": str(site)}
    first, _ = build(src, out, confoverrides=overrides)
    page = first.outdir / "posts" / "2020-05-06-in-place.html"
    assert "Original text." in page.read_text()
    # the site is built in place of the project's own posts
    assert not (first.outdir / "posts" / "2020-01-02-first-post.html").exists()
    post.write_text("---\ntitle: After\nauthor: Ann\n---\n\nEdited text.\n")
    _, read = build(src, out, confoverrides=overrides)
    assert read == ["posts/2020-05-06-in-place"]
    html = page.read_text()
    assert "Edited text." in html and "<h1>After" in html


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_post_is_read_again_when_an_include_or_data_file_it_used_changes(tmp_path, jobs):
    site = make_site(tmp_path / "jekyll", {
        "_includes/note.html": "<em>Note one</em>",
        "_data/team.yml": "lead: Alice\n",
        "_posts/2020-05-06-uses.md": "---\ntitle: Uses\n---\n\n{% include note.html %} led by "
                                     "{{ site.data.team.lead }}. {% include later.html %}\n",
        "_posts/2020-05-07-plain.md": "---\ntitle: Plain\n---\n\nNo Liquid.\n",
    })
    src = make_blog(tmp_path / "src")
    out = tmp_path / "out"
    overrides = {"jekyll_site": str(site)}
    first, _ = build(src, out, confoverrides=overrides, parallel=jobs)
    page = first.outdir / "posts" / "2020-05-06-uses.html"
    assert "<em>Note one</em> led by Alice." in page.read_text()
    assert "{% include later.html %}: no such file in _includes/" in first.warning.getvalue()

    (site / "_includes" / "note.html").write_text("<em>Note two</em>")
    _, read = build(src, out, confoverrides=overrides, parallel=jobs)
    assert read == ["posts/2020-05-06-uses"]
    assert "<em>Note two</em> led by Alice." in page.read_text()

    (site / "_data" / "team.yml").write_text("lead: Bob\n")
    (site / "_includes" / "later.html").write_text("and more")
    app, read = build(src, out, confoverrides=overrides, parallel=jobs)
    assert read == ["posts/2020-05-06-uses"]
    assert "<em>Note two</em> led by Bob. and more" in page.read_text()
    assert app.warning.getvalue() == ""

    (site / "_includes" / "note.html").unlink()
    app, read = build(src, out, confoverrides=overrides, parallel=jobs)
    assert read == ["posts/2020-05-06-uses"]
    assert "{% include note.html %}: no such file in _includes/" in app.warning.getvalue()


def test_an_edit_to_the_sites_config_is_seen_by_the_next_build(tmp_path):
    site = make_site(tmp_path / "jekyll", {
        "_config.yml": "title: First name\npermalink: /:year/:title/\n",
        "_posts/2020-05-06-named.md": "---\ntitle: Named\n---\n\nOn {{ site.title }}.\n",
    })
    config = site / "_config.yml"
    src = make_blog(tmp_path / "src")
    out = tmp_path / "out"
    overrides = {"jekyll_site": str(site)}
    first, _ = build(src, out, confoverrides=overrides)
    html = first.outdir
    post = html / "posts" / "2020-05-06-named.html"
    assert "On First name." in post.read_text()
    assert (html / "2020" / "named" / "index.html").is_file()

    config.write_text("title: Second name\npermalink: /:year/:month/:title.html\n")
    _, read = build(src, out, confoverrides=overrides)
    assert "posts/2020-05-06-named" in read
    assert "On Second name." in post.read_text()
    assert (html / "2020" / "05" / "named.html").is_file()

    # without the file, Jekyll's defaults
    config.unlink()
    app, read = build(src, out, confoverrides=overrides)
    assert "posts/2020-05-06-named" in read
    assert "On ." in post.read_text()
    assert (html / "2020" / "05" / "06" / "named.html").is_file()
    # the project's docs still cite its own posts, which the site replaced: only those warnings
    assert "[jekyll." not in app.warning.getvalue()


def test_a_page_is_written_again_when_a_page_it_links_to_is_retitled_or_goes(tmp_path):
    """Links by old URL, by Liquid and by document, from a post and from a docs
    page; the linked posts are not the linking post's neighbours, which would
    have it written again anyway."""
    src = make_blog(tmp_path / "src", extra_posts=3, files={
        "posts/2023-06-01-linker.md": "---\ntitle: Linker\nauthor: Jane Doe\n---\n\n"
                                      "See [the extra one](/2022/02/02/extra-1.html) and "
                                      "[the second post]({% post_url 2021-03-04-second-post %}).\n",
        "docs/cites.md": "---\norphan: true\n---\n\n# Cites\n\nRead [](/posts/2022-02-03-extra-2.md).\n",
    })
    out = tmp_path / "out"
    first, _ = build(src, out)
    assert first.warning.getvalue() == ""
    html = first.outdir
    linker, cites = html / "posts" / "2023-06-01-linker.html", html / "docs" / "cites.html"
    assert 'href="2022-02-02-extra-1.html"' in linker.read_text()
    assert 'href="2021-03-04-second-post.html"' in linker.read_text()
    assert ">Extra 2</span></a>" in cites.read_text()

    extra_2 = src / "posts" / "2022-02-03-extra-2.md"
    extra_2.write_text(extra_2.read_text().replace("title: Extra 2", "title: Extra two"))
    (src / "posts" / "2022-02-02-extra-1.md").unlink()
    (src / "posts" / "2021-03-04-second-post.md").unlink()
    app, read = build(src, out)
    # read again: the edited post; the post whose Liquid linked to a deleted one; the guide, whose
    # MyST link to a deleted post reads otherwise now. The others are only written again.
    assert sorted(read) == ["docs/guide", "posts/2022-02-03-extra-2", "posts/2023-06-01-linker"]
    assert ">Extra two</span></a>" in cites.read_text()
    page = linker.read_text()
    assert "extra-1.html" not in page and "second-post.html" not in page
    warnings = app.warning.getvalue()
    assert "link to /2022/02/02/extra-1.html: no page of this site has that URL" in warnings
    assert "{% post_url 2021-03-04-second-post %}: no post of that name" in warnings
    # every page as a build from nothing writes it
    fresh, _ = build(src, tmp_path / "fresh")
    assert bodies(app.outdir) == bodies(fresh.outdir)


def test_a_body_edit_rewrites_only_the_post_and_what_carries_it(tmp_path):
    src = make_blog(tmp_path / "src", extra_posts=6)
    out = tmp_path / "out"
    build(src, out)
    post = src / "posts" / "2022-02-03-extra-2.md"
    post.write_text(post.read_text() + "\nOne more sentence.\n")
    app, read, written = build_recording(src, out)
    assert read == ["posts/2022-02-03-extra-2"]
    # genindex, search and 404 are written on every build, by Sphinx and sphinx-notfound-page
    assert [page for page in written if page not in ("genindex", "search", "404")] == [
        "posts/2022-02-03-extra-2"]
    assert "One more sentence." in (app.outdir / "posts/2022-02-03-extra-2.html").read_text()
    # the feed carries posts this build did not write: their images are still the site's
    feed = (app.outdir / "feed.xml").read_text()
    assert "https://docs.example.org/_images/pic.png" in feed and "posts/images" not in feed
    assert "One more sentence." in feed


def test_files_beside_the_pages_follow_their_inputs(tmp_path):
    """Redirect pages, feeds and the sitemap are kept when nothing they show
    changed, and made again when it did, or when one went missing."""
    src = make_blog(tmp_path / "src", extra_posts=3)
    out = tmp_path / "out"
    first, _ = build(src, out)
    html = first.outdir
    redirect = html / "2022/02/02/extra-1.html"
    kept = {name: (html / name).stat().st_mtime_ns for name in ("2020/01/02/first-post.html", "sitemap.xml")}
    post = src / "posts" / "2022-02-02-extra-1.md"
    post.write_text(post.read_text().replace("title: Extra 1", "title: Extra one"))
    build(src, out)
    assert "Moved: Extra one" in redirect.read_text()
    assert "<title>Extra one</title>" in (html / "feed.xml").read_text()
    assert {name: (html / name).stat().st_mtime_ns for name in kept} == kept
    redirect.unlink()
    build(src, out)
    assert "Moved: Extra one" in redirect.read_text()


def test_adding_and_deleting_posts_updates_everything(tmp_path):
    src = make_blog(tmp_path / "src", extra_posts=3)
    out = tmp_path / "out"
    build(src, out)
    added = src / "posts" / "2023-09-10-brand-new.md"
    added.write_text("---\ntitle: Brand new\nauthor: Jane Doe\ntags: [fresh]\n---\n\nNew text.\n")
    (src / "posts" / "2022-02-01-extra-0.md").unlink()
    app, read, _ = build_recording(src, out)
    assert read == ["posts/2023-09-10-brand-new"]
    assert app.warning.getvalue() == ""
    html = app.outdir

    def text(page: str) -> str:
        return (html / page).read_text(encoding="utf-8")

    for page in ("index.html", "authors/jane-doe.html", "archive/2023.html", "tags/fresh.html",
                 "feed.xml", "sitemap.xml", "authors/jane-doe/feed.xml"):
        assert "Brand new" in text(page) or "brand-new" in text(page), page
    assert (html / "2023/09/10/brand-new.html").is_file()
    assert "brand-new" in text("redirects.nginx.map")
    # the deleted post is gone from every page and file
    assert not (html / "posts/2022-02-01-extra-0.html").exists()
    assert not (html / "2022/02/01/extra-0.html").exists()
    assert not list((html / "_sources" / "posts").glob("2022-02-01-extra-0.*"))
    for page in ("index.html", "authors/jane-doe.html", "archive/2022.html", "feed.xml", "sitemap.xml",
                 "redirects.nginx.map"):
        assert "extra-0" not in text(page) and "Extra 0" not in text(page), page
    assert not (html / "tags").exists() or "fresh.html" in [p.name for p in (html / "tags").iterdir()]


def test_parallel_build_writes_the_same_files(tmp_path):
    src = make_blog(tmp_path / "src", extra_posts=8)
    serial, _ = build(src, tmp_path / "serial")
    parallel, _ = build(src, tmp_path / "parallel", parallel=2)
    names = ("feed.xml", "sitemap.xml", "redirects.nginx.map", "archive/index.html", "archive/2022.html",
             "authors/jane-doe/feed.xml", "2020/01/02/first-post.html")
    for name in names:
        assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes(), name


def test_a_new_author_page_links_the_bylines_of_their_posts(tmp_path):
    src = make_blog(tmp_path / "src")
    post = src / "posts" / "2022-06-07-guest.md"
    post.write_text("---\ntitle: A guest post\nauthors: [Jane Doe, Ann Guest]\n---\n\nText.\n")
    out = tmp_path / "out"
    first, _ = build(src, out)
    assert "author 'Ann Guest' has no bio" in first.warning.getvalue()
    page = first.outdir / "posts" / "2022-06-07-guest.html"

    def author_links() -> dict[str, str | None]:
        byline = BeautifulSoup(page.read_text(), "lxml").select_one("p.byline")
        return {span.get_text(): (span.a["href"] if span.a else None) for span in byline.select(".author")}

    assert author_links() == {"Jane Doe": "../authors/jane-doe.html", "Ann Guest": None}
    (src / "posts" / "_authors" / "ann-guest.md").write_text("---\nname: Ann Guest\n---\n\nA guest.\n")
    second, read = build(src, out)
    assert read == ["authors/ann-guest"]
    assert second.warning.getvalue() == ""
    assert author_links() == {"Jane Doe": "../authors/jane-doe.html",
                              "Ann Guest": "../authors/ann-guest.html"}


def test_builders_sharing_the_doctrees_each_rewrite_their_own_pages(tmp_path):
    """``sphinx-build -M`` gives every builder one doctree folder: a title edited
    and built by one builder still reaches the other builder's pages."""
    src = make_blog(tmp_path / "src", extra_posts=3)
    out = tmp_path / "out"
    build(src, out)
    edited = src / "posts" / "2022-02-02-extra-1.md"
    edited.write_text(edited.read_text().replace("title: Extra 1", "title: Renamed one"))
    other = SphinxTestApp("dirhtml", srcdir=src, builddir=out)
    other.build()
    other.cleanup()
    build(src, out)
    for builder, page in (("html", "posts/2022-02-01-extra-0.html"),
                          ("dirhtml", "posts/2022-02-01-extra-0/index.html")):
        html = BeautifulSoup((out / builder / page).read_text(encoding="utf-8"), "lxml")
        assert html.select_one("p.post-nav-next a").get_text() == "Renamed one", builder


def test_a_post_that_lists_the_others_shows_their_new_title(tmp_path):
    """Liquid's site.posts is every post, as Jekyll gives it; a post that reads it
    is read again when another post changes."""
    src = make_blog(tmp_path / "src", extra_posts=2, files={
        "posts/2023-01-01-index-of-posts.md": "---\ntitle: All posts\nauthor: Jane Doe\n---\n\n"
        "{% for post in site.posts %}- [{{ post.title }}]({{ post.url }})\n{% endfor %}\n"})
    out = tmp_path / "out"
    build(src, out)
    listing = out / "html" / "posts" / "2023-01-01-index-of-posts.html"

    def titles() -> list[str]:
        body = BeautifulSoup(listing.read_text(encoding="utf-8"), "lxml").select_one("div.body")
        return [a.get_text() for a in body.select("section li a")]

    assert titles()[:3] == ["All posts", "Extra 1", "Extra 0"]
    edited = src / "posts" / "2022-02-01-extra-0.md"
    edited.write_text(edited.read_text().replace("title: Extra 0", "title: Renamed zero"))
    _, read = build(src, out)
    assert sorted(read) == ["posts/2022-02-01-extra-0", "posts/2023-01-01-index-of-posts"]
    assert titles()[:3] == ["All posts", "Extra 1", "Renamed zero"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_book_is_written_again_only_when_what_it_shows_of_a_post_changed(tmp_path, jobs):
    book = "---\norphan: true\n---\n\n# Everything\n\n```{blog-toctree}\n```\n"
    src = make_blog(tmp_path / "src", extra_posts=2, files={"everything.md": book})
    out = tmp_path / "out"
    build(src, out, parallel=jobs)
    post = src / "posts" / "2022-02-01-extra-0.md"
    post.write_text(post.read_text() + "\nOne more sentence.\n")
    app, read, written = build_recording(src, out, parallel=jobs)
    assert read == ["posts/2022-02-01-extra-0"]
    assert "everything" not in written
    post.write_text(post.read_text() + "\n## A new part\n\nIts text.\n")
    app, read, written = build_recording(src, out, parallel=jobs)
    assert "everything" in written
    chapters = BeautifulSoup((app.outdir / "everything.html").read_text(), "lxml").select("div.body li a")
    assert "A new part" in [a.get_text() for a in chapters]
    assert app.warning.getvalue() == ""


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_book_written_from_the_tables_of_contents_is_the_book_sphinx_writes(tmp_path, jobs):
    """chapter_list: the book's list written straight from each chapter's table
    of contents is the page, and the search index, Sphinx makes by resolving
    the whole list; the environment's tables of contents stay as they were."""
    import pickle

    from jekyll_myst.blog import chapter_list

    book = "---\norphan: true\n---\n\n# Everything\n\n```{blog-toctree}\n:caption: The *chapters*\n```\n"
    marked_up = ("---\ntitle: Marked up\nauthor: Jane Doe\n---\n\n## The `code` and *emphasis* part\n\n"
                 "Text.\n\n### A deeper **part**\n\nMore.\n\n## Back up\n\nLast.\n")
    src = make_blog(tmp_path / "src", extra_posts=5, files={
        "everything.md": book, "posts/2022-03-01-marked-up.md": marked_up})
    direct, _ = build(src, tmp_path / "direct", parallel=jobs)
    whole = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "whole", parallel=jobs)
    whole.registry.post_transforms.remove(chapter_list.DeferredChapters)
    whole.build()
    whole.cleanup()
    assert direct.warning.getvalue() == whole.warning.getvalue() == ""

    def text(app: SphinxTestApp, name: str) -> str:
        return (app.outdir / name).read_text(encoding="utf-8")

    page = BeautifulSoup(text(direct, "everything.html"), "lxml")
    assert len(page.select("div.body li.toctree-l1")) >= 9
    assert [a.get_text() for a in page.select("div.body li.toctree-l2 > a")][:3] == [
        "The code and emphasis part", "Back up", "Part 4"]
    assert page.select_one("div.body li.toctree-l3 a").get_text() == "A deeper part"
    assert text(direct, "everything.html") == text(whole, "everything.html")
    assert text(direct, "searchindex.js") == text(whole, "searchindex.js")
    with open(direct.doctreedir / "environment.pickle", "rb") as pickled:
        as_read = pickle.load(pickled).tocs
    assert {doc: toc.pformat() for doc, toc in direct.env.tocs.items()} == {
        doc: toc.pformat() for doc, toc in as_read.items()}


def test_with_jobs_an_edit_is_read_in_the_main_process_and_a_full_build_in_workers(tmp_path):
    """jekyll_myst.small_builds: forking workers for a document or two costs more than it saves."""
    import multiprocessing
    import os

    src = make_blog(tmp_path / "src", extra_posts=12)
    out = tmp_path / "out"

    def build_noting_readers() -> tuple[SphinxTestApp, set[int]]:
        app = SphinxTestApp("html", srcdir=src, builddir=out, parallel=2)
        # a worker's pid cannot come back through a list: its pipe to the parent can
        readers = multiprocessing.get_context("fork").SimpleQueue()
        app.connect("doctree-read", lambda app, doctree: readers.put(os.getpid()))
        app.build()
        app.cleanup()
        pids = set()
        while not readers.empty():
            pids.add(readers.get())
        return app, pids

    _, full = build_noting_readers()
    assert full and os.getpid() not in full
    post = src / "posts" / "2022-02-03-extra-2.md"
    post.write_text(post.read_text() + "\nOne more sentence.\n")
    app, edit = build_noting_readers()
    assert edit == {os.getpid()}
    assert app.parallel == 2
    assert "One more sentence." in (app.outdir / "posts/2022-02-03-extra-2.html").read_text()


def test_a_build_keeps_no_doctree_it_is_done_with(tmp_path):
    """jekyll_myst.kept_doctrees: ``-j 1`` writes from the pickles, as ``-j 2`` does,
    and no written page's pickled doctree stays in memory."""
    src = make_blog(tmp_path / "src", extra_posts=6)
    parallel, _ = build(src, tmp_path / "parallel", parallel=2)
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "serial")
    kept = {}

    def note_kept(when: str):
        # Sphinx's own stores (9.0): the doctrees read and not yet written, and the pickles loaded
        return lambda app, *args: kept.setdefault(when, []).append(
            (len(app.env._write_doc_doctree_cache), len(app.env._pickled_doctree_cache)))

    app.connect("doctree-read", note_kept("while reading"))
    app.connect("env-updated", lambda app, env: note_kept("when reading ended")(app) or [], priority=999)
    app.connect("build-finished", note_kept("when the build ended"))
    app.build()
    app.cleanup()
    assert len(kept["while reading"]) >= 10
    assert {doctrees for doctrees, _pickles in kept["while reading"]} == {0}
    assert kept["when reading ended"][0][0] == 0
    assert kept["when the build ended"] == [(0, 0)]
    assert app.warning.getvalue() == ""
    assert bodies(app.outdir) == bodies(parallel.outdir)


def test_a_parallel_build_resolves_no_further_ahead_than_its_writers(tmp_path):
    """jekyll_myst.bounded_writing: with ``-j 2``, one worker writes while the main
    process resolves, and the main process writes the pages of a chunk no
    worker is free to take; however slow the worker, the main process holds
    the chunk being written and the one it resolves, not every chunk resolved
    so far, and each page is written once.  The first worker writes the book,
    the largest page, by itself; the next starts on the first few pages
    resolved, not on a whole chunk."""
    book = "---\norphan: true\n---\n\n# Everything\n\n```{blog-toctree}\n```\n"
    src = make_blog(tmp_path / "src", files={"everything.md": book})
    for number in range(80):
        (src / "posts" / f"2023-{number // 28 + 1:02d}-{number % 28 + 1:02d}-post-{number}.md").write_text(
            f"---\ntitle: Post {number}\nauthor: Jane Doe\n---\n\nText {number}.\n")
    log = tmp_path / "written.log"
    forked_after = tmp_path / "forked-after.log"
    main = os.getpid()
    ahead = []
    resolved_docs = []

    def slow_writer(app, pagename, *args):
        if os.getpid() != main:
            # what the main process had resolved when it forked this worker
            with forked_after.open("a") as out:
                out.write(f"{pagename} {len(resolved_docs)}\n")
        if pagename.startswith("posts/"):
            if os.getpid() != main:
                time.sleep(0.1)  # a worker far slower than the main process
            with log.open("a") as out:
                out.write(f"{pagename} {'main' if os.getpid() == main else 'worker'}\n")

    def resolved(app, doctree, docname):
        resolved_docs.append(docname)
        if docname.startswith("posts/"):
            written = len(log.read_text().splitlines()) if log.exists() else 0
            ahead.append(len(ahead) + 1 - written)

    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", parallel=2)
    app.connect("html-page-context", slow_writer)
    app.connect("doctree-resolved", resolved)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    written = [line.split() for line in log.read_text().splitlines()]
    posts = len(ahead)
    assert posts >= 80
    assert sorted(page for page, _ in written) == sorted({page for page, _ in written})
    assert len(written) == posts
    writers = Counter(process for _, process in written)
    assert writers["worker"] > 0 and writers["main"] > writers["worker"], writers
    # the size of the chunks Sphinx gives one writer (make_chunks)
    chunk = int(math.sqrt((len(app.env.found_docs) - 1) * 10))
    assert max(ahead) <= 2 * chunk, (chunk, ahead)
    # Sphinx writes its first page before any chunk
    lines = forked_after.read_text().splitlines()
    forks = sorted({(int(count), page) for page, count in map(str.split, lines)})
    assert forks[0] == (2, "everything"), forks[:3]
    assert forks[1][0] <= 2 + FIRST_CHUNK < chunk, forks[:3]
    serial, _ = build(src, tmp_path / "serial")
    assert bodies(app.outdir) == bodies(serial.outdir)


ARCHIVES = ("archive/", "tags/", "categories/")


def archive_files(outdir) -> list[str]:
    """The archive pages in the output, by page name."""
    return sorted(path.relative_to(outdir).with_suffix("").as_posix()
                  for folder in ARCHIVES for path in (outdir / folder).rglob("*.html"))


def test_a_parallel_build_writes_its_archive_pages_beside_the_end_of_the_build(tmp_path):
    """jekyll_myst.forked_pages: with ``-j 2``, a forked process writes the
    archive pages while the main process finishes the build, and the main
    process takes those still left once it is done; each page is written
    once, as a serial build writes it, and a warning raised while one is
    written in the other process is in the build's log, with its page."""
    src = make_blog(tmp_path / "src", files=tagged_posts(12))
    log = tmp_path / "written.log"
    main = os.getpid()

    def slow_archives(app, pagename, *args):
        if not pagename.startswith(ARCHIVES):
            return
        with log.open("a") as out:
            out.write(f"{pagename} {'main' if os.getpid() == main else 'forked'}\n")
        if os.getpid() != main:
            sphinx_logging.getLogger("test").warning("written aside: %s", pagename, type="test",
                                                     subtype="aside")
            time.sleep(0.2)  # the main process is done long before the last page

    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", parallel=2)
    app.connect("html-page-context", slow_archives)
    app.build()
    app.cleanup()
    written = [line.split() for line in log.read_text().splitlines()]
    pages = [page for page, _ in written]
    archives = archive_files(app.outdir)
    assert len(archives) >= 16
    assert sorted(pages) == archives  # each once
    writers = Counter(process for _, process in written)
    assert writers["forked"] > 0 and writers["main"] > 0, writers
    warned = sorted(re.findall(r"written aside: (\S+) \[test\.aside\]", app.warning.getvalue()))
    assert warned == sorted(page for page, process in written if process == "forked")
    serial, _ = build(src, tmp_path / "serial")
    archived = {name: body for name, body in bodies(serial.outdir).items() if name.startswith(ARCHIVES)}
    assert len(archived) == len(archives)
    assert {name: bodies(app.outdir)[name] for name in archived} == archived


def test_a_failure_in_the_forked_process_fails_the_build(tmp_path):
    src = make_blog(tmp_path / "src", files=tagged_posts(4))
    main = os.getpid()

    def failing(app, pagename, *args):
        if pagename.startswith(ARCHIVES) and os.getpid() != main:
            raise RuntimeError(f"cannot write {pagename}")

    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", parallel=2)
    app.connect("html-page-context", failing)
    with pytest.raises(SphinxParallelError, match="cannot write (archive|tags)/"):
        app.build()
    app.cleanup()


def test_a_forked_process_that_dies_fails_the_build_and_says_so(tmp_path):
    src = make_blog(tmp_path / "src", files=tagged_posts(4))
    main = os.getpid()

    def dying(app, pagename, *args):
        if pagename.startswith(ARCHIVES) and os.getpid() != main:
            os.kill(os.getpid(), signal.SIGKILL)

    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", parallel=2)
    app.connect("html-page-context", dying)
    with pytest.raises(SphinxParallelError, match="ended before it was done"):
        app.build()
    app.cleanup()


def test_without_shared_semaphores_the_main_process_writes_the_archive_pages(tmp_path, monkeypatch):
    """A system without ``/dev/shm`` cannot share the count of pages taken."""
    def no_semaphores(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(type(multiprocessing.get_context("fork")), "Value", no_semaphores)
    src = make_blog(tmp_path / "src", files=tagged_posts(4))
    writers = []
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out", parallel=2)
    app.connect("html-page-context", lambda app, pagename, *args: writers.append(pagename)
                if pagename.startswith(ARCHIVES) else None)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    # only this process's pages are counted here: a forked process's are not
    archives = archive_files(app.outdir)
    assert sorted(writers) == archives
    assert len(archives) >= 7
    serial, _ = build(src, tmp_path / "serial")
    assert bodies(app.outdir) == bodies(serial.outdir)
