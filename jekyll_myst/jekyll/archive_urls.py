"""The archive pages jekyll-archives wrote, by the URLs the site gave them.

With ``jekyll-archives`` in ``plugins``, Jekyll wrote a page for each year,
month, day, tag or category the site's ``jekyll-archives: enabled:`` names
(``all`` for every kind), at its ``permalinks`` (``/tag/:name/`` and so on,
``:name`` the tag or category slugified).  Links and search engines know
these URLs; the blog here has its own archives, at other paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .permalinks import is_site_path, slugify

PLUGIN = "jekyll-archives"
#: jekyll-archives' own permalinks
_PERMALINKS = {"year": "/:year/", "month": "/:year/:month/", "day": "/:year/:month/:day/",
               "tag": "/tag/:name/", "category": "/category/:name/"}
#: the kinds of ``enabled``, by the name of their permalink
_ENABLED = {"year": "year", "month": "month", "day": "day", "tag": "tags", "category": "categories"}


def archive_permalinks(settings: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """For a site that uses the plugin: each kind jekyll-archives wrote pages for -> its
    permalink; and what could not be read."""
    config = settings.get(PLUGIN)
    config = config if isinstance(config, dict) else {}
    enabled = config.get("enabled") or []
    if enabled == "all":
        enabled = list(_ENABLED.values())
    if not isinstance(enabled, list):
        return {}, [f"{PLUGIN} enabled {enabled!r} is not 'all' or a list of kinds: its old pages are "
                    "not redirected"]
    permalinks = config.get("permalinks")
    permalinks = permalinks if isinstance(permalinks, dict) else {}
    found, problems = {}, []
    for kind, default in _PERMALINKS.items():
        if _ENABLED[kind] not in enabled:
            continue
        template = permalinks.get(kind, default)
        if not isinstance(template, str) or not is_site_path(template.replace(":", "")):
            problems.append(f"{PLUGIN} permalink {template!r} is not a path of the site: {default} is used")
            template = default
        found[kind] = template
    return found, problems


def archive_url(template: str, year: str = "", month: str = "", day: str = "", name: str = "") -> str:
    """A page's URL: its permalink with its placeholders filled, ``:name`` slugified."""
    return (template.replace(":year", year).replace(":month", month).replace(":day", day)
            .replace(":name", slugify(name)))


def dates(days: Iterable[str]) -> tuple[set[str], set[tuple[str, str]], set[tuple[str, str, str]]]:
    """The years, months and days of posts dated ``YYYY-MM-DD``."""
    parts = [day.split("-")[:3] for day in days]
    return ({y for y, _m, _d in parts}, {(y, m) for y, m, _d in parts}, {(y, m, d) for y, m, d in parts})
