"""The picture of a post's link previews and feed entries (its front matter's
``image``): a file of the site is copied with the page, as its HTML's files are."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sphinx.environment import BuildEnvironment

from ..jekyll.seo_image import PostImage
from ..jekyll.site import BlogSource
from ..jekyll.site_files import site_file, site_location
from ..reporting import report
from .raw_html import copy_site_file

#: where a copied image is, under the output folder
DOWNLOADS = "_downloads/"


def preview_image(env: BuildEnvironment, blog: BlogSource, blog_file: Path, image: PostImage | None,
                  line: int) -> PostImage | None:
    """The image with its URL, or its copy's path under the output folder; None, reported,
    when it names no file of the site."""
    if image is None or image.is_url:
        return image
    found = site_file(blog, image.path)
    if found is None:
        location = site_location(blog, image.path)
        if location is not None:  # read again when it comes
            env.note_dependency(str(location))
        report("path", "image %s names no file of the site: the post's link previews and feed "
               "entries show no picture", image.path, location=(env.docname, line))
        return None
    return dataclasses.replace(image, path=DOWNLOADS + copy_site_file(env, found, blog_file))
