"""Jekyll's ``relative_url`` and ``absolute_url``: a site path with the ``baseurl``
(and the ``url``) in front, unless it is a full URL already."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import quote, urlsplit

from liquid.filter import with_environment
from liquid.undefined import is_undefined

from .text_filters import text


def _is_absolute(url: str) -> bool:
    return bool(urlsplit(url).scheme) if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) else False


def _leading_slash(part: str) -> str:
    return part if not part or part.startswith("/") else "/" + part


def _normalized(url: str) -> str:
    # as Addressable's normalize: unsafe characters escaped, escapes already there kept
    return quote(url, safe="!#$%&'()*+,/:;=?@[]~")


def _relative(value: object, settings: Mapping) -> str | None:
    if value is None or is_undefined(value):
        return None
    if isinstance(value, Mapping) and "url" in value:
        value = value["url"]
    url = text(value)
    if _is_absolute(url):
        return url
    baseurl = text(settings.get("baseurl")).rstrip("/")
    return _normalized(_leading_slash(baseurl) + _leading_slash(url))


@with_environment
def relative_url(value: object, *, environment) -> str | None:
    """``/about/`` → ``/blog/about/`` with ``baseurl: /blog``."""
    return _relative(value, environment.site.settings)


@with_environment
def absolute_url(value: object, *, environment) -> str | None:
    """``/about/`` → ``https://example.org/blog/about/``; without a site ``url``, as ``relative_url``."""
    settings = environment.site.settings
    relative = _relative(value, settings)
    site_url = text(settings.get("url"))
    if relative is None or not site_url or _is_absolute(relative):
        return relative
    return _normalized(site_url) + (relative or "/")


FILTERS = MappingProxyType({"relative_url": relative_url, "absolute_url": absolute_url})
