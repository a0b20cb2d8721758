"""furo's sidebar tree of each page, made from one tree for the whole site.

furo shows the whole table of contents in every page's sidebar: Sphinx
resolves it anew for each page, and furo parses the result again to add its
checkboxes (about 17 ms a page here; for a page of a docs tree of 300 pages,
30 ms).  The trees of two pages differ only by their relative links, which
depend on the page's folder, and by the marks of the page itself, when the
table of contents links to it.  So the tree is resolved and parsed once per
build, for the site's root folder; each folder's tree is that tree with its
links made relative to the folder, as Sphinx makes them; and the marks of a
page are written into its folder's tree, as Sphinx and furo write them:

- Sphinx (``_toctree_add_classes``): each link to the page itself, without
  an anchor, gets the class ``current``, and so does every element around
  it (once: docutils writes a class once); a link to the page becomes
  ``#``, with its anchor if it has one.
- furo (``get_navigation_tree``): the checkbox of an entry with children that
  is ``current`` is checked; the last ``current`` entry is the
  ``current-page``.

A tree of any other shape than the one furo writes gives ``None``, and the
page gets its tree the usual way.
"""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple

from sphinx.util import url_re
from sphinx.util.osutil import relative_uri

#: a tag of the HTML furo's BeautifulSoup writes: attributes in double quotes, ``>`` escaped
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'\s+([^\s=/>]+)(?:="([^"]*)")?')
_VOID = frozenset({"input", "br", "img", "hr", "meta", "link", "source", "wbr"})
#: furo's classes, which it adds after Sphinx's
_FURO_CLASSES = ("has-children", "current-page")

_Attributes = list[tuple[str, str | None]]


def _attribute(attributes: _Attributes | tuple[tuple[str, str | None], ...], name: str) -> str | None:
    return next((value for key, value in attributes if key == name), None)


class _Element(NamedTuple):
    name: str
    attributes: tuple[tuple[str, str | None], ...]
    span: tuple[int, int]
    self_closing: str
    #: the index of the element it is in, -1 for none
    parent: int

    def get(self, name: str) -> str | None:
        return _attribute(self.attributes, name)


class _Tree(NamedTuple):
    html: str
    elements: list[_Element]
    #: each link's target without its anchor, and the indices of the links to it
    links: dict[str, list[int]]
    #: the index of each entry's checkbox
    checkboxes: dict[int, int]
    #: the entries marked ``current`` already
    current: list[int]


def _read(html: str) -> _Tree | None:
    """The elements of ``html`` in document order, or ``None`` if its tags do not nest."""
    elements: list[_Element] = []
    links: dict[str, list[int]] = {}
    checkboxes: dict[int, int] = {}
    open_elements: list[int] = []
    for found in _TAG.finditer(html):
        closing, name, attributes, self_closing = found.groups()
        if closing:
            if not open_elements or elements[open_elements[-1]].name != name:
                return None
            open_elements.pop()
            continue
        parent = open_elements[-1] if open_elements else -1
        element = _Element(name, tuple((m[1], m[2]) for m in _ATTRIBUTE.finditer(attributes)),
                           found.span(), "/" if self_closing else "", parent)
        index = len(elements)
        elements.append(element)
        if name == "a" and element.get("href") is not None:
            links.setdefault(element.get("href").partition("#")[0], []).append(index)
        elif name == "input" and element.parent >= 0:
            checkboxes.setdefault(element.parent, index)
        if not self_closing and name not in _VOID:
            open_elements.append(index)
    if open_elements:
        return None
    current = [index for index, element in enumerate(elements)
               if element.name == "li" and "current" in (element.get("class") or "").split()]
    return _Tree(html, elements, links, checkboxes, current)


class _Changes:
    """The attributes of the tags one page changes in a tree."""

    def __init__(self, tree: _Tree) -> None:
        self.tree = tree
        self.attributes: dict[int, _Attributes] = {}

    def get(self, index: int, name: str) -> str | None:
        return _attribute(self.attributes.get(index, self.tree.elements[index].attributes), name)

    def classes(self, index: int) -> list[str]:
        return (self.get(index, "class") or "").split()

    def set(self, index: int, name: str, value: str) -> None:
        """Set an attribute, a new one among the others in order, as BeautifulSoup writes them."""
        attributes = self.attributes.setdefault(index, list(self.tree.elements[index].attributes))
        for at, (key, _) in enumerate(attributes):
            if key == name:
                attributes[at] = (name, value)
                return
        attributes.append((name, value))
        attributes.sort(key=lambda attribute: attribute[0])

    def add_sphinx_class(self, index: int, name: str) -> None:
        """Add a class after Sphinx's own and before furo's, as Sphinx adds it before furo."""
        classes = self.classes(index)
        if name in classes:
            return
        at = len(classes)
        while at and classes[at - 1] in _FURO_CLASSES:
            at -= 1
        classes.insert(at, name)
        self.set(index, "class", " ".join(classes))

    def written(self) -> str:
        html, parts, position = self.tree.html, [], 0
        for index in sorted(self.attributes):
            element = self.tree.elements[index]
            start, end = element.span
            attributes = "".join(f" {key}" if value is None else f' {key}="{value}"'
                                 for key, value in self.attributes[index])
            parts += [html[position:start], f"<{element.name}{attributes}{element.self_closing}>"]
            position = end
        return "".join(parts) + html[position:]


class SidebarTrees:
    """The sidebar trees of a build's pages, from furo's tree of the root folder."""

    def __init__(self) -> None:
        self._read: dict[str, _Tree | None] = {}
        self._folders: dict[tuple[str, str], str | None] = {}

    def clear(self) -> None:
        self._read.clear()
        self._folders.clear()

    def page_tree(self, root_tree: str, base: str, href: str) -> str | None:
        """furo's tree for a page, from ``root_tree``, furo's tree for a page of the root
        folder in no toctree: ``base`` is the URI of a page in the page's folder, ``href``
        the link to the page from there.  ``None`` if the tree is not of the shape furo
        writes."""
        folder = posixpath.dirname(base)
        if (root_tree, folder) not in self._folders:
            root = self._tree(root_tree)
            self._folders[root_tree, folder] = None if root is None else _in_folder(root, base)
        tree = self._folders[root_tree, folder]
        return None if tree is None else self.marked(tree, href)

    def marked(self, html: str, href: str) -> str | None:
        """``html``, furo's tree for the pages of a folder that are in no toctree, made the
        tree of the page it links to as ``href``; ``None`` if it is not of the shape furo
        writes."""
        tree = self._tree(html)
        return None if tree is None else _marked(tree, href)

    def _tree(self, html: str) -> _Tree | None:
        if html not in self._read:
            self._read[html] = _read(html)
        return self._read[html]


def _in_folder(tree: _Tree, base: str) -> str:
    """``tree``, whose links are relative to the root folder, with its links relative to
    ``base`` instead, as Sphinx makes a toctree's: not those with a scheme."""
    changes = _Changes(tree)
    for target, links in tree.links.items():
        if not target or url_re.match(target):
            continue
        relative = relative_uri(base, target)
        if relative != target:
            for link in links:
                changes.set(link, "href", relative + changes.get(link, "href")[len(target):])
    return changes.written()


def _marked(tree: _Tree, href: str) -> str | None:
    changes = _Changes(tree)
    entries: set[int] = set()
    for link in tree.links.get(href, ()):
        target = changes.get(link, "href")
        changes.set(link, "href", target[len(href):] or "#")
        if target != href:
            continue
        classes = changes.classes(link)
        if "reference" not in classes:
            return None
        if "current" not in classes:
            classes.insert(classes.index("reference"), "current")
            changes.set(link, "class", " ".join(classes))
        ancestor = tree.elements[link].parent
        while ancestor >= 0:
            element = tree.elements[ancestor]
            if element.name == "li" and any(c.startswith("toctree-l") for c in changes.classes(ancestor)):
                entries.add(ancestor)
            elif element.name != "ul":
                return None
            changes.add_sphinx_class(ancestor, "current")
            ancestor = element.parent
    if not entries:  # no link to the page: Sphinx marks nothing
        return changes.written()
    entries.update(tree.current)
    for entry in entries:
        if "has-children" in changes.classes(entry):
            if entry not in tree.checkboxes:
                return None
            changes.set(tree.checkboxes[entry], "checked", "")
    last = max(entries)
    changes.set(last, "class", " ".join([*changes.classes(last), "current-page"]))
    return changes.written()
