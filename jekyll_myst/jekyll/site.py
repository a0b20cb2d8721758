"""A Jekyll blog: where its posts, author bios and site files are, and its
settings (``_config.yml``).

The project's own blog and an external Jekyll site (``JEKYLL_SITE``) are
both described by a :class:`BlogSource`, so both go through the same code.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import Any

import yaml


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

    @property
    def toc_levels(self) -> range:
        """``kramdown: toc_levels`` (``"2..3"`` or a list): the heading levels ``{:toc}`` lists."""
        value = str((self.settings.get("kramdown") or {}).get("toc_levels", "1..6"))
        match = re.fullmatch(r"\s*(\d)\s*\.\.\s*(\d)\s*", value)
        if match:
            return range(int(match[1]), int(match[2]) + 1)
        levels = [int(n) for n in re.findall(r"\d", value)]
        return range(min(levels), max(levels) + 1) if levels else range(1, 7)


def load_site_settings(site_dir: Path) -> dict[str, Any]:
    config = site_dir / "_config.yml"
    if not config.is_file():
        return {}
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}
