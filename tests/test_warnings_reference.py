"""The warnings reference page is the registry of warning types, and the
registry names every subtype the code reports, and no other."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT
from markdown_it import MarkdownIt

from jekyll_myst.reporting import report
from jekyll_myst.warning_types import WARNING_TYPES, reference_tables

#: the ways code names a subtype: a report (the renderer's own, which it may hold back, too),
#: or a located problem of the pure layer
_SUBTYPE = re.compile(r'(?:\bself\._|\b)report(?:_problem)?\(\s*"([a-z_]+)"|\bProblem\(\s*"([a-z_]+)"')


def test_the_reference_page_is_the_registry():
    page = (PROJECT / "docs" / "reference" / "warnings.md").read_text(encoding="utf-8")
    assert reference_tables() in page, "regenerate it: python -m jekyll_myst.warning_types"


def test_each_cell_holds_its_whole_text_as_the_page_reads_it():
    # a pipe in a cause or a remedy, in code too, would end its cell there
    tokens = MarkdownIt("commonmark").enable("table").parse(reference_tables())
    cells = [token.content for token in tokens if token.type == "inline"]
    for kind in WARNING_TYPES.values():
        assert kind.cause in cells, kind.subtype
        assert kind.level != "warning" or kind.remedy in cells, kind.subtype


def test_every_subtype_in_the_code_is_registered_and_used():
    in_code = set()
    for module in (PROJECT / "jekyll_myst").rglob("*.py"):
        for match in _SUBTYPE.finditer(module.read_text(encoding="utf-8")):
            in_code.add(next(group for group in match.groups() if group))
    assert len(in_code) >= 20
    assert in_code == set(WARNING_TYPES)


def test_an_unregistered_subtype_is_refused():
    with pytest.raises(ValueError, match="jekyll.no_such_kind is not in warning_types"):
        report("no_such_kind", "a message")
