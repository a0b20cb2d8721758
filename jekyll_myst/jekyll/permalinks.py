"""The URL Jekyll gives a post: its ``permalink``, else the default ``date`` style."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

DEFAULT_PERMALINK = "/:categories/:year/:month/:day/:title:output_ext"
_PLACEHOLDER = re.compile(r":(output_ext|short_year|categories|i_month|i_day|month|title|year|slug|day)")


def jekyll_url(permalink: str | None, date: dt.date, slug: str, categories: list[str]) -> str:
    """The URL of a post; a front-matter ``permalink`` wins, its ``:placeholders`` filled in."""
    values = {
        "categories": "/".join(c.lower().replace(" ", "-") for c in categories),
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "i_month": str(date.month),
        "day": f"{date.day:02d}",
        "i_day": str(date.day),
        "short_year": f"{date.year % 100:02d}",
        "title": slug,
        "slug": slug,
        "output_ext": ".html",
    }
    url = _PLACEHOLDER.sub(lambda m: values[m.group(1)], permalink or DEFAULT_PERMALINK)
    return re.sub(r"/{2,}", "/", "/" + url.lstrip("/"))


def is_site_path(value: Any) -> bool:
    """A permalink must be a path of the site: no scheme, no way up out of it."""
    return (isinstance(value, str) and value.startswith("/") and not value.startswith("//")
            and ".." not in value.split("/") and not any(c in value for c in ':"<>\\\n'))
