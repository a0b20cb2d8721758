"""Reading fixture files: cases of input and expected output.

A case is a title line, then ``.``, the input, ``.``, the expected output,
``.``; cases are separated by blank lines.  In the expected output, a line
starting with ``! `` names a warning the case must give (a substring).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path


@dataclasses.dataclass
class Case:
    title: str
    line: int
    source: str
    expected: str
    warnings: list[str]

    @property
    def slug(self) -> str:
        return "-".join("".join(c if c.isalnum() else " " for c in self.title.lower()).split())


def read_cases(path: Path) -> list[Case]:
    lines = path.read_text(encoding="utf-8").split("\n")
    cases, pos = [], 0
    while pos < len(lines):
        if not lines[pos].strip():
            pos += 1
            continue
        title, start = lines[pos], pos + 1
        if lines[pos + 1] != ".":
            raise ValueError(f"{path}:{start + 1}: expected '.' after the case title")
        parts, pos = [], pos + 2
        for _ in range(2):
            part = []
            while lines[pos] != ".":
                part.append(lines[pos])
                pos += 1
            parts.append(part)
            pos += 1
        expected = [line for line in parts[1] if not line.startswith("! ")]
        warnings = [line[2:] for line in parts[1] if line.startswith("! ")]
        cases.append(Case(title, start, "\n".join(parts[0]) + "\n", "\n".join(expected), warnings))
    return cases
