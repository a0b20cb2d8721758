"""Pages do not grow with the blog, and edits rewrite only what shows them.

Counts and sizes, never times: these are what the benchmark's figures rest on.
"""

from __future__ import annotations

from pathlib import Path

from conftest import build, build_recording, make_blog

POST = "posts/2020-01-02-first-post"
ALWAYS_WRITTEN = ("genindex", "search", "404")  # by Sphinx and sphinx-notfound-page, every build


def many_posts(src: Path, count: int) -> Path:
    make_blog(src)
    for number in range(count):
        day = f"2023-{number // 28 % 12 + 1:02d}-{number % 28 + 1:02d}"
        (src / "posts" / f"{day}-post-{number}.md").write_text(
            f"---\ntitle: Post {number}\nauthor: Jane Doe\ntags: [t{number % 7}]\n"
            f"excerpt: Excerpt {number}.\n---\n\n## Section\n\nSome words for post {number}.\n")
    return src


def test_a_post_page_does_not_grow_with_the_number_of_posts(tmp_path):
    sizes = {}
    for count in (20, 200):
        app, _ = build(many_posts(tmp_path / f"src{count}", count), tmp_path / f"out{count}")
        sizes[count] = (app.outdir / f"{POST}.html").stat().st_size
    assert sizes[200] <= 1.2 * sizes[20], sizes


def test_a_title_edit_rewrites_the_post_its_lists_and_its_neighbours_only(tmp_path):
    src = make_blog(tmp_path / "src")
    out = tmp_path / "out"
    build(src, out)
    post = src / "posts" / "2021-03-04-second-post.md"
    post.write_text(post.read_text().replace("title: The second post", "title: Renamed"))
    _, read, written = build_recording(src, out)
    assert read == ["posts/2021-03-04-second-post"]
    assert sorted(page for page in written if page not in ALWAYS_WRITTEN) == sorted([
        "posts/2021-03-04-second-post",  # the post
        "posts/2020-01-02-first-post", "posts/2021-07-08-tagged-post",  # its neighbours
        "index", "authors/jane-doe", "archive/2021",  # the pages that list it
        # not docs/lists: its lists (a tag, a year, the latest one) do not show this post
    ])
