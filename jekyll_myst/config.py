"""The extension's configuration values, declared once and checked at start.

``jekyll_site`` names a whole Jekyll site (``_posts``, ``_authors``,
``_config.yml``, its site files); without it the project's own blog folders
are used.  Either way the result is one :class:`~.site.BlogSource`.

The site's ``_config.yml`` is read when the configuration is, into
``jekyll_settings`` (whose own keys win): Sphinx then sees an edit to it as
a change of configuration, and reads every document again, as it does
after an edit to ``conf.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .jekyll.discovery import post_folders
from .jekyll.local_plugins import plugin_folders, reads_backtick_blocks, registered_tags
from .jekyll.site import BlogSource, collections_dir, read_site_settings, source_folder
from .reporting import report

CONFIG_VALUES: list[tuple[str, object, type | tuple[type, ...], str]] = [
    ("jekyll_site", None, (str, type(None)),
     "a Jekyll site folder to build in place of the project's own posts"),
    ("jekyll_posts_dir", "posts", str, "the project's posts, relative to the source folder"),
    ("jekyll_authors_dir", "posts/_authors", str, "the project's author bios"),
    ("jekyll_static_dir", "posts", str, "where the project's site-absolute paths (/images/...) start"),
    ("jekyll_settings", {}, dict, "Jekyll site settings (as in _config.yml) for the project's own blog"),
    ("jekyll_posts_docdir", "posts", str, "the document folder posts are built into"),
    ("jekyll_authors_docdir", "authors", str, "the document folder author pages are built into"),
    ("jekyll_origin_links", False, bool,
     "link pages the site lacks to the original blog (its url), at info level, not as warnings"),
    ("jekyll_feed_limit", 10, int,
     "how many of the newest posts a feed carries (jekyll-feed's default) but for the site's posts_limit"),
    ("jekyll_max_file_size", 32 * 2**20, int,
     "posts and bios larger than this many bytes are not built: a guard against harm, not a style rule"),
    ("jekyll_today", None, (dt.date, type(None)), "the date after which posts are future posts"),
    ("jekyll_drafts", False, bool, "build the drafts (_drafts/) too, as jekyll build --drafts"),
    ("jekyll_theme_dir", None, (str, type(None)),
     "the folder of the site's theme gem, its _includes/ and _data/ (else Ruby is asked where it is)"),
    ("jekyll_plugin_tags", {}, dict,
     "Liquid tags of the blog's own Ruby plugins (tag name: plugin file), added to those its plugins "
     "folder registers: Octopress's codeblock, img, video, include_code, blockquote, pullquote and gist "
     "are followed"),
    ("jekyll_octopress_backticks", None, (bool, type(None)),
     "read backtick code blocks as Octopress does (a title, a link, numbered lines, no Liquid); "
     "None: where the site's plugins hold Octopress's backtick_code_block.rb"),
    ("jekyll_gc_freeze", True, bool,
     "keep the garbage collector off the loaded environment (see gc_tuning); no page changes"),
]
#: values that change how a build runs, not what it makes: no document is read again
_NOT_IN_PAGES = {"jekyll_gc_freeze"}


def site_folder(app: Sphinx) -> Path | None:
    """The Jekyll site named by ``jekyll_site``, if one is."""
    if not app.config.jekyll_site:
        return None
    site = Path(app.config.jekyll_site).expanduser()
    return site if site.is_absolute() else Path(app.confdir) / site


def theme_folder(app: Sphinx) -> Path | None:
    """The theme folder named by ``jekyll_theme_dir``, if one is."""
    if not app.config.jekyll_theme_dir:
        return None
    folder = Path(app.config.jekyll_theme_dir).expanduser()
    return folder if folder.is_absolute() else Path(app.confdir) / folder


def blog_source(app: Sphinx) -> BlogSource:
    config = app.config
    site = site_folder(app)
    if site is not None:
        settings = dict(config.jekyll_settings)
        site = source_folder(site, settings)[0]
        root = site / collections_dir(settings)[0]
        # show_drafts is what `jekyll build --drafts` sets
        drafts = config.jekyll_drafts or settings.get("show_drafts") is True
        return BlogSource(root / "_posts", root / "_authors", site, settings, drafts, theme_folder(app),
                          dict(config.jekyll_plugin_tags), bool(config.jekyll_octopress_backticks))
    return BlogSource(app.srcdir / config.jekyll_posts_dir, app.srcdir / config.jekyll_authors_dir,
                      app.srcdir / config.jekyll_static_dir, dict(config.jekyll_settings),
                      config.jekyll_drafts, theme_folder(app), dict(config.jekyll_plugin_tags),
                      bool(config.jekyll_octopress_backticks))


def config_file(app: Sphinx) -> Path:
    """Where the blog's settings are written: the site's _config.yml, else conf.py."""
    site = site_folder(app)
    return site / "_config.yml" if site is not None else Path(app.confdir) / "conf.py"


def check_config(app: Sphinx, config: Config) -> None:
    for name, _default, types, _help in CONFIG_VALUES:
        value = config[name]
        if not isinstance(value, types):
            raise ConfigError(f"{name} must be {_type_names(types)}, not {value!r}")
    site = site_folder(app)
    if site is not None:
        settings, problems = read_site_settings(site)
        for problem in problems:
            report(problem.subtype, "%s", problem.message, location=f"{config_file(app)}:{problem.line}")
        config.jekyll_settings = {**settings, **config.jekyll_settings}
        site, message = source_folder(site, config.jekyll_settings)
        if message:
            report("config", "%s", message, location=f"{config_file(app)}:1")
        # a configuration value, so that a plugin added or removed reads every post again
        folders = plugin_folders(config.jekyll_settings, site)
        config.jekyll_plugin_tags = {**registered_tags(folders), **config.jekyll_plugin_tags}
        if config.jekyll_octopress_backticks is None:
            config.jekyll_octopress_backticks = reads_backtick_blocks(folders)
        posts = PurePosixPath(collections_dir(config.jekyll_settings)[0], "_posts")
        # a site may keep its posts only in category folders (docs/markup/_posts/)
        if not (site / posts).is_dir() and not any(
                folder.is_dir() for folder, _drafts in post_folders(blog_source(app))):
            where = "" if site == site_folder(app) else f" in its source folder {site}"
            raise ConfigError(f"jekyll_site {config.jekyll_site!r} is not a Jekyll site: "
                              f"it has no {posts} folder, nor one in a folder of it{where}")
    theme = theme_folder(app)
    if theme is not None and not theme.is_dir():
        raise ConfigError(f"jekyll_theme_dir {config.jekyll_theme_dir!r} is not a folder: name the "
                          "theme gem's folder, as `bundle info --path <theme>` prints it")
    for name in ("jekyll_posts_docdir", "jekyll_authors_docdir"):
        if not config[name] or config[name].strip("/") != config[name]:
            raise ConfigError(f"{name} must be a folder name without leading or trailing '/'")
    # The project's blog folders are read by the blog's rules, never as plain pages.
    for name in ("jekyll_posts_dir", "jekyll_authors_dir"):
        pattern = f"{config[name].strip('/')}/**"
        if pattern not in config.exclude_patterns:
            config.exclude_patterns.append(pattern)


def _type_names(types) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join("None" if t is type(None) else t.__name__ for t in types)


def setup_config(app: Sphinx) -> None:
    for name, default, types, help_text in CONFIG_VALUES:
        rebuild = "" if name in _NOT_IN_PAGES else "env"
        app.add_config_value(name, default, rebuild, types=types, description=help_text)
    app.connect("config-inited", check_config)
