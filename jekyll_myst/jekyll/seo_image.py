"""A post's ``image``, as jekyll-seo-tag reads it: the picture of its link
previews (``og:image``, a large Twitter card) and, through jekyll-feed, of its
feed entries (``media:thumbnail``).

``image: /images/cover.png``, or a mapping with its ``path`` (or, without
one, its ``facebook`` or ``twitter`` picture) and, optionally, ``alt``,
``width`` and ``height``.  The path is a URL, or a path of the site.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from .permalinks import has_scheme


@dataclasses.dataclass(frozen=True)
class PostImage:
    #: an http(s) URL, or a site path (``/images/cover.png``)
    path: str
    alt: str = ""
    width: str = ""
    height: str = ""

    @property
    def is_url(self) -> bool:
        return self.path.lower().startswith(("http://", "https://"))


def media_subpath(data: Mapping) -> str:
    """Chirpy's ``media_subpath`` (``img_path`` before Chirpy 7): the folder the
    theme puts before the paths of the post's pictures, or ""."""
    value = data.get("media_subpath", data.get("img_path"))
    return value.strip() if isinstance(value, str) else ""


def in_media_subpath(subpath: str, path: str) -> str:
    """A picture's path under the post's ``media_subpath``, as Chirpy's layout writes
    it: any path without a scheme or a host, relative (``cover.png``) or not."""
    if not subpath or ":" in path or "//" in path:
        return path
    return "/" + "/".join(part for part in f"{subpath}/{path}".split("/") if part)


def read_image(value: object, subpath: str = "") -> tuple[PostImage | None, str | None]:
    """The image a front matter's ``image`` names, or None; and what is wrong with it.
    ``subpath``: the post's ``media_subpath``."""
    if value is None or value == "":
        return None, None
    details: Mapping = {}
    path = value
    if isinstance(value, Mapping):
        details = value
        path = next((value[key] for key in ("path", "facebook", "twitter") if value.get(key)), None)
        if path is None:
            return None, None  # jekyll-seo-tag shows no image either
    if not isinstance(path, str) or not path.strip():
        return None, (f"image must be the path or URL of a picture, or a mapping with its path, "
                      f"not {value!r}")
    path = in_media_subpath(subpath, path.strip())
    if path.startswith("//"):
        path = "https:" + path
    if has_scheme(path) and not path.lower().startswith(("http://", "https://")):
        return None, f"image {path!r} is neither an http(s) URL nor a path of the site"
    extra = {key: str(details[key]) for key in ("alt", "width", "height")
             if isinstance(details.get(key), str | int | float) and str(details[key]).strip()}
    return PostImage(path if has_scheme(path) else "/" + path.lstrip("/"), **extra), None
