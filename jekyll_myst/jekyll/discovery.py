"""Which files of a blog's posts folder are posts, and which are not (and why).

Only the file system and the names decide here; ``published`` and a future
``date`` are judged from the front matter by the caller.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from .filenames import is_markdown, parse_post_name


@dataclasses.dataclass(frozen=True)
class PostFile:
    path: Path
    #: why Jekyll would not publish it, or "" when it is a post
    skipped: str = ""


def find_post_files(posts_dir: Path, authors_dir: Path) -> list[PostFile]:
    """Every file under the posts folder: a post to build, or skipped with the reason.

    Only the name decides here; ``published`` and a future ``date`` are
    judged by the project from the front matter.  Author bios are the
    project's business too.
    """
    found = []
    if not posts_dir.is_dir():
        return found
    root, authors = posts_dir.resolve(), authors_dir.resolve()
    paths = []
    for folder, subfolders, names in os.walk(root):
        if Path(folder) == authors:
            subfolders.clear()
            continue
        paths.extend(Path(folder, name) for name in names)
        # a link to a folder may lead anywhere: it is named, not followed
        found.extend(PostFile(Path(folder, name), "not published: a link to a folder, not followed")
                     for name in subfolders if os.path.islink(os.path.join(folder, name)))
    for path in sorted(paths):
        hidden = [part for part in path.relative_to(root).parts if part.startswith(("_", "."))]
        markdown = is_markdown(path.name)
        name = parse_post_name(path.name)
        if hidden:
            found.append(PostFile(path, f"not published: files in {hidden[0]!r} are not posts"))
        elif not markdown and name is None:
            found.append(PostFile(path, "a site file, not a post: copied where a post uses it"))
        elif not markdown:
            found.append(PostFile(path, f"not published: only Markdown posts are built, not {path.suffix}"))
        elif name is None:
            found.append(PostFile(path, "not published: the file name has no date: Jekyll publishes "
                                        "only YYYY-MM-DD-title.md files"))
        else:
            found.append(PostFile(path))
    return found


def find_bio_files(authors_dir: Path) -> list[Path]:
    if not authors_dir.is_dir():
        return []
    return sorted(p for p in authors_dir.glob("*.md") if not p.name.startswith(("_", ".")))
