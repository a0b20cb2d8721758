"""kramdown's footnote anchors on posts (``#fn:name``, ``#fnref:name``).

Added after docutils has numbered and linked the footnotes (it expects one
id per footnote until then), so that deep links into old posts still land.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .project import BlogProject


class KramdownFootnoteAnchors(SphinxTransform):
    default_priority = 700  # after docutils' Footnotes (620)

    def apply(self, **kwargs) -> None:
        project = self.env.project
        if not (isinstance(project, BlogProject) and project.is_post(self.env.docname)):
            return
        labels: dict[str, str] = {}
        for footnote in self.document.findall(nodes.footnote):
            if footnote["names"] and footnote["ids"]:
                labels[footnote["ids"][0]] = footnote["names"][0]
                self._add(footnote, f"fn:{footnote['names'][0]}")
        seen: dict[str, int] = {}
        for reference in self.document.findall(nodes.footnote_reference):
            label = labels.get(reference.get("refid", ""))
            if label:
                count = seen[label] = seen.get(label, 0) + 1
                self._add(reference, f"fnref:{label}" + (f":{count - 1}" if count > 1 else ""))

    def _add(self, node: nodes.Element, anchor: str) -> None:
        if anchor not in self.document.ids:
            node["ids"].append(anchor)
            self.document.ids[anchor] = node


def setup_footnote_anchors(app: Sphinx) -> None:
    app.add_transform(KramdownFootnoteAnchors)
