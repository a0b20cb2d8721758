"""The picture of a post's link previews and feed entries (its front matter's
``image``, or the one the site's ``defaults:`` give it): a file of the site is
copied with the page, as its HTML's files are.

A file the site lacks gives no picture, and a warning: once for the site when
its ``defaults:`` name it, else at the post's line.  On a blog imported in part
(``jekyll_origin_links``), the picture is the original site's, at info level.
Either way the post is read again when the file comes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..jekyll.discovery import post_folders
from ..jekyll.seo_image import PostImage, read_image
from ..jekyll.site import BlogSource
from ..jekyll.site_files import site_file, site_location
from ..reporting import report
from .raw_html import DOWNLOADS, copy_site_file


def preview_image(env: BuildEnvironment, blog: BlogSource, blog_file: Path, image: PostImage | None,
                  line: int, from_defaults: bool) -> PostImage | None:
    """The image with its URL, or its copy's path under the output folder."""
    if image is None or image.is_url:
        return image
    found = site_file(blog, image.path)
    if found is not None:
        return dataclasses.replace(image, path=f"{DOWNLOADS}/{copy_site_file(env, found, blog_file)}")
    location = site_location(blog, image.path)
    if location is not None:
        env.domains["jekyll"].note_awaited(env.docname, str(location))
    origin = _origin(env.config, blog, image)
    if not from_defaults:  # the site's defaults are reported once, for the site
        if origin:
            report("origin_link", "image %s: not in this site, taken from %s", image.path, origin.path,
                   location=(env.docname, line))
        else:
            report("path", "image %s names no file of the site: the post's link previews and feed "
                   "entries show no picture", image.path, location=(env.docname, line))
    return origin


def _origin(config, blog: BlogSource, image: PostImage) -> PostImage | None:
    """The image on the original site, as Jekyll's pages named it, when the blog is imported in part."""
    if not (config.jekyll_origin_links and blog.url):
        return None
    return dataclasses.replace(image, path=blog.url + blog.baseurl + image.path)


def check_default_images(app: Sphinx, blog: BlogSource, config_file: Path) -> None:
    """Report, once for the site, an image of its ``defaults:`` that is no file of the site."""
    def folders() -> list[str]:
        return [blog.relative_path(posts / "_").rpartition("/")[0] for posts, _drafts in post_folders(blog)]

    for value in blog.default_images(folders):
        image, why = read_image(value)
        if why:
            report("path", "defaults: %s", why, location=f"{config_file}:1")
        if image is None or image.is_url or site_file(blog, image.path) is not None:
            continue
        origin = _origin(app.config, blog, image)
        if origin:
            report("origin_link", "defaults: image %s: not in this site, taken from %s", image.path,
                   origin.path, location=f"{config_file}:1")
        else:
            report("path", "defaults: image %s names no file of the site: the posts that take it have "
                   "no picture in their link previews and feed entries", image.path,
                   location=f"{config_file}:1")


def awaited_files_came(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                       removed: set[str]) -> list[str]:
    """The documents a missing file they named would change, now that it is there."""
    came: dict[str, bool] = {}
    return [doc for doc, paths in env.domains["jekyll"].awaiting().items() if doc not in removed
            and any(came.setdefault(path, Path(path).is_file()) for path in paths)]


def setup_preview_images(app: Sphinx) -> None:
    app.connect("env-get-outdated", awaited_files_came)
