"""Jekyll's ``include`` and ``include_relative`` tags.

``{% include note.html level="warning" text=page.title %}`` renders
``_includes/note.html`` with ``include.level`` and ``include.text`` set;
``include_relative`` takes the file from the post's own folder.  The file
name may hold variables (``{% include {{ page.kind }}.html %}``).  Assigns in
the included file are seen by the post after it, as in Jekyll.

A file the site's ``_includes/`` lacks is taken from its theme gem's, as
Jekyll takes it (see :mod:`..theme`).

Errors inside an included file are located at the post's ``{% include %}``
line and name the file and its line (see :mod:`.located`).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TextIO

from liquid import RenderContext
from liquid.ast import Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.template import BoundTemplate
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from ..theme import Theme
from .markup import Interpolated, expression

# Jekyll's own patterns (Jekyll::Tags::IncludeTag), so that what it refuses is refused here
_PARAM = (r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))""")
_PARAMS = re.compile(_PARAM)
_ALL_PARAMS = re.compile(rf"\A\s*(?:{_PARAM}(?=\s|\Z)\s*)*\Z")
_VARIABLE_NAME = re.compile(r"(?P<file>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S)
_FILE_AND_PARAMS = re.compile(r"(\S+)(?:\s+(.*))?\Z", re.S)
_FILE_CHARS = re.compile(r"^[\w/.\-()+~#@]+$")
_BAD_SEQUENCE = re.compile(r"[./]{2,}")
#: the plugin of ``include_cached``, in ``plugins:``
CACHE_PLUGIN = "jekyll-include-cache"


class IncludeNode(Node):
    __slots__ = ("file", "params", "relative")

    def __init__(self, token: Token, file: Interpolated, params: list[tuple[str, object]] | None,
                 relative: bool) -> None:
        super().__init__(token)
        self.file = file
        #: None when the tag has no parameters: then an outer ``include`` stays visible
        self.params = params
        self.relative = relative
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env = context.env
        name = self.file.render(context).strip()
        if _BAD_SEQUENCE.search(name) or not _FILE_CHARS.match(name):
            raise LiquidError(f"{{% {self.token.value} {name} %}}: the file name has characters or "
                              "sequences (such as '..') that Jekyll refuses", token=self.token)
        folder, shown = self._folder(env)
        if folder is not None:
            env.collector.read(folder / name)
        path = _inside(folder, name) if folder is not None else None
        if path is None and not self.relative and env.site.theme is not None:
            path, shown = self._from_theme(env.site.theme, name, env, shown)
        if path is None:
            raise LiquidError(f"{{% {self.token.value} {name} %}}: no such file in {shown}",
                              token=self.token)
        namespace = {}
        if self.params is not None:
            namespace["include"] = {key: value if isinstance(value, str) else value.evaluate(context)
                                    for key, value in self.params}
        with env.collector.including(f"{shown}{name}", self.token):
            template = _load(env, path, f"{shown}{name}")
            if template is None:
                return 0
            template.render_with_context(context, buffer, partial=True, **namespace)
        return 1

    def _folder(self, env) -> tuple[Path | None, str]:
        site = env.site.folder
        if site is None:
            return None, "the site folder"
        if not self.relative:
            includes = str(env.site.settings.get("includes_dir") or "_includes").strip("/")
            return site / includes, includes + "/"
        page_dir = PurePosixPath(env.page.path).parent.as_posix()
        return site / page_dir, "" if page_dir == "." else page_dir + "/"

    def _from_theme(self, theme: Theme, name: str, env, shown: str) -> tuple[Path | None, str]:
        """The file from the theme's ``_includes/``, as Jekyll looks there after the site's;
        else None and where it was looked for."""
        includes = theme.includes
        if includes is None:
            if theme.folder is None:
                return None, f"{shown}, and the theme {theme.name} was not found: {theme.why_missing}"
            return None, f"{shown} or in the theme {theme.name}, which has no _includes/"
        env.collector.read(includes / name)
        path = _inside(includes, name)
        if path is None:
            return None, f"{shown} or in the theme {theme.name}'s _includes/"
        return path, f"{theme.name}/_includes/"


def _inside(folder: Path, name: str) -> Path | None:
    """The file ``name`` in ``folder``, if it is there and does not lead out of it."""
    path = folder / name
    try:
        resolved = path.resolve()
        if resolved.is_file() and resolved.is_relative_to(folder.resolve()):
            return resolved
    except OSError:
        pass
    return None


def _load(env, path: Path, shown: str) -> BoundTemplate | None:
    """The parsed file, once per render; None, reported, when it cannot be read or parsed."""
    if path in env.included:
        return env.included[path]
    template = None
    try:
        template = env.from_string(path.read_text(encoding="utf-8"), name=shown)
    except (OSError, UnicodeDecodeError) as error:
        env.error(LiquidError(f"{shown} cannot be read: {error}", token=None))
    except LiquidError as error:
        env.error(error)
    env.included[path] = template
    return template


class IncludeTag(Tag):
    """``{% include file.html key=value ... %}``, from the site's ``_includes/``."""

    name = "include"
    block = False
    relative = False

    def parse(self, stream: TokenStream) -> Node:
        if stream.peek.kind != TOKEN_EXPRESSION:
            # raised on the tag itself: the parser steps over the tag, not the text after it
            raise LiquidSyntaxError(f"{{% {self.name} %}} needs a file name", token=stream.current)
        token = stream.eat(TOKEN_TAG)
        markup = stream.current
        text = markup.value
        match = _VARIABLE_NAME.match(text)
        if match:
            file_text, params_text, params_at = match["file"], match["params"], match.start("params")
        else:
            split = _FILE_AND_PARAMS.match(text)
            file_text, params_text = split[1], split[2] or ""
            params_at = split.start(2) if split[2] else len(text)
        file = Interpolated.parse(self.env, Token(TOKEN_EXPRESSION, file_text.strip(),
                                                  markup.start_index, markup.source))
        params = None
        if params_text.strip():
            if not _ALL_PARAMS.match(params_text):
                raise LiquidSyntaxError(f"{{% {self.name} %}}: invalid parameters '{params_text.strip()}': "
                                        'write them as key="text" or key=variable', token=token)
            params = []
            for param in _PARAMS.finditer(params_text):
                key, double, single, variable = param.groups()
                if variable is not None:
                    start = markup.start_index + params_at + param.start(4)
                    params.append((key, expression(self.env, variable, start, markup.source)))
                else:
                    params.append((key, double.replace('\\"', '"') if double is not None
                                   else single.replace("\\'", "'")))
        return IncludeNode(token, file, params, self.relative)


class IncludeCachedTag(IncludeTag):
    """``{% include_cached file.html ... %}``, jekyll-include-cache's tag, for sites that
    list it: an include whose output the plugin keeps for the next page that passes the
    same parameters.  A page's own rendering is the include's."""

    name = "include_cached"


class IncludeRelativeTag(IncludeTag):
    """``{% include_relative file.md %}``: a file next to the post."""

    name = "include_relative"
    relative = True
