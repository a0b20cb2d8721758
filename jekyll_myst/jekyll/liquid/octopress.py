"""Octopress's tags, on a site whose own plugins register them: ``codeblock``,
``img``, ``video``, ``include_code``, ``blockquote`` and ``pullquote``.

Octopress 2 put them in the blog's ``plugins/`` folder, as Ruby files that
Jekyll runs; a post that uses them reads here as those plugins wrote it:

- ``{% codeblock [title] [lang:name] [url [link text]] [linenos:false] %}``:
  the figure of :mod:`.octopress_code`, in the language of ``lang:``, else
  of the title's file extension (``awesome.rb``).
- ``{% img [class names] /path/or/url [width [height]] [title ["alt"]] %}``:
  the ``<img>``, its ``alt`` the title unless given.
- ``{% blockquote [author[, source title]] [url [link title]] %}``: the text
  as paragraphs (a blank line between) and line breaks, then a ``<footer>``
  with the author and a ``<cite>`` of the source, whose title is in title
  case, or the URL shortened.
- ``{% video /url.mp4 [/url.webm...] [width height] [/poster.jpg] %}``: the
  ``<video>``, a ``<source>`` for each file.
- ``{% include_code path/in/code_dir [title] [lang:name] [linenos:false] %}``:
  the file's code (from ``code_dir``, ``downloads/code`` unless set) as the
  codeblock's figure, titled with the file's name and linked to the file.
- ``{% pullquote [left] %}`` ... ``{" quoted "}`` ... ``{% endpullquote %}``:
  the text in a ``<span>`` whose ``data-pullquote`` holds the quoted part,
  typographic quotes and all, which Octopress's style shows beside the text.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import PurePosixPath
from typing import TextIO

from liquid import RenderContext
from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from ..smartypants import smarten
from .octopress_code import LANGUAGE_OPTION, OPTIONS, UNNUMBERED_OPTION, code_figure
from .tags import BodyNode, line_start, text_after

# codeblock: its markup as Octopress reads it
_CAPTION_URL_TITLE = re.compile(r"(\S[\S\s]*)\s+(https?://)(\S+)\s+(.+)", re.IGNORECASE)
_CAPTION_URL = re.compile(r"(\S[\S\s]*)\s+(https?://)(\S+)", re.IGNORECASE)
_EXTENSION = re.compile(r"\S[\S\s]*\w+\.(\w+)")

# img: Octopress's pattern, part by part
_IMG = re.compile(
    r"\A(?:(?P<class>[^'\"\s][^'\"]*)\s+)?"
    r"(?P<src>(?i:https?://|/)\S+)"
    r"(?:\s+(?P<width>\d+)(?:\s+(?P<height>\d+))?)?"
    r"(?:\s+(?P<title>[^'\"\s].*?)"
    r"|\s+(?P<title_quote>['\"])(?P<quoted_title>.*?)(?P=title_quote)"
    r"(?:\s+(?P<alt_quote>['\"])(?P<alt>.*?)(?P=alt_quote))?)?\s*\Z")
_IMG_SYNTAX = ('{% img [class name(s)] /url/to/image [width [height]] [title text | "title text" '
               '["alt text"]] %}')

# video: each video file, the poster, the sizes
_VIDEOS = re.compile(r"((?:https?://|/)\S+\.(?:webm|ogv|mp4)\S*)", re.IGNORECASE)
_POSTER = re.compile(r"((?:https?://|/)\S+\.(?:png|gif|jpe?g)\S*)", re.IGNORECASE)
_SIZES = re.compile(r"\s(\d\S+)")
_VIDEO_TYPES = {".mp4": "type='video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"'",
                ".ogv": "type='video/ogg; codecs=theora, vorbis'",
                ".webm": "type='video/webm; codecs=vp8, vorbis'"}

# include_code: the file then a title (Octopress 2.1), or a title then the file (2.0)
_FILE_AND_TITLE = re.compile(r"(^\S*\.\S+) *(.+)?")
_TITLE_AND_FILE = re.compile(r"(.*?)(\S*\.\S+)\Z")
_LINK_TEXT = re.compile(r"\s*link_text:(\S+)", re.IGNORECASE)

# blockquote
_FULL_CITE_WITH_TITLE = re.compile(r"(\S.*)\s+(https?://)(\S+)\s+(.+)", re.IGNORECASE)
_FULL_CITE = re.compile(r"(\S.*)\s+(https?://)(\S+)", re.IGNORECASE)
_AUTHOR_AND_TITLE = re.compile(r"([^,]+),([^,]+)")
_SMALL_WORDS = ("a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "of", "on", "or",
                "the", "to", "v", "v.", "via", "vs", "vs.")

# pullquote
_PULLED = re.compile(r'\{"\s*(.+)\s*"\}')
_PULL_MARKS = re.compile(r'\{"\s*|\s*"\}')


def _markup(stream: TokenStream) -> str:
    return stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""


def _block_tag(tag: Tag, stream: TokenStream) -> tuple[Token, str, BlockNode, bool]:
    """A block tag's token, its markup, its body and whether its end tag closes it;
    an unclosed one is reported, and its body kept as text rather than lost."""
    token = stream.eat(TOKEN_TAG)
    markup = _markup(stream)
    if stream.current.kind == TOKEN_EXPRESSION:
        next(stream)
    block = get_parser(tag.env).parse_block(stream, (tag.end, TOKEN_EOF))
    closed = stream.current.kind == TOKEN_TAG and stream.current.value == tag.end
    if not closed:
        tag.env.error(LiquidSyntaxError(f"{{% {tag.name} %}} is not closed: add {{% {tag.end} %}}",
                                        token=token))
    return token, markup, block, closed


def _code_figure(language: str, line_numbers: bool, caption: tuple[str, str, str], indent: str,
                 breaks: tuple[str, str], body: str) -> tuple[str, None]:
    """The codeblock's figure; ``indent``, the spaces before the tag on its line, keeps its
    lines in the list item they are in."""
    # the code as the author wrote it under the tag: without the tag's own indentation, nor
    # the blank lines around it
    code = [_dedented(line, indent) for line in body.split("\n")]
    while code and not code[0].strip():
        del code[0]
    while code and not code[-1].strip():
        del code[-1]
    lines = code_figure(code, language, line_numbers, *caption)
    before, after = breaks
    return before + ("\n" + indent).join(lines) + after, None


def _dedented(line: str, indent: str) -> str:
    if line.startswith(indent):
        return line[len(indent):]
    return line[min(len(indent), len(line) - len(line.lstrip(" "))):]


class CodeblockTag(Tag):
    name = "codeblock"
    end = "endcodeblock"

    def parse(self, stream: TokenStream) -> Node:
        before, indent = line_start(stream)
        token, markup, block, closed = _block_tag(self, stream)
        if not closed:
            return block
        language = LANGUAGE_OPTION.search(markup)
        markup = LANGUAGE_OPTION.sub("", markup, count=1)
        line_numbers = UNNUMBERED_OPTION.search(markup) is None
        markup = UNNUMBERED_OPTION.sub("", markup, count=1).strip()
        title, url, link_text = markup, "", ""
        if found := _CAPTION_URL_TITLE.search(markup) or _CAPTION_URL.search(markup):
            title, url = found[1], found[2] + found[3]
            link_text = found[4] if found.re is _CAPTION_URL_TITLE else ""
        name = language[1] if language else (found[1] if (found := _EXTENSION.search(title)) else "")
        breaks = ("\n" if before else "", "\n" if text_after(stream) else "")
        return BodyNode(token, block, functools.partial(_code_figure, name, line_numbers,
                                                        (title, url, link_text), indent, breaks))


class MarkupNode(Node):
    """A tag whose output its markup gives."""

    __slots__ = ("output",)

    def __init__(self, token: Token, output: str) -> None:
        super().__init__(token)
        self.output = output
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(self.output)


class ImageTag(Tag):
    name = "img"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        image = _IMG.match(_markup(stream))
        if image is None:
            raise LiquidSyntaxError(f"{{% img %}} needs a path from / or a URL: {_IMG_SYNTAX}", token=token)
        values = image.groupdict()
        values["title"] = values["title"] or values["quoted_title"]
        values["alt"] = values["alt"] or values["title"]
        attributes = " ".join(f'{name}="{values[name].replace(chr(34), "&#34;")}"'
                              for name in ("class", "src", "width", "height", "title", "alt") if values[name])
        return MarkupNode(token, f"<img {attributes}>")


class VideoTag(Tag):
    name = "video"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = _markup(stream)
        videos = _VIDEOS.findall(markup)
        if not videos:
            raise LiquidSyntaxError("{% video %} needs a .mp4, .webm or .ogv from / or a URL: {% video "
                                    "url/to/video [url/to/video] [width height] [url/to/poster] %}",
                                    token=token)
        poster = _POSTER.search(markup)
        width, height = [*_SIZES.findall(markup), None, None][:2]
        attributes = "".join(f" {name}='{value}'" for name, value in (("width", width), ("height", height))
                             if value)
        sources = "".join(f"<source src='{video}' {_VIDEO_TYPES.get(PurePosixPath(video).suffix, '')}>"
                          for video in videos)
        shown = f" poster='{poster[0]}'" if poster else ""
        return MarkupNode(token, f"<video{attributes} preload='metadata' controls{shown}>{sources}</video>")


class IncludeCodeNode(Node):
    __slots__ = ("file", "title", "language", "line_numbers", "link_text")

    def __init__(self, token: Token, file: str, title: str, language: str, line_numbers: bool,
                 link_text: str) -> None:
        super().__init__(token)
        self.file = file
        self.title = title
        self.language = language
        self.line_numbers = line_numbers
        self.link_text = link_text
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env = context.env
        code_dir = str(env.site.settings.get("code_dir") or "downloads/code").strip("/")
        if env.site.folder is None:
            raise LiquidError(f"{{% include_code {self.file} %}}: no site folder to read it from",
                              token=self.token)
        folder = env.site.folder / code_dir
        resolved = (folder / self.file).resolve()
        inside = resolved.is_relative_to(folder.resolve())
        if inside:
            env.collector.read(folder / self.file)
        if not inside or not resolved.is_file():
            raise LiquidError(f"{{% include_code {self.file} %}}: no such file in {code_dir}/",
                              token=self.token)
        code = resolved.read_text(encoding="utf-8", errors="replace").rstrip("\n").split("\n")
        name = PurePosixPath(self.file).name
        title = f"{self.title} ({name})" if self.title else name
        language = self.language or PurePosixPath(name).suffix[1:]
        lines = code_figure(code, language, self.line_numbers, title, f"/{code_dir}/{self.file}",
                            self.link_text or "view raw")
        return buffer.write("\n".join(lines))


class IncludeCodeTag(Tag):
    name = "include_code"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = _markup(stream)
        language = LANGUAGE_OPTION.search(markup)
        line_numbers = UNNUMBERED_OPTION.search(markup) is None
        words = OPTIONS.sub("", markup).strip()
        found = _FILE_AND_TITLE.match(words) or _TITLE_AND_FILE.match(words)
        if found is None:
            raise LiquidSyntaxError("{% include_code %} needs a file of code_dir: {% include_code "
                                    "path/to/file [title] [lang:language] %}", token=token)
        file, title = (found[1], found[2] or "") if found.re is _FILE_AND_TITLE else (found[2], found[1])
        link_text = _LINK_TEXT.search(markup)
        return IncludeCodeNode(token, file, title.strip(), language[1] if language else "", line_numbers,
                               link_text[1] if link_text else "")


def _quoted(footer: str, body: str) -> tuple[str, None]:
    """Octopress's quote: its text as paragraphs and line breaks, then its footer."""
    text = body.strip().replace("\n\n", "</p><p>").replace("\n", "<br/>")
    return f"<blockquote><p>{text}</p>{footer}</blockquote>", None


class BlockquoteTag(Tag):
    name = "blockquote"
    end = "endblockquote"

    def parse(self, stream: TokenStream) -> Node:
        token, markup, block, closed = _block_tag(self, stream)
        return BodyNode(token, block, functools.partial(_quoted, quote_footer(markup))) if closed else block


def quote_footer(markup: str) -> str:
    """The ``<footer>`` Octopress writes under a quote, from the tag's markup."""
    author = source = title = None
    if found := _FULL_CITE_WITH_TITLE.search(markup):
        author, source, title = found[1], found[2] + found[3], titlecase(found[4])
    elif found := _FULL_CITE.search(markup):
        author, source = found[1], found[2] + found[3]
    elif markup:
        author = markup
        if found := _AUTHOR_AND_TITLE.search(markup):
            author, title = found[1], titlecase(found[2])
    if author is None:
        return ""
    cite = ""
    if source is not None:
        parts: list[str] = []
        for part in re.match(r"https?://(.+)", source, re.IGNORECASE)[1].split("/"):
            if len("/".join([*parts, part])) < 32:
                parts.append(part)
        # Octopress compares the shortened text with the URL, scheme and all: it always adds the ellipsis
        shown = "/".join(parts) + "/&hellip;"
        cite = f" <cite><a href='{source}'>{title or shown}</a></cite>"
    elif title is not None:
        cite = f" <cite>{title}</cite>"
    return f"<footer><strong>{author.strip()}</strong>{cite}</footer>"


def titlecase(text: str) -> str:
    """Octopress's ``String#titlecase``: words capitalised, but small ones (``of``,
    ``the``...) that are neither first nor last."""
    words = [word.lower() if re.sub(r"\W", "", word).lower() in _SMALL_WORDS else _capitalised(word)
             for word in text.split()]
    if words:
        words[0], words[-1] = _capitalised(words[0]), _capitalised(words[-1])
    small = "|".join(re.escape(word) for word in _SMALL_WORDS)
    return re.sub(rf"(:|\.|!|\?)\s?(\W*{small}\W*)\s", lambda m: f"{m[1]} {_capitalised(m[2])} ",
                  " ".join(words))


def _capitalised(word: str) -> str:
    """The first letter up, past leading quotes and brackets, unless the word has a
    capital, an underscore or a dot inside it already."""
    found = re.match(r"""^['"(\[]*([a-z])""", word)
    if found is None:
        return word
    at = word.index(found[1])
    rest = word[at:]
    if re.search(r"[A-Z_]", rest) or re.search(r"\.\w+", rest):
        return word
    return word[:at] + word[at].upper() + word[at + 1:]


def _pulled(align: str, body: str) -> tuple[str, str | None]:
    """The text in a span whose data holds the quoted words; the text as it is, and a
    problem, when it marks none."""
    pulled = _PULLED.search(body)
    if pulled is None:
        return body, ('{% pullquote %} marks no quote: surround it with {" and "} on one line, as in '
                      '{" text to be quoted "}')
    quote = html.escape(smarten(pulled[1]))
    return (f"<span class='pullquote-{align}' data-pullquote='{quote}'>{_PULL_MARKS.sub('', body)}</span>",
            None)


class PullquoteTag(Tag):
    name = "pullquote"
    end = "endpullquote"

    def parse(self, stream: TokenStream) -> Node:
        token, markup, block, closed = _block_tag(self, stream)
        align = "left" if re.search("left", markup, re.IGNORECASE) else "right"
        return BodyNode(token, block, functools.partial(_pulled, align)) if closed else block


#: the tags, by the name a site's plugin registers
TAGS = {tag.name: tag for tag in (CodeblockTag, ImageTag, VideoTag, IncludeCodeTag, BlockquoteTag,
                                   PullquoteTag)}
