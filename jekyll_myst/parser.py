"""The MyST parser, extended to read Jekyll posts and author bios.

Every other Markdown file is parsed by MyST unchanged.  A post goes through
Jekyll's steps: front matter, Liquid, then kramdown's Markdown (as MyST
tokens with our rules), and gets its title, byline and excerpt.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from docutils import nodes
from docutils.utils import new_document
from markdown_it import MarkdownIt
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.util import logging

from . import emoji_names
from .frontmatter import FrontMatter, Problem, split_front_matter
from .kramdown_blocks import kramdown_block_plugin
from .kramdown_inline import kramdown_inline_plugin
from .liquid import LiquidContext, render_liquid
from .nodes import post_date, post_list
from .post import Post, read_bio, read_post
from .postfiles import PostName, jekyll_url, parse_post_name
from .project import BlogProject
from .renderer import KramdownRenderer, local_toc

logger = logging.getLogger(__name__)

_PAREN_LIST = re.compile(r"^( {0,3}\d{1,9})\)(?=[ \t])", re.MULTILINE)
#: MyST features that are kramdown's too; nothing else of MyST's own syntax.
#: Quotes, dashes and ellipses are Sphinx's smartquotes' work, as kramdown does them.
_KRAMDOWN_EXTENSIONS = {"deflist", "html_image", "strikethrough"}
#: kramdown allows spaces in a link's destination: ``[pdf](/a/b c.pdf)``.
_SPACED_DESTINATION = re.compile(r"(\]\()([^()\"'\n<>]*? [^()\"'\n<>]*?)(\))")


def warn(problem: Problem, docname: str) -> None:
    logger.warning(problem.message, type="jekyll", subtype=problem.subtype,
                   location=(docname, problem.line))


class JekyllMystParser(MystParser):
    """MyST, plus Jekyll's reading of the files of a blog."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        project = env.project
        if isinstance(project, BlogProject) and project.is_post(env.docname):
            return self._parse_blog_file(inputstring, document, project, bio=False)
        if isinstance(project, BlogProject) and project.is_bio(env.docname):
            return self._parse_blog_file(inputstring, document, project, bio=True)
        return super().parse(inputstring, document)

    def _parse_blog_file(self, text: str, document: nodes.document, project: BlogProject,
                         bio: bool) -> None:
        env = document.settings.env
        docname = env.docname
        path = Path(env.doc2path(docname))
        front = split_front_matter(text)
        domain = env.domains["jekyll"]
        if bio:
            record, problems = read_bio(front, path.stem)
            domain.note_bio(docname, dataclasses.asdict(record))
        else:
            record, problems = read_post(path.name, front)
            for key in record.unknown_keys:
                logger.info("front-matter key %r is not used by this site", key, type="jekyll",
                            subtype="front_matter_key", location=(docname, front.line_of(key)))
        for problem in problems:
            warn(problem, docname)
        body = self._liquid(front, project, docname, record)
        self._render(body, document, project, path)
        title = record.name if bio else record.title
        section = _title_section(document, title)
        if bio:
            _bio_header(section, record)
        else:
            _byline(section, record, docname, (str(path), front.line_of("authors")))
            _excerpt(section, record, document)
            domain.note_post(docname, _post_record(record, section))
        for placeholder in list(document.findall(local_toc)):
            placeholder.replace_self(_local_toc(section, placeholder, project.blog.settings))
        if bio:
            posts = nodes.section("", nodes.title("Posts", "Posts"), post_list(author=docname),
                                  ids=["posts"], names=["posts"])
            section += posts

    def _liquid(self, front: FrontMatter, project: BlogProject, docname: str, record) -> str:
        blog = project.blog
        site = dict(blog.settings, url=blog.url, baseurl=blog.baseurl)
        context = LiquidContext(site=site, page=front.data, link=lambda p: _site_link(blog, p),
                                post_url=lambda n: _post_url(blog.posts_dir, n))
        body = front.body
        rendered, problems = render_liquid(body, front.body_line, _code_lines(body), context)
        for problem in problems:
            warn(problem, docname)
        code = _code_lines(rendered)
        lines = rendered.split("\n")
        rendered = "\n".join(line if n in code else _kramdown_line(line)
                             for n, line in enumerate(lines))
        # blank lines in place of the front matter keep every line where it was
        return "\n" * (front.body_line - 1) + rendered

    def _render(self, text: str, document: nodes.document, project: BlogProject, path: Path) -> None:
        env = document.settings.env
        config = dataclasses.replace(
            env.myst_config,
            enable_extensions=_KRAMDOWN_EXTENSIONS,
            heading_anchors=0,
            title_to_header=False,
            footnote_transition=False,
            suppress_warnings=[],
        )
        md = create_md_parser(config, KramdownRenderer)
        blog = project.blog
        md.use(kramdown_block_plugin)
        md.use(kramdown_inline_plugin, mentions_base=blog.mentions_base,
               emoji_lookup=emoji_names.character if blog.emoji_enabled else None)
        md.options["document"] = document
        md.options["jekyll_file"] = str(path)
        md.options["jekyll_blog"] = blog
        md_env: dict = {}
        md.render(text, md_env)
        for line, subtype, message in md_env.get("kramdown_problems", []):
            warn(Problem(subtype, message, line), env.docname)


def _kramdown_line(line: str) -> str:
    """Line-level differences from CommonMark: ``1)`` starts no list, and
    link destinations may hold spaces."""
    line = _PAREN_LIST.sub(r"\1\\)", line)
    return _SPACED_DESTINATION.sub(lambda m: m[1] + m[2].strip().replace(" ", "%20") + m[3], line)


def _code_lines(text: str) -> set[int]:
    """0-based numbers of the lines inside fenced or indented code blocks."""
    lines: set[int] = set()
    for token in _BLOCK_PARSER.parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


_BLOCK_PARSER = MarkdownIt("commonmark").disable(["html_block"], ignoreInvalid=True)


def _site_link(blog, path: str) -> str | None:
    """``{% link path %}``: a post's URL, or a site file's own path."""
    path = path.strip().lstrip("/")
    posts_folder = blog.posts_dir.name
    if path.startswith(posts_folder + "/"):
        return _post_url(blog.posts_dir, Path(path).stem)
    target = (blog.static_dir / path).resolve()
    if not target.is_file() or not target.is_relative_to(blog.static_dir.resolve()):
        return None
    return blog.baseurl + "/" + re.sub(r"\.(md|markdown)$", ".html", path)


def _post_url(posts_dir: Path, name: str) -> str | None:
    matches = [p for p in posts_dir.rglob(f"{name}.*") if p.is_file()]
    if not matches:
        return None
    parsed = parse_post_name(matches[0].name)
    if not isinstance(parsed, PostName):
        return None
    return jekyll_url(None, parsed.date, parsed.slug, [])


def _title_section(document: nodes.document, title: str) -> nodes.section:
    section = nodes.section()
    section += nodes.title(title, title)
    section["names"].append(nodes.fully_normalize_name(title))
    body = list(document.children)
    document.clear()
    document += section
    document.note_implicit_target(section, section)
    section.extend(body)
    return section


def _insert_after_title(section: nodes.section, *new: nodes.Node) -> None:
    index = 1
    while index < len(section) and "jekyll-header" in section[index].get("classes", []):
        index += 1
    for offset, node in enumerate(new):
        node["classes"].append("jekyll-header")
        section.insert(index + offset, node)


def _byline(section: nodes.section, post: Post, docname: str, location: tuple[str, int]) -> None:
    byline = nodes.paragraph(classes=["byline"])
    byline.source, byline.line = location
    shown = f"{post.day:%A, %B} {post.day.day}, {post.day.year}"
    byline += post_date(shown, shown, datetime=post.day.isoformat(), classes=["post-date"])
    for index, name in enumerate(post.authors):
        byline += nodes.Text(" by " if index == 0 else (" and " if index == len(post.authors) - 1 else ", "))
        author = nodes.inline(classes=["author"])
        xref = addnodes.pending_xref("", refdomain="jekyll", reftype="author", reftarget=name,
                                     refdoc=docname, refexplicit=True, refwarn=True)
        xref.source, xref.line = location
        xref += nodes.Text(name)
        author += xref
        byline += author
    _insert_after_title(section, byline)


def _excerpt(section: nodes.section, post: Post, document: nodes.document) -> None:
    if not post.excerpt:
        # Jekyll's default excerpt is the first paragraph, already on the page
        first = next((p for p in section.findall(nodes.paragraph)
                      if "jekyll-header" not in p["classes"]), None)
        if first is not None:
            section += nodes.meta(name="description", content=" ".join(first.astext().split()))
        return
    excerpt = nodes.container(classes=["excerpt"])
    # The excerpt is the lead paragraph, written in the same Markdown.
    for child in _render_markdown_fragment(post.excerpt, document):
        excerpt += child
    description = " ".join(excerpt.astext().split())
    meta = nodes.meta(name="description", content=description)
    section += meta
    if not post.hide_excerpt:
        _insert_after_title(section, excerpt)


def _render_markdown_fragment(text: str, document: nodes.document) -> list[nodes.Node]:
    """Front-matter Markdown (the excerpt), rendered apart from the page."""
    env = document.settings.env
    config = dataclasses.replace(env.myst_config, enable_extensions=_KRAMDOWN_EXTENSIONS)
    fragment = new_document(document["source"], document.settings)
    md = create_md_parser(config, KramdownRenderer)
    md.options["document"] = fragment
    md.options["jekyll_file"] = env.doc2path(env.docname)
    md.options["jekyll_blog"] = env.project.blog
    md.render(text, {})
    return [c for c in fragment.children if not isinstance(c, nodes.substitution_definition)]


def _post_record(post: Post, section: nodes.section) -> dict:
    description = next((m for m in section.children if isinstance(m, nodes.meta)), None)
    return {
        "title": post.title,
        "date": post.date.isoformat(),
        "day": post.day.isoformat(),
        "authors": post.authors,
        "excerpt": description["content"] if description is not None else "",
        "url": post.url,
        "default_url": jekyll_url(None, post.day, post.slug, []),
        "tags": post.tags,
        "categories": post.categories,
    }


def _bio_header(section: nodes.section, bio) -> None:
    if bio.jobtitle:
        _insert_after_title(section, nodes.paragraph(bio.jobtitle, bio.jobtitle, classes=["jobtitle"]))


def _toc_levels(settings: dict) -> range:
    value = str((settings.get("kramdown") or {}).get("toc_levels", "1..6"))
    match = re.fullmatch(r"\s*(\d)\s*\.\.\s*(\d)\s*", value)
    if match:
        return range(int(match[1]), int(match[2]) + 1)
    levels = [int(n) for n in re.findall(r"\d", value)]
    return range(min(levels), max(levels) + 1) if levels else range(1, 7)


def _local_toc(section: nodes.section, placeholder: local_toc, settings: dict) -> nodes.Element:
    """kramdown's ``{:toc}``: the headings in ``toc_levels`` not marked ``.no_toc``."""
    levels = _toc_levels(settings)
    root = nodes.bullet_list()
    stack: list[tuple[int, nodes.bullet_list]] = [(0, root)]
    for heading in section.findall(nodes.section):
        level = heading.get("heading_level")
        if level not in levels or "no_toc" in heading["classes"] or not heading["ids"]:
            continue
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        title = heading[0]
        reference = nodes.reference("", "", *[c.deepcopy() for c in title.children],
                                    internal=True, refid=heading["ids"][0])
        item = nodes.list_item("", nodes.paragraph("", "", reference))
        stack[-1][1].append(item)
        sublist = nodes.bullet_list()
        item.append(sublist)
        stack.append((level, sublist))
    for empty in [n for n in root.findall(nodes.bullet_list) if not n.children and n is not root]:
        empty.parent.remove(empty)
    toc = nodes.topic("", root, classes=["contents", "local", *placeholder["classes"]],
                      ids=placeholder["ids"])
    toc.source, toc.line = placeholder.source, placeholder.line
    return toc
