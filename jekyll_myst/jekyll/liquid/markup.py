"""Tag arguments that are text with ``{{ variables }}`` in it, as Jekyll reads them.

``{% include {{ page.kind }}.html %}``, ``{% link {{ page.doc }} %}``: Jekyll
renders such an argument as a small template of its own before using it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from liquid import Environment, RenderContext
from liquid.builtin.expressions import FilteredExpression, tokenize
from liquid.stream import TokenStream
from liquid.stringify import to_liquid_string
from liquid.token import TOKEN_EXPRESSION, Token

_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)


def expression(env: Environment, text: str, start: int, source: str):
    """``text``, found at ``start`` in ``source``, parsed as an output expression.

    Errors carry the position in ``source``, so they are located at the right line.
    """
    token = Token(TOKEN_EXPRESSION, text, start_index=start, source=source)
    return FilteredExpression.parse(env, TokenStream(tokenize(text, parent_token=token)))


class Interpolated:
    """Literal text and ``{{ expressions }}``, rendered to one string."""

    def __init__(self, parts: Sequence[object]) -> None:
        self.parts = parts

    @classmethod
    def parse(cls, env: Environment, token: Token) -> Interpolated:
        parts: list[object] = []
        pos = 0
        for match in _OUTPUT.finditer(token.value):
            parts.append(token.value[pos:match.start()])
            parts.append(expression(env, match[1], token.start_index + match.start(1), token.source))
            pos = match.end()
        parts.append(token.value[pos:])
        return cls([part for part in parts if part != ""])

    def render(self, context: RenderContext) -> str:
        return "".join(part if isinstance(part, str)
                       else to_liquid_string(part.evaluate(context), autoescape=False)
                       for part in self.parts)
