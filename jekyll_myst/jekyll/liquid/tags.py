"""Jekyll's own tags, except the includes: ``highlight``, ``link``, ``post_url``.

Also the answers for tags Jekyll does not know: an unclosed ``{% raw %}``
and any unknown name are errors with a message that says what to do.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TextIO

from liquid import RenderContext
from liquid.ast import BlockNode, Node
from liquid.builtin.illegal import Illegal
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_CONTENT, TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from ..code_fences import LINE_NUMBERS, NO_LINE_NUMBERS, fence_for
from .markup import Interpolated

#: Jekyll's own check of the highlight tag's markup: a language, then options
_HIGHLIGHT = re.compile(r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$')
#: what Jekyll strips from the code before highlighting it
_EDGE_NEWLINES = re.compile(r"\A(?:\r\n|\n)+|(?:\r\n|\n)+\Z")
#: the tags of plugin gems that sites list and this project does not follow, to name them
_GEM_TAGS = {
    "jekyll-twitter-plugin": ("twitter",),
    "jekyll-mermaid": ("mermaid",),
    "jekyll-diagrams": ("blockdiag", "erd", "graphviz", "mermaid", "nomnoml", "plantuml", "svgbob",
                        "syntrax", "vega", "vegalite", "wavedrom"),
    "jekyll-scholar": ("bibliography", "bibliography_count", "cite", "cite_details", "citation",
                       "details_link", "quote", "reference"),
    "jekyll-katex": ("katex",),
    "jekyll-avatar": ("avatar",),
    "jekyll-octicons": ("octicon",),
    "jekyll_picture_tag": ("picture",),
    "jekyll-jupyter-notebook": ("jupyter_notebook",),
    "jekyll-spotify": ("spotify",),
    "jekyll-youtube": ("youtube",),
}
#: tags that are only valid inside a block: out of it, they are misplaced, not unknown
_INNER_TAGS = frozenset({"else", "elsif", "when", "break", "continue"})


class BodyNode(Node):
    """A block tag whose output is its body, rendered, then written over by ``write``,
    which gives the output and, if any, a problem to report after writing it."""

    __slots__ = ("block", "write")

    def __init__(self, token: Token, block: BlockNode,
                 write: Callable[[str], tuple[str, str | None]]) -> None:
        super().__init__(token)
        self.block = block
        self.write = write
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = context.get_buffer(buffer)
        self.block.render(context, inner)
        output, problem = self.write(inner.getvalue())
        written = buffer.write(output)
        if problem is not None:
            raise LiquidError(problem, token=self.token)
        return written


def _fenced(language: str, line_numbers: bool, breaks: tuple[str, str], body: str) -> tuple[str, None]:
    """The highlight tag's code as a fence, ``breaks`` around it where text shares a line
    with a tag."""
    code = _EDGE_NEWLINES.sub("", body)
    fence = fence_for(code)
    info = f"{language} {LINE_NUMBERS if line_numbers else NO_LINE_NUMBERS}"
    before, after = breaks
    return f"{before}{fence}{info}\n{code}\n{fence}{after}", None


class HighlightTag(Tag):
    """``{% highlight lang [linenos] %}``: a fenced code block in that language.

    Jekyll renders Liquid inside the block, then strips the newlines at its
    edges.  ``linenos`` (whatever its value, as Jekyll reads it) numbers the
    lines; Jekyll 4.3 does nothing with the other options.
    """

    name = "highlight"
    end = "endhighlight"

    def parse(self, stream: TokenStream) -> Node:
        before, _ = line_start(stream)
        token = stream.eat(TOKEN_TAG)
        markup = stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        match = _HIGHLIGHT.match(markup)
        if match is None:
            raise LiquidSyntaxError(f"{{% highlight {markup} %}}: give a language, as in "
                                    "{% highlight ruby %} or {% highlight ruby linenos %}", token=token)
        block = get_parser(self.env).parse_block(stream, (self.end, TOKEN_EOF))
        if stream.current.kind != TOKEN_TAG or stream.current.value != self.end:
            # reported, and the rest of the post kept as text rather than lost
            self.env.error(LiquidSyntaxError("{% highlight %} is not closed: add {% endhighlight %}",
                                             token=token))
            return block
        options = re.findall(r'(\w+)(?:=(?:\w+|"[^"]*"))?', match[2])
        breaks = ("\n" if before else "", "\n" if text_after(stream) else "")
        return BodyNode(token, block, functools.partial(_fenced, match[1], LINE_NUMBERS in options, breaks))


def line_start(stream: TokenStream) -> tuple[bool, str]:
    """Whether text comes before the current tag on its line (``If you {% highlight ruby %}``),
    and else the spaces before it.

    Jekyll's block of code then ends the paragraph the text starts, as an HTML
    block does; a fence does so only at the start of a line.
    """
    before = stream.tokens[stream.pos - 1] if stream.pos else None
    if before is None or before.kind != TOKEN_CONTENT:
        return False, ""
    line = before.value.rpartition("\n")[2]
    return (True, "") if line.strip(" \t") else (False, line)


def text_after(stream: TokenStream) -> bool:
    """Whether text follows the end tag on its line: a fence closes only on a line of its own."""
    after = stream.peek
    return after.kind not in (TOKEN_CONTENT, TOKEN_EOF) or (
        after.kind == TOKEN_CONTENT and re.match(r"[ \t]*(\r?\n|\Z)", after.value) is None)


class LinkNode(Node):
    __slots__ = ("target", "resolve", "missing")

    def __init__(self, token: Token, target: Interpolated, resolve, missing: str) -> None:
        super().__init__(token)
        self.target = target
        self.resolve = resolve
        self.missing = missing
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        target = self.target.render(context).strip()
        url = self.resolve(target)
        if url is None:
            raise LiquidError(f"{{% {self.token.value} {target} %}}: {self.missing}", token=self.token)
        return buffer.write(url)


class _ResolvingTag(Tag):
    block = False
    #: which of the caller's :class:`~.inputs.Links` resolves the target
    resolver = ""
    missing = ""

    def parse(self, stream: TokenStream) -> Node:
        if stream.peek.kind != TOKEN_EXPRESSION:
            # raised on the tag itself: the parser steps over the tag, not the text after it
            raise LiquidSyntaxError(f"{{% {self.name} %}} needs a target", token=stream.current)
        token = stream.eat(TOKEN_TAG)
        target = Interpolated.parse(self.env, stream.current)
        return LinkNode(token, target, getattr(self.env.links, self.resolver), self.missing)


class LinkTag(_ResolvingTag):
    """``{% link path %}``: the URL of a file of the site."""

    name = "link"
    resolver = "link"
    missing = "no such file in the site"


class PostUrlTag(_ResolvingTag):
    """``{% post_url name %}``: the URL of a post, by its file name without extension."""

    name = "post_url"
    resolver = "post_url"
    missing = "no post of that name"


class UnclosedRawTag(Tag):
    """The lexer takes every closed ``{% raw %}`` itself: a raw tag that reaches the parser is open."""

    name = "raw"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        raise LiquidSyntaxError("{% raw %} is not closed: add {% endraw %}", token=stream.current)


class UnknownTag(Illegal):
    """A tag name Jekyll does not know, or a block's inner tag out of its block."""

    def parse(self, stream: TokenStream) -> Node:
        token = stream.current
        if token.value.startswith("end") and token.value[3:] in self.env.unknown_tags:
            # the end of a block whose unknown start was reported: once is enough
            if stream.peek.kind == TOKEN_EXPRESSION:
                next(stream)
            return BlockNode(token, [])
        if token.value in self.env.tags or token.value in _INNER_TAGS or token.value.startswith("end"):
            return super().parse(stream)
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
        self.env.unknown_tags.add(token.value)
        plugin = self.env.site.local_tags.get(token.value)
        if plugin is not None:
            raise LiquidSyntaxError(f"Liquid tag '{token.value}' is the site's own plugin's ({plugin}), "
                                    "which is not run here: write what it wrote instead, in Markdown or "
                                    "HTML", token=token)
        listed = self.env.site.settings.get("plugins")
        gem = next((gem for gem in listed if token.value in _GEM_TAGS.get(gem, ())), None) \
            if isinstance(listed, list) else None
        if gem is not None:
            raise LiquidSyntaxError(f"Liquid tag '{token.value}' is the {gem} plugin's, which is not run "
                                    "here: write what it wrote instead, in Markdown or HTML", token=token)
        raise LiquidSyntaxError(f"Liquid tag '{token.value}' is not one of Jekyll's: remove it, or "
                                "wrap literal text in {% raw %}...{% endraw %}", token=token)
