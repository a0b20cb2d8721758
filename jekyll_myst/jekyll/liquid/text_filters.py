"""Jekyll's filters on text and values: escaping, slugs, typography, JSON, counts.

``markdownify`` gives its Markdown back unchanged: the post's Markdown,
this text included, is rendered after Liquid, so rendering it here too
would render it twice.  ``smartify`` gives characters (“ ” ‘ ’ – — …), and
leaves ``&`` and ``<`` to the Markdown renderer, which escapes them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from urllib.parse import quote, quote_plus

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_environment
from liquid.limits import to_int
from liquid.undefined import is_undefined

from ..dates import ruby_time_text
from ..smartypants import smarten

_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEPT = set("._~!$&'()+,;=@")
# what I18n.transliterate gives for Latin letters that are not a letter plus accents
_LATIN = MappingProxyType({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                           "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d",
                           "Ð": "D"})
_CJK = r"\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"


def text(value: object) -> str:
    """A value as Ruby's ``to_s`` gives it: nil and undefined are empty, a range ``1..3``,
    a hash or an array (the site's lazily read ones too) as Ruby inspects it."""
    if value is None or is_undefined(value):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    if isinstance(value, Mapping) or (isinstance(value, Sequence) and not isinstance(value, str)):
        return ruby_inspect(value)
    return str(value)


def xml_escape(value: object) -> str:
    """``&``, ``<``, ``>`` and ``"`` as entities (Ruby's ``encode(xml: :attr)``)."""
    return (text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def cgi_escape(value: object) -> str:
    """For a query string: ``foo, bar;baz?`` → ``foo%2C+bar%3Bbaz%3F``."""
    return quote_plus(text(value), safe="~")


def uri_escape(value: object) -> str:
    """For a URI, reserved characters kept: ``foo, bar \\baz?`` → ``foo,%20bar%20%5Cbaz?``."""
    return quote(text(value), safe="!#$%&'()*+,/:;=?@[]~")


def _kept(char: str, mode: str) -> bool:
    if mode == "raw":
        return not char.isspace()
    if mode == "ascii":
        return char.isascii() and char.isalnum()
    category = unicodedata.category(char)
    if category[0] in "LM" or category == "Nd":
        return True
    return mode == "pretty" and char in _PRETTY_KEPT


def slugify(value: object, mode: object = "default") -> str:
    """Jekyll's ``slugify``: runs of characters the mode does not keep become one hyphen.

    ``none`` (or any unknown mode) only lowercases; ``latin`` first drops
    accents from Latin letters, and turns other letters to ``?``.
    """
    string = text(value)
    mode = "default" if mode is None or is_undefined(mode) else str(mode)
    if mode not in _SLUG_MODES:
        return string.lower()
    if mode == "latin":
        string = "".join(_LATIN.get(char) or _transliterated(char) for char in string)
    slug = []
    for char in string:
        if _kept(char, "default" if mode == "latin" else mode):
            slug.append(char)
        elif not slug or slug[-1] != "-":
            slug.append("-")
    return re.sub(r"^-|-$", "", "".join(slug)).lower()


def _transliterated(char: str) -> str:
    if char.isascii():
        return char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base.isascii() and base else "?"


@with_environment
def markdownify(value: object, *, environment) -> str:
    """kramdown's HTML, paragraphs and all, as Jekyll's: Minimal Mistakes' figure include
    writes a caption's into its ``<figcaption>``, where nothing reads Markdown after it."""
    convert = environment.site.markdown
    return convert(text(value)) if convert else text(value)


def smartify(value: object) -> str:
    """Typographic quotes, dashes, ellipses and guillemets, as kramdown's SmartyPants gives them."""
    return smarten(text(value))


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(item) for item in value]
    if is_undefined(value):
        return None
    if isinstance(value, dt.datetime):
        return ruby_time_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def jsonify(value: object) -> str:
    """Compact JSON, non-ASCII kept, as Ruby's ``to_json`` writes it."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"), default=str)


def number_of_words(value: object, mode: object = None) -> int:
    """Words separated by white space; with ``"cjk"`` (or ``"auto"`` when there is CJK text),
    each Chinese, Japanese or Korean character counts as a word."""
    string = text(value)
    cjk = len(re.findall(f"[{_CJK}]", string))
    if mode == "cjk" or (mode == "auto" and cjk):
        return cjk + len(re.findall(rf"[^{_CJK}\s]+", string))
    return len(string.split())


def truncate(value: object, length: object = 50, ending: object = "...") -> str:
    """Liquid 4's: the text cut to ``length`` characters, ``ending`` included; a text of
    ``length`` characters or fewer whole (python-liquid 2.3 cuts one of exactly ``length``)."""
    string, ending = text(value), text(ending)
    try:
        limit = to_int(length)
    except ValueError as err:
        raise FilterArgumentError(f"truncate expected a number, found {text(length)!r}", token=None) from err
    if len(string) <= limit:
        return string
    return string[:max(limit - len(ending), 0)] + ending


def normalize_whitespace(value: object) -> str:
    return re.sub(r"\s+", " ", text(value)).strip()


def array_to_sentence_string(value: object, connector: object = "and") -> str:
    """``a, b, and c``; ``a and b`` for two."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        return text(value)
    items = [text(item) for item in value]
    connector = text(connector)
    if len(items) < 2:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {connector} {items[1]}"
    return f"{', '.join(items[:-1])}, {connector} {items[-1]}"


def ruby_inspect(value: object) -> str:
    """Ruby's ``inspect`` of a value read from YAML, JSON or front matter."""
    if value is None or is_undefined(value):
        return "nil"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{ruby_inspect(k)}=>{ruby_inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(ruby_inspect(item) for item in value) + "]"
    if isinstance(value, dt.datetime):
        return ruby_time_text(value)
    return str(value)


def inspect(value: object) -> str:
    """The value as Ruby's ``inspect`` writes it, XML-escaped: ``["a", 1]`` → ``[&quot;a&quot;, 1]``."""
    return xml_escape(ruby_inspect(value))


def to_integer(value: object) -> int:
    """Ruby's ``to_i``: the leading digits of text (0 if none), true as 1, false as 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    if value is None or is_undefined(value):
        return 0
    if isinstance(value, str):
        match = re.match(r"\s*([-+]?\d+)", value.replace("_", ""))
        return int(match[1]) if match else 0
    raise FilterArgumentError(f"to_integer: {ruby_inspect(value)} is not a number", token=None)


FILTERS = MappingProxyType({
    "xml_escape": xml_escape,
    "cgi_escape": cgi_escape,
    "uri_escape": uri_escape,
    "slugify": slugify,
    "markdownify": markdownify,
    "smartify": smartify,
    "jsonify": jsonify,
    "number_of_words": number_of_words,
    "normalize_whitespace": normalize_whitespace,
    "array_to_sentence_string": array_to_sentence_string,
    "inspect": inspect,
    "truncate": truncate,
    "to_integer": to_integer,
})
