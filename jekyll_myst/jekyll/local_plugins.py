"""The Liquid tags a site's own Ruby plugins register (``_plugins/*.rb``).

Jekyll runs every ``.rb`` file under its ``plugins_dir`` (``_plugins`` unless
set; a folder or a list of them), at any depth.  Octopress's ``_config.yml``
names that folder ``plugins: plugins``, as Jekyll 2 did; Jekyll 4 stops on
it (``plugins`` lists gems), and it is read here as the folder, with a
message.  A plugin's code is not run here: the names of the tags it
registers tell which tags of well-known plugins a post may use (Octopress's
``codeblock``, ``img``...), and which unknown tags are the site's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: ``Liquid::Template.register_tag('codeblock', Jekyll::CodeBlock)``
_REGISTER_TAG = re.compile(r"""register_tag\s*\(?\s*(['"])([\w-]+)\1""")
#: Octopress's filter of a post's text run on posts: by octopress_filters.rb, or through
#: octopress-hooks
_BACKTICK_BLOCKS = re.compile(
    r"\binclude\s+BacktickCodeBlock\b|\bBacktickCodeBlock(?:::|\.)render_code_block\b")


def plugin_folders(settings: dict[str, Any], site: Path) -> list[Path]:
    """The folders of the site's Ruby plugins: ``plugins_dir``, and Jekyll 2's ``plugins: folder``."""
    folders = settings.get("plugins_dir") or "_plugins"
    folders = folders if isinstance(folders, list) else [folders]
    legacy = settings.get("plugins")
    if isinstance(legacy, str):
        folders = [*folders, legacy]
    return [site / str(folder) for folder in folders]


def legacy_plugins_problem(settings: dict[str, Any]) -> str | None:
    """What to say of ``plugins: folder``, on which Jekyll 4 stops."""
    legacy = settings.get("plugins")
    if not isinstance(legacy, str):
        return None
    return (f"plugins {legacy!r} is a folder, as Jekyll 2 named it: Jekyll 4 stops on it ('plugins' "
            f"lists gems). Its tags are read from that folder here; write 'plugins_dir: {legacy}' instead")


def registered_tags(folders: list[Path]) -> dict[str, str]:
    """Each tag name the plugins in ``folders`` register, with the plugin's file
    (its path from the folder's parent, for messages)."""
    tags: dict[str, str] = {}
    for folder, plugin, code in _plugins(folders):
        for match in _REGISTER_TAG.finditer(code):
            tags.setdefault(match[2], plugin.relative_to(folder.parent).as_posix())
    return tags


def reads_backtick_blocks(folders: list[Path]) -> bool:
    """Whether the plugins hold Octopress's backtick code blocks (``backtick_code_block.rb``,
    which ``octopress_filters.rb`` runs on every post before Liquid)."""
    return any(_BACKTICK_BLOCKS.search(code) for _folder, _plugin, code in _plugins(folders))


def _plugins(folders: list[Path]) -> Iterator[tuple[Path, Path, str]]:
    """Each Ruby file of the folders, at any depth, with its folder and its code."""
    for folder in folders:
        if not folder.is_dir():
            continue
        for plugin in sorted(folder.rglob("*.rb")):
            try:
                yield folder, plugin, plugin.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
