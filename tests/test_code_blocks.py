"""Code blocks and line breaks in posts as Jekyll's kramdown and Rouge show
them: code without a language is not coloured (or is in the site's
``default_lang``), ``{% highlight ruby linenos %}`` numbers its lines, and
``hard_wrap`` makes every line break of a paragraph a ``<br />``."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import make_blog
from sphinx.testing.util import SphinxTestApp

POST = """---
title: Code
---

```
$ ls -l
total 0
```

    indented output

```ruby
x = 1
```

{% highlight ruby linenos %}
def a
  1
end
{% endhighlight %}

Line one
line *two
three* <em>kept
as written</em> end.
"""
#: the project page's code, coloured as Python
PYTHON = ["print", "(", "1", ")"]
#: the test blog's settings (its conf.py)
SETTINGS = {"url": "https://blog.example.org", "plugins": ["jekyll-mentions", "jemoji"],
            "kramdown": {"toc_levels": "2..3"}}


def build(tmp_path, kramdown: dict) -> SphinxTestApp:
    src = make_blog(tmp_path / "src", files={
        "posts/2022-05-06-code.md": POST,
        # a page of the project's own: Sphinx's default language stays
        "plain.md": "---\norphan: true\n---\n\n# Plain\n\n```\nprint(1)\n```\n"})
    app = SphinxTestApp("html", srcdir=src, confoverrides={
        "html_codeblock_linenos_style": "table",
        "jekyll_settings": {**SETTINGS, "kramdown": {**SETTINGS["kramdown"], **kramdown}}})
    app.build()
    app.cleanup()
    return app


def body(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "lxml").select_one("div.body")


def lines_paragraph(page: BeautifulSoup):
    [paragraph] = [p for p in page.select("p") if p.get_text().startswith("Line one")]
    return paragraph


def coloured(block) -> list[str]:
    """The highlighted words of a code block."""
    return [span.get_text() for span in block.select("pre span[class]") if span.get_text().strip()]


@pytest.fixture(scope="module")
def jekyll_defaults(tmp_path_factory):
    return build(tmp_path_factory.mktemp("defaults"), {})


def test_line_breaks_stay_spaces_by_default(jekyll_defaults):
    paragraph = lines_paragraph(body(jekyll_defaults, "posts/2022-05-06-code.html"))
    assert str(paragraph) == "<p>Line one\nline <em>two\nthree</em> <em>kept\nas written</em> end.</p>"


def test_hard_wrap_breaks_the_lines_of_a_paragraph(tmp_path):
    app = build(tmp_path, {"hard_wrap": True})
    assert app.warning.getvalue() == ""
    # as kramdown: a break in the paragraph and in its emphasis, none inside HTML written in it
    paragraph = lines_paragraph(body(app, "posts/2022-05-06-code.html"))
    assert str(paragraph) == ("<p>Line one<br/>\nline <em>two<br/>\nthree</em> <em>kept\nas written</em>"
                              " end.</p>")


def test_kramdown_options_not_followed_are_reported(tmp_path):
    app = build(tmp_path, {"input": "kramdown", "syntax_highlighter_opts": {"css_class": "code-hl"}})
    warnings = app.warning.getvalue()
    assert "kramdown input 'kramdown' is read as GFM" in warnings
    assert "kramdown syntax_highlighter_opts css_class not followed" in warnings
    assert warnings.count("[jekyll.config]") == 2
