"""kramdown's ``{:toc}``: a local table of contents of the page's headings.

The renderer leaves a :class:`local_toc` placeholder where the marked list
stood; once the whole page is read it becomes a nested list of links to
the headings in ``toc_levels``, less those marked ``.no_toc``.
"""

from __future__ import annotations

from docutils import nodes

#: furo paints an error over any ``.contents`` without this class: its sidebar
#: has the page's headings already.  A post's ``{:toc}`` is what its author
#: wrote, shown as Jekyll showed it, so the post keeps it.
FURO_ALLOWS_TOC = "this-will-duplicate-information-and-it-is-still-useful-here"


class local_toc(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Where ``{:toc}`` stood; replaced once all headings are known."""


def fill_local_tocs(document: nodes.document, section: nodes.section, levels: tuple[int, ...]) -> None:
    for placeholder in list(document.findall(local_toc)):
        placeholder.replace_self(_table_of_contents(section, placeholder, levels))


def _table_of_contents(section: nodes.section, placeholder: local_toc,
                       levels: tuple[int, ...]) -> nodes.topic:
    root = nodes.bullet_list()
    stack: list[tuple[int, nodes.bullet_list]] = [(0, root)]
    for heading in section.findall(nodes.section):
        level = heading.get("heading_level")
        if level not in levels or "no_toc" in heading["classes"] or not heading["ids"]:
            continue
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        reference = nodes.reference("", "", *[c.deepcopy() for c in heading[0].children],
                                    internal=True, refid=heading["ids"][0])
        item = nodes.list_item("", nodes.paragraph("", "", reference))
        stack[-1][1].append(item)
        sublist = nodes.bullet_list()
        item.append(sublist)
        stack.append((level, sublist))
    for empty in [n for n in root.findall(nodes.bullet_list) if not n.children and n is not root]:
        empty.parent.remove(empty)
    toc = nodes.topic("", root, classes=["contents", "local", FURO_ALLOWS_TOC, *placeholder["classes"]],
                      ids=placeholder["ids"])
    toc.source, toc.line = placeholder.source, placeholder.line
    return toc
