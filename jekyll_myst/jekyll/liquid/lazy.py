"""``site.posts`` and what Jekyll derives from it, made on first use.

They need every post's front matter.  Reading it all for each post would
cost more than the post itself, and most posts never ask: the list is made
when a post's Liquid first reads it, and the caller can tell whether it did
(a post that did shows the others, and must be read again when they change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any


class LazyList(Sequence):
    """A list of page-like mappings, loaded when first read (``used`` says whether it was):
    ``site.posts``, ``site.static_files``."""

    def __init__(self, load: Callable[[], Sequence[Mapping[str, Any]]]) -> None:
        self._load = load
        self._items_loaded: list[Mapping[str, Any]] | None = None

    @property
    def used(self) -> bool:
        return self._items_loaded is not None

    def _items(self) -> list[Mapping[str, Any]]:
        if self._items_loaded is None:
            self._items_loaded = list(self._load())
        return self._items_loaded

    def __getitem__(self, index):  # type: ignore[override]
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self._items())


def related_posts(posts: Sequence[Mapping[str, Any]], path: str) -> LazyList:
    """``site.related_posts`` of the page at ``path``: Jekyll's without ``--lsi``, the
    eleven newest posts less the page itself, ten at most."""
    return LazyList(lambda: [post for post in posts[:11] if post.get("path") != path][:10])


class PostPage(Mapping):
    """``page`` of a post: its variables, and ``page.previous`` and ``page.next``, the posts
    before and after it by date, found in ``site.posts`` when first read.

    As in Jekyll, these two win over front matter keys of the same names, and
    are nil at either end of the blog.  ``page.excerpt`` is the one ``site.posts``
    shows, rendered: Jekyll renders a post's excerpt before the post.
    """

    _NEIGHBOURS = ("previous", "next")

    def __init__(self, variables: Mapping[str, Any], posts: Sequence[Mapping[str, Any]]) -> None:
        self._variables = variables
        self._posts = posts

    def __getitem__(self, key: str) -> Any:
        if key not in self._NEIGHBOURS and key != "excerpt":
            return self._variables[key]
        path = self._variables.get("path")
        # site.posts is newest first
        index = next((i for i, post in enumerate(self._posts) if post.get("path") == path), None)
        if key == "excerpt":
            return self._variables[key] if index is None else self._posts[index]["excerpt"]
        if index is None:
            return None
        neighbour = index + 1 if key == "previous" else index - 1
        return self._posts[neighbour] if 0 <= neighbour < len(self._posts) else None

    def __iter__(self) -> Iterator[str]:
        yield from self._variables
        yield from (key for key in self._NEIGHBOURS if key not in self._variables)

    def __len__(self) -> int:
        return len(self._variables) + sum(key not in self._variables for key in self._NEIGHBOURS)


class LazyGroups(Mapping):
    """``site.tags``: each name, with its posts in the order of ``site.posts``.  The names
    come in the order Jekyll's hash has them: as the posts first use them, oldest first."""

    def __init__(self, posts: Sequence[Mapping[str, Any]], key: str) -> None:
        self._posts = posts
        self._key = key
        self._groups: dict[str, list[Mapping[str, Any]]] | None = None

    def _items(self) -> dict[str, list[Mapping[str, Any]]]:
        if self._groups is None:
            self._groups = {}
            for post in reversed(self._posts):
                for name in post.get(self._key) or ():
                    self._groups.setdefault(str(name), []).append(post)
            for group in self._groups.values():
                group.reverse()
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
