"""The URL Jekyll 4 gives a post: its front matter's ``permalink``, else the
posts collection's, else the site's ``permalink`` (a style or a template),
its ``:placeholders`` filled in as Jekyll's ``URL`` and ``UrlDrop`` do."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import unicodedata
from typing import Any
from urllib.parse import quote, unquote

#: Jekyll's built-in permalink styles (``Configuration::STYLE_TO_PERMALINK``)
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
DEFAULT_PERMALINK = STYLES["date"]
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()
#: what Jekyll's ``pretty`` slugs keep besides letters, marks and digits
_PRETTY_KEPT = set("._~!$&'()+,;=@")


def style_template(permalink: str) -> str:
    """A site ``permalink``: a style's name, or already a template."""
    return STYLES.get(permalink, permalink)


@dataclasses.dataclass(frozen=True)
class UrlParts:
    """What a post's URL is made from."""

    #: the post's date, in the site's zone
    date: dt.datetime
    #: ``slug`` from the front matter, else the file name's slug
    slug: str
    #: the file name without its extension (``2022-05-07-my-post``)
    basename: str
    #: the file's path in the collection, without extension (``/2022-05-07-my-post``)
    path: str
    categories: tuple[str, ...] = ()
    collection: str = "posts"


def placeholders(parts: UrlParts) -> dict[str, str]:
    """Jekyll 4.3's ``UrlDrop``: every placeholder a post's permalink may use."""
    date = parts.date
    iso_year, iso_week, iso_day = date.isocalendar()
    categories = dict.fromkeys(str(c).lower() for c in parts.categories)
    slugified = dict.fromkeys(slugify(str(c)) for c in parts.categories)
    return {
        "collection": parts.collection,
        "path": parts.path,
        "name": slugify(parts.basename),
        "title": slugify(parts.slug, pretty=True, cased=True),
        "slug": slugify(parts.slug),
        "categories": "/".join(categories),
        "slugified_categories": "/".join(slugified),
        "output_ext": ".html",
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "hour": f"{date.hour:02d}",
        "minute": f"{date.minute:02d}",
        "second": f"{date.second:02d}",
        "i_day": str(date.day),
        "i_month": str(date.month),
        "short_month": _MONTHS[date.month - 1][:3],
        "long_month": _MONTHS[date.month - 1],
        "short_year": f"{date.year % 100:02d}",
        "w_year": f"{iso_year:04d}",
        "week": f"{iso_week:02d}",
        "w_day": str(iso_day),
        "short_day": _DAYS[iso_day - 1][:3],
        "long_day": _DAYS[iso_day - 1],
        "y_day": f"{date.timetuple().tm_yday:03d}",
    }


def jekyll_url(template: str, parts: UrlParts) -> str | None:
    """The URL ``template`` gives; None when it names a placeholder Jekyll does
    not have (Jekyll stops the build then)."""
    values = placeholders(parts)
    unknown = False

    def fill(match: re.Match) -> str:
        nonlocal unknown
        name = match[1]
        # ":year_:month": a trailing "_" ends a placeholder, and stays in the URL
        winner = next((key for key in (name, name.removesuffix("_")) if key in values), None)
        if winner is None:
            unknown = True
            return match[0]
        return escape_path(values[winner]) + name[len(winner):]

    url = re.sub("/{2,}", "/", _PLACEHOLDER.sub(fill, template))
    if unknown:
        return None
    return sanitize_url(url)


def output_ext(permalink: str | None) -> str:
    """Jekyll's ``Renderer#output_ext`` for a Markdown page: the extension of its own
    ``permalink`` (front matter, defaults, or a jekyll-redirect-from path), else ``.html``.
    A site's ``permalink`` is no page's own: ``/:title.htm`` writes ``x.htm.html``."""
    if not permalink or permalink.endswith("/"):
        return ".html"
    return posixpath.splitext(permalink)[1] or ".html"


def unknown_placeholders(template: str) -> list[str]:
    known = placeholders(UrlParts(dt.datetime(2000, 1, 1), "x", "x", "/x"))
    return [f":{name}" for name in _PLACEHOLDER.findall(template)
            if name not in known and name.removesuffix("_") not in known]


def sanitize_url(url: str) -> str:
    """Jekyll's ``URL#sanitize_url``: one leading slash, no ``..``, no ``./``, no ``//``."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub("/{2,}", "/", url)


def escape_path(value: str) -> str:
    """Jekyll's ``URL.escape_path``: what a URL path may not hold, percent-encoded."""
    if not value or re.fullmatch(r"[a-zA-Z0-9./-]+", value):
        return value
    return quote(unicodedata.normalize("NFC", unquote(value)), safe="/!$&'()*+,;=:@-._~")


def slugify(text: str, pretty: bool = False, cased: bool = False) -> str:
    """Jekyll's ``Utils.slugify`` in its ``default`` and ``pretty`` modes."""
    marked = "".join(
        char if unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd"
        or (pretty and char in _PRETTY_KEPT) else "\0" for char in text)
    slug = re.sub(r"^-|-$", "", re.sub("\0+", "-", marked), flags=re.MULTILINE)
    return slug if cased else slug.lower()


def is_site_path(value: Any) -> bool:
    """A URL must be a path of the site: no scheme, no way up out of it."""
    if not isinstance(value, str):
        return False
    # the file is written at the decoded path: %2e%2e is a way up too
    return all(text.startswith("/") and not text.startswith("//") and ".." not in text.split("/")
               and not any(c in text for c in ':"<>\\\n') for text in (value, unquote(value)))


#: the schemes of links no page of this site keeps: it shows their text only
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def has_scheme(template: str) -> bool:
    """``javascript:...``, ``https://...``: a link elsewhere, not a path of the site."""
    match = re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:([a-z_]*)", template)
    return template.startswith("//") or (match is not None and not match[1]) or (
        match is not None and bool(unknown_placeholders(":" + match[1])))
