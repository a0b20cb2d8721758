"""kramdown's attribute lists: block IALs ``{: .class #id key="v"}`` and ALDs.

An ALD (``{:name: .class}``)
defines a named attribute list; an IAL that names it (``{: name}``) takes its
attributes.  See kramdown's syntax, "Attribute List Definitions".
"""

from __future__ import annotations

import dataclasses
import re

#: kramdown's ALD_ANY_CHARS: anything but an unescaped ``}``, newlines included, so that
#: a list may go on over several lines.
_ANY = r"(?:\\\}|[^}])+"
#: A block ALD (``{:name: .class}``), from the start of its first line to the end of its last.
BLOCK_ALD = re.compile(r"[ ]{0,3}\{:(?P<name>\w[\w-]*):(?P<body>" + _ANY + r")\}[ \t]*")
#: A block IAL or the ``{:toc}`` marker; ``{::`` and ``{:/`` open and close extensions.
BLOCK_IAL = re.compile(r"[ ]{0,3}\{:(?![:/])(?P<body>" + _ANY + r")\}[ \t]*")
#: The first line of either: where a rule starts looking.
BLOCK_LIST_START = re.compile(r"[ ]{0,3}\{:(?![:/])")
#: kramdown's header id suffix: ``## Heading {#id}``.
HEADER_ID = re.compile(r"[ \t]+\{#(?P<id>[A-Za-z][\w:-]*)\}[ \t]*$")
#: A span IAL directly after an inline element: ``*word*{: .class}``; ``{::`` and ``{:/``
#: are extensions' tags, never attributes.  It may go on over lines, as kramdown's does.
SPAN_IAL = re.compile(r"\{:(?![:/])(?!\w[\w-]*:)[^}]*\}")

_TOKEN = re.compile(
    r"""\s*(?:
        \#(?P<id>[A-Za-z][\w:-]*)
      | \.(?P<cls>-?[A-Za-z_][\w-]*)
      | (?P<key>[\w-]+)=(?:"(?P<dq>(?:\\["}]|[^"])*)"|'(?P<sq>(?:\\['}]|[^'])*)'|(?P<bare>[^\s"'}]+))
      | (?P<ref>[A-Za-z_][\w-]*)
    )""",
    re.VERBOSE,
)


@dataclasses.dataclass
class Attributes:
    """The attributes an attribute list sets."""

    ids: list[str] = dataclasses.field(default_factory=list)
    classes: list[str] = dataclasses.field(default_factory=list)
    pairs: dict[str, str] = dataclasses.field(default_factory=dict)
    #: names of ALDs this list refers to, resolved by :func:`resolve`.
    refs: list[str] = dataclasses.field(default_factory=list)
    #: text the parser could not read, for a warning.
    unreadable: str = ""

    def merge(self, other: Attributes) -> None:
        self.ids.extend(other.ids)
        self.classes.extend(c for c in other.classes if c not in self.classes)
        self.pairs.update(other.pairs)


def parse_attribute_list(body: str) -> Attributes:
    """Read the inside of ``{: ...}``."""
    attrs = Attributes()
    pos = 0
    body = body.strip()
    while pos < len(body):
        match = _TOKEN.match(body, pos)
        if match is None or match.end() == pos:
            attrs.unreadable = body[pos:].strip()
            break
        if match["id"]:
            attrs.ids.append(match["id"])
        elif match["cls"]:
            attrs.classes.append(match["cls"])
        elif match["key"]:
            value = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
            # kramdown unescapes a brace and the value's own quote
            quote = '"' if match["dq"] is not None else "'"
            attrs.pairs[match["key"]] = re.sub(r"\\([}" + quote + "])", r"\1", value)
        elif match["ref"]:
            attrs.refs.append(match["ref"])
        pos = match.end()
    return attrs


def resolve(attrs: Attributes, definitions: dict[str, Attributes]) -> list[str]:
    """Merge the ALDs ``attrs`` names into it; return the names not defined.

    As in kramdown, a reference's attributes come first and the list's own
    attributes override them.
    """
    undefined = []
    merged = Attributes()
    for name in attrs.refs:
        if name == "toc":
            continue
        if name in definitions:
            merged.merge(definitions[name])
        else:
            undefined.append(name)
    merged.merge(attrs)
    attrs.ids, attrs.classes, attrs.pairs = merged.ids, merged.classes, merged.pairs
    return undefined
