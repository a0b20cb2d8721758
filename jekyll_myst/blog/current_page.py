"""furo's sidebar tree of a page in the tree, made from the tree its folder shares.

A page that the table of contents reaches has a sidebar tree of its own:
Sphinx resolves the whole table of contents for it, marking the branch that
leads to it ``current``, and furo parses the result again to add its
checkboxes (about 17 ms a page, a docs page costing as much as forty posts).
The tree differs from the one shared by the pages of its folder that are in
no toctree only by those marks, so here they are written into that shared
tree, as Sphinx and furo write them:

- Sphinx (``_toctree_add_classes``): each link to the page itself, without
  an anchor, gets the class ``current``, and so does every element around
  it (once: docutils writes a class once); a link to the page becomes
  ``#``, with its anchor if it has one.
- furo (``get_navigation_tree``): the checkbox of an entry with children that
  is ``current`` is checked; the last ``current`` entry is the
  ``current-page``.

A page the tree does not link to (the root) gets the shared tree as it is.
A tree of any other shape than the one furo writes gives ``None``, and the
page gets its tree the usual way.
"""

from __future__ import annotations

import dataclasses
import re

#: a tag of the HTML furo's BeautifulSoup writes: attributes in double quotes, ``>`` escaped
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'\s+([^\s=/>]+)(?:="([^"]*)")?')
_VOID = frozenset({"input", "br", "img", "hr", "meta", "link", "source", "wbr"})
#: furo's classes, which it adds after Sphinx's
_FURO_CLASSES = ("has-children", "current-page")


@dataclasses.dataclass
class _Element:
    name: str
    attributes: list[tuple[str, str | None]]
    span: tuple[int, int]
    self_closing: str
    parent: _Element | None
    children: list[_Element] = dataclasses.field(default_factory=list)
    changed: bool = False

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attributes if key == name), None)

    def set(self, name: str, value: str) -> None:
        """Set an attribute, a new one among the others in order, as BeautifulSoup writes them."""
        self.changed = True
        for index, (key, _) in enumerate(self.attributes):
            if key == name:
                self.attributes[index] = (name, value)
                return
        self.attributes.append((name, value))
        self.attributes.sort(key=lambda attribute: attribute[0])

    @property
    def classes(self) -> list[str]:
        return (self.get("class") or "").split()

    def tag(self) -> str:
        attributes = "".join(f" {key}" if value is None else f' {key}="{value}"'
                             for key, value in self.attributes)
        return f"<{self.name}{attributes}{self.self_closing}>"


def _parse(html: str) -> list[_Element] | None:
    """The elements of ``html`` in document order, or ``None`` if its tags do not nest."""
    elements: list[_Element] = []
    open_elements: list[_Element] = []
    for found in _TAG.finditer(html):
        closing, name, attributes, self_closing = found.groups()
        if closing:
            if not open_elements or open_elements[-1].name != name:
                return None
            open_elements.pop()
            continue
        parent = open_elements[-1] if open_elements else None
        element = _Element(name, [(m[1], m[2]) for m in _ATTRIBUTE.finditer(attributes)],
                           found.span(), "/" if self_closing else "", parent)
        if parent is not None:
            parent.children.append(element)
        elements.append(element)
        if not self_closing and name not in _VOID:
            open_elements.append(element)
    return None if open_elements else elements


def _add_sphinx_class(element: _Element, name: str) -> None:
    """Add a class after Sphinx's own and before furo's, as Sphinx adds it before furo."""
    classes = element.classes
    if name in classes:
        return
    at = len(classes)
    while at and classes[at - 1] in _FURO_CLASSES:
        at -= 1
    classes.insert(at, name)
    element.set("class", " ".join(classes))


def mark_current(tree: str, href: str) -> str | None:
    """The sidebar ``tree`` furo writes for the pages of a folder that are in no toctree,
    made the tree of the page it links to as ``href``; ``None`` if it is not of the shape
    furo writes."""
    elements = _parse(tree)
    if elements is None:
        return None
    current = False
    for link in (element for element in elements if element.name == "a"):
        target = link.get("href")
        if target is None or not target.startswith(href) or target[len(href):len(href) + 1] not in ("", "#"):
            continue
        link.set("href", target[len(href):] or "#")
        if target != href:
            continue
        classes = link.classes
        if "reference" not in classes:
            return None
        if "current" not in classes:
            classes.insert(classes.index("reference"), "current")
            link.set("class", " ".join(classes))
        ancestor = link.parent
        while ancestor is not None:
            if ancestor.name not in ("ul", "li") or (
                    ancestor.name == "li" and not any(c.startswith("toctree-l") for c in ancestor.classes)):
                return None
            _add_sphinx_class(ancestor, "current")
            ancestor = ancestor.parent
        current = True
    if not current:  # no link to the page: Sphinx marks nothing
        return _written(tree, elements)
    entries = [element for element in elements if element.name == "li" and "current" in element.classes]
    for entry in entries:
        if "has-children" in entry.classes:
            checkbox = next((child for child in entry.children if child.name == "input"), None)
            if checkbox is None:
                return None
            checkbox.set("checked", "")
    last = entries[-1]
    last.set("class", " ".join([*last.classes, "current-page"]))
    return _written(tree, elements)


def _written(tree: str, elements: list[_Element]) -> str:
    parts, position = [], 0
    for element in elements:
        if element.changed:
            start, end = element.span
            parts += [tree[position:start], element.tag()]
            position = end
    return "".join(parts) + tree[position:]
