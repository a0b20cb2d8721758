"""``site.posts``, ``site.tags`` and ``site.categories``, made on first use.

They need every post's front matter.  Reading it all for each post would
cost more than the post itself, and most posts never ask: the list is made
when a post's Liquid first reads it, and the caller can tell whether it did
(a post that did shows the others, and must be read again when they change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any


class LazyPosts(Sequence):
    def __init__(self, load: Callable[[], Sequence[Mapping[str, Any]]]) -> None:
        self._load = load
        self._posts: list[Mapping[str, Any]] | None = None

    @property
    def used(self) -> bool:
        return self._posts is not None

    def _items(self) -> list[Mapping[str, Any]]:
        if self._posts is None:
            self._posts = list(self._load())
        return self._posts

    def __getitem__(self, index):  # type: ignore[override]
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self._items())


class LazyGroups(Mapping):
    """``site.tags``: each name, with its posts in the order of ``site.posts``."""

    def __init__(self, posts: Sequence[Mapping[str, Any]], key: str) -> None:
        self._posts = posts
        self._key = key
        self._groups: dict[str, list[Mapping[str, Any]]] | None = None

    def _items(self) -> dict[str, list[Mapping[str, Any]]]:
        if self._groups is None:
            self._groups = {}
            for post in self._posts:
                for name in post.get(self._key) or ():
                    self._groups.setdefault(str(name), []).append(post)
        return self._groups

    def __getitem__(self, name: str) -> list[Mapping[str, Any]]:
        return self._items()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())


class PostWithExcerpt(Mapping):
    """A post of ``site.posts`` whose ``excerpt`` is rendered when first read.

    Jekyll renders an excerpt as it renders a page: its Liquid, which may read
    ``site.posts`` itself, then its Markdown.  Most lists never show it.
    ``render`` gives the excerpt's HTML and the site files its Liquid read.
    """

    def __init__(self, variables: Mapping[str, Any], source: str,
                 render: Callable[[], tuple[str, frozenset[Path]]]) -> None:
        self._variables = {**variables, "excerpt": None}
        self._source = source
        self._render = render
        self._rendering = False
        #: the site files its Liquid read, once rendered
        self.files: frozenset[Path] = frozenset()
        #: its Liquid showed this excerpt itself (through ``site.posts``): it shows its source there
        self.shows_itself = False

    def __getitem__(self, key: str) -> Any:
        if key != "excerpt" or self._variables["excerpt"] is not None:
            return self._variables[key]
        if self._rendering:
            # Jekyll renders it again, and again, until Ruby's stack ends
            self.shows_itself = True
            return self._source
        self._rendering = True
        try:
            self._variables["excerpt"], self.files = self._render()
        finally:
            self._rendering = False
        return self._variables["excerpt"]

    def __iter__(self) -> Iterator[str]:
        return iter(self._variables)

    def __len__(self) -> int:
        return len(self._variables)
