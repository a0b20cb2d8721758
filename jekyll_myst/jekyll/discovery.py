"""Which files of a blog's posts folders are posts, and which are not (and why).

Only the file system and the names decide here; ``published`` and a future
``date`` are judged from the front matter by the caller.  A Jekyll site
has posts in ``_posts/`` and in the ``_posts/`` of any of its folders
(``news/_posts/``, whose posts are in the category ``news``), and drafts
in the ``_drafts/`` beside each.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from .entry_filter import EntryFilter
from .filenames import is_post_format, parse_post_name
from .site import BlogSource


@dataclasses.dataclass(frozen=True)
class PostFile:
    path: Path
    #: why Jekyll would not publish it, or "" when it is a post
    skipped: str = ""
    #: a draft, built because drafts were asked for
    draft: bool = False
    #: Jekyll publishes it, this build cannot: a loss to report, not a choice
    lost: bool = False


def post_folders(blog: BlogSource) -> list[tuple[Path, Path]]:
    """Each posts folder of the blog with its drafts folder."""
    folders = [(blog.posts_dir, blog.posts_dir / "_drafts")]
    site, root = blog.static_dir, blog.collections_root
    if blog.posts_dir.name != "_posts" or blog.posts_dir.parent != root:
        return folders  # the project's own blog: one folder, its drafts inside
    folders[0] = (blog.posts_dir, root / "_drafts")
    entries = EntryFilter(blog.settings)
    # with collections_dir, Jekyll reads posts under that folder only
    for folder, subfolders, _names in os.walk(root):
        relative = Path(folder).relative_to(site).as_posix()
        subfolders[:] = sorted(name for name in subfolders if entries.keeps(
            Path(folder), name if relative == "." else f"{relative}/{name}"))
        if folder != str(root) and os.path.isdir(os.path.join(folder, "_posts")):
            folders.append((Path(folder, "_posts"), Path(folder, "_drafts")))
    return folders


def posts_outside_collections(blog: BlogSource) -> list[PostFile]:
    """The files of the site's own ``_posts/`` when ``collections_dir`` moves the
    posts elsewhere: Jekyll does not read them."""
    folder, root = blog.static_dir / "_posts", blog.collections_root
    if root == blog.static_dir or blog.posts_dir.parent != root or not folder.is_dir():
        return []
    where = blog.posts_dir.relative_to(blog.static_dir).as_posix()
    return [PostFile(path, f"not published: with collections_dir, Jekyll reads posts from {where}/ only")
            for path in sorted(folder.rglob("*")) if path.is_file()]


def find_post_files(posts_dir: Path, authors_dir: Path, drafts_dir: Path | None = None,
                    drafts: bool = False) -> list[PostFile]:
    """Every file under the posts folder: a post to build, or skipped with the reason.

    Only the name decides here; ``published`` and a future ``date`` are
    judged by the project from the front matter.  Author bios are the
    project's business too.
    """
    found = []
    if drafts_dir is not None and drafts_dir.is_dir() and not drafts_dir.resolve().is_relative_to(
            posts_dir.resolve()):
        found.extend(_draft_files(drafts_dir, drafts))
    if not posts_dir.is_dir():
        return found
    root, authors = posts_dir.resolve(), authors_dir.resolve()
    inner_drafts = drafts_dir.resolve() if drafts_dir is not None else None
    paths = []
    for folder, subfolders, names in os.walk(root):
        if Path(folder) == authors:
            subfolders.clear()
            continue
        if Path(folder) == inner_drafts:
            subfolders.clear()
            found.extend(_draft_files(inner_drafts, drafts))
            continue
        paths.extend(Path(folder, name) for name in names)
        # a link to a folder may lead anywhere: it is named, not followed
        found.extend(PostFile(Path(folder, name), "not published: a link to a folder, not followed")
                     for name in subfolders if os.path.islink(os.path.join(folder, name)))
    for path in sorted(paths):
        hidden = [part for part in path.relative_to(root).parts if part.startswith(("_", "."))]
        readable = is_post_format(path.name)
        name = parse_post_name(path.name)
        if hidden:
            found.append(PostFile(path, f"not published: files in {hidden[0]!r} are not posts"))
        elif not readable and name is None:
            found.append(PostFile(path, "a site file, not a post: copied where a post uses it"))
        elif not readable:
            found.append(PostFile(path, _not_markdown(path), lost=True))
        elif name is None:
            found.append(PostFile(path, "not published: the file name has no date: Jekyll publishes "
                                        "only YYYY-MM-DD-title.md files"))
        else:
            found.append(PostFile(path))
    return found


def _not_markdown(path: Path) -> str:
    # Jekyll publishes any post, converting only what a converter claims
    remedy = "rename it to .html" if path.suffix.lower() == ".htm" else "convert it to Markdown (.md)"
    return f"Jekyll publishes it, but only Markdown and HTML posts are built, not {path.suffix}: {remedy}"


def _draft_files(drafts_dir: Path, drafts: bool) -> list[PostFile]:
    """Drafts need no date in their name; they are posts only when asked for."""
    found = []
    for path in sorted(p for p in drafts_dir.rglob("*") if p.is_file()):
        if any(part.startswith(("_", ".")) for part in path.relative_to(drafts_dir).parts):
            found.append(PostFile(path, "not published: files in hidden folders are not drafts"))
        elif not is_post_format(path.name):
            found.append(PostFile(path, _not_markdown(path), lost=drafts))
        elif not drafts:
            found.append(PostFile(path, "not published: a draft (built with jekyll_drafts = True, as "
                                        "jekyll build --drafts)"))
        else:
            found.append(PostFile(path, draft=True))
    return found


def find_bio_files(authors_dir: Path) -> list[Path]:
    if not authors_dir.is_dir():
        return []
    return sorted(p for p in authors_dir.glob("*.md") if not p.name.startswith(("_", ".")))
