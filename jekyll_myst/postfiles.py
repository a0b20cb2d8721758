"""Jekyll's rules for post files: name, date, slug, publication and URL.

Pure translation code: no Sphinx import.  Dates follow Jekyll 4: the file
name gives the date, a front-matter ``date`` (with its time zone) wins, and a
post is published unless ``published: false`` or dated in the future.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import PurePosixPath
from typing import Any

from .frontmatter import Problem

#: Jekyll's post name: ``YYYY-MM-DD-slug.ext``.
_POST_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.([^.]+)$")
#: The date forms Jekyll (Ruby's Time.parse) accepts in practice.
_DATE_VALUE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkdown", "mkdn", "mkd")


@dataclasses.dataclass(frozen=True)
class PostName:
    """What a post's file name says: its date and slug."""

    date: dt.date
    slug: str
    extension: str


def parse_post_name(filename: str) -> PostName | None | Problem:
    """Read ``YYYY-MM-DD-slug.ext``; ``None`` if the name has no date.

    A name with an impossible date (``2023-02-30-x.md``) is a :class:`Problem`.
    """
    match = _POST_NAME.match(PurePosixPath(filename).name)
    if match is None:
        return None
    year, month, day, slug, extension = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return Problem("date", f"date '{year}-{month}-{day}' in the file name does not exist", 1)
    return PostName(date, slug, extension)


def parse_date_value(value: Any) -> dt.datetime | None | str:
    """A front-matter ``date`` as an aware or naive datetime.

    Returns ``None`` when no date is given and a message when it cannot be
    read or does not exist.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip()
    match = _DATE_VALUE.match(text)
    if match is None:
        return f"date '{text}' is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ"
    year, month, day, hour, minute, second, zone = match.groups()
    tzinfo = None
    if zone:
        if zone == "Z":
            tzinfo = dt.UTC
        else:
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            tzinfo = dt.timezone(-offset if zone[0] == "-" else offset)
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                           int(second or 0), tzinfo=tzinfo)
    except ValueError:
        return f"date '{text}' does not exist"


def jekyll_url(permalink: str | None, date: dt.date, slug: str, categories: list[str]) -> str:
    """The URL Jekyll gives a post, for the default ``date`` permalink style.

    A front-matter ``permalink`` wins; its ``:placeholders`` are filled in.
    """
    template = permalink or "/:categories/:year/:month/:day/:title:output_ext"
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
    url = re.sub(r":(output_ext|short_year|categories|i_month|i_day|month|title|year|slug|day)",
                 lambda m: values[m.group(1)], template)
    url = re.sub(r"/{2,}", "/", "/" + url.lstrip("/"))
    return url


def as_name_list(value: Any) -> list[str] | None:
    """A front-matter value that may be one name or a list of names."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value if str(v).strip()]
    return None


def as_word_list(value: Any) -> list[str] | None:
    """``categories``/``tags``: a list, or a string of space-separated words."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    return None


def unpublished_reason(data: dict[str, Any], name: PostName, today: dt.date) -> str:
    """Why Jekyll would not publish a post, or "" when it would."""
    if data.get("published") is False:
        return "it sets 'published: false'"
    date = parse_date_value(data.get("date"))
    day = date.date() if isinstance(date, dt.datetime) else name.date
    if day > today:
        return f"it is dated {day.isoformat()}, in the future (Jekyll builds future posts only with --future)"
    return ""
