"""The URLs of HTML written in a post, and the same HTML with some of them changed.

kramdown copies HTML blocks and tags as they are written, so their links and
images keep the site-absolute paths of the Jekyll site (``/images/a.png``,
``/2020/01/02/post.html``).  These are the attributes that hold such a URL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

#: a tag's URL attribute (``srcset``: several), with its value quoted or not
_ATTRIBUTE = re.compile(r"""(?P<before>\s(?P<name>href|src|poster|srcset)\s*=\s*)"""
                        r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""", re.IGNORECASE)
#: a tag, whose attributes are read (not the text between tags, nor comments)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
#: a tag with such an attribute; the others, most of a page's tags (its code's spans), are
#: passed by without a call for each
_URL_TAG = re.compile(r"<[A-Za-z][^<>]*?\s(?:href|src|poster|srcset)\s*=[^<>]*>", re.IGNORECASE)


def _each_url(value: str, name: str) -> list[tuple[int, int]]:
    """Where the URLs are in an attribute's value: one, or each of a ``srcset``'s candidates."""
    if name != "srcset":
        return [(0, len(value))] if value.strip() else []
    spans = []
    for candidate in re.finditer(r"[^,]+", value):
        url = re.match(r"\s*(\S+)", candidate[0])
        if url:
            spans.append((candidate.start() + url.start(1), candidate.start() + url.end(1)))
    return spans


def _value(attribute: re.Match) -> str:
    return next(v for v in (attribute["dq"], attribute["sq"], attribute["bare"]) if v is not None)


def html_urls(text: str) -> list[str]:
    """The URLs the tags of ``text`` link to or load, as written (entities decoded)."""
    found = []
    for tag in _URL_TAG.finditer(text):
        for attribute in _ATTRIBUTE.finditer(tag[0]):
            value = _value(attribute)
            spans = _each_url(value, attribute["name"].lower())
            found += [html.unescape(value[start:end]) for start, end in spans]
    return found


def replace_urls(text: str, new_url: Callable[[str], str | None]) -> str:
    """``text`` with each URL of its tags that ``new_url`` gives another for replaced by it.

    A changed attribute is written in double quotes, as the page's own are."""
    def attribute(match: re.Match) -> str:
        value = _value(match)
        parts, last = [], 0
        for start, end in _each_url(value, match["name"].lower()):
            replacement = new_url(html.unescape(value[start:end]))
            if replacement is not None:
                parts += [html.unescape(value[last:start]), replacement]
                last = end
        if not parts:
            return match[0]
        return f'{match["before"]}"{html.escape("".join(parts) + html.unescape(value[last:]))}"'

    return _URL_TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag[0]), text)


#: an ``id`` or ``name`` attribute of a tag, which a ``#fragment`` link may lead to
_ANCHOR = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def html_anchors(text: str) -> set[str]:
    """The anchors the tags of ``text`` set (``<a name="cache">``, ``<h3 id="x">``)."""
    return {html.unescape(next(v for v in found.groups() if v is not None))
            for tag in _TAG.finditer(text) for found in _ANCHOR.finditer(tag[0])}
