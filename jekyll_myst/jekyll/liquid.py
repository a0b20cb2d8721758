"""The Liquid that Jekyll posts use, rendered ahead of Markdown parsing.

Line numbers are kept (every replacement has as many newlines as what it
replaces) so that later warnings point at the author's line.  Code blocks
are left untouched: the caller passes the lines that code occupies.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Container
from typing import Any

from .problems import Problem

_MARKUP = re.compile(r"\{%-?\s*(?P<tag>\w+)(?P<args>.*?)-?%\}|\{\{-?\s*(?P<expr>.*?)\s*-?\}\}", re.S)
_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)", re.S)
_BLOCK_ENDS = {"raw": "endraw", "comment": "endcomment", "highlight": "endhighlight"}


@dataclasses.dataclass
class LiquidContext:
    """What Liquid in a post can refer to."""

    site: dict[str, Any]
    page: dict[str, Any]
    #: ``{% link path %}``: the site URL of a file of the site, or None.
    link: Callable[[str], str | None]
    #: ``{% post_url name %}``: the URL of a post, or None.
    post_url: Callable[[str], str | None]


def render_liquid(text: str, first_line: int, code_lines: Container[int],
                  context: LiquidContext) -> tuple[str, list[Problem]]:
    """Render the supported Liquid in ``text``; report everything else."""
    problems: list[Problem] = []
    out: list[str] = []
    pos = 0
    protected = _protected_spans(text, code_lines)
    for match in _MARKUP.finditer(text):
        if match.start() < pos or _inside(match.start(), protected):
            continue
        line = first_line + text.count("\n", 0, match.start())
        out.append(text[pos:match.start()])
        pos = match.end()
        if match["expr"] is not None:
            out.append(_output(match["expr"], line, context, problems))
            continue
        tag, args = match["tag"], match["args"].strip()
        if tag in _BLOCK_ENDS:
            closing = re.compile(r"\{%-?\s*" + _BLOCK_ENDS[tag] + r"\s*-?%\}")
            end = closing.search(text, match.end())
            if end is None:
                problems.append(Problem(
                    "liquid", f"{{% {tag} %}} is not closed: add {{% {_BLOCK_ENDS[tag]} %}}", line))
                out.append("\n" * match.group(0).count("\n"))
                continue
            body = text[match.end():end.start()]
            pos = end.end()
            out.append(_block(tag, args, body, line, problems))
            continue
        out.append(_tag(tag, args, match.group(0), line, context, problems))
    out.append(text[pos:])
    return "".join(out), problems


def _protected_spans(text: str, code_lines: Container[int]) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if number in code_lines:
            spans.append((offset, offset + len(line) + 1))
        offset += len(line) + 1
    for match in _CODE_SPAN.finditer(text):
        if "\n\n" not in match.group(0):
            spans.append(match.span())
    return spans


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= index < end for start, end in spans)


def _block(tag: str, args: str, body: str, line: int, problems: list[Problem]) -> str:
    if tag == "raw":
        return body
    if tag == "comment":
        return "\n" * body.count("\n")
    language = args.split()[0] if args.split() else ""
    fence = "`" * max([3, *(len(m) + 1 for m in re.findall(r"`{3,}", body))])
    code = body.strip("\n")
    lead = body[:len(body) - len(body.lstrip("\n"))].count("\n")
    trail = body[len(body.rstrip("\n")):].count("\n")
    return f"{fence}{language}" + "\n" * max(lead, 1) + code + "\n" * max(trail, 1) + fence


def _tag(tag: str, args: str, source: str, line: int, context: LiquidContext,
         problems: list[Problem]) -> str:
    keep_lines = "\n" * source.count("\n")
    target = args.strip().strip("'\"")
    resolvers = {"link": (context.link, "no such file in the site"),
                 "post_url": (context.post_url, "no post of that name")}
    if tag in resolvers:
        resolve, missing = resolvers[tag]
        url = resolve(target)
        if url is None:
            problems.append(Problem("liquid", f"{{% {tag} {target} %}}: {missing}", line))
            return keep_lines
        return url
    if tag == "include":
        problems.append(Problem("liquid", f"{{% include {target} %}} is not supported: "
                                "paste the included content into the post", line))
        return keep_lines
    problems.append(Problem("liquid", f"Liquid tag '{tag}' is not supported: remove it, or wrap "
                            "literal text in {% raw %}...{% endraw %}", line))
    return keep_lines


def _output(expr: str, line: int, context: LiquidContext, problems: list[Problem]) -> str:
    name = expr.split("|")[0].strip()
    scope, _, key = name.partition(".")
    values = {"site": context.site, "page": context.page}.get(scope)
    if values is not None and key in values and isinstance(values[key], str | int | float):
        return str(values[key])
    problems.append(Problem("liquid", f"Liquid output '{{{{ {expr} }}}}' is not supported: only "
                            "site.* and page.* text values are; wrap literal braces in "
                            "{% raw %}...{% endraw %}", line))
    return ""
