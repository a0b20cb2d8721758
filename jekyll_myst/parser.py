"""The MyST parser, extended to read Jekyll posts and author bios.

Every other Markdown file is parsed by MyST unchanged.  A post goes through
Jekyll's steps: front matter, Liquid, then kramdown's Markdown (as MyST
tokens with our rules), and gets its title, byline and excerpt.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path, PurePosixPath

from docutils import nodes
from markdown_it import MarkdownIt
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.util import logging

from . import emoji_names
from .frontmatter import FrontMatter, Problem, split_front_matter
from .kramdown_blocks import kramdown_block_plugin
from .kramdown_inline import kramdown_inline_plugin
from .liquid import LiquidContext, render_liquid
from .local_toc import fill_local_tocs
from .nodes import post_list
from .page_header import add_bio_header, add_post_header, title_section
from .post import read_bio, read_post
from .postfiles import PostName, jekyll_url, parse_post_name
from .project import BlogProject
from .renderer import KramdownRenderer
from .site_paths import relative_to_file, site_file, site_path

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
        body = self._liquid(front, project, docname)
        renderer = self._render(body, document, project, path)
        section = title_section(document, record.name if bio else record.title)
        if bio:
            add_bio_header(section, record, _portrait_uri(project.blog, record.portrait, path))
            section += nodes.section("", nodes.title("Posts", "Posts"), post_list(author=docname),
                                     ids=["posts"], names=["posts"])
        else:
            post_record = add_post_header(section, record, (str(path), front.line_of("authors")),
                                          lambda text: renderer.render_front_matter_markdown(
                                              text, front.line_of("excerpt")))
            domain.note_post(docname, post_record)
        fill_local_tocs(document, section, project.blog.settings)
        # Posts and bios are reached through the blog's lists, not the table of
        # contents: in it they would make every page grow with the blog.
        env.metadata[docname]["orphan"] = True

    def _liquid(self, front: FrontMatter, project: BlogProject, docname: str) -> str:
        blog = project.blog
        site = dict(blog.settings, url=blog.url, baseurl=blog.baseurl)
        context = LiquidContext(site=site, page=front.data, link=lambda p: _site_link(project, p),
                                post_url=lambda n: _post_url(project, n))
        body = front.body
        rendered = body
        if "{%" in body or "{{" in body:
            rendered, problems = render_liquid(body, front.body_line, _code_lines(body), context)
            for problem in problems:
                warn(problem, docname)
        if _PAREN_LIST.search(rendered) or _SPACED_DESTINATION.search(rendered):
            code = _code_lines(rendered)
            rendered = "\n".join(line if n in code else _kramdown_line(line)
                                  for n, line in enumerate(rendered.split("\n")))
        # blank lines in place of the front matter keep every line where it was
        return "\n" * (front.body_line - 1) + rendered

    def _render(self, text: str, document: nodes.document, project: BlogProject,
                path: Path) -> KramdownRenderer:
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
        # kramdown takes any link; the renderer refuses the unsafe ones, with a warning
        md.validateLink = lambda url: True
        blog = project.blog
        md.use(kramdown_block_plugin)
        md.use(kramdown_inline_plugin, mentions_base=blog.mentions_base,
               emoji_lookup=emoji_names.character if blog.emoji_enabled else None)
        md.options["document"] = document
        md.options["jekyll_file"] = str(path)
        md.options["jekyll_blog"] = blog
        md_env: dict = {}
        md.render(text, md_env)
        for line, subtype, message in md_env.pop("kramdown_problems", []):
            warn(Problem(subtype, message, line), env.docname)
        return md.renderer


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


def _site_link(project: BlogProject, path: str) -> str | None:
    """``{% link path %}``: a post's URL, or a site file's own path."""
    blog = project.blog
    path = path.strip().lstrip("/")
    if path.startswith(blog.posts_dir.name + "/"):
        return _post_url(project, Path(path).stem)
    if site_file(blog, "/" + path) is None:
        return None
    return blog.baseurl + "/" + re.sub(r"\.(md|markdown)$", ".html", path)


def _post_url(project: BlogProject, name: str) -> str | None:
    """``{% post_url name %}``: the URL of a post this build publishes, found by its file name."""
    path = project.post_path(PurePosixPath(name).name)
    parsed = parse_post_name(path.name) if path is not None else None
    if not isinstance(parsed, PostName):
        return None
    return jekyll_url(None, parsed.date, parsed.slug, [])


def _portrait_uri(blog, portrait: str, bio_file: Path) -> str | None:
    linked = site_path(blog, portrait) if portrait else None
    found = site_file(blog, linked) if linked is not None else None
    return relative_to_file(found, bio_file) if found is not None else None
