"""The classes Jekyll themes styled (Chirpy's prompts, Minimal Mistakes' notices,
their text alignment), as a reader sees them on a post in Chromium."""

from __future__ import annotations

import pytest
from conftest import make_blog
from sphinx.testing.util import SphinxTestApp

POST = """---
title: Callouts
---

> A plain quote.

> A tip.
{: .prompt-tip }

> A warning.
{: .prompt-warning }

A notice.
{: .notice--danger}

Centred.
{: .text-center}

```yaml
numbered: true
```

```yaml
numbered: false
```
{: .nolineno}
"""

#: a colour as Chromium computes it, from a CSS expression
COMPUTED = """expression => {
  const probe = document.createElement("div");
  probe.style.color = expression;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}"""
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture(scope="module")
def callouts(tmp_path_factory):
    """The page of a post using the classes, built with the project's theme."""
    src = make_blog(tmp_path_factory.mktemp("classes") / "src",
                    files={"posts/2022-01-01-callouts.md": POST})
    conf = src / "conf.py"
    # Chirpy's settings: every code block numbered
    conf.write_text(conf.read_text().replace('"kramdown": {', '"kramdown": {"syntax_highlighter_opts": '
                                             '{"block": {"line_numbers": True}}, ')
                    + '\nhtml_theme = "furo"\n')
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    yield app.outdir / "posts" / "2022-01-01-callouts.html"
    app.cleanup()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_callouts_show_in_the_colours_of_furos_admonitions(callouts, watched, scheme):
    page = watched(color_scheme=scheme).new_page()
    page.goto(callouts.as_uri())

    def look(selector: str) -> tuple[str, str]:
        return page.locator(selector).evaluate(
            "e => [getComputedStyle(e).borderLeftColor, getComputedStyle(e).backgroundColor]")

    plain = look("blockquote:not([class])")
    for selector, kind in [("blockquote.prompt-tip", "tip"), ("blockquote.prompt-warning", "warning"),
                           ("p.notice--danger", "danger")]:
        bar, background = look(selector)
        assert bar == page.evaluate(COMPUTED, f"var(--color-admonition-title--{kind})"), selector
        assert background == page.evaluate(COMPUTED, f"var(--color-admonition-title-background--{kind})")
        assert background not in (TRANSPARENT, plain[1]), selector
    assert page.locator("p.text-center").evaluate("e => getComputedStyle(e).textAlign") == "center"


def test_a_block_marked_nolineno_shows_its_code_without_numbers(callouts, page):
    page.goto(callouts.as_uri())
    numbered, plain = page.locator("div.highlight-yaml").all()
    assert numbered.locator(".linenos").is_visible()
    assert numbered.inner_text().split() == ["1", "numbered:", "true"]
    assert "nolineno" in plain.get_attribute("class")
    assert plain.locator(".linenos").count() == 1 and not plain.locator(".linenos").is_visible()
    assert plain.inner_text().split() == ["numbered:", "false"]
