"""Liquid as Jekyll 4.3 runs it: Liquid 4's tags and filters, then Jekyll's.

python-liquid follows Shopify's Liquid 5; the tags and filters that came
after Liquid 4 (``render``, ``echo``, ``liquid``, ``{% # %}``, ``sum``...)
are taken out, so that a post that uses them gets the error Jekyll would
give.  Errors go to a :class:`~.located.Collector` instead of being raised:
one environment serves one render of one post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from liquid import BoundTemplate, Environment, Mode, RenderContext
from liquid.ast import Node
from liquid.exceptions import LiquidError, UnknownFilterError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from ..site import uses_plugin
from . import array_filters, date_filters, gist, includes, octopress, tags, text_filters, url_filters
from .inputs import Links, PageInput, SiteInput
from .located import Collector
from .ruby_output import RubyOutput

#: Liquid 4's standard filters (Jekyll 4.3 runs Liquid 4.0)
_LIQUID_4_FILTERS = frozenset("""
    abs append at_least at_most capitalize ceil compact concat date default divided_by downcase
    escape escape_once first floor join last lstrip map minus modulo newline_to_br plus prepend
    remove remove_first replace replace_first reverse round rstrip size slice sort sort_natural
    split strip strip_html strip_newlines times truncate truncatewords uniq upcase url_decode
    url_encode where
""".split())
#: python-liquid's tags that Liquid 4 does not have
_NOT_LIQUID_4_TAGS = ("echo", "liquid", "render", "#", "doc")


class _JekyllContext(RenderContext):
    def filter(self, name: str, token: Token | None) -> Callable[..., object]:
        if name in self.env.filters:
            return super().filter(name, token)
        # Liquid 4, as Jekyll runs it, passes the value on through a filter it does not know
        self.env.error(UnknownFilterError(f"unknown filter '{name}': the value is shown as it was",
                                          token=token))
        return _unchanged


def _unchanged(value: Any, *args: Any, **kwargs: Any) -> Any:
    return value


class _JekyllTemplate(BoundTemplate):
    context_class = _JekyllContext


class JekyllEnvironment(Environment):
    template_class = _JekyllTemplate

    def __init__(self, site: SiteInput, page: PageInput, links: Links, collector: Collector) -> None:
        self.site = site
        self.page = page
        self.links = links
        self.collector = collector
        #: included files, parsed once per render
        self.included: dict = {}
        #: the unknown tags reported, whose end tags are not reported again
        self.unknown_tags: set[str] = set()
        #: the token stream being parsed, whose position locates errors that have none
        self._parsing: TokenStream | None = None
        super().__init__(tolerance=Mode.STRICT, strict_filters=True)

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        super().setup_tags_and_filters(extra=False)
        for name in _NOT_LIQUID_4_TAGS:
            self.tags.pop(name, None)
        self.filters = {name: func for name, func in self.filters.items() if name in _LIQUID_4_FILTERS}
        for tag in (RubyOutput, tags.UnknownTag, tags.UnclosedRawTag, tags.HighlightTag, tags.LinkTag,
                    tags.PostUrlTag, includes.IncludeTag, includes.IncludeRelativeTag):
            self.add_tag(tag)
        for module in (url_filters, date_filters, text_filters, array_filters):
            self.filters.update(module.FILTERS)
        # Octopress's own gist tag takes what jekyll-gist's does
        if uses_plugin(self.site.settings, gist.PLUGIN) or "gist" in self.site.local_tags:
            self.add_tag(gist.GistTag)
        for name in self.site.local_tags.keys() & octopress.TAGS.keys():
            self.add_tag(octopress.TAGS[name])
        if uses_plugin(self.site.settings, includes.CACHE_PLUGIN):
            self.add_tag(includes.IncludeCachedTag)

    def _parse(self, source: str) -> list[Node]:
        stream = TokenStream(_bare_end_tags(self.tokenizer()(source), self.tags))
        outer, self._parsing = self._parsing, stream
        try:
            return get_parser(self).parse(stream)
        finally:
            self._parsing = outer

    def error(self, exc, msg=None, token=None) -> None:
        """Collect the error and go on, as Jekyll's default ``error_mode: warn`` does."""
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        if not _placed(exc.token):
            # an error at the end of a tag's expression has a token outside the source
            exc.token = token if _placed(token) else self._parsing.current if self._parsing else None
        self.collector.add(exc)


def _bare_end_tags(tokens: Iterator[Token], tags: Mapping[str, object]) -> Iterator[Token]:
    """The tokens, without what follows a block's end tag in it: Liquid 4 reads only the
    name, so ``{% endhighlight ruby %}`` ends the block in Jekyll."""
    after_end = False
    for token in tokens:
        if after_end and token.kind == TOKEN_EXPRESSION:
            after_end = False
            continue
        after_end = token.kind == TOKEN_TAG and token.value.startswith("end") and token.value[3:] in tags
        yield token


def _placed(token: Token | None) -> bool:
    return token is not None and token.start_index >= 0
