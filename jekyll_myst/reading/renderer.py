"""MyST's Sphinx renderer, taught what kramdown does differently.

Headings keep the level and id kramdown gives them; HTML elements written
around Markdown become real nodes (a ``<figure>`` a figure); ``{:toc}``
becomes a local table of contents; links to the blog's own URLs become
checked references.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx import addnodes

from ..jekyll.code_fences import LINE_NUMBERS, NO_LINE_NUMBERS
from ..jekyll.html_urls import html_anchors
from ..jekyll.kramdown.blocks import (
    FOOTNOTE_LABELS,
    breaks_lines_only_inside_environments,
    is_display_environment,
)
from ..jekyll.kramdown.extensions import OPTIONS
from ..jekyll.kramdown.ids import HeaderIds, id_text
from ..jekyll.kramdown.inline import SPAN_IAL_KEY, image_alt
from ..jekyll.permalinks import UNSAFE_SCHEME
from ..jekyll.seo_image import in_media_subpath
from ..jekyll.site_files import URI_SCHEME, from_page, relative_to_file, site_file, site_path
from ..reporting import report
from .local_toc import local_toc
from .nodes import deleted, horizontal_rule, html_element, html_text, task_checkbox
from .raw_html import note_site_urls
from .translator import DISPLAY_ENVIRONMENT


class KramdownRenderer(SphinxRenderer):
    """Renders one Jekyll Markdown file (a post or a bio)."""

    def setup_render(self, options, env) -> None:
        super().setup_render(options, env)
        # The page title is the front matter's: every Markdown heading nests in it.
        self._heading_offset = 1
        self.blog_file = Path(options["jekyll_file"])
        self.blog = options["jekyll_blog"]
        #: the post opted in to MyST's own syntax (front matter ``myst: true``)
        self.myst_syntax = bool(options.get("jekyll_myst_syntax"))
        #: Chirpy's ``media_subpath``: the folder before the paths of the post's pictures
        self.media_subpath = options.get("jekyll_media_subpath", "")
        #: the post's URL on the Jekyll site, which its relative paths were written from
        self.page_url = options.get("jekyll_page_url", "")
        self._source = options.get("jekyll_source", "")
        #: reading a part of the body again: its problems were reported the first time
        self._quiet = False
        #: rendering front-matter Markdown (or the excerpt again): nodes for their text only
        self._detached = False
        # {::options /} in the post: kramdown's converter takes them for the whole page
        page_options = env.get(OPTIONS, {})
        settings = self.blog.kramdown
        self.auto_ids = page_options.get("auto_ids", settings.auto_ids)
        prefix = page_options.get("auto_id_prefix", settings.auto_id_prefix)
        self.header_ids = HeaderIds(prefix=prefix, gfm=settings.gfm)
        #: the ids of headers inside HTML elements read as Markdown: kramdown-parser-gfm makes
        #: no id there, and kramdown's converter makes its own, from the source, counted apart
        self.html_header_ids = HeaderIds(prefix=prefix, gfm=False)
        #: the heading levels ``{:toc}`` lists on this page
        self.toc_levels = page_options.get("toc_levels", settings.toc_levels)
        #: GFM's ``hard_wrap``: a line break in a paragraph is a ``<br />``
        self.hard_wrap = settings.gfm and settings.hard_wrap
        #: the language of code that names none: Rouge's ``default_lang``
        self.default_language = settings.default_lang

    def render_front_matter_markdown(self, text: str, line: int, reread: bool = False) -> list[nodes.Node]:
        """Markdown from the front matter (the excerpt), after the page is rendered;
        ``line`` is the line of its first line.  ``reread``: it is a part of the body read
        again (the excerpt before the separator), whose problems were reported already.

        Front-matter values also go into meta tags and feeds, so HTML in them
        is text, never markup.
        """
        holder = nodes.container()
        html_rules = ["html_block", "html_inline", "kramdown_html_element", "kramdown_extension",
                      "kramdown_span_extension"]
        self.md.disable(html_rules)
        self._quiet, self._detached = reread, True
        try:
            with self.current_node_context(holder):
                # MyST counts the text's lines from the line after the one it is given
                self.nested_render_text(text, line - 1)
        finally:
            self.md.enable(html_rules)
            self._quiet, self._detached = False, False
        return list(holder.children)

    def _report(self, subtype: str, message: str, *args: object, line: int) -> None:
        if not self._quiet:
            report(subtype, message, *args, location=(self.sphinx_env.docname, line))

    # -- span attribute lists ---------------------------------------------
    @contextlib.contextmanager
    def _span_attributes(self, token: SyntaxTreeNode) -> Iterator[None]:
        """Give the node rendered for ``token`` what its span IAL set, and
        keep the attributes MyST's nodes have no place for (``target``,
        ``data-*``...) for :class:`~.translator.BlogHTMLTranslator` to write."""
        parent = self.current_node
        before = len(parent.children)
        yield
        if not token.meta.get(SPAN_IAL_KEY) or len(parent.children) <= before:
            return
        node = parent.children[before]
        if not isinstance(node, nodes.Element):
            return
        # a link to a page of the blog: the domain gives the link the attributes
        # when it resolves it (``html_attributes``); classes and id go on its content
        link = node
        if isinstance(node, addnodes.pending_xref):
            node = node.children[0]
        classes = str(token.attrGet("class") or "").split()
        node["classes"].extend(c for c in classes if c not in node["classes"])
        if token.attrGet("id") and not node["ids"]:
            self._claim_id(node, str(token.attrGet("id")))
        extra = {k: str(v) for k, v in token.attrs.items() if k not in _NODE_ATTRIBUTES}
        if extra:
            link.setdefault("html_attributes", {}).update(extra)

    def render_em(self, token: SyntaxTreeNode) -> None:
        with self._span_attributes(token):
            super().render_em(token)

    def render_strong(self, token: SyntaxTreeNode) -> None:
        with self._span_attributes(token):
            super().render_strong(token)

    def render_code_inline(self, token: SyntaxTreeNode) -> None:
        with self._span_attributes(token):
            super().render_code_inline(token)

    # -- headings ---------------------------------------------------------
    def update_section_level_state(self, section: nodes.section, level: int) -> None:
        # kramdown nests nothing and warns of nothing: any level may follow any
        # other, so only the nesting needed for the page structure is kept.
        section["heading_level"] = level - 1
        parent_level = max(lvl for lvl in self._level_to_section if level > lvl)
        self._level_to_section[parent_level].append(section)
        self._level_to_section[level] = section
        self._level_to_section = {lvl: s for lvl, s in self._level_to_section.items() if lvl <= level}

    def _kramdown_id(self, token: SyntaxTreeNode, in_html: bool = False) -> str:
        explicit = token.attrGet("id")
        if explicit:
            return str(explicit)
        if not self.auto_ids:
            return ""
        inline = token.children[0] if token.children else None
        children = inline.token.children if inline is not None and inline.token is not None else None
        settings = self.blog.kramdown
        in_html = in_html and settings.gfm
        ids = self.html_header_ids if in_html else self.header_ids
        return ids.generate(id_text(inline.content if inline is not None else "", children,
                                    settings.gfm and not in_html, settings.auto_id_stripping))

    def generate_heading_target(self, token, level, node, implicit_text) -> None:
        kramdown_id = self._kramdown_id(token)
        self._claim_id(node, kramdown_id)
        super().generate_heading_target(token, level, node, implicit_text)
        if kramdown_id:
            self._heading_slugs[kramdown_id] = (node.line, kramdown_id, implicit_text.astext())

    def copy_attributes(self, token: SyntaxTreeNode, node: nodes.Element, keys=("class",), *,
                        converters=None, aliases=None) -> None:
        # An id is the element's anchor on its page, as in kramdown, not a name of the
        # whole site (MyST makes it an explicit target, so a label): two posts may each
        # have a "summary" heading, a post two elements with one id.
        super().copy_attributes(token, node, tuple(key for key in keys if key != "id"),
                                converters=converters, aliases=aliases)
        if "id" in keys and token.attrGet("id"):
            self._claim_id(node, str(token.attrGet("id")))

    def render_dl(self, token: SyntaxTreeNode) -> None:
        """A definition list, its terms' and definitions' attributes on their ``dt`` and
        ``dd``: kramdown's ``{:#id} Term`` and ``: {:.cls} Text``."""
        super().render_dl(token)
        parts = [child for item in self.current_node[-1].children for child in item.children]
        for kind, node_type in (("dt", nodes.term), ("dd", nodes.definition)):
            written = [child for child in token.children or [] if child.type == kind]
            made = [part for part in parts if isinstance(part, node_type)]
            if len(written) == len(made):
                for child, node in zip(written, made, strict=True):
                    self.copy_attributes(child, node, ("class", "id"))

    def _claim_id(self, node: nodes.Element, heading_id: str) -> None:
        """Make ``heading_id`` the node's first id: the anchor old links use."""
        if not heading_id or self.document.ids.get(heading_id, node) is not node:
            return
        if heading_id in node["ids"]:
            node["ids"].remove(heading_id)
        node["ids"].insert(0, heading_id)
        self.document.ids[heading_id] = node

    def render_heading(self, token: SyntaxTreeNode) -> None:
        if isinstance(self.current_node, nodes.document | nodes.section):
            return super().render_heading(token)
        # A heading inside an HTML element (an <aside>, say) is still a heading
        # with kramdown's id, but it cannot open a docutils section there.
        heading = html_element(tag=token.tag, attributes={})
        self.add_line_and_source_path(heading, token)
        self.copy_attributes(token, heading, ("class",))
        with self.current_node_context(heading, append=True):
            self.render_children(token)
        in_html = any(isinstance(node, html_element) for node in _ancestors(self.current_node))
        self._claim_id(heading, self._kramdown_id(token, in_html))
        return None

    # -- kramdown constructs ------------------------------------------------
    def render_kramdown_toc(self, token: SyntaxTreeNode) -> None:
        placeholder = local_toc()
        placeholder["ids"] = [str(token.attrGet("id") or "markdown-toc")]
        placeholder["classes"] = str(token.attrGet("class") or "").split()
        self.add_line_and_source_path(placeholder, token)
        self.current_node.append(placeholder)

    def render_inline(self, token: SyntaxTreeNode) -> None:
        if not isinstance(self.current_node, html_element):
            return super().render_inline(token)
        # a span's content straight in a block element: its links and the like need an element
        # of text around them, as in a paragraph
        text = html_text()
        self.add_line_and_source_path(text, token)
        with self.current_node_context(text, append=True):
            super().render_inline(token)
        return None

    def render_html_element(self, token: SyntaxTreeNode) -> None:
        attributes = {k: str(v) for k, v in token.attrs.items() if k not in ("class", "id")}
        element = html_element(tag=token.info, attributes=attributes)
        self.add_line_and_source_path(element, token)
        self.copy_attributes(token, element, ("class", "id"))
        with self.current_node_context(element, append=True):
            self.render_children(token)
        if token.info == "figure":
            figure = _as_figure(element)
            if figure is not None:
                element.replace_self(figure)

    def render_fence(self, token: SyntaxTreeNode) -> None:
        words = token.info.split() if token.info else []
        info = words[0] if words else ""
        if info.startswith("{") and not self.myst_syntax:
            # kramdown has no directives: ```{name} is code in a language named "{name}"
            node = self.create_highlighted_code_block(
                token.content, "none", source=self.document["source"], line=token_line(token, 0) or None)
            node["force"] = True
            node["classes"].append(f"language-{info}")
            self.current_node.append(node)
            return
        super().render_fence(token)
        block = self.current_node[-1]
        if isinstance(block, nodes.literal_block):
            lexed = self._as_rouge_shows(block, info)
            # only {% highlight %} writes a second word (see liquid/tags.py), and numbers its
            # lines as it says; kramdown reads no fence with one, and numbers its own as the
            # site's Rouge options say, if Rouge has a lexer for it
            if LINE_NUMBERS in words[1:]:
                block["linenos"] = True
            elif NO_LINE_NUMBERS not in words[1:] and lexed:
                self._number_as_rouge(block)

    def render_math_block(self, token: SyntaxTreeNode) -> None:
        super().render_math_block(token)
        block = self.current_node[-1]
        if not isinstance(block, nodes.math_block):
            return
        if is_display_environment(block.astext()):
            # kramdown writes it in \[ \] as it is; Sphinx would nest it in a split
            block["nowrap"] = True
            block[DISPLAY_ENVIRONMENT] = True
        elif breaks_lines_only_inside_environments(block.astext()):
            # \[ \begin{aligned} ... \] in HTML, as kramdown writes it; LaTeX's split
            # around an aligned is valid, and its equation* is needed
            block[DISPLAY_ENVIRONMENT] = True

    def render_code_block(self, token: SyntaxTreeNode) -> None:
        super().render_code_block(token)
        block = self.current_node[-1]
        if isinstance(block, nodes.literal_block):
            self._as_rouge_shows(block, "")
            self._number_as_rouge(block)

    def _number_as_rouge(self, block: nodes.literal_block) -> None:
        """Line numbers on a kramdown code block, when the site's ``syntax_highlighter_opts``
        ask Rouge for them, from their ``start_line``."""
        settings = self.blog.kramdown
        if settings.line_numbers:
            block["linenos"] = True
            if settings.start_line != 1:
                block.setdefault("highlight_args", {})["linenostart"] = settings.start_line

    def _as_rouge_shows(self, block: nodes.literal_block, language: str) -> bool:
        """Highlight the code as Jekyll's Rouge does; whether a lexer knows its language.

        Code without a language is in the site's ``default_lang`` (Jekyll's is
        ``plaintext``: not coloured), never in Sphinx's default language; a
        language Pygments does not know, or code it cannot lex, is shown
        plainly and quietly: kramdown writes it without Rouge (``mermaid``).
        """
        block["force"] = True
        if not language:
            default = self.default_language
            block["language"] = default if _known_language(default) else "none"
        elif _known_language(language):
            block["language"] = language
        else:
            block["classes"].append(f"language-{language}")
            block["language"] = "none"
            return False
        return True

    def render_kramdown_task_checkbox(self, token: SyntaxTreeNode) -> None:
        marker = "[x] " if token.meta["checked"] else "[ ] "
        self.current_node.append(task_checkbox(marker, marker, checked=token.meta["checked"]))

    def render_softbreak(self, token: SyntaxTreeNode) -> None:
        # kramdown leaves the text inside an HTML element of the paragraph as written
        if self.hard_wrap and not _inside_html_span(token):
            return self.render_hardbreak(token)
        return super().render_softbreak(token)

    def render_table(self, token: SyntaxTreeNode) -> None:
        """A kramdown table: a header is optional, and it may have several bodies and a footer
        (MyST's renderer takes a GFM table: one header row, one body)."""
        table = nodes.table(classes=["colwidths-auto"])
        self.copy_attributes(token, table, ("class", "id"))
        self.add_line_and_source_path(table, token)
        self.current_node.append(table)
        sections = token.children or []
        columns = max((len(row.children) for section in sections for row in section.children), default=0)
        tgroup = nodes.tgroup(cols=columns)
        table += tgroup
        tgroup += [nodes.colspec(colwidth=100 // max(columns, 1)) for _ in range(columns)]
        for section in sections:
            # docutils has no footer: a body that the HTML translator writes as <tfoot>
            part = nodes.thead() if section.type == "thead" else nodes.tbody(footer=section.type == "tfoot")
            tgroup += part
            with self.current_node_context(part):
                for row in section.children:
                    self._render_table_row(row)

    def _render_table_row(self, token: SyntaxTreeNode) -> None:
        row = nodes.row()
        with self.current_node_context(row, append=True):
            for cell in token.children:
                entry = nodes.entry()
                style = str(cell.attrGet("style") or "")
                if style.startswith("text-align:"):
                    entry["classes"].append(f"text-{style.split(':')[1]}")
                with self.current_node_context(entry, append=True):
                    # an empty cell is empty, as kramdown writes it: no empty paragraph
                    if cell.children and cell.children[0].content:
                        with self.current_node_context(nodes.paragraph(), append=True):
                            self.render_children(cell)

    def render_abbr(self, token: SyntaxTreeNode) -> None:
        self.current_node.append(nodes.abbreviation(token.content, token.content,
                                                    explanation=str(token.attrGet("title"))))

    def render_s(self, token: SyntaxTreeNode) -> None:
        struck = deleted()
        self.add_line_and_source_path(struck, token)
        with self._span_attributes(token), self.current_node_context(struck, append=True):
            self.render_children(token)

    def render_blockquote(self, token: SyntaxTreeNode) -> None:
        super().render_blockquote(token)
        quote = self.current_node.children[-1]
        if isinstance(quote, nodes.block_quote) and not quote.children:
            # kramdown writes an empty quote (a lone ">"); Sphinx would unwrap one with no
            # children, and stop on the classes an attribute list gave it
            quote += nodes.comment()

    def render_hr(self, token: SyntaxTreeNode) -> None:
        rule = horizontal_rule()
        self.add_line_and_source_path(rule, token)
        self.current_node.append(rule)

    def render_emoji(self, token: SyntaxTreeNode) -> None:
        self.current_node.append(nodes.inline(token.content, token.content, classes=["emoji"],
                                              title=token.markup))

    def render_footnote_ref(self, token: SyntaxTreeNode) -> None:
        if self._detached:
            return  # the page's footnote: a second reference would be a second backlink
        label = token.meta["label"]
        defined = self.md_env.get(FOOTNOTE_LABELS)
        if defined is None or label in defined:
            return super().render_footnote_ref(token)
        # kramdown shows a reference to no footnote as written; docutils would mark it an error
        self._report("footnote", "footnote [^%s] is not defined: it is shown as written; define it with "
                     "'[^%s]: ...'", label, label, line=token_line(token, 0))
        self.current_node.append(nodes.Text(f"[^{label}]"))

    def render_footnote_reference(self, token: SyntaxTreeNode) -> None:
        """A footnote's definition: kramdown leaves out one that nothing refers to."""
        label = token.meta["label"]
        if self._detached:
            # the excerpt's definitions are the page's too: named twice, they would clash
            with self.current_node_context(nodes.container(), append=True):
                self.render_children(token)
            return
        if self.md_env.get("footnotes", {}).get("refs", {}).get(f":{label}", 0) < 0:
            self._report("footnote", "footnote [^%s] is never referred to: it is left out, as kramdown "
                         "leaves it out", label, line=token_line(token, 0))
            return
        super().render_footnote_reference(token)

    # -- links and images to the blog's own site ----------------------------
    def render_link(self, token: SyntaxTreeNode) -> None:
        with self._span_attributes(token):
            self._render_link(token)

    def _render_link(self, token: SyntaxTreeNode) -> None:
        href = str(token.attrGet("href") or "")
        if UNSAFE_SCHEME.match(href):
            # kramdown would write it; a page of ours never runs a post's script
            self._report("unsafe_link", "link to %r refused: scripts in links are not allowed", href,
                         line=token_line(token, 0))
            return self.render_children(token)
        linked = site_path(self.blog, href)
        if linked is None:
            if href in ("", "#") or href.startswith("//") or (
                    href.startswith("#") and unquote(href[1:]) in self._html_anchors):
                # the page itself, or its top: a placeholder kramdown writes as it is; a URL
                # without its scheme; an anchor the post's HTML sets (<a name="x">)
                return self.render_link_url(token)
            if _is_plain_relative(href):
                return self.render_link_url(token)
            if URI_SCHEME.match(href) and not (self.myst_syntax and _MYST_SCHEME.match(href)):
                # kramdown links any scheme as written (irc:, news:, rsync:...); MyST
                # would look up the ones it does not know as references
                return self.render_link_url(token)
            return super().render_link(token)
        path = linked.partition("#")[0]
        static = site_file(self.blog, path)
        if static is not None:
            token.attrs["href"] = "path:" + relative_to_file(static, self.blog_file)
            return self.render_link_path(token)
        if not path.endswith(_DOCUMENT_SUFFIXES):
            # a page, or a file the Jekyll site generated (its feed, an API's JSON)
            xref = addnodes.pending_xref(refdomain="jekyll", reftype="url", reftarget=linked,
                                         refdoc=self.sphinx_env.docname, refexplicit=True,
                                         refwarn=True)
            self.add_line_and_source_path(xref, token)
            inner = nodes.inline("", "", classes=["xref", "jekyll"])
            xref.append(inner)
            with self.current_node_context(inner):
                self.render_children(token)
            self.current_node.append(xref)
            return None
        return super().render_link(token)

    @functools.cached_property
    def _html_anchors(self) -> set[str]:
        return html_anchors(self._source)

    def _render_finalise(self) -> None:
        self.rebase_site_paths()
        super()._render_finalise()

    def render_image(self, token: SyntaxTreeNode) -> None:
        with self._span_attributes(token):
            super().render_image(token)
        image = self.current_node[-1]
        # kramdown keeps the alt text as written, markup included, entities as characters
        image["alt"] = image_alt(token.content)
        if token.attrGet("title"):  # Sphinx's writer has no place for an image's title
            image.setdefault("html_attributes", {})["title"] = str(token.attrGet("title"))

    def rebase_site_paths(self) -> None:
        """Images and downloads are files of the site: site-absolute paths
        (``/images/x.png``) point into the site folder, and nothing may lead
        out of it (``../../etc/passwd``, a symlink) or the project.  So do the
        paths of the post's HTML (``raw_html``)."""
        for image in list(self.document.findall(nodes.image)):
            uri = self._site_file_uri(image, image["uri"], "image")
            if uri is None:
                image.replace_self(nodes.inline(image.get("alt", ""), image.get("alt", "")))
            else:
                image["uri"] = uri
        for download in list(self.document.findall(addnodes.download_reference)):
            target = self._site_file_uri(download, download["reftarget"], "download")
            if target is None:
                download.replace_self(nodes.inline(download.astext(), download.astext()))
            else:
                download["reftarget"] = target
        note_site_urls(self.document, self.sphinx_env, self.blog, self.blog_file, self.page_url)

    def _site_file_uri(self, node: nodes.Element, uri: str, kind: str) -> str | None:
        """The path Sphinx should copy ``uri`` from, relative to the file; None if refused."""
        if kind == "image":
            uri = in_media_subpath(self.media_subpath, uri)
        scheme = uri.split(":", 1)[0].lower() if ":" in uri.split("/", 1)[0] else ""
        if scheme in ("http", "https") or uri.startswith("//"):
            return uri
        if scheme == "data" and uri.lower().startswith("data:image/") and kind == "image":
            return uri
        if scheme:
            return self._refuse(node, f"{kind} {uri!r}: only http(s) URLs and files of the site may be used")
        linked = site_path(self.blog, uri)
        if linked is not None:
            found = site_file(self.blog, linked)
            if found is None:
                return self._refuse(node, f"{kind} {uri!r}: no such file in the site folder "
                                          f"({self.blog.static_dir}), or it leads out of it")
            return relative_to_file(found, self.blog_file)
        if self.page_url:
            # a relative path is the site's file a reader's browser found from the post's URL
            seen = site_file(self.blog, from_page(self.page_url, uri))
            if seen is not None:
                return relative_to_file(seen, self.blog_file)
        target = (self.blog_file.resolve().parent / unquote(uri.partition("#")[0])).resolve()
        roots = (self.blog.static_root, Path(self.sphinx_env.srcdir).resolve())
        if not any(target.is_relative_to(root) for root in roots):
            return self._refuse(node, f"{kind} {uri!r} leads out of the site and the project: refused")
        if not target.is_file():
            return self._refuse(node, f"{kind} {uri!r}: no such file beside the post, nor where its URL "
                                      "led on the Jekyll site")
        return uri

    def _refuse(self, node: nodes.Element, message: str) -> None:
        self._report("path", "%s", message, line=node.line or 0)
        return None


#: what MyST's nodes already carry, or the Markdown itself sets
_NODE_ATTRIBUTES = frozenset(("class", "id", "href", "src", "alt", "width", "height", "align"))


#: an HTML tag: its name, and the ``/`` that closes it in place
_HTML_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^>]*?(/)?>\Z")
#: the elements that are never closed
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                            "source", "track", "wbr"})
#: schemes of MyST's own references, for posts that opted in to MyST's syntax
_MYST_SCHEME = re.compile(r"^(inv|project|path):")


@functools.cache
def _known_language(name: str) -> bool:
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return name in ("none", "default", "text")
    return True


def _inside_html_span(token: SyntaxTreeNode) -> bool:
    """Whether an HTML tag written before the token in its paragraph is still open."""
    node = token
    while node.parent is not None and node.type != "inline":
        depth = 0
        for sibling in node.siblings[:node.siblings.index(node)]:
            if sibling.type == "html_inline":
                tag = _HTML_TAG.match(sibling.content)
                if tag and not (tag[2] or tag[1].lower() in _VOID_ELEMENTS):
                    depth += -1 if sibling.content.startswith("</") else 1
        if depth > 0:
            return True
        node = node.parent
    return False


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node is not None:
        yield node
        node = node.parent


#: a link's path ending so names a document of the project, for MyST to find
_DOCUMENT_SUFFIXES = (".md", ".markdown", ".rst")


def _is_plain_relative(href: str) -> bool:
    """A relative link that does not name a document (``webpagetest.org``)."""
    if not href or href.startswith(("#", "/")) or ":" in href.split("/", 1)[0]:
        return False
    path = href.split("#", 1)[0]
    return not path.endswith(_DOCUMENT_SUFFIXES)


def _as_figure(element: html_element) -> nodes.figure | None:
    """``<figure>`` with one image (and a ``<figcaption>``) as a docutils figure."""
    images = list(element.findall(nodes.image))
    if len(images) != 1:
        return None
    figure = nodes.figure("", classes=element["classes"], ids=element["ids"])
    figure.source, figure.line = element.source, element.line
    image = images[0]
    image.parent.remove(image)
    figure += image
    for child in list(element.children):
        if isinstance(child, html_element) and child["tag"] == "figcaption":
            caption_text = [c for c in child.children]
            caption = nodes.caption("", "")
            for paragraph in caption_text:
                caption.extend(paragraph.children if isinstance(paragraph, nodes.paragraph) else [paragraph])
            figure += caption
        elif not (isinstance(child, nodes.paragraph) and not child.children):
            if not (isinstance(child, nodes.paragraph) and not child.astext().strip()):
                figure += child
    return figure
