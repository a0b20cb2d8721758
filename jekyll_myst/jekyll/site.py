"""A Jekyll blog: where its posts, author bios and site files are, and its
settings (``_config.yml``) read as Jekyll 4.3 reads them: ``permalink``,
``timezone``, front-matter ``defaults``, ``future``, ``unpublished``,
``excerpt_separator`` and the ``kramdown`` options.

The project's own blog and an external Jekyll site (``JEKYLL_SITE``) are
both described by a :class:`BlogSource`, so both go through the same code.
A setting Jekyll could not use gives a message in :attr:`BlogSource.problems`
and Jekyll's default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import functools
import html.entities
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .archive_urls import PLUGIN as ARCHIVES
from .archive_urls import archive_permalinks
from .dates import site_zone
from .local_plugins import legacy_plugins_problem
from .permalinks import DEFAULT_PERMALINK, has_scheme, is_site_path, style_template, unknown_placeholders
from .problems import Problem
from .theme import Theme, site_theme

#: Jekyll's ``Configuration::DEFAULTS`` for kramdown's smart quotes
_SMART_QUOTES = ("lsquo", "rsquo", "ldquo", "rdquo")
#: ``type:`` values of Jekyll 3 that Jekyll 4 still takes for posts
_POST_TYPES = {"posts", "post", "drafts", "draft"}


@dataclasses.dataclass(frozen=True)
class KramdownOptions:
    """The ``kramdown:`` settings Jekyll passes to kramdown that decide how a post reads."""

    #: headers get ids
    auto_ids: bool = True
    #: what every generated header id starts with
    auto_id_prefix: str = ""
    #: ``input: kramdown`` only: ids from the header's text, not its source
    auto_id_stripping: bool = False
    #: the heading levels ``{:toc}`` lists
    toc_levels: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
    #: ``input: GFM`` (Jekyll's default), else kramdown's own syntax
    gfm: bool = True
    #: a line break in a paragraph is a ``<br>`` (GFM only)
    hard_wrap: bool = False
    #: Markdown inside block HTML elements is read (else only with ``markdown="1"``)
    parse_block_html: bool = False
    #: the entities for ' ' " " in that order
    smart_quotes: tuple[str, str, str, str] = _SMART_QUOTES
    #: the language of code that names none (``syntax_highlighter_opts``);
    #: Jekyll's is Rouge's plain text
    default_lang: str = "plaintext"
    #: Rouge numbers the lines of every code block (``syntax_highlighter_opts``'
    #: ``line_numbers``, for all code or under ``block``), from ``start_line``
    line_numbers: bool = False
    start_line: int = 1

    @property
    def quote_characters(self) -> str:
        """The characters of ``smart_quotes``: ' ' " " in that order."""
        return "".join(quote_character(entity) or "" for entity in self.smart_quotes)

    @classmethod
    def read(cls, settings: Any) -> tuple[KramdownOptions, list[str]]:
        """The options from the ``kramdown:`` mapping, and what could not be read."""
        if not isinstance(settings, dict):
            return cls(), [] if settings is None else ["kramdown must be a mapping of options"]
        problems: list[str] = []
        values: dict[str, Any] = {}
        for key in ("auto_ids", "hard_wrap", "parse_block_html", "auto_id_stripping"):
            if key in settings:
                if isinstance(settings[key], bool):
                    values[key] = settings[key]
                else:
                    problems.append(f"kramdown {key} must be true or false")
        if "toc_levels" in settings:
            levels = toc_levels(settings["toc_levels"])
            if levels is None:
                problems.append(f"kramdown toc_levels {settings['toc_levels']!r} is not a range of levels "
                                "1 to 6 ('2..3' or [2, 3])")
            else:
                values["toc_levels"] = levels
        if settings.get("auto_id_prefix") is not None:
            values["auto_id_prefix"] = str(settings["auto_id_prefix"])
        if "input" in settings:
            values["gfm"] = str(settings["input"]).lower() == "gfm"
            if not values["gfm"]:
                problems.append(f"kramdown input {settings['input']!r} is read as GFM: ``` fences, "
                                "~~strikethrough~~, '#heading' without a space, and a heading or list "
                                "right under a paragraph's line are read as GFM reads them (headers "
                                "get kramdown's ids all the same)")
        highlighter = settings.get("syntax_highlighter")
        if highlighter is not None and str(highlighter).lower() != "rouge":
            problems.append(f"kramdown syntax_highlighter {highlighter!r} is not followed: code is "
                            "highlighted as Rouge does")
        if "smart_quotes" in settings:
            quotes = settings["smart_quotes"]
            quotes = quotes.split(",") if isinstance(quotes, str) else quotes
            quotes = tuple(str(q).strip() for q in quotes) if isinstance(quotes, list) else ()
            if len(quotes) == 4 and all(quote_character(q) for q in quotes):
                values["smart_quotes"] = quotes
            else:
                problems.append("kramdown smart_quotes must name four entities or code points, "
                                "as 'lsquo,rsquo,ldquo,rdquo'")
        options = settings.get("syntax_highlighter_opts")
        if isinstance(options, dict):
            values |= _code_options(options, problems)
        elif options is not None:
            problems.append("kramdown syntax_highlighter_opts must be a mapping")
        return cls(**values), problems


def _changes_nothing(key: object, value: object) -> bool:
    """Rouge's options that change nothing here: its default class, which Sphinx's
    blocks have too, and no line numbers for inline code."""
    return (key == "css_class" and value == "highlight") or (key == "line_numbers" and value is False)


def _code_options(options: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """What ``syntax_highlighter_opts`` change: the default language and the block line
    numbers, set for all code or under ``block`` (kramdown's Rouge reads both, ``block``'s
    last)."""
    values: dict[str, Any] = {}
    if options.get("default_lang"):
        values["default_lang"] = str(options["default_lang"])
    # guess_lang never acts: Jekyll always gives a default_lang
    unfollowed = [str(key) for key, value in options.items()
                  if key not in ("default_lang", "guess_lang", "block", "span", "line_numbers", "start_line")
                  and not _changes_nothing(key, value)]
    numbering = {key: options[key] for key in ("line_numbers", "start_line") if key in options}
    for kind in ("block", "span"):
        scoped = options.get(kind)
        if scoped is None:
            continue
        if not isinstance(scoped, dict):
            problems.append(f"kramdown syntax_highlighter_opts {kind} must be a mapping")
            continue
        for key, value in scoped.items():
            if kind == "block" and key in ("line_numbers", "start_line"):
                numbering[key] = value
            elif not _changes_nothing(key, value):
                unfollowed.append(f"{kind} {key}")
    if numbering.get("line_numbers") not in (None, False):
        values["line_numbers"] = True
    start = numbering.get("start_line")
    if isinstance(start, int) and not isinstance(start, bool):
        values["start_line"] = start
    elif start is not None:
        problems.append(f"kramdown syntax_highlighter_opts start_line must be a number, not {start!r}")
    if unfollowed:
        problems.append(f"kramdown syntax_highlighter_opts {', '.join(sorted(unfollowed))} not followed: "
                        "the theme shows the code")
    return values


def quote_character(entity: str) -> str | None:
    """The character an entity name (``rsquo``) or code point (``8217``) of ``smart_quotes`` stands for."""
    if entity.isdigit():
        return chr(int(entity)) if 0 < int(entity) <= 0x10FFFF else None
    return html.entities.html5.get(entity + ";")


def toc_levels(value: Any) -> tuple[int, ...] | None:
    """kramdown's ``toc_levels``: ``"2..3"``, ``"2,3"``, a list or a range; None when it is none of them."""
    if isinstance(value, str):
        text = value.strip()
        span = re.fullmatch(r"(\d)\s*\.\.\s*(\d)", text)
        if span:
            levels = list(range(int(span[1]), int(span[2]) + 1))
        elif re.fullmatch(r"\d(?:\s*,\s*\d)*", text):
            levels = [int(n) for n in text.split(",")]
        else:
            return None
    elif isinstance(value, list) and all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        levels = value
    else:
        return None
    if not levels or not all(1 <= n <= 6 for n in levels):
        return None
    return tuple(sorted(set(levels)))


def collections_dir(settings: dict[str, Any]) -> tuple[str, str | None]:
    """Jekyll's ``collections_dir``, the site's folder of ``_posts``, ``_drafts``
    and the other collections ("" for the site's own folder), and what was
    wrong with the setting, if anything."""
    value = settings.get("collections_dir")
    if value is None or value == "":
        return "", None
    folder = value.strip("/") if isinstance(value, str) else None
    if not folder or any(part in ("", ".", "..") for part in folder.split("/")):
        return "", f"collections_dir {value!r} is not a folder of the site: the site's folder is used"
    return folder, None


def source_folder(site: Path, settings: dict[str, Any]) -> tuple[Path, str | None]:
    """Where a site's files are: the folder of its ``_config.yml``, or the ``source`` folder
    that names (``source: src``, as Apache Beam's site has), which Jekyll reads them from;
    and what was wrong with the setting, if anything."""
    value = settings.get("source")
    if value is None or value in ("", ".", "./"):
        return site, None
    folder = value.strip("/") if isinstance(value, str) and not value.startswith("/") else None
    if not folder or any(part in ("", "..") for part in folder.split("/")) or not (site / folder).is_dir():
        return site, f"source {value!r} is not a folder of the site: the site's folder is read"
    return site / folder, None


def uses_plugin(settings: dict[str, Any], name: str) -> bool:
    """Whether the site's ``plugins`` name this Jekyll plugin."""
    plugins = settings.get("plugins")
    return isinstance(plugins, list) and name in plugins


def _feed_mapping(settings: dict[str, Any]) -> dict[str, Any]:
    """jekyll-feed's ``feed:`` mapping (empty when it is something else)."""
    feed = settings.get("feed")
    return feed if isinstance(feed, dict) else {}


def _feed_setting(settings: dict[str, Any], key: str) -> tuple[dict[str, Any], Any]:
    """jekyll-feed's ``feed:`` mapping, and its setting ``key`` for the posts: under
    ``feed: collections: posts:``, else ``feed:`` itself."""
    feed = _feed_mapping(settings)
    collections = feed.get("collections")
    posts = collections.get("posts") if isinstance(collections, dict) else None
    return feed, posts.get(key) if isinstance(posts, dict) and posts.get(key) else feed.get(key)


def feed_path(settings: dict[str, Any]) -> tuple[str, str | None]:
    """jekyll-feed's path of the posts' feed: ``feed: collections: posts: path:``,
    else ``feed: path:``, else ``feed.xml``; and what was wrong with the setting."""
    _feed, value = _feed_setting(settings, "path")
    if value is None or value == "":
        return "feed.xml", None
    path = "/" + value.lstrip("/") if isinstance(value, str) else ""
    if not is_site_path(path) or path.endswith("/"):
        return "feed.xml", f"feed path {value!r} is not a file of the site: the feed is written at feed.xml"
    return path.lstrip("/"), None


def feed_entries(settings: dict[str, Any]) -> tuple[int | None, bool, list[str]]:
    """jekyll-feed's ``feed: posts_limit:`` (how many posts a feed carries; None: not
    set) and ``feed: excerpt_only:`` (entries without the post's content), and what
    could not be read.  jekyll-feed reads both from ``feed:`` alone."""
    feed = _feed_mapping(settings)
    limit, problems = feed.get("posts_limit"), []
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        problems.append(f"feed posts_limit must be a number of posts, not {limit!r}: the feeds carry "
                        "jekyll_feed_limit posts")
        limit = None
    return limit, feed.get("excerpt_only") is True, problems


#: jekyll-feed writes a tag's feed only for a tag of these characters, "to keep feed paths simple"
_FEED_TAG = re.compile(r"[A-Za-z0-9_]+")


@dataclasses.dataclass(frozen=True)
class TopicFeeds:
    """jekyll-feed's feeds of some of the posts: ``feed: categories:`` (``feed/<category>.xml``)
    and ``feed: tags:`` (``<path><tag>.xml``, ``feed/by_tag/`` by default)."""

    categories: tuple[str, ...] = ()
    #: a feed per tag at all
    tags: bool = False
    tags_path: str = "feed/by_tag/"
    #: ``only:``: these tags, else every tag of the posts
    only_tags: tuple[str, ...] | None = None
    except_tags: tuple[str, ...] = ()

    def category_feeds(self) -> dict[str, str]:
        """Each category's feed path -> the category."""
        return {f"feed/{category}.xml": category for category in self.categories}

    def tag_feeds(self, tags: list[str]) -> dict[str, str]:
        """Each tag's feed path -> the tag, for the posts' ``tags``."""
        if not self.tags:
            return {}
        pool = self.only_tags if self.only_tags is not None else tags
        return {f"{self.tags_path}{tag}.xml": tag for tag in pool
                if tag not in self.except_tags and _FEED_TAG.fullmatch(tag)}

    @classmethod
    def read(cls, settings: dict[str, Any]) -> tuple[TopicFeeds, list[str]]:
        """The feeds from the ``feed:`` mapping, and what could not be read."""
        feed, value = _feed_setting(settings, "categories")
        problems = []
        categories = _words(value) or ()
        if value is not None and _words(value) is None:
            problems.append("feed categories must be a list of categories: no category feed is written")
        tags = {} if feed.get("tags") is True else feed.get("tags")
        if tags is None or tags is False:
            return cls(categories), problems
        if not isinstance(tags, dict):
            problems.append("feed tags must be true or a mapping (only, except, path): "
                            "no tag feed is written")
            return cls(categories), problems
        path = tags.get("path") or "/feed/by_tag/"
        if not isinstance(path, str) or not is_site_path("/" + path.lstrip("/")) or not path.endswith("/"):
            problems.append(f"feed tags path {path!r} is not a folder of the site: feed/by_tag/ is used")
            path = "/feed/by_tag/"
        for key in ("only", "except"):
            if tags.get(key) is not None and _words(tags[key]) is None:
                problems.append(f"feed tags {key} must be a list of tags: it is left out")
        return cls(categories, True, path.lstrip("/"), _words(tags.get("only")),
                   _words(tags.get("except")) or ()), problems


def _words(value: Any) -> tuple[str, ...] | None:
    """A YAML list of names, as names; None if it is something else."""
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return tuple(str(item) for item in value)
    return None


@dataclasses.dataclass(frozen=True)
class DefaultsRule:
    """One entry of ``defaults:``: its scope and its values."""

    path: str
    type: str | None
    values: dict[str, Any]

    def applies(self, relative_path: str, kind: str) -> bool:
        if self.type is not None and self.type != kind:
            return False
        if not self.path:
            return True
        if "*" in self.path:
            parts = relative_path.split("/")
            return any(fnmatch.fnmatchcase("/".join(parts[:n]), self.path) for n in range(1, len(parts) + 1))
        return relative_path.startswith(self.path)

    def may_apply_in(self, folder: str, kind: str) -> bool:
        """Whether the rule gives its values to some file of ``kind`` in ``folder`` (a path
        from the site folder); a scope with a glob may."""
        if self.type is not None and self.type != kind:
            return False
        return not self.path or "*" in self.path or folder.startswith(self.path) \
            or self.path.startswith(folder + "/")


@dataclasses.dataclass(frozen=True)
class _SiteModel:
    """What the site's settings say, read once, with what could not be read."""

    timezone: dt.tzinfo
    kramdown: KramdownOptions
    excerpt_separator: str
    permalink: str
    defaults: tuple[DefaultsRule, ...]
    #: where jekyll-feed wrote the posts' feed, in the site (``feed.xml``)
    feed_path: str
    #: jekyll-feed's feeds of a category's or a tag's posts
    topic_feeds: TopicFeeds
    #: jekyll-feed's ``posts_limit`` (None: not set) and ``excerpt_only``
    feed_posts_limit: int | None
    feed_excerpt_only: bool
    #: jekyll-paginate's posts a page and ``paginate_path``, when the site paginated its index
    pagination: tuple[int, str] | None
    #: jekyll-archives' permalinks, for each kind of archive it wrote
    archive_permalinks: dict[str, str]
    #: the gem-based theme whose includes the site's posts may use
    theme: Theme | None
    #: the path the site was served under (``/repo`` for a GitHub Pages project site), or ""
    baseurl: str
    #: each setting Jekyll could not use; its default is used instead
    problems: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class BlogSource:
    posts_dir: Path
    authors_dir: Path
    #: the folder that site-absolute paths (``/images/x.png``) start from
    static_dir: Path
    #: the site's settings (``_config.yml``), with the project's overrides
    settings: dict[str, Any]
    #: build the drafts too, as ``jekyll build --drafts``
    drafts: bool = False
    #: the folder of the site's theme, when the project names it (else Ruby is asked)
    theme_dir: Path | None = None
    #: the Liquid tags the site's own Ruby plugins register, each with its plugin's file
    #: (:func:`~.local_plugins.registered_tags`)
    local_tags: dict[str, str] = dataclasses.field(default_factory=dict)
    #: the site's plugins read backtick code blocks as Octopress's do (:mod:`.liquid.octopress_code`)
    octopress_backticks: bool = False

    @functools.cached_property
    def static_root(self) -> Path:
        """The site folder with links resolved: what paths must stay inside."""
        return self.static_dir.resolve()

    @functools.cached_property
    def collections_root(self) -> Path:
        """The folder of the site's collections (``collections_dir``): posts'
        paths, and their categories, start from there."""
        return self.static_dir / collections_dir(self.settings)[0]

    @property
    def url(self) -> str:
        return str(self.settings.get("url") or "").rstrip("/")

    @property
    def baseurl(self) -> str:
        return self._model.baseurl

    @property
    def mentions_base(self) -> str | None:
        if not uses_plugin(self.settings, "jekyll-mentions"):
            return None
        mentions = self.settings.get("jekyll-mentions")
        if isinstance(mentions, dict):
            return str(mentions.get("base_url") or "https://github.com")
        return str(mentions or "https://github.com")

    @property
    def emoji_enabled(self) -> bool:
        return uses_plugin(self.settings, "jemoji")

    @property
    def redirect_from_enabled(self) -> bool:
        """jekyll-redirect-from: a post's ``redirect_from`` paths were pages of the site."""
        return uses_plugin(self.settings, "jekyll-redirect-from")

    @property
    def archive_permalinks(self) -> dict[str, str]:
        """jekyll-archives' permalink of each kind of archive page it wrote (``tag``,
        ``year``...); none without the plugin."""
        return self._model.archive_permalinks

    @property
    def theme(self) -> Theme | None:
        return self._model.theme

    def paginated_paths(self, posts: int) -> list[str]:
        """jekyll-paginate's pages after the first, for a blog of ``posts`` posts:
        ``paginate_path`` with ``:num`` from 2, each a folder (``/page2/``)."""
        per_page, template = self._model.pagination or (0, "")
        pages = -(-posts // per_page) if per_page else 0
        return [template.replace(":num", str(number)).rstrip("/") + "/" for number in range(2, pages + 1)]

    # -- the site model ------------------------------------------------------
    @functools.cached_property
    def _model(self) -> _SiteModel:
        settings, problems = self.settings, []
        zone, message = site_zone(settings.get("timezone"))
        if message:
            problems.append(message)
        kramdown, kramdown_problems = KramdownOptions.read(settings.get("kramdown"))
        problems += kramdown_problems
        converter = settings.get("markdown")
        if converter is not None and str(converter).lower() != "kramdown":
            # Jekyll 4 stops; GitHub Pages has read such sites with kramdown since 2016
            problems.append(f"markdown {converter!r} is not a converter Jekyll 4 has: posts are read "
                            "as kramdown, as Jekyll 4 and GitHub Pages read them")
        collections, message = collections_dir(settings)
        if message:
            problems.append(message)
        separator = settings.get("excerpt_separator", "\n\n")
        if not isinstance(separator, str):
            problems.append("excerpt_separator must be text")
            separator = "\n\n"
        permalink, defaults = self._read_permalink(problems), self._read_defaults(problems, collections)
        feed, message = feed_path(settings)
        if message:
            problems.append(message)
        topic_feeds, topic_problems = TopicFeeds.read(settings)
        problems += topic_problems
        posts_limit, excerpt_only, entry_problems = feed_entries(settings)
        problems += entry_problems
        archives: dict[str, str] = {}
        if uses_plugin(settings, ARCHIVES):
            archives, archive_problems = archive_permalinks(settings)
            problems += archive_problems
        theme, message = site_theme(settings, self.static_dir, self.theme_dir,
                                    uses_plugin(settings, "jekyll-remote-theme"))
        if message:
            problems.append(message)
        message = legacy_plugins_problem(settings)
        if message:
            problems.append(message)
        return _SiteModel(zone, kramdown, separator, permalink, defaults, feed, topic_feeds, posts_limit,
                          excerpt_only, self._read_pagination(problems), archives, theme,
                          self._read_baseurl(problems), tuple(problems))

    def _read_baseurl(self, problems: list[str]) -> str:
        baseurl = str(self.settings.get("baseurl") or "")
        parts = urlsplit(baseurl)
        if parts.scheme or parts.netloc:
            # Jekyll writes its pages at the same paths whatever the baseurl; a site that set
            # its address there was served at that address's path
            path = parts.path.rstrip("/")
            problems.append(f"baseurl {baseurl!r} is an address, not the path the site is served under: "
                            f"{path or '/'!r} is used; set url to the address and baseurl to its path")
            return path
        return baseurl.rstrip("/")

    def _read_pagination(self, problems: list[str]) -> tuple[int, str] | None:
        settings = self.settings
        if not uses_plugin(settings, "jekyll-paginate") or settings.get("paginate") is None:
            return None
        per_page, template = settings["paginate"], settings.get("paginate_path") or "/page:num"
        if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
            problems.append(f"paginate {per_page!r} is not a number of posts: the old pages of the blog's "
                            "index (/page2/...) are not redirected")
            return None
        readable = isinstance(template, str) and ":num" in template
        if not readable or not is_site_path("/" + template.replace(":num", "2").lstrip("/")):
            problems.append(f"paginate_path {template!r} is not a path with :num: /page:num is used")
            template = "/page:num"
        return per_page, "/" + template.lstrip("/")

    def _read_permalink(self, problems: list[str]) -> str:
        collections = self.settings.get("collections")
        posts = collections.get("posts") if isinstance(collections, dict) else None
        if isinstance(posts, dict) and posts.get("permalink") is not None:
            # a collection's permalink is a template, never a style's name
            template, where = posts["permalink"], "collections: posts: permalink"
        else:
            template, where = self.settings.get("permalink") or "date", "permalink"
            template = style_template(str(template)) if isinstance(template, str) else template
        if not isinstance(template, str) or has_scheme(template):
            problems.append(f"{where} {template!r} is not a path of the site: Jekyll's 'date' style is used")
            return DEFAULT_PERMALINK
        unknown = unknown_placeholders(template)
        if unknown:
            problems.append(f"{where} {template!r} names {', '.join(unknown)}, which Jekyll does not "
                            "have: Jekyll's 'date' style is used")
            return DEFAULT_PERMALINK
        return template

    def _read_defaults(self, problems: list[str], collections: str) -> tuple[DefaultsRule, ...]:
        entries = self.settings.get("defaults") or []
        if not isinstance(entries, list):
            problems.append("defaults must be a list of scopes and values")
            return ()
        rules = []
        for number, entry in enumerate(entries, 1):
            scope = entry.get("scope") or {} if isinstance(entry, dict) else None
            if not isinstance(scope, dict) or not isinstance(entry.get("values"), dict):
                # Jekyll skips such an entry too, but it would be a mistake to miss
                problems.append(f"defaults entry {number} must have 'values:' (a mapping) and may have "
                                "'scope:' (a mapping): it is not used")
                continue
            path = scope.get("path")
            path = path.lstrip("/") if isinstance(path, str) else ""
            if collections and (path + "/").startswith(collections + "/"):
                # a post's path is from the collections folder: so is the scope's, as Jekyll strips it
                path = path[len(collections):].lstrip("/")
            kind = scope.get("type")
            kind = "posts" if kind in _POST_TYPES else (None if kind is None else str(kind))
            rules.append(DefaultsRule(path, kind, entry["values"]))
        return tuple(rules)

    @property
    def problems(self) -> tuple[str, ...]:
        """What in the settings Jekyll could not use: each is Jekyll's default instead."""
        return self._model.problems

    @property
    def timezone(self) -> dt.tzinfo:
        return self._model.timezone

    @property
    def kramdown(self) -> KramdownOptions:
        return self._model.kramdown

    @property
    def permalink(self) -> str:
        """The template of a post's URL, unless its front matter sets one."""
        return self._model.permalink

    @property
    def excerpt_separator(self) -> str:
        return self._model.excerpt_separator

    @property
    def feed_path(self) -> str:
        """Where the site's feed of posts is, as jekyll-feed's ``feed: path:`` put it."""
        return self._model.feed_path

    @property
    def topic_feeds(self) -> TopicFeeds:
        return self._model.topic_feeds

    @property
    def feed_posts_limit(self) -> int | None:
        """How many posts each feed carries, when the site's ``feed: posts_limit:`` says."""
        return self._model.feed_posts_limit

    @property
    def feed_excerpt_only(self) -> bool:
        """jekyll-feed's ``feed: excerpt_only: true``: the entries carry no content."""
        return self._model.feed_excerpt_only

    @property
    def future(self) -> bool:
        return bool(self.settings.get("future", False))

    @property
    def unpublished(self) -> bool:
        return bool(self.settings.get("unpublished", False))

    def default_images(self, post_folders: Callable[[], list[str]]) -> list[object]:
        """The ``image`` values that the site's ``defaults:`` give posts, which are in
        the ``post_folders()`` (``_posts``, ``news/_posts``, asked for only when a rule has
        an image): not those of other files (Jekyll's gallery gives a folder's pictures
        ``image: true``)."""
        rules = [rule for rule in self._model.defaults if "image" in rule.values]
        folders = post_folders() if rules else []
        return [rule.values["image"] for rule in rules
                if any(rule.may_apply_in(folder, "posts") for folder in folders)]

    def defaults_for(self, relative_path: str, kind: str = "posts") -> dict[str, Any]:
        """The front-matter defaults of a file, merged as Jekyll's ``FrontmatterDefaults#all``:
        a longer scope path wins, then a scope with a type."""
        merged: dict[str, Any] = {}
        winner: DefaultsRule | None = None
        for rule in self._model.defaults:
            if not rule.applies(relative_path, kind):
                continue
            if winner is None or _has_precedence(winner, rule):
                merged = deep_merge(merged, rule.values)
                winner = rule
            else:
                merged = deep_merge(rule.values, merged)
        return merged

    def relative_path(self, path: Path) -> str:
        """A post's path as Jekyll names it: from the site's collections folder,
        the posts folder being ``_posts`` (``news/_posts/2020-01-01-x.md``)."""
        path = path.absolute()
        if self.posts_dir.name == "_posts" and path.is_relative_to(self.collections_root.absolute()):
            return path.relative_to(self.collections_root.absolute()).as_posix()
        if path.is_relative_to(self.posts_dir.absolute()):
            return "_posts/" + path.relative_to(self.posts_dir.absolute()).as_posix()
        return path.name


def _has_precedence(old: DefaultsRule, new: DefaultsRule) -> bool:
    if len(new.path) != len(old.path):
        return len(new.path) >= len(old.path)
    return new.type is not None or old.type is None


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Jekyll's ``Utils.deep_merge_hashes``: mappings merge, other values of ``over`` win."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_site_settings(site_dir: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The settings in the site's ``_config.yml``, and what kept them from being read.

    A file that cannot be read, is not YAML or is not a mapping gives no
    setting at all: Jekyll would stop there; the build goes on with Jekyll's
    defaults, and the problem says where the file is wrong.
    """
    config = site_dir / "_config.yml"
    if not config.is_file():
        return {}, []
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem("config", f"_config.yml cannot be read: {error}", 1)]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        line = 1 + (mark.line if mark is not None else 0)
        return {}, [Problem("config", f"_config.yml is not valid YAML: {reason}; {_NONE_USED}", line)]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        message = f"_config.yml must be a mapping of settings, not a {type(data).__name__}; {_NONE_USED}"
        return {}, [Problem("config", message, 1)]
    return data, []


_NONE_USED = "none of its settings is used"
