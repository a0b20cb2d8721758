"""A post's ``excerpt`` as Jekyll 4 gives it to Liquid (``post.excerpt`` in a
``site.posts`` loop): the Markdown before the ``excerpt_separator``, its
Liquid rendered, converted to HTML.

A front matter ``excerpt`` is not this: Jekyll gives it as written.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from . import emoji
from .kramdown.blocks import kramdown_block_plugin
from .kramdown.extensions import kramdown_extensions_plugin
from .kramdown.ids import HeaderIds, id_text
from .kramdown.inline import kramdown_inline_plugin
from .kramdown.lines import as_commonmark
from .permalinks import UNSAFE_SCHEME
from .site import BlogSource, KramdownOptions

_LIQUID_TAG = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.DOTALL)
#: Liquid's and Jekyll's block tags: the ones an excerpt may leave open
_BLOCKS = frozenset({"if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "highlight"})
_LINK_DEFINITION = re.compile(r"^ {0,3}(\[[^\]]+\])(:.+)$", re.MULTILINE)


def excerpt_source(content: str, separator: str) -> str | None:
    """The Markdown of the excerpt (Jekyll's ``Excerpt#extract_excerpt``): the
    content before the separator, with the block tags it leaves open closed and
    the link definitions it uses from after it; None when the separator is empty."""
    if not separator:
        return None
    head, _found, tail = content.partition(separator)
    if not tail:
        return head
    if "{%" in head:
        for name in reversed(_LIQUID_TAG.findall(head)):
            if name in _BLOCKS and not re.search(r"{%-?\s*end" + name + r".*?\s*-?%}", head, re.DOTALL):
                head += "\n{% end" + name + " %}"
    definitions = ["".join(parts) for parts in _LINK_DEFINITION.findall(tail) if parts[0] in head]
    return head + "\n\n" + "\n".join(definitions) if definitions else head


def markdown_to_html(blog: BlogSource,
                     plugins: Sequence[Callable[[MarkdownIt], None]] = ()) -> Callable[[str], str]:
    """kramdown's HTML of a short piece of Markdown, as the excerpt's converter gives it;
    ``plugins`` add what kramdown does that the caller knows how to do (its typography)."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.validateLink = lambda url: True
    md.use(kramdown_block_plugin, parse_block_html=blog.kramdown.parse_block_html)
    md.use(kramdown_extensions_plugin)
    md.use(kramdown_inline_plugin, mentions_base=blog.mentions_base,
           emoji_lookup=emoji.character if blog.emoji_enabled else None)
    md.core.ruler.push("drop_unsafe_links", _drop_unsafe_links)
    for plugin in plugins:
        md.use(plugin)
    if blog.kramdown.auto_ids:
        md.core.ruler.push("kramdown_auto_ids", functools.partial(_auto_ids, blog.kramdown))
    return lambda text: md.render(as_commonmark(text))


def _auto_ids(settings: KramdownOptions, state: StateCore) -> None:
    # each conversion is a document of its own to kramdown: its ids count from the first
    ids = HeaderIds(prefix=settings.auto_id_prefix, gfm=settings.gfm)
    for heading, inline in itertools.pairwise(state.tokens):
        if heading.type == "heading_open" and not heading.attrGet("id"):
            generated = ids.generate(id_text(inline.content, inline.children,
                                             settings.gfm, settings.auto_id_stripping))
            if generated:
                heading.attrSet("id", generated)


def _drop_unsafe_links(state: StateCore) -> None:
    # the excerpt lands in another post's page: its links are refused as that post's are
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "link_open" and UNSAFE_SCHEME.match(str(token.attrGet("href") or "")):
                del token.attrs["href"]
