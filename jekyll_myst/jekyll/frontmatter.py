"""Jekyll front matter: split it from the body and read it as YAML.

Problems are returned as :class:`~.problems.Problem` values, located by
line in the file; nothing here raises on bad input.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml

from .problems import Problem

_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclasses.dataclass
class FrontMatter:
    """A post file split into its front-matter mapping and its Markdown body."""

    data: dict[str, Any]
    body: str
    #: 1-based line of the file on which ``body`` starts.
    body_line: int
    #: 1-based line, in the file, of each top-level key.
    key_lines: dict[str, int]
    problems: list[Problem]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


class _StringTimestampLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's when there), leaving timestamps as text.

    Jekyll parses dates itself (with time zones such as ``+0100`` that YAML's
    timestamp type does not accept), so the date rules live in ``dates``.
    """


class YamlTime(str):
    """An unquoted timestamp with a time (``date: 2016-10-07 10:00:00``), as text.

    Jekyll's YAML reader (SafeYAML) reads such a value as a time, in UTC when
    it names no zone; quoted, the same text is read by Ruby's ``Time.parse``,
    in the site's zone.  The type keeps the difference for ``dates``.
    """

    __slots__ = ()


_YAML_TIME_TAG = "tag:jekyll-myst,2024:time"
#: SafeYAML's TIME_MATCHER, which decides what it reads as a time
_YAML_TIME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?\s*"
                        r"(?:Z|[-+]\d{1,2}(?::?\d{2})?)?$")
_StringTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StringTimestampLoader.add_implicit_resolver(_YAML_TIME_TAG, _YAML_TIME, list("0123456789"))
_StringTimestampLoader.add_constructor(
    _YAML_TIME_TAG, lambda loader, node: YamlTime(loader.construct_scalar(node)))


def opens_front_matter(first_line: str) -> bool:
    """Whether a file whose first line is ``first_line`` (its line ending included) has
    front matter: Jekyll renders such a file, and copies any other as it is (one that
    starts with a byte order mark too: it tests the bytes)."""
    return _OPENING.match(first_line) is not None


def split_front_matter(text: str) -> FrontMatter:
    """Split ``text`` into front matter and body, as Jekyll does.

    A file without an opening ``---`` line has no front matter; Jekyll would
    copy it verbatim rather than render it, which the caller reports.
    """
    text = text.removeprefix("\ufeff")
    opening = _OPENING.match(text)
    if opening is None:
        return FrontMatter({}, text, 1, {}, [
            Problem("front_matter", "no front matter: the file must start with a '---' line", 1)])
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        return FrontMatter({}, "", 1, {}, [
            Problem("front_matter", "front matter is not closed: add a '---' line after it", 1)])
    yaml_text = text[opening.end():closing.start()]
    body_start = text.find("\n", closing.end())
    body = "" if body_start < 0 else text[body_start + 1:]
    body_line = text.count("\n", 0, body_start) + 2 if body_start >= 0 else text.count("\n") + 1
    data, key_lines, problems = _load_yaml(yaml_text, first_line=2)
    return FrontMatter(data, body, body_line, key_lines, problems)


def _load_yaml(yaml_text: str, first_line: int) -> tuple[dict, dict[str, int], list[Problem]]:
    loader = _StringTimestampLoader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        reason = getattr(exc, "problem", None) or str(exc)
        return {}, {}, [Problem("front_matter", f"front matter is not valid YAML: {reason}", line)]
    finally:
        loader.dispose()
    if data is None:
        return {}, {}, []
    if not isinstance(data, dict):
        return {}, {}, [Problem(
            "front_matter",
            f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
            first_line)]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            key_lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return {str(k): v for k, v in data.items()}, key_lines, []
