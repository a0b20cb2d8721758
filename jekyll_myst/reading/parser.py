"""The MyST parser, extended to read Jekyll posts and author bios.

Every other Markdown file is parsed by MyST unchanged.  A post goes through
Jekyll's steps: front matter, Liquid, then kramdown's Markdown (as MyST
tokens with our rules), and gets its title, byline and excerpt; its record
goes to the blog's domain.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from docutils import nodes
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.environment import BuildEnvironment

from ..jekyll import emoji
from ..jekyll.authors import read_bio
from ..jekyll.filenames import is_html
from ..jekyll.frontmatter import FrontMatter, split_front_matter
from ..jekyll.kramdown.blocks import PROBLEMS, kramdown_block_plugin
from ..jekyll.kramdown.extensions import kramdown_extensions_plugin
from ..jekyll.kramdown.inline import kramdown_inline_plugin
from ..jekyll.kramdown.lines import as_commonmark
from ..jekyll.kramdown.task_lists import task_list_plugin
from ..jekyll.links import link_url, post_url
from ..jekyll.liquid import Links, PageInput, page_variables, render_post
from ..jekyll.liquid.lazy import LazyList
from ..jekyll.liquid.octopress_code import backtick_blocks
from ..jekyll.post import Post, excerpt_markdown, html_excerpt, merge_front_matter, read_post
from ..jekyll.record import PostRecord
from ..jekyll.site_files import relative_to_file, site_file, site_location, site_path
from ..reporting import report, report_problem
from .header import add_bio_header, add_post_header, description_text, title_section
from .html_text import text_edition
from .listed_folders import note_listed_folder
from .local_toc import fill_local_tocs
from .nodes import post_list
from .preview_image import preview_image
from .project import BlogProject
from .raw_html import note_site_urls
from .renderer import KramdownRenderer
from .typography import KramdownTypography, kramdown_typography_plugin

#: MyST features that are kramdown's too; nothing else of MyST's own syntax.
#: Quotes, dashes and ellipses are ``typography.KramdownTypography``'s work.
_KRAMDOWN_EXTENSIONS = {"deflist", "html_image", "strikethrough"}
#: MyST's own syntax, which kramdown reads as text: ``%`` comments, ``+++`` breaks,
#: ``(target)=`` lines and ``{role}`content``` roles (```` ```{directive} ```` is the renderer's).
_MYST_SYNTAX_RULES = ["myst_line_comment", "myst_block_break", "myst_target", "myst_role"]
#: The front-matter key by which a post opts in to MyST's own syntax.
MYST_KEY = "myst"


class JekyllMystParser(MystParser):
    """MyST, plus Jekyll's reading of the files of a blog."""

    def get_transforms(self) -> list:
        return [*super().get_transforms(), KramdownTypography]

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
        document.settings.kramdown_quotes = project.blog.kramdown.quote_characters
        domain = env.domains["jekyll"]
        if bio:
            record, problems = read_bio(front, path.stem)
            domain.note_bio(docname, record)
        else:
            record, problems = read_post(project.blog.relative_path(path), front, project.blog,
                                         project.draft_time(path))
            for key in record.unknown_keys:
                report("front_matter_key", "front-matter key %r is not used by this site", key,
                       location=(docname, front.line_of(key)))
        for problem in problems:
            report_problem(problem, docname)
        html = not bio and is_html(path.name)
        body = self._liquid(front, project, env, path, None if bio else record, markdown=not html)
        renderer = self._render("" if html else body, document, project, path,
                                myst_syntax=front.data.get(MYST_KEY) is True,
                                media_subpath="" if bio else record.media_subpath,
                                page_url="" if bio else record.url)
        if html:
            # Jekyll converts no HTML post: its body, Liquid run, is the page as it is
            document += nodes.raw("", body.lstrip("\n"), format="html")
            note_site_urls(document, env, project.blog, path, "" if bio else record.url)
            edition = text_edition(body)
            document += edition
        section = title_section(document, record.name if bio else record.title)
        if bio:
            add_bio_header(section, record, _portrait_uri(project.blog, record.portrait, path))
            section += nodes.section("", nodes.title("Posts", "Posts"), post_list(author=docname),
                                     ids=["posts"], names=["posts"])
        else:
            separated = excerpt_markdown(body, record.excerpt_separator)
            if html:
                # the page has no paragraph to take the description from: the HTML before
                # the separator (a blank line by default) is the excerpt, as Jekyll's
                head = html_excerpt(body, record.excerpt_separator)
                shown = None if head is None else [nodes.raw("", head, format="html")]
            else:
                # the body keeps its lines: the part before the separator starts at line 1
                shown = None if separated is None else renderer.render_front_matter_markdown(
                    separated, 1, reread=True)
            words, (excerpt, typeset_excerpt) = add_post_header(
                section, record, (str(path), front.line_of("authors")),
                lambda text: renderer.render_front_matter_markdown(text, front.line_of("excerpt")), shown,
                words=len(edition.astext().split()) if html else None)
            image = preview_image(env, project.blog, path, record.image, front.line_of("image"),
                                  record.image_from_defaults)
            described, typeset_description = description_text(record, document, lambda text: (
                renderer.render_front_matter_markdown(text, record.description_line)))
            domain.note_post(docname, PostRecord.of(record, words, excerpt, described, image,
                                                    preview=typeset_description or typeset_excerpt))
        fill_local_tocs(document, section, renderer.toc_levels)
        # Posts and bios are reached through the blog's lists, not the table of
        # contents: in it they would make every page grow with the blog.
        env.metadata[docname]["orphan"] = True

    def _liquid(self, front: FrontMatter, project: BlogProject, env: BuildEnvironment, path: Path,
                post: Post | None, markdown: bool = True) -> str:
        blog = project.blog
        posts = LazyList(project.site_posts)
        site = project.liquid_site(posts)
        relative = blog.relative_path(path)
        # a post's page has the site's defaults under its own front matter, as in Jekyll
        data = front.data if post is None else merge_front_matter(blog, relative, front.data)
        page = PageInput(page_variables(data, relative, post, front.body, posts), relative)
        linked: set[Path] = set()

        def find_post(stem: str) -> Path | None:
            path = project.post_path(stem)
            # the link changes when the post goes, or comes: a missing file read again every build
            linked.add(path if path is not None else blog.posts_dir / f"{stem}.md")
            return path

        def find_file(path: str) -> Path | None:
            # as a post: the link changes when the file goes, or comes (a path
            # out of the site is no link, and no dependency)
            location = site_location(blog, path)
            if location is None:
                return None
            linked.add(location)
            return location if location.is_file() else None

        links = Links(link=lambda target: link_url(blog, target, find_post, find_file),
                      post_url=lambda name: post_url(blog, find_post(Path(name).name)))
        body = front.body
        if blog.octopress_backticks and markdown:
            body = backtick_blocks(body, liquid=page.variables.get("render_with_liquid") is not False)
        rendered = render_post(body, front.body_line, page, site, links)
        for problem in rendered.problems:
            report_problem(problem, env.docname)
        for file in rendered.files | linked:
            if file.is_dir():
                note_listed_folder(env, file)
            else:
                env.note_dependency(str(file))
        if posts.used:
            # it shows the other posts, as Jekyll's would: read again when one changes,
            # goes (its file is missing) or comes (``post_listers``); and the files
            # their excerpts' Liquid read
            for other in project.post_files():
                env.note_dependency(str(other))
            for other in posts:
                for file in getattr(other, "files", ()):
                    env.note_dependency(str(file))
                if getattr(other, "shows_itself", False) and other["path"] == relative:
                    report("liquid", "the excerpt shows itself, through site.posts: Jekyll stops there "
                           "('stack level too deep'); its Liquid is shown as written",
                           location=(env.docname, front.body_line))
            env.domains["jekyll"].note_post_lister(env.docname)
        # blank lines in place of the front matter keep every line where it was
        return "\n" * (front.body_line - 1) + (as_commonmark(rendered.text) if markdown else rendered.text)

    def _render(self, text: str, document: nodes.document, project: BlogProject,
                path: Path, myst_syntax: bool, media_subpath: str = "",
                page_url: str = "") -> KramdownRenderer:
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
        if not myst_syntax:
            # an imported post reads as Jekyll reads it: MyST's syntax is text there
            md.disable(_MYST_SYNTAX_RULES)
        # kramdown takes any link; the renderer refuses the unsafe ones, with a warning
        md.validateLink = lambda url: True
        blog = project.blog
        md.use(kramdown_block_plugin, parse_block_html=blog.kramdown.parse_block_html)
        md.use(kramdown_extensions_plugin)
        md.use(task_list_plugin)
        md.use(kramdown_inline_plugin, mentions_base=blog.mentions_base,
               emoji_lookup=emoji.character if blog.emoji_enabled else None)
        md.use(kramdown_typography_plugin(blog.kramdown.quote_characters))
        md.options["document"] = document
        md.options["jekyll_file"] = str(path)
        md.options["jekyll_blog"] = blog
        md.options["jekyll_myst_syntax"] = myst_syntax
        md.options["jekyll_media_subpath"] = media_subpath
        md.options["jekyll_page_url"] = page_url
        md.options["jekyll_source"] = text
        md_env: dict = {}
        md.render(text, md_env)
        for problem in md_env.pop(PROBLEMS, []):
            report_problem(problem, env.docname)
        return md.renderer


def _portrait_uri(blog, portrait: str, bio_file: Path) -> str | None:
    linked = site_path(blog, portrait) if portrait else None
    found = site_file(blog, linked) if linked is not None else None
    return relative_to_file(found, bio_file) if found is not None else None
