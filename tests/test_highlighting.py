"""Code blocks highlighted with shared Pygments formatters come out as
Sphinx writes them with a new formatter for each block."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import append, make_blog, write
from sphinx.testing.util import SphinxTestApp

from jekyll_myst.reused_formatters import ReusedFormatters

POST = """---
title: Code
author: Jane Doe
excerpt: Blocks.
---

```python
def first(x):
    return "one" if x else 'two'
```

```yaml
key: [1, 2]
```

```python
class Second:  # the same options as the first block
    pass
```
"""

DOCS = """# Code options

```{code-block} python
:linenos:
:emphasize-lines: 2

def third():
    return 3
```

```{code-block} python
:emphasize-lines: 1

def fourth():
    return 4
```

```{code-block} python
def fifth():
    return 5
```

```{code-block} python
:linenos:
:lineno-start: 10

def sixth():
    return 6
```
"""

PAGES = ("posts/2022-05-06-code.html", "docs/code.html")


def highlighted_blocks(app: SphinxTestApp) -> list[str]:
    blocks = []
    for page in PAGES:
        soup = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "lxml")
        blocks.extend(str(block) for block in soup.select("div.highlight"))
    return blocks


def test_shared_formatters_write_the_blocks_a_new_formatter_writes(tmp_path):
    src = make_blog(tmp_path / "src")
    write(src / "posts" / "2022-05-06-code.md", POST)
    write(src / "docs" / "code.md", DOCS)
    append(src / "index.md", "\n```{toctree}\ndocs/code\n```\n")

    shared = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "shared")
    formatters = shared.builder.highlighter.get_formatter
    assert isinstance(formatters, ReusedFormatters)
    shared.build()
    shared.cleanup()

    # Sphinx's own: a new formatter for each block
    fresh = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "fresh")
    del fresh.builder.highlighter.get_formatter
    fresh.build()
    fresh.cleanup()

    blocks = highlighted_blocks(shared)
    assert len(blocks) == 7
    assert blocks == highlighted_blocks(fresh)
    # four sets of options among the seven blocks, and the stylesheet's
    assert len(formatters._made) == 5
    assert sum("hll" in block for block in blocks) == 2
    assert sum("linenos" in block for block in blocks) == 2
