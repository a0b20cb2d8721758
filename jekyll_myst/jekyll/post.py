"""What a post's front matter and file name say, checked.

:func:`read_post` never raises on bad input; it returns the problems,
located by line, with the post.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import PurePath
from typing import Any

from .dates import parse_date_value
from .filenames import PostName, parse_post_name
from .frontmatter import FrontMatter
from .permalinks import is_site_path, jekyll_url
from .problems import Problem

#: Front-matter keys Jekyll or its common plugins use; others get an info line.
KNOWN_KEYS = frozenset("""
    layout title date authors author excerpt hide_excerpt_on_post categories category tags
    permalink published redirect_from image description comments lang slug last_modified_at
    excerpt_separator
""".split())


@dataclasses.dataclass(frozen=True)
class Post:
    title: str
    date: dt.datetime
    #: ``last_modified_at``, else the date
    updated: dt.datetime
    slug: str
    authors: tuple[str, ...]
    #: the excerpt's Markdown, or "" when the post has none
    excerpt: str
    excerpt_line: int
    hide_excerpt: bool
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    url: str
    #: the line that decided the URL (the permalink's), for reports
    url_line: int
    unknown_keys: tuple[str, ...]

    @property
    def day(self) -> dt.date:
        return self.date.date()


def read_post(filename: str, front: FrontMatter) -> tuple[Post, list[Problem]]:
    problems = list(front.problems)
    data = front.data
    name = parse_post_name(PurePath(filename).name)
    if isinstance(name, Problem):
        problems.append(name)
        name = None
    title = data.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        problems.append(Problem("title", "the post has no title: add 'title: ...' to its front matter",
                                front.line_of("title")))
        title = name.slug.replace("-", " ").capitalize() if name else PurePath(filename).stem
    elif not isinstance(title, str):
        problems.append(Problem("title", f"title must be text, not a {type(title).__name__}: "
                                "put it in quotes", front.line_of("title")))
        title = str(title)
    date = parse_date_value(data.get("date"))
    if isinstance(date, str):
        problems.append(Problem("date", date, front.line_of("date")))
        date = None
    if date is not None and name is not None and date.date() != name.date and \
            abs((date.date() - name.date).days) > 1:
        problems.append(Problem(
            "date", f"date {date.date().isoformat()} disagrees with the file name's "
            f"{name.date.isoformat()}: rename the file or fix the date", front.line_of("date")))
    if date is None:
        day = name.date if name else dt.date(1970, 1, 1)
        date = dt.datetime(day.year, day.month, day.day)
    authors = as_name_list(data.get("authors", data.get("author")))
    if authors is None:
        key = "authors" if "authors" in data else "author"
        problems.append(Problem("authors", f"'{key}' must be a name or a list of names",
                                front.line_of(key)))
        authors = []
    excerpt = data.get("excerpt", "")
    if not isinstance(excerpt, str):
        problems.append(Problem("excerpt", "excerpt must be text", front.line_of("excerpt")))
        excerpt = ""
    categories = as_word_list(data.get("categories", data.get("category")))
    tags = as_word_list(data.get("tags"))
    for key, words in (("categories", categories), ("tags", tags)):
        if words is None:
            problems.append(Problem("tags", f"'{key}' must be a list of words", front.line_of(key)))
    categories = categories or []
    updated = parse_date_value(data.get("last_modified_at"))
    if isinstance(updated, str):
        problems.append(Problem("date", updated, front.line_of("last_modified_at")))
        updated = None
    permalink = data.get("permalink")
    if permalink is not None and not is_site_path(permalink):
        problems.append(Problem("permalink", f"permalink {permalink!r} is not a path of the site: write it "
                                "as /path/, or remove it", front.line_of("permalink")))
        permalink = None
    slug = name.slug if name else PurePath(filename).stem
    url = jekyll_url(permalink, date.date(), slug, categories)
    post = Post(
        title=title.strip(),
        date=date,
        updated=updated or date,
        slug=slug,
        authors=tuple(authors),
        excerpt=excerpt.strip(),
        excerpt_line=front.line_of("excerpt"),
        hide_excerpt=bool(data.get("hide_excerpt_on_post", False)),
        categories=tuple(categories),
        tags=tuple(tags or []),
        url=url,
        url_line=front.line_of("permalink") if permalink else 1,
        unknown_keys=tuple(sorted(set(data) - KNOWN_KEYS)),
    )
    return post, problems


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
