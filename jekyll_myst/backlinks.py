""""Referenced by": each post lists the documentation pages that link to it.

Links are collected when a page is read; the list is added when the post is
written, and a post is written again whenever the pages linking to it change,
so the post's own source never needs editing.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join

from .project import BlogProject


def collect_links(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    project = env.project
    # Only documentation pages are listed under "Referenced by": a post's own
    # links would only make the environment every build loads bigger.
    if not isinstance(project, BlogProject) or project.is_post(env.docname):
        return
    targets = set()
    for xref in doctree.findall(addnodes.pending_xref):
        target = _link_target(xref, env.docname)
        if target and (target.startswith("url:") or project.is_post(target)):
            targets.add(target)
    env.domains["jekyll"].note_links(env.docname, targets)


def _link_target(xref: addnodes.pending_xref, docname: str) -> str | None:
    """A linked document's name, or ``url:<path>`` for a link by Jekyll URL."""
    domain, kind = xref.get("refdomain"), xref.get("reftype")
    if domain == "doc":  # MyST's [text](path.md#id)
        return xref["reftarget"]
    if domain == "std" and kind == "doc":
        return docname_join(docname, xref["reftarget"])
    if domain == "jekyll" and kind == "url":
        return "url:" + xref["reftarget"].split("#", 1)[0]
    return None


def posts_with_new_backlinks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = env.domains["jekyll"]

    def shown(source: str) -> tuple[str, str]:
        return source, env.titles[source].astext() if source in env.titles else ""

    current = {post: tuple(map(shown, sources)) for post, sources in domain.backlink_map().items()}
    previous = domain.data.setdefault("backlinks_written", {})
    changed = [post for post in domain.posts if previous.get(post, ()) != current.get(post, ())]
    domain.data["backlinks_written"] = current
    return changed


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    sources = app.env.domains["jekyll"].data.get("backlinks_written", {}).get(docname)
    if not sources:
        return
    items = nodes.bullet_list()
    for source, title in sources:
        reference = nodes.reference("", title, internal=True,
                                    refuri=app.builder.get_relative_uri(docname, source))
        items += nodes.list_item("", nodes.paragraph("", "", reference))
    section = nodes.section("", nodes.title("Referenced by", "Referenced by"), items, ids=["referenced-by"],
                            names=["referenced by"], classes=["backlinks", "no-search"])
    section["heading_level"] = 2
    title_section = next(iter(doctree.findall(nodes.section)))
    title_section += section


def setup_backlinks(app: Sphinx) -> None:
    app.connect("doctree-read", collect_links)
    app.connect("env-get-updated", posts_with_new_backlinks)
    app.connect("doctree-resolved", add_backlinks)
