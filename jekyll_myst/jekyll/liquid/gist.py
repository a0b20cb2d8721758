"""``{% gist id [file] %}``, the tag of the jekyll-gist plugin, for sites that list it.

Jekyll writes the gist's ``<script>``, which shows the gist in the browser,
and before it a ``<noscript>`` holding the gist's code, fetched from GitHub
at build time.  The build here reads nothing from the network, so the
``<noscript>`` links to the gist instead; ``gist: noscript: false`` leaves it
out, as it does in Jekyll.
"""

from __future__ import annotations

import html
from typing import TextIO

from liquid import RenderContext
from liquid.ast import Node
from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

#: the plugin's name in ``plugins:``
PLUGIN = "jekyll-gist"


def gist_html(gist: str, file: str, noscript: bool) -> str:
    """What the tag writes, on one line: a Markdown HTML block that ends with it."""
    url = f"https://gist.github.com/{gist}"
    script = url + ".js" + (f"?file={file}" if file else "")
    tag = f'<script src="{html.escape(script)}"> </script>'
    if not noscript:
        return tag
    name = f"{gist} ({file})" if file else gist
    # the script first: a line that starts with it is one HTML block, up to its end
    return f'{tag}<noscript><a href="{html.escape(url)}">{html.escape(name)}</a></noscript>'


class GistNode(Node):
    __slots__ = ("gist", "file", "noscript")

    def __init__(self, token: Token, gist: str, file: str, noscript: bool) -> None:
        super().__init__(token)
        self.gist = gist
        self.file = file
        self.noscript = noscript
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        # as jekyll-gist: a word that names a variable is that variable's value
        gist = str(context.resolve(self.gist, default=self.gist))
        file = str(context.resolve(self.file, default=self.file)) if self.file else ""
        return buffer.write(gist_html(gist, file, self.noscript))


class GistTag(Tag):
    name = "gist"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        # the gist (``user/id`` or ``id``), then, optionally, one of its files
        words = stream.peek.value.split() if stream.peek.kind == TOKEN_EXPRESSION else []
        if len(words) not in (1, 2):
            # raised on the tag itself: the parser steps over the tag, not the text after it
            raise LiquidSyntaxError("{% gist %} takes a gist and a file name at most: {% gist user/1234567 %}"
                                    " or {% gist user/1234567 file.rb %}", token=stream.current)
        token = stream.eat(TOKEN_TAG)
        settings = self.env.site.settings.get("gist")
        noscript = not (isinstance(settings, dict) and settings.get("noscript") is False)
        return GistNode(token, words[0], words[1] if len(words) == 2 else "", noscript)
