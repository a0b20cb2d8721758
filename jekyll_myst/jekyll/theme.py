"""A gem-based theme: where Jekyll finds the includes a site does not have.

A site that names a theme (``theme: minima``) takes ``{% include %}`` files
from the theme gem's ``_includes/`` when its own ``_includes/`` lacks them:
``{% include icon-github.html username="x" %}`` in a post of a ``minima``
site, ``{% include figure image_path=... %}`` in one of Minimal Mistakes.
Its ``_data/`` lies under the site's (``site.data``).  Jekyll finds the gem
through RubyGems, and through Bundler when the site has a ``Gemfile``; so
does this module, by asking Ruby, unless the project names the theme's
folder.  Ruby is asked only when an include is missing from the site, or a
template reads ``site.data``: a build whose posts need nothing of the theme
never starts it.

``remote_theme`` (jekyll-remote-theme) is fetched from GitHub at build time;
a build here reads nothing from the network, so such a theme is used only
from a folder the project names.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
import subprocess
from pathlib import Path
from typing import Any

# Jekyll requires Bundler's setup when the site has a Gemfile, then asks RubyGems;
# a Bundler that cannot set up (gems missing) leaves RubyGems' own answer
_FIND_GEM = """
if File.exist?("Gemfile")
  begin
    require "bundler"
    Bundler.setup
  rescue Exception
  end
end
print Gem::Specification.find_by_name(ARGV[0]).full_gem_path
"""
_RUBY_SECONDS = 60


@dataclasses.dataclass(frozen=True)
class Theme:
    """The theme a site names, and where its files are once looked for."""

    #: the gem (``minima``), or the repository of a ``remote_theme`` (``owner/name``)
    name: str
    #: the site folder: its Gemfile decides which version Bundler takes
    site: Path
    #: the theme's folder, when the project names it
    given: Path | None = None
    remote: bool = False

    @property
    def folder(self) -> Path | None:
        return self._located[0]

    @property
    def why_missing(self) -> str:
        """Why the folder was not found, for a warning; empty when it was."""
        return self._located[1]

    @property
    def includes(self) -> Path | None:
        """The theme's ``_includes/`` folder, if it has one."""
        folder = self.folder
        return folder / "_includes" if folder is not None and (folder / "_includes").is_dir() else None

    @functools.cached_property
    def _located(self) -> tuple[Path | None, str]:
        if self.given is not None:
            return self.given, ""
        if self.remote:
            return None, ("jekyll-remote-theme fetches it when Jekyll builds, and this build reads "
                          "nothing from the network: set jekyll_theme_dir to a copy of it")
        return gem_folder(self.name, self.site)


def site_theme(settings: dict[str, Any], site: Path, given: Path | None,
               remote_plugin: bool) -> tuple[Theme | None, str | None]:
    """The theme of a site's settings, with the problem Jekyll reports about it, if any.

    ``remote_plugin``: the site's ``plugins`` name jekyll-remote-theme, without
    which Jekyll ignores ``remote_theme``.
    """
    name = settings.get("theme")
    if name is not None and not isinstance(name, str):
        return None, (f"theme must be the name of a theme gem, not {name!r}: "
                      "Jekyll uses no theme, and neither does this build")
    if isinstance(name, str) and name.strip():
        return Theme(name.strip().lower(), site, given), None
    remote = settings.get("remote_theme")
    if remote_plugin and isinstance(remote, str) and remote.strip():
        return Theme(remote.strip(), site, given, remote=True), None
    if given is not None:
        return Theme(given.name, site, given), None
    return None, None


def gem_folder(name: str, site: Path) -> tuple[Path | None, str]:
    """The folder of the installed gem ``name``, as Jekyll would take it, or why there is none."""
    ruby = shutil.which("ruby")
    if ruby is None:
        return None, ("Ruby is not installed here to find its gem: set jekyll_theme_dir to the gem's "
                      f"folder (`bundle info --path {name}` prints it where the site is built)")
    try:
        found = subprocess.run([ruby, "-e", _FIND_GEM, name], cwd=site if site.is_dir() else None,
                               capture_output=True, text=True, timeout=_RUBY_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"Ruby could not be asked where its gem is ({error})"
    folder = Path(found.stdout) if found.returncode == 0 and found.stdout else None
    if folder is None or not folder.is_dir():
        return None, f"no gem named {name!r} is installed, for Ruby or for the site's Gemfile"
    return folder, ""
