"""A post's Liquid, rendered as Jekyll 4 renders it, before its Markdown is read.

Like Jekyll, the whole body is rendered, code blocks and code spans too:
``{% raw %}`` is how a post shows Liquid syntax as text.  With
``render_with_liquid: false`` in its front matter, a post is left as it is.

Line numbers.  Every problem Liquid finds is located at its line in the
post (for an error inside an included file: at the ``{% include %}`` line,
with the file and its own line in the message).  Text the engine does not
touch stays on its line as long as the Liquid before it gives as many lines
as it takes: an output, a ``link``, or a ``highlight`` block does.  A tag
whose output has more or fewer lines than its source (a ``for`` loop, a
``comment``, an ``include``, a multi-line ``if``) moves what follows by the
difference, as it does in Jekyll; warnings found later, in the Markdown,
are located at the line of the rendered text, so after such a tag they
point that many lines off.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..problems import Problem
from .drops import page_variables, site_variables
from .inputs import Links, PageInput, SiteInput

__all__ = ["Links", "PageInput", "RenderedPost", "SiteInput", "page_variables", "render_post"]


class RenderedPost(NamedTuple):
    text: str
    #: located from the ``first_line`` given, in the post's order
    problems: list[Problem]
    #: the site files the render read, or looked for in vain (includes, data files)
    files: frozenset[Path] = frozenset()


def render_post(body: str, first_line: int, page: PageInput, site: SiteInput, links: Links) -> RenderedPost:
    """The body with its Liquid rendered, what went wrong, and the site files it took."""
    if page.variables.get("render_with_liquid") is False or ("{%" not in body and "{{" not in body):
        return RenderedPost(body, [])
    # python-liquid takes a tenth of a second to import: a build of posts
    # without Liquid, such as most edits in the live preview, never pays it
    from liquid.exceptions import LiquidError

    from .environment import JekyllEnvironment
    from .located import Collector

    collector = Collector(body, first_line)
    env = JekyllEnvironment(site, page, links, collector)
    try:
        template = env.from_string(body)
    except LiquidError as error:
        # only an unreadable template (an unclosed "{{" or "{%") stops the parser: keep the text
        collector.add(error)
        return RenderedPost(body, collector.problems)
    rendered = template.render(site=site_variables(site, collector.read, page.path), page=page.variables)
    # parse errors are found before render errors: in the post's order, they read better
    return RenderedPost(rendered, sorted(collector.problems, key=lambda problem: problem.line),
                        frozenset(collector.files))
