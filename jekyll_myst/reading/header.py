"""What Jekyll's layouts showed around a post or a bio: the title, the
byline, the excerpt as lead paragraph, the meta description; the author's
job title and portrait.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes

from ..jekyll.authors import Bio
from ..jekyll.post import Post
from ..jekyll.record import reading_minutes
from .nodes import post_byline, post_date
from .typography import with_kramdown_typography

#: what Liquid's ``strip_html`` takes out: scripts, styles, comments and tags
_HTML_MARKUP = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>|<.*?>",
                          re.DOTALL | re.IGNORECASE)

#: a code span, which keeps its text as written, or HTML written in front-matter Markdown
_CODE_OR_TAG = re.compile(r"(`+).+?\1|<!--.*?-->|<(script|style)\b.*?</\2\s*>|<(/?)([A-Za-z][\w-]*)[^<>]*>",
                          re.DOTALL | re.IGNORECASE)
#: elements whose tags a browser shows as the edges of blocks
_BLOCK_TAGS = frozenset("p div br li ul ol dl dt dd blockquote h1 h2 h3 h4 h5 h6 table tr pre hr".split())

#: what marks the nodes this module puts under the title
HEADER_CLASS = "jekyll-header"
_ARCHIVE_CLASS = {"tags": "tag", "categories": "category"}


def title_section(document: nodes.document, title: str) -> nodes.section:
    """Put everything read so far under one section with the page's title."""
    section = nodes.section()
    section += nodes.title(title, title)
    section["names"].append(nodes.fully_normalize_name(title))
    body = list(document.children)
    document.clear()
    document += section
    document.note_implicit_target(section, section)
    section.extend(body)
    return section


def insert_after_title(section: nodes.section, *new: nodes.Element) -> None:
    index = 1
    while index < len(section) and HEADER_CLASS in section[index].get("classes", []):
        index += 1
    for offset, node in enumerate(new):
        node["classes"].append(HEADER_CLASS)
        section.insert(index + offset, node)


def add_post_header(section: nodes.section, post: Post, location: tuple[str, int],
                    render_markdown: Callable[[str], list[nodes.Node]],
                    separated: list[nodes.Node] | None = None,
                    words: int | None = None) -> tuple[int, tuple[str, str]]:
    """Byline and lead paragraph; returns the post's word count and its excerpt's text: as
    Jekyll's ``page.excerpt`` gives it, and as jekyll-seo-tag writes it (:func:`_texts`).

    ``separated`` is what comes before the post's ``excerpt_separator``, if it has one;
    ``words`` the post's count of words, when its text is not the section's (HTML).
    """
    words = len(section.astext().split()) if words is None else words
    insert_after_title(section, _byline(post, location, words))
    if not post.excerpt and separated is not None:
        # already on the page, above the separator: only the description is made of it
        return words, _texts(section.document, separated, typeset=True)
    return words, _excerpt(section, post, render_markdown)


def description_text(post: Post, document: nodes.document,
                     render_markdown: Callable[[str], list[nodes.Node]]) -> tuple[str, str]:
    """The front matter's ``description``, its Markdown's text without the HTML tags written
    in it: as written (jekyll-feed's summary) and as jekyll-seo-tag writes it, through
    kramdown (:func:`_texts`); two empty texts if the post has none."""
    if not post.description:
        return "", ""
    texts = _texts(document, render_markdown(tags_as_shown(post.description)))
    return tuple(" ".join(_HTML_MARKUP.sub("", text).split()) for text in texts)


def _texts(document: nodes.document, parts: list[nodes.Node], typeset: bool = False) -> tuple[str, str]:
    """The text of ``parts`` on one line, as Jekyll's ``page.excerpt`` or ``description`` gives
    it (front-matter text as written; kramdown's HTML if ``typeset``), and as jekyll-seo-tag
    writes it, through kramdown: with its typography (``I’m``) either way."""
    typeset_text = _one_line(with_kramdown_typography(document, parts))
    return (typeset_text if typeset else _one_line(parts)), typeset_text


def _one_line(parts: list[nodes.Node]) -> str:
    return " ".join(" ".join(_shown_text(node) for node in parts).split())


def _byline(post: Post, location: tuple[str, int], words: int) -> post_byline:
    byline = post_byline(day=post.day.isoformat(), shown=f"{post.day:%A, %B} {post.day.day}, {post.day.year}",
                         authors=list(post.authors), minutes=reading_minutes(words),
                         archives=[[kind, name] for kind, names in (("categories", post.categories),
                                                                     ("tags", post.tags)) for name in names])
    byline.source, byline.line = location
    # the words the search index finds in it
    byline += nodes.Text(byline_nodes(byline, lambda _name, text: text,
                                      lambda _kind, name, _classes: nodes.Text(name)).astext())
    return byline


def byline_nodes(byline: post_byline, author_link: Callable[[str, nodes.Node], nodes.Node],
                 archive_link: Callable[[str, str, list[str]], nodes.Node]) -> nodes.paragraph:
    """The byline as shown: "<date> by <author>, <author> and <author> · N min read · <tag>".

    ``author_link(name, text)`` gives what shows for an author: a link to
    their page, or the text alone; ``archive_link(kind, name, classes)``
    the same for a tag or category.
    """
    paragraph = nodes.paragraph(classes=["byline", *byline["classes"]])
    paragraph.source, paragraph.line = byline.source, byline.line
    shown = byline["shown"]
    paragraph += post_date(shown, shown, datetime=byline["day"], classes=["post-date"])
    authors = byline["authors"]
    for index, name in enumerate(authors):
        paragraph += nodes.Text(" by " if index == 0 else (" and " if index == len(authors) - 1 else ", "))
        paragraph += nodes.inline("", "", author_link(name, nodes.Text(name)), classes=["author"])
    paragraph += nodes.inline("", f" · {byline['minutes']} min read", classes=["reading-time"])
    for kind, name in byline["archives"]:
        paragraph += nodes.Text(" · ")
        paragraph += archive_link(kind, name, [_ARCHIVE_CLASS[kind]])
    return paragraph


def _excerpt(section: nodes.section, post: Post,
             render_markdown: Callable[[str], list[nodes.Node]]) -> tuple[str, str]:
    """Show the excerpt as the lead paragraph; return its texts (:func:`_texts`)."""
    if not post.excerpt:
        # Jekyll's default excerpt is the first paragraph, already on the page
        first = next((p for p in section.findall(nodes.paragraph)
                      if HEADER_CLASS not in p["classes"]), None)
        return _texts(section.document, [first], typeset=True) if first is not None else ("", "")
    excerpt = nodes.container(classes=["excerpt"])
    excerpt.extend(render_markdown(tags_as_shown(post.excerpt)))
    if not post.hide_excerpt:
        insert_after_title(section, excerpt)
    return _texts(section.document, [excerpt])


def tags_as_shown(markdown: str) -> str:
    """Front-matter Markdown with the HTML written in it as a reader saw it: Jekyll's themes
    write an excerpt as it is (``<p>One.</p><p>Two.</p>``, two paragraphs).  A block's
    tags end a paragraph, other tags, comments and scripts are left out; front-matter
    text is never made markup here, as it goes into meta tags and feeds too."""
    def shown(found: re.Match) -> str:
        if found[1]:
            return found[0]
        return "\n\n" if found[4] and found[4].lower() in _BLOCK_TAGS else ""
    return re.sub(r"\n\s*\n\s*", "\n\n", _CODE_OR_TAG.sub(shown, markdown)).strip()


def _shown_text(node: nodes.Node) -> str:
    """The node's text as jekyll-seo-tag makes a description of it: the raw
    HTML in it (a ``<br />``, a ``<span>`` written in the text) stripped of its
    tags, an image left out."""
    if isinstance(node, nodes.raw):
        return _HTML_MARKUP.sub("", node.astext()) if "html" in node.get("format", "").split() else ""
    if isinstance(node, nodes.Text):
        return node.astext()
    # as ``astext``: blocks apart, the parts of a paragraph together
    return node.child_text_separator.join(_shown_text(child) for child in node.children)


def add_bio_header(section: nodes.section, bio: Bio, portrait_uri: str | None) -> None:
    parts: list[nodes.Element] = []
    if portrait_uri:
        parts.append(nodes.image(uri=portrait_uri, alt=bio.name, classes=["portrait"]))
    if bio.jobtitle:
        parts.append(nodes.paragraph(bio.jobtitle, bio.jobtitle, classes=["jobtitle"]))
    insert_after_title(section, *parts)
