"""The configuration reference page lists every value the extension declares,
with its default, and no other: it is kept in step with the code."""

from __future__ import annotations

import ast
import re

from conftest import PROJECT

from jekyll_myst.config import CONFIG_VALUES


def test_every_value_is_documented_with_its_default():
    page = (PROJECT / "docs" / "reference" / "configuration.md").read_text(encoding="utf-8")
    documented = {name: ast.literal_eval(default)
                  for name, default in re.findall(r"^\| `(jekyll_\w+)` \| `([^`]*)` \|", page, re.MULTILINE)}
    assert documented == {name: default for name, default, _types, _help in CONFIG_VALUES}
