"""An author's bio, as the blog's ``_authors/`` files give it."""

from __future__ import annotations

import dataclasses
from typing import Any

from .frontmatter import FrontMatter
from .problems import Problem


@dataclasses.dataclass(frozen=True)
class Bio:
    name: str
    jobtitle: str
    portrait: str


def read_bio(front: FrontMatter, fallback_name: str) -> tuple[Bio, list[Problem]]:
    problems = list(front.problems)
    data: dict[str, Any] = front.data
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem("bio", "the author bio has no 'name'", front.line_of("name")))
        name = fallback_name
    jobtitle = data.get("jobtitle") or ""
    portrait = data.get("portrait") or ""
    return Bio(name.strip(), str(jobtitle).strip(), str(portrait).strip()), problems
