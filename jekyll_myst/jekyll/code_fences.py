"""The fences that Jekyll's code tags become (``{% highlight %}``, Octopress's
``codeblock`` and backtick blocks): written by the Liquid layer, read by the
Markdown layer and by the renderer, so here, apart from both."""

from __future__ import annotations

import re

#: the word after the language of a fence that shows line numbers: what
#: ``{% highlight lang linenos %}`` becomes (kramdown reads no fence with one)
LINE_NUMBERS = "linenos"
#: ... and the word that says it has none: the tag's numbering is its own, not the
#: site's ``line_numbers`` for kramdown's code blocks
NO_LINE_NUMBERS = "nolinenos"

#: such a fence, code and all, on lines of its own
TAG_FENCE = re.compile(rf"^[ \t]*(?P<fence>`{{3,}})(?P<info>\S+ (?:{LINE_NUMBERS}|{NO_LINE_NUMBERS}))\n"
                       r"(?P<code>.*?)^[ \t]*(?P=fence)[ \t]*(?:\n|\Z)", re.M | re.S)


def fence_for(code: str) -> str:
    """A fence longer than any run of backticks in the code, so the code cannot close it."""
    return "`" * (max((len(run) for run in re.findall(r"`{3,}", code)), default=2) + 1)
