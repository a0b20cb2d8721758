"""``{% gist id [file] %}``, the tag of the jekyll-gist plugin, for sites that list it.

Jekyll writes the gist's ``<script>``, which shows the gist in the browser,
and before it a ``<noscript>`` holding the gist's code, fetched from GitHub
at build time.  The build here reads nothing from the network, so the
``<noscript>`` links to the gist instead; ``gist: noscript: false`` leaves it
out, as it does in Jekyll.
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from liquid import RenderContext
from liquid.ast import Node
from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

#: the plugin's name in ``plugins:``
PLUGIN = "jekyll-gist"
#: jekyll-gist's reading of its markup: the gist (``user/id`` or ``id``), then a file name
_ARGUMENTS = re.compile(r"\A(\S+|.*(?=/).+)\s?(\S*)\Z")


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
        match = _ARGUMENTS.match(stream.peek.value.strip()) if stream.peek.kind == TOKEN_EXPRESSION else None
        if match is None:
            # raised on the tag itself: the parser steps over the tag, not the text after it
            raise LiquidSyntaxError("{% gist %} needs a gist: {% gist user/1234567 %} or "
                                    "{% gist user/1234567 file.rb %}", token=stream.current)
        token = stream.eat(TOKEN_TAG)
        settings = self.env.site.settings.get("gist")
        noscript = not (isinstance(settings, dict) and settings.get("noscript") is False)
        return GistNode(token, match[1].strip(), match[2].strip(), noscript)
