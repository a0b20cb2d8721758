"""What a post's front matter and file name say, checked.

:func:`read_post` never raises on bad input; it returns the problems,
located by line, with the post.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from .dates import day_start, parse_date_value
from .filenames import PostName, parse_post_name
from .frontmatter import FrontMatter
from .permalinks import (
    DEFAULT_PERMALINK,
    UrlParts,
    has_scheme,
    is_site_path,
    jekyll_url,
    output_ext,
    unknown_placeholders,
)
from .problems import Problem
from .seo_image import PostImage, media_subpath, read_image
from .site import BlogSource, deep_merge

#: Front-matter keys Jekyll or its common plugins use; others get an info line.
KNOWN_KEYS = frozenset("""
    layout title date authors author excerpt hide_excerpt_on_post categories category tags
    permalink published redirect_from redirect_to image description comments lang slug last_modified_at
    excerpt_separator tag myst sitemap feed media_subpath img_path
""".split())


@dataclasses.dataclass(frozen=True)
class Post:
    title: str
    #: in the site's zone
    date: dt.datetime
    #: ``last_modified_at``, else the date
    updated: dt.datetime
    slug: str
    authors: tuple[str, ...]
    #: the front matter's excerpt (Markdown), or "" when it has none
    excerpt: str
    excerpt_line: int
    hide_excerpt: bool
    #: what ends the excerpt Jekyll takes from the post when its front matter has none
    excerpt_separator: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    url: str
    #: the line that decided the URL (the permalink's), for reports
    url_line: int
    #: the URL the site's permalink gives, whatever the front matter's says
    site_url: str
    #: the extension Jekyll gives the file it writes at ``url`` (``output_ext``)
    url_ext: str
    unknown_keys: tuple[str, ...]
    draft: bool = False
    #: jekyll-redirect-from's ``redirect_from``: paths of the site that led to the post
    redirect_from: tuple[str, ...] = ()
    #: jekyll-redirect-from's ``redirect_to``: where the post's URL sent readers instead
    #: (an http(s) URL or a path of the site), or ""
    redirect_to: str = ""
    #: Chirpy's ``media_subpath``: the folder before the paths of the post's pictures, or ""
    media_subpath: str = ""
    #: jekyll-seo-tag's ``image``: the picture of the post's link previews and feed entries
    image: PostImage | None = None
    #: the image is the site's ``defaults:`` one, not the post's own
    image_from_defaults: bool = False
    #: the front matter's ``description`` (Markdown), or "": what link previews and feed
    #: entries say of the post, in place of its excerpt
    description: str = ""
    description_line: int = 1
    #: jekyll-sitemap's ``sitemap: false`` leaves the post out of the sitemap
    in_sitemap: bool = True
    #: jekyll-feed's ``feed: excerpt_only: true`` of the post (a ``false`` cannot undo the
    #: site's: jekyll-feed takes it through Liquid's ``default``)
    feed_excerpt_only: bool = False

    @property
    def day(self) -> dt.date:
        return self.date.date()

    @property
    def id(self) -> str:
        """``page.id``: the URL's folder and the slug, as Jekyll names the post; jekyll-feed's
        entries are identified by it."""
        return posixpath.join(posixpath.dirname(self.url.rstrip("/")), self.slug)


def titleized_slug(slug: str) -> str:
    """The title Jekyll gives a post that has none: its slug's words, each
    capitalised as Ruby's ``capitalize`` does (``my-iOS-app``: My Ios App)."""
    words = slug.split("-")
    while words and not words[-1]:  # Ruby's split keeps no empty field at the end
        words.pop()
    return " ".join(word.capitalize() for word in words)


def _feed_excerpt_only(value: object) -> bool:
    """A post's ``feed: excerpt_only: true``."""
    return isinstance(value, dict) and value.get("excerpt_only") is True


def _given(data: dict[str, Any], key: str, default: Any) -> Any:
    value = data.get(key)
    return default if value is None else value


def read_post(filename: str, front: FrontMatter, site: BlogSource | None = None,
              draft_time: dt.datetime | None = None) -> tuple[Post, list[Problem]]:
    """The post in ``filename`` (its path in the site, as ``site.relative_path`` gives it).

    The site's front-matter defaults are merged under the post's own, as
    Jekyll does.  ``draft_time`` (the file's time) dates a draft that has no
    date of its own.
    """
    problems = list(front.problems)
    # without a site: Jekyll's default settings
    site = site or BlogSource(Path("_posts"), Path("_authors"), Path("."), {})
    zone = site.timezone
    data = merge_front_matter(site, filename, front.data)
    draft = draft_time is not None
    name = parse_post_name(PurePosixPath(filename).name)
    if isinstance(name, Problem):
        problems.append(name)
        name = None
    stem = PurePosixPath(filename).stem
    title = data.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        problems.append(Problem("title", "the post has no title: add 'title: ...' to its front matter",
                                front.line_of("title")))
        title = titleized_slug(name.slug if name else stem)
    elif not isinstance(title, str):
        problems.append(Problem("title", f"title must be text, not a {type(title).__name__}: "
                                "put it in quotes", front.line_of("title")))
        title = str(title)
    date = parse_date_value(data.get("date"), zone)
    if isinstance(date, str):
        problems.append(Problem("date", date, front.line_of("date")))
        date = None
    if date is not None and name is not None and abs((date.date() - name.date).days) > 1:
        problems.append(Problem(
            "date_moved", f"date {date.date().isoformat()} puts the post on another day than its file "
            f"name's {name.date.isoformat()}: its date and URL follow the front matter, as Jekyll's do",
            front.line_of("date")))
    if date is None:
        if name is not None:
            date = day_start(name.date, zone)
        else:
            date = (draft_time or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)).astimezone(zone)
    authors = as_author_list(data.get("authors", data.get("author")))
    if authors is None:
        key = "authors" if "authors" in data else "author"
        problems.append(Problem("authors", f"'{key}' must be a name or a list of names",
                                front.line_of(key)))
        authors = []
    # a key left empty (``description:``) is nil to Jekyll: as if it were not there
    excerpt = _given(data, "excerpt", "")
    if not isinstance(excerpt, str):
        problems.append(Problem("excerpt", "excerpt must be text", front.line_of("excerpt")))
        excerpt = ""
    separator = _given(data, "excerpt_separator", site.excerpt_separator)
    if not isinstance(separator, str):
        problems.append(Problem("excerpt", "excerpt_separator must be text",
                                front.line_of("excerpt_separator")))
        separator = site.excerpt_separator
    categories = post_categories(filename, data)
    # one "tag" (spaces and all), else "tags", as Jekyll's pluralized_array_from_hash
    tags = as_name_list(data["tag"]) if "tag" in data else as_word_list(data.get("tags"))
    for key, words in (("categories", categories), ("tags", tags)):
        if words is None:
            problems.append(Problem("tags", f"'{key}' must be a list of words", front.line_of(key)))
    categories = categories or []
    updated = parse_date_value(data.get("last_modified_at"), zone)
    if isinstance(updated, str):
        problems.append(Problem("date", updated, front.line_of("last_modified_at")))
        updated = None
    slug = data.get("slug")
    slug = str(slug) if isinstance(slug, str | int | float) and str(slug).strip() else (
        name.slug if name else stem)
    parts = UrlParts(date, slug.rstrip("."), stem, _collection_path(filename), tuple(categories))
    site_url = jekyll_url(site.permalink, parts) or jekyll_url(DEFAULT_PERMALINK, parts)
    url, permalink_line, url_ext = site_url, 1, ".html"
    permalink = data.get("permalink")
    if permalink is not None:
        permalink_line = front.line_of("permalink")
        usable = isinstance(permalink, str) and not has_scheme(permalink)
        own = jekyll_url(permalink, parts) if usable else None
        if own is None or not is_site_path(own):
            unknown = unknown_placeholders(permalink) if isinstance(permalink, str) else []
            why = (f"names {', '.join(unknown)}, which Jekyll does not have" if unknown and not
                   has_scheme(permalink) else "is not a path of the site")
            problems.append(Problem("permalink", f"permalink {permalink!r} {why}: write it as /path/ "
                                    "(with Jekyll's :placeholders), or remove it", permalink_line))
            permalink_line = 1
        else:
            url, url_ext = own, output_ext(permalink)
    redirect_from: list[str] = []
    if site.redirect_from_enabled and data.get("redirect_from") is not None:
        redirect_from, refused = redirect_paths(data["redirect_from"])
        for why in refused:
            problems.append(Problem("redirect_from", why, front.line_of("redirect_from")))
    redirect_to = ""
    if site.redirect_from_enabled and data.get("redirect_to") is not None:
        redirect_to, why = redirect_target(data["redirect_to"])
        if why:
            problems.append(Problem("redirect_from", why, front.line_of("redirect_to")))
    description = _given(data, "description", "")
    if not isinstance(description, str):
        problems.append(Problem("excerpt", "description must be text", front.line_of("description")))
        description = ""
    subpath = media_subpath(data)
    image, why = read_image(data.get("image"), subpath)
    if why:
        problems.append(Problem("path", why, front.line_of("image")))
    post = Post(
        title=title.strip(),
        date=date,
        updated=updated or date,
        slug=slug,
        authors=tuple(authors),
        excerpt=excerpt.strip(),
        excerpt_line=front.line_of("excerpt"),
        hide_excerpt=bool(data.get("hide_excerpt_on_post", False)),
        excerpt_separator=separator,
        categories=tuple(categories),
        tags=tuple(tags or []),
        url=url,
        url_line=permalink_line,
        site_url=site_url,
        url_ext=url_ext,
        unknown_keys=tuple(sorted(set(front.data) - KNOWN_KEYS)),
        draft=draft,
        redirect_from=tuple(redirect_from),
        redirect_to=redirect_to,
        media_subpath=subpath,
        image=image,
        image_from_defaults="image" not in front.data,
        description=description.strip(),
        description_line=front.line_of("description"),
        in_sitemap=data.get("sitemap") is not False,
        feed_excerpt_only=_feed_excerpt_only(data.get("feed")),
    )
    return post, problems


def redirect_paths(value: Any) -> tuple[list[str], list[str]]:
    """jekyll-redirect-from's ``redirect_from``: a path or a list of them, each given a
    leading slash as the plugin does; and why each path that is not one of the site's is
    refused (a scheme, a way up out of it, even percent-encoded, or not text)."""
    values = value if isinstance(value, list) else [value]
    paths: list[str] = []
    refused: list[str] = []
    for item in values:
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            refused.append(f"redirect_from {item!r} is not a path: write it as /old/path/")
            continue
        path = str(item).strip()
        if not path:
            continue
        path = path if path.startswith("/") else "/" + path
        if is_site_path(path) and is_site_path(unquote(path)):
            paths.append(path)
        else:
            refused.append(f"redirect_from {str(item)!r} is not a path of the site: write it as "
                           "/old/path/, or remove it")
    return list(dict.fromkeys(paths)), refused


def redirect_target(value: Any) -> tuple[str, str]:
    """jekyll-redirect-from's ``redirect_to``: an http(s) URL, or a path of the site
    (given a leading slash); the first of a list, as the plugin takes it.  Else
    "" and why it is refused."""
    item = value[0] if isinstance(value, list) and value else value
    text = str(item).strip() if isinstance(item, str | int | float) and not isinstance(item, bool) else ""
    if re.fullmatch(r"https?://[^\s\"<>\\]+", text, flags=re.IGNORECASE):
        return text, ""
    path = text if text.startswith("/") else "/" + text
    if text and not has_scheme(text) and is_site_path(path):
        return path, ""
    return "", (f"redirect_to {value!r} is neither an http(s) URL nor a path of the site: the post's "
                "URL leads to the post; write https://... or /path/, or remove it")


def excerpt_markdown(body: str, separator: str) -> str | None:
    """The excerpt Jekyll takes from a post whose front matter has none: the text
    before ``excerpt_separator``; None for the default separator (the first
    paragraph, which the page already shows) or an empty one (no excerpt)."""
    if separator in ("", "\n\n"):
        return None
    head, found, _tail = body.partition(separator)
    # without the separator, the whole post is the excerpt, as Jekyll's
    return head if found else body


def html_excerpt(body: str, separator: str) -> str | None:
    """The excerpt Jekyll takes from an HTML post: its HTML up to ``excerpt_separator``
    (the first blank line by default); None for an empty separator."""
    if not separator:
        return None
    return body.lstrip("\n").partition(separator)[0]


def merge_front_matter(site: BlogSource, filename: str, data: dict[str, Any]) -> dict[str, Any]:
    """The post's front matter over the site's defaults for it; ``categories`` add up, as in
    Jekyll's ``merge_categories!``."""
    defaults = site.defaults_for(filename)
    if not defaults:
        return data
    merged = deep_merge(defaults, data)
    if "categories" in defaults and "categories" in data:
        base, own = (as_word_list(defaults["categories"]), as_word_list(data["categories"]))
        if base is not None and own is not None:
            merged["categories"] = list(dict.fromkeys([*base, *own]))
    return merged


def post_categories(filename: str, data: dict[str, Any]) -> list[str] | None:
    """Jekyll's categories: the folders above ``_posts`` (``news/_posts/x.md``), then
    ``categories``, then ``category`` (one name, even with spaces); None when not words."""
    parts = PurePosixPath(filename).parts
    special = next((i for i, part in enumerate(parts) if part in ("_posts", "_drafts")), 0)
    folders = [part for part in parts[:special] if part]
    listed = as_word_list(data.get("categories"))
    single = as_name_list(data.get("category"))
    if listed is None or single is None:
        return None
    return list(dict.fromkeys([*folders, *listed, *single]))


def _collection_path(filename: str) -> str:
    """Jekyll's ``cleaned_relative_path``: the path without the extension and ``_posts``."""
    path = PurePosixPath(filename)
    cleaned = str(path.with_suffix("")).replace("_posts", "", 1).rstrip(".")
    return cleaned if cleaned.startswith("/") else "/" + cleaned


def as_name_list(value: Any) -> list[str] | None:
    """A front-matter value that may be one name or a list of names."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value if str(v).strip()]
    return None


def as_author_list(value: Any) -> list[str] | None:
    """``author``/``authors``: names, where an author may also be a mapping:
    jekyll-seo-tag's ``{name: ..., twitter: ...}``, or what jekyll-import writes of a
    WordPress author (``display_name``, ``login``...)."""
    items = value if isinstance(value, list) else [value]
    if not any(isinstance(item, dict) for item in items):
        return as_name_list(value)
    return as_name_list([_author_name(item) for item in items])


def _author_name(value: Any) -> Any:
    return (value.get("name") or value.get("display_name")) if isinstance(value, dict) else value


def as_word_list(value: Any) -> list[str] | None:
    """``categories``/``tags``: a list, or a string of space-separated words."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    return None


def unpublished_reason(site: BlogSource, filename: str, data: dict[str, Any], name: PostName | None,
                       now: dt.datetime, draft_time: dt.datetime | None = None) -> str:
    """Why Jekyll would not publish a post, or "" when it would.

    ``now`` is the time of the build: a post dated after it is a future post.
    """
    data = merge_front_matter(site, filename, data)
    if data.get("published", True) is False and not site.unpublished:
        return "it sets 'published: false' (Jekyll builds it only with unpublished: true)"
    if site.future:
        return ""
    date = parse_date_value(data.get("date"), site.timezone)
    if not isinstance(date, dt.datetime):
        if name is not None:
            date = day_start(name.date, site.timezone)
        elif draft_time is not None:
            date = draft_time
        else:
            return ""
    if date > now:
        return (f"it is dated {date.date().isoformat()}, in the future (Jekyll builds future posts only "
                "with future: true)")
    return ""
