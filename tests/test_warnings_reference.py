"""The warnings reference page names every subtype the extension reports, and
no other: it is kept in step with the code."""

from __future__ import annotations

import re

from conftest import PROJECT

#: every way the extension names a subtype: logger calls, located problems,
#: markdown-it rules' problems, renderer warnings
_SUBTYPE = re.compile(
    r'subtype="([a-z_]+)"'
    r'|Problem\(\s*"([a-z_]+)"'
    r'|problem\(env, line, "([a-z_]+)"'
    r'|create_warning\([^)]*?"([a-z_]+)", wtype="jekyll"', re.S)


def subtypes_in_code() -> set[str]:
    found = set()
    for module in (PROJECT / "jekyll_myst").glob("*.py"):
        for match in _SUBTYPE.finditer(module.read_text(encoding="utf-8")):
            found.add(next(group for group in match.groups() if group))
    return found


def test_every_subtype_is_documented_and_nothing_else():
    page = (PROJECT / "docs" / "reference" / "warnings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `jekyll\.([a-z_]+)` \|", page, re.MULTILINE))
    in_code = subtypes_in_code()
    assert len(in_code) >= 20
    assert documented == in_code
