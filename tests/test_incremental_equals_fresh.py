"""After any edit, an incremental build writes what a build from nothing writes.

Each step edits the test blog and builds into the same folders as the steps
before it, as ``make html`` does after a save; then the blog is built from
nothing, and every page's body, the list of pages and the files beside them
(feeds, sitemap, redirects) are compared.  Warnings are not: an incremental
build reports only on the pages it reads or writes again.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import append, bodies, build, make_blog, replace_once, write

#: files of the site that are not pages, whose text a reader or a server sees
SITE_FILES = ("feed.xml", "authors/jane-doe/feed.xml", "sitemap.xml", "redirects.nginx.map")

NOTE = "posts/_includes/note.html"


POSTS = "posts"
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a body edit", lambda src: append(src / POSTS / "2022-02-01-extra-0.md", "\nA sentence more.\n")),
    ("a title edit", lambda src: replace_once(src / POSTS / "2022-02-02-extra-1.md", "title: Extra 1",
                                          "title: Extra one")),
    ("a post re-dated", lambda src: replace_once(src / POSTS / "2022-02-03-extra-2.md", "title: Extra 2",
                                             "title: Extra 2\ndate: 2019-05-06")),
    ("tags added", lambda src: replace_once(src / POSTS / "2021-03-04-second-post.md", "---\n\n",
                                        "tags: [ops, fresh]\n---\n\n")),
    ("a post added", lambda src: write(src / POSTS / "2023-04-05-added.md",
                                        "---\ntitle: Added\nauthor: Jane Doe\ntags: [fresh]\n---\n\n"
                                        "Links to [the extra one](/2022/02/02/extra-1.html).\n")),
    ("an include added and used", lambda src: (
        write(src / NOTE, "<em>Note one</em>"),
        append(src / POSTS / "2023-04-05-added.md", "\n{% include note.html %}\n"))),
    ("the include edited", lambda src: write(src / NOTE, "<em>Note two</em>")),
    ("a linked post deleted", lambda src: (src / POSTS / "2022-02-02-extra-1.md").unlink()),
    ("a post unpublished", lambda src: replace_once(src / POSTS / "2021-03-04-second-post.md", "---\n\n",
                                                "published: false\n---\n\n")),
    ("the author's bio edited", lambda src: replace_once(src / POSTS / "_authors" / "jane-doe.md",
                                                     "Staff Engineer", "Principal Engineer")),
    ("a docs page retitled", lambda src: replace_once(src / "docs" / "guide.md", "# A guide", "# The guide")),
    ("the post list page edited", lambda src: append(src / "docs" / "lists.md", "\nMore lists later.\n")),
    ("the unpublished post published again", lambda src: replace_once(
        src / POSTS / "2021-03-04-second-post.md", "published: false\n", "")),
    ("a permalink set", lambda src: replace_once(src / POSTS / "2022-02-04-extra-3.md", "title: Extra 3",
                                             "title: Extra 3\npermalink: /three/")),
    ("the author renamed in the bio", lambda src: replace_once(src / POSTS / "_authors" / "jane-doe.md",
                                                           'name: "Jane Doe"', 'name: "Jane Roe"')),
    ("an image deleted", lambda src: (src / POSTS / "images" / "pic.png").unlink()),
    ("an excerpt and a category changed", lambda src: replace_once(
        src / POSTS / "2022-02-04-extra-3.md", "excerpt: Number 3.", "excerpt: Three.\ncategories: [Ops]")),
    ("a post listing every post added", lambda src: write(
        src / POSTS / "2023-05-06-every-post.md",
        "---\ntitle: Every post\n---\n\n{% for post in site.posts %}\n- {{ post.title }}\n{% endfor %}\n")),
    ("a listed post retitled", lambda src: replace_once(src / POSTS / "2023-04-05-added.md", "title: Added",
                                                    "title: Added later")),
    ("a bio for another author", lambda src: (
        write(src / POSTS / "_authors" / "sam-poe.md", '---\nname: "Sam Poe"\n---\n\nSam.\n'),
        replace_once(src / POSTS / "2023-04-05-added.md", "author: Jane Doe", "author: Sam Poe"))),
    ("the first bio deleted", lambda src: (src / POSTS / "_authors" / "jane-doe.md").unlink()),
    # MyST reads a link to a page that is not there otherwise than one to a page that is
    ("a link to a page not there yet", lambda src: append(
        src / POSTS / "2022-02-04-extra-3.md", "\nSee [the later guide](../docs/later.md).\n")),
    ("the page it links to added", lambda src: write(
        src / "docs" / "later.md", "---\norphan: true\n---\n\n# Later guide\n\nText.\n")),
    ("a link to a post not there yet", lambda src: append(
        src / POSTS / "2022-02-04-extra-3.md", "\nAnd [the later post](2023-07-08-later.md#text).\n")),
    ("a post showing its neighbours added", lambda src: write(
        src / POSTS / "2023-06-01-neighbours.md",
        "---\ntitle: Neighbours\n---\n\nAfter {{ page.previous.title }}, before {{ page.next.title }}.\n")),
    # the newest post: the first of those the post listing every post lists, and
    # the next post of the neighbours'
    ("the post it links to added", lambda src: write(
        src / POSTS / "2023-07-08-later.md", "---\ntitle: Later\n---\n\n## Text\n\nText.\n")),
    ("a Liquid link to a file not there yet", lambda src: append(
        src / POSTS / "2022-02-04-extra-3.md", "\n[The chart]({% link images/chart.png %}).\n")),
    ("the file it links to added", lambda src: write(src / POSTS / "images" / "chart.png", "not a real PNG")),
    ("data not there yet shown", lambda src: append(
        src / POSTS / "2022-02-04-extra-3.md", "\nLed by {{ site.data.team.lead }}.\n")),
    ("the data added", lambda src: write(src / POSTS / "_data" / "team.yml", "lead: Ada\n")),
    ("a post moved to the future", lambda src: replace_once(
        src / POSTS / "2022-02-01-extra-0.md", "title: Extra 0", "title: Extra 0\ndate: 2098-01-01")),
]


def _differences(ours: dict[str, str | None], theirs: dict[str, str | None]) -> str:
    """The pages that differ, and how the first of them does."""
    names = sorted(name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name))
    if not names:
        return ""
    first = names[0]
    diff = difflib.unified_diff((theirs.get(first) or "").splitlines(), (ours.get(first) or "").splitlines(),
                                "from nothing", "incremental", lineterm="", n=1)
    return f"{', '.join(names)}\n" + "\n".join(list(diff)[:40])


def _pages(outdir: Path) -> set[str]:
    return {str(page.relative_to(outdir)) for page in outdir.rglob("*.html")}


def _site_files(outdir: Path) -> dict[str, str | None]:
    return {name: (outdir / name).read_text(encoding="utf-8") if (outdir / name).is_file() else None
            for name in SITE_FILES}


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_edit_builds_what_a_build_from_nothing_builds(tmp_path, jobs):
    src = make_blog(tmp_path / "src", extra_posts=4)
    out = tmp_path / "out"
    build(src, out, parallel=jobs)
    for step, (name, edit) in enumerate(EDITS):
        edit(src)
        incremental, _ = build(src, out, parallel=jobs)
        fresh, _ = build(src, tmp_path / f"fresh-{step}", parallel=jobs)
        assert _pages(incremental.outdir) == _pages(fresh.outdir), name
        assert not (differ := _differences(bodies(incremental.outdir), bodies(fresh.outdir))), \
            f"{name}: {differ}"
        assert not (differ := _differences(_site_files(incremental.outdir), _site_files(fresh.outdir))), \
            f"{name}: {differ}"
