"""Values written out as Jekyll's Ruby Liquid writes them.

Liquid 4 writes an array as its items joined, nested arrays too, and any
other value with Ruby's ``to_s``: a mapping (``{{ site.data.team | last }}``)
as Ruby inspects a hash, ``{"name"=>"Ann"}``.  python-liquid would write
Python's ``{'name': 'Ann'}``, and a post of ``site.posts`` as a Python
object, its memory address and all.  Jekyll writes a post as its whole
content, or the page it became: here that is reported and left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from liquid import RenderContext
from liquid.builtin.output import Output, OutputNode
from liquid.exceptions import LiquidError
from liquid.token import Token

from .lazy import PostPage, PostWithExcerpt
from .text_filters import text


def ruby_string(value: object, context: RenderContext, token: Token) -> str:
    """``value`` as Liquid 4 writes it out: an array's items joined, any other value as
    Ruby's ``to_s`` gives it (:func:`.text_filters.text`)."""
    if isinstance(value, Sequence) and not isinstance(value, str | range):
        if any(_is_post(item) for item in value):  # site.posts: one warning, not one a post
            _written_whole(context, token)
        return "".join(ruby_string(item, context, token) for item in value if not _is_post(item))
    if _is_post(value):
        _written_whole(context, token)
        return ""
    return text(value)


def _is_post(value: object) -> bool:
    # a post of site.posts whose excerpt needs no rendering is a plain mapping
    return isinstance(value, PostWithExcerpt | PostPage) or (
        isinstance(value, dict) and value.get("collection") == "posts" and "url" in value)


def _written_whole(context: RenderContext, token: Token) -> None:
    context.env.error(LiquidError(
        "a post is written out whole here: Jekyll writes its content, or its whole page; "
        "write one of its variables instead ({{ post.title }}, {{ post.url }})", token=token))


class _RubyOutputNode(OutputNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(ruby_string(self.expression.evaluate(context), context, self.token))


class RubyOutput(Output):
    """``{{ ... }}``, written out as Ruby's Liquid writes it."""

    node_class = _RubyOutputNode
