"""Jekyll's filters on arrays: ``where``, ``where_exp``, ``find``, ``find_exp``,
``group_by``, ``group_by_exp``, ``sort``, ``push``, ``pop``, ``shift``,
``unshift`` and ``sample``.

Properties are read as Jekyll reads them: ``a.b`` goes into nested
mappings, and text that looks like a number compares as that number.
``sample`` takes the first elements, not random ones, so that builds are
reproducible.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from liquid.builtin.expressions import BooleanExpression, FilteredExpression, tokenize
from liquid.exceptions import FilterArgumentError, LiquidError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.stringify import to_liquid_string
from liquid.token import TOKEN_EXPRESSION, Token
from liquid.undefined import is_undefined

from .text_filters import text

_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")


def _items(value: object) -> list | None:
    """The elements of an array (a mapping's values, as Jekyll takes them), or None."""
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, Sequence) and not isinstance(value, str):
        return list(value)
    return None


def _property(item: object, name: object) -> object:
    value = item
    for key in text(name).split("."):
        if isinstance(value, Mapping):
            value = value.get(key)
        elif isinstance(value, Sequence) and not isinstance(value, str) and key.lstrip("-").isdigit():
            index = int(key)
            value = value[index] if -len(value) <= index < len(value) else None
        else:
            return None
    if _INTEGER_LIKE.match(str(value)) and not isinstance(value, bool):
        return int(str(value))
    if _FLOAT_LIKE.match(str(value)) and not isinstance(value, bool):
        return float(str(value))
    return value


def _matches(value: object, target: object) -> bool:
    if target is None or is_undefined(target):
        return value is None
    target = text(target)
    if isinstance(value, str):
        return value == target
    values = value if isinstance(value, list | tuple) else [] if value is None else [value]
    return any(text(item) == target for item in values)


def where(value: object, name: object = None, target: object = None) -> object:
    """The elements whose property ``name`` equals ``target`` (or holds it, for a list)."""
    items = _items(value)
    if items is None or name is None or isinstance(target, list | tuple | Mapping):
        return value
    return [item for item in items if _matches(_property(item, name), target)]


def find(value: object, name: object = None, target: object = None) -> object:
    """The first element ``where`` would give, or nil."""
    items = _items(value)
    if items is None or name is None or isinstance(target, list | tuple | Mapping):
        return value
    return next((item for item in items if _matches(_property(item, name), target)), None)


def _parse(env, kind, expression: object):
    source = text(expression)
    token = Token(TOKEN_EXPRESSION, source, start_index=-1, source=source)
    try:
        return kind.parse(env, TokenStream(tokenize(source, parent_token=token)))
    except LiquidError as error:
        # the filter's own token, set by the engine, locates the error
        raise FilterArgumentError(f"cannot read the expression '{source}': {error.message}",
                                  token=None) from error


def _each(context, items: list, variable: object, kind, expression: object):
    parsed = _parse(context.env, kind, expression)
    for item in items:
        with context.extend({text(variable): item}):
            yield item, parsed.evaluate(context)


@with_context
def where_exp(value: object, variable: object, expression: object, *, context) -> object:
    """The elements for which the condition holds: ``where_exp: "post", "post.year > 2019"``."""
    items = _items(value)
    if items is None:
        return value
    return [item for item, holds in _each(context, items, variable, BooleanExpression, expression) if holds]


@with_context
def find_exp(value: object, variable: object, expression: object, *, context) -> object:
    """The first element for which the condition holds, or nil."""
    items = _items(value)
    if items is None:
        return value
    return next((item for item, holds in _each(context, items, variable, BooleanExpression, expression)
                 if holds), None)


def _grouped(pairs) -> list[dict]:
    groups: dict[str, list] = {}
    for item, key in pairs:
        groups.setdefault(key, []).append(item)
    return [{"name": name, "items": items, "size": len(items)} for name, items in groups.items()]


def group_by(value: object, name: object) -> object:
    """``[{"name": ..., "items": [...], "size": n}]``, in the order names first appear."""
    items = _items(value)
    if items is None:
        return value
    return _grouped((item, text(_property(item, name))) for item in items)


@with_context
def group_by_exp(value: object, variable: object, expression: object, *, context) -> object:
    """As ``group_by``, grouped by what the expression gives for each element."""
    items = _items(value)
    if items is None:
        return value
    return _grouped((item, to_liquid_string(key, autoescape=False))
                    for item, key in _each(context, items, variable, FilteredExpression, expression))


def _compare(left: object, right: object) -> int:
    try:
        return (left > right) - (left < right)
    except TypeError:
        return (text(left) > text(right)) - (text(left) < text(right))


def sort(value: object, name: object = None, nils: object = "first") -> object:
    """Sorted; by a property, with elements that lack it first (``nils: "last"`` puts them last)."""
    if value is None or is_undefined(value):
        raise FilterArgumentError("Cannot sort a null object", token=None)
    items = _items(value)
    if items is None:
        return value
    if name is None or is_undefined(name):
        try:
            return sorted(items)
        except TypeError as error:
            raise FilterArgumentError(f"cannot sort: {error}", token=None) from error
    if nils not in ("first", "last"):
        raise FilterArgumentError(f"Invalid nils order: '{nils}' is not a valid nils order. "
                                  "It must be 'first' or 'last'", token=None)
    order = -1 if nils == "first" else 1

    def compare(a: tuple, b: tuple) -> int:
        if a[0] is None and b[0] is not None:
            return order
        if a[0] is not None and b[0] is None:
            return -order
        return _compare(a[0], b[0])

    keyed = sorted(((_property(item, name), item) for item in items), key=functools.cmp_to_key(compare))
    return [item for _, item in keyed]


def push(value: object, element: object) -> object:
    return [*value, element] if isinstance(value, list) else value


def unshift(value: object, element: object) -> object:
    return [element, *value] if isinstance(value, list) else value


def pop(value: object, count: object = 1) -> object:
    if not isinstance(value, list):
        return value
    count = _count(count)
    return value[:-count] if count else list(value)


def shift(value: object, count: object = 1) -> object:
    return value[_count(count):] if isinstance(value, list) else value


def sample(value: object, count: object = 1) -> object:
    """The first element (or the first ``count``): a fixed choice keeps builds reproducible."""
    if not isinstance(value, list):
        return value
    count = _count(count)
    return (value[0] if value else None) if count == 1 else value[:count]


def _count(count: object) -> int:
    try:
        return max(int(count), 0)
    except (TypeError, ValueError) as error:
        raise FilterArgumentError(f"{count!r} is not a number", token=None) from error


FILTERS = MappingProxyType({
    "where": where, "where_exp": where_exp, "find": find, "find_exp": find_exp,
    "group_by": group_by, "group_by_exp": group_by_exp, "sort": sort,
    "push": push, "pop": pop, "shift": shift, "unshift": unshift, "sample": sample,
})
