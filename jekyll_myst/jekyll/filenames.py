"""Jekyll's rule for a post's file name: ``YYYY-MM-DD-slug.ext``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import PurePosixPath

from .problems import Problem

_POST_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.([^.]+)$")
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkdown", "mkdn", "mkd")
#: a post Jekyll converts with no converter: its HTML, Liquid run, is the page
HTML_EXTENSION = "html"


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


def is_markdown(filename: str) -> bool:
    return PurePosixPath(filename).suffix.lstrip(".").lower() in MARKDOWN_EXTENSIONS


def is_html(filename: str) -> bool:
    return PurePosixPath(filename).suffix.lstrip(".").lower() == HTML_EXTENSION


def is_post_format(filename: str) -> bool:
    """Markdown or HTML: what Jekyll publishes and this project reads."""
    return is_markdown(filename) or is_html(filename)
