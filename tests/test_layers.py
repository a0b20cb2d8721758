"""The extension's shape: three layers, each importing only those before it,
and no import cycle anywhere.

``jekyll`` is Jekyll's rules as plain Python: no Sphinx, no docutils, no MyST,
and nothing of the other layers.  ``reading`` may use ``jekyll``; ``blog``
may use both.  Imports are read from the source, function-level ones
included.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import PROJECT

PACKAGE = PROJECT / "jekyll_myst"
_DOC_TOOLS = ("sphinx", "docutils", "myst_parser")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules ``path`` imports, absolute; for ``from x import y``, ``x.y`` too when it is a module."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def our_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def test_the_jekyll_layer_imports_no_documentation_tool_and_no_other_layer():
    offending = {}
    for name, path in our_modules().items():
        if not name.startswith("jekyll_myst.jekyll"):
            continue
        bad = {module for module in imports(path)
               if module.split(".")[0] in _DOC_TOOLS
               or (module.startswith("jekyll_myst.") and not module.startswith("jekyll_myst.jekyll"))}
        if bad:
            offending[name] = sorted(bad)
    assert offending == {}
    assert len([n for n in our_modules() if n.startswith("jekyll_myst.jekyll.")]) >= 15


def test_reading_does_not_reach_into_the_blog():
    offending = {name: sorted(m for m in imports(path) if m.startswith("jekyll_myst.blog"))
                 for name, path in our_modules().items() if name.startswith("jekyll_myst.reading")}
    assert {name: found for name, found in offending.items() if found} == {}


def test_no_import_cycle():
    modules = our_modules()
    graph = {name: {m for m in imports(path) if m in modules and m != name} for name, path in modules.items()}
    # a package's __init__ imports its modules to wire them: an edge from the package, not a cycle
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    cycles = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for nxt in sorted(graph[name]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_import_hidden_from_the_interpreter():
    """``if TYPE_CHECKING:`` imports are how cycles hide: there are none."""
    hidden = [name for name, path in our_modules().items()
              if "TYPE_CHECKING" in path.read_text(encoding="utf-8")]
    assert hidden == []


def test_the_extension_does_not_import_the_preview():
    """The preview runs Sphinx with the extension; the extension knows nothing of it."""
    offending = {name: sorted(m for m in imports(path) if m.startswith("jekyll_myst.preview"))
                 for name, path in our_modules().items() if not name.startswith("jekyll_myst.preview")}
    assert {name: found for name, found in offending.items() if found} == {}


def test_python_liquid_is_imported_only_to_render_liquid():
    """It takes a tenth of a second to import: posts without Liquid, such as most edits in the
    live preview, never pay it."""
    import subprocess
    import sys

    code = ("import sys, jekyll_myst, jekyll_myst.reading.renderer, jekyll_myst.reading.parser\n"
            "print(sorted(m for m in sys.modules if m == 'liquid' or m.startswith('liquid.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
