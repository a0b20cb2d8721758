"""Where a Jekyll blog's files are: posts, author bios, site files, settings.

No Sphinx import: this reads the file system and ``_config.yml`` only.  The
project's own blog and an external Jekyll site (``JEKYLL_SITE``) are both
described by a :class:`BlogSource`, so both go through the same code.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path
from typing import Any

import yaml

from .postfiles import MARKDOWN_EXTENSIONS, parse_post_name


@dataclasses.dataclass(frozen=True)
class BlogSource:
    posts_dir: Path
    authors_dir: Path
    #: the folder that site-absolute paths (``/images/x.png``) start from
    static_dir: Path
    #: the site's settings (``_config.yml``), with the project's overrides
    settings: dict[str, Any]

    @functools.cached_property
    def static_root(self) -> Path:
        """The site folder with links resolved: what paths must stay inside."""
        return self.static_dir.resolve()

    @property
    def url(self) -> str:
        return str(self.settings.get("url") or "").rstrip("/")

    @property
    def baseurl(self) -> str:
        return str(self.settings.get("baseurl") or "").rstrip("/")

    @property
    def mentions_base(self) -> str | None:
        if "jekyll-mentions" not in (self.settings.get("plugins") or []):
            return None
        mentions = self.settings.get("jekyll-mentions")
        if isinstance(mentions, dict):
            return str(mentions.get("base_url") or "https://github.com")
        return str(mentions or "https://github.com")

    @property
    def emoji_enabled(self) -> bool:
        return "jemoji" in (self.settings.get("plugins") or [])


def load_site_settings(site_dir: Path) -> dict[str, Any]:
    config = site_dir / "_config.yml"
    if not config.is_file():
        return {}
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


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
        markdown = path.suffix.lstrip(".").lower() in MARKDOWN_EXTENSIONS
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
