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
    spans = block.select("pre span[class]:not(.linenos)")
    return [span.get_text() for span in spans if span.get_text().strip()]


def numbers(block) -> list[str]:
    """The line numbers of a numbered code block, in their column."""
    return block.select_one("pre.numbered > span.linenos").get_text().split()


def code(block):
    """The code of a numbered code block, without its numbers."""
    return block.select_one("pre.numbered > code")


@pytest.fixture(scope="module")
def jekyll_defaults(tmp_path_factory):
    return build(tmp_path_factory.mktemp("defaults"), {})


def test_code_without_a_language_is_not_coloured(jekyll_defaults):
    assert jekyll_defaults.warning.getvalue() == ""
    unlabelled, indented, ruby, _numbered = body(jekyll_defaults, "posts/2022-05-06-code.html").select(
        "div.highlight")
    assert unlabelled.get_text() == "$ ls -l\ntotal 0\n" and coloured(unlabelled) == []
    assert indented.get_text() == "indented output\n" and coloured(indented) == []
    assert coloured(ruby) == ["x", "=", "1"]
    # the project's own pages keep Sphinx's default language
    assert coloured(body(jekyll_defaults, "plain.html").select_one("div.highlight")) == PYTHON


def test_highlight_linenos_numbers_the_lines_apart_from_the_code(jekyll_defaults):
    numbered = body(jekyll_defaults, "posts/2022-05-06-code.html").select("div.highlight")[3]
    # the block's text is Jekyll's: Rouge's table holds the numbers, then the code
    assert numbered.select_one("pre").get_text() == "1\n2\n3\ndef a\n  1\nend\n"
    assert numbers(numbered) == ["1", "2", "3"]
    assert code(numbered).get_text() == "def a\n  1\nend\n"
    assert coloured(code(numbered))[:2] == ["def", "a"]
    # a screen reader reads the code alone (a copy takes it alone: the browser tests)
    assert numbered.select_one(".linenos")["aria-hidden"] == "true"
    # the block scrolls from the keyboard
    assert numbered.select_one("pre")["tabindex"] == "0"


def test_line_breaks_stay_spaces_by_default(jekyll_defaults):
    paragraph = lines_paragraph(body(jekyll_defaults, "posts/2022-05-06-code.html"))
    assert str(paragraph) == "<p>Line one\nline <em>two\nthree</em> <em>kept\nas written</em> end.</p>"


def test_site_default_lang_colours_code_without_a_language(tmp_path):
    app = build(tmp_path, {"syntax_highlighter_opts": {"default_lang": "ruby"}})
    assert app.warning.getvalue() == ""
    unlabelled, indented = body(app, "posts/2022-05-06-code.html").select("div.highlight")[:2]
    assert coloured(unlabelled) == ["$", "ls", "-", "l", "total", "0"]
    assert coloured(indented) == ["indented", "output"]
    assert coloured(body(app, "plain.html").select_one("div.highlight")) == PYTHON


def test_hard_wrap_breaks_the_lines_of_a_paragraph(tmp_path):
    app = build(tmp_path, {"hard_wrap": True})
    assert app.warning.getvalue() == ""
    # as kramdown: a break in the paragraph and in its emphasis, none inside HTML written in it
    paragraph = lines_paragraph(body(app, "posts/2022-05-06-code.html"))
    assert str(paragraph) == ("<p>Line one<br/>\nline <em>two<br/>\nthree</em> <em>kept\nas written</em>"
                              " end.</p>")
    # the page's description is its text, as jekyll-seo-tag strips the HTML
    page = BeautifulSoup((app.outdir / "posts/2022-05-06-code.html").read_text(encoding="utf-8"), "lxml")
    description = page.select_one("meta[name=description]")["content"]
    assert description == "Line one line two three kept as written end."


def test_rouge_numbers_kramdowns_code_blocks_when_the_site_asks(tmp_path):
    """Every code block kramdown reads, fenced or indented, from start_line; a {% highlight %}
    block numbers its lines as it says, as Jekyll's Liquid tag does."""
    app = build(tmp_path, {"syntax_highlighter_opts": {"block": {"line_numbers": True, "start_line": 5}}})
    assert app.warning.getvalue() == ""
    unlabelled, indented, ruby, numbered = body(app, "posts/2022-05-06-code.html").select("div.highlight")
    for block in (unlabelled, indented, ruby):
        lines = code(block).get_text().count("\n")
        assert numbers(block) == [str(5 + n) for n in range(lines)]
    assert code(ruby).get_text() == "x = 1\n"
    assert numbers(numbered) == ["1", "2", "3"]
    # the project's own pages are no posts: Sphinx's code blocks
    assert not body(app, "plain.html").select(".linenos")


def test_code_in_a_language_rouge_has_no_lexer_for_stays_unnumbered(tmp_path):
    """kramdown writes ```mermaid without Rouge, as it is: no line numbers, whatever the
    site's options say; code in a language Rouge knows is numbered."""
    src = make_blog(tmp_path / "src", files={"posts/2022-05-06-code.md": (
        "---\ntitle: Code\n---\n\n```mermaid\ngantt\n  title A\n```\n\n```python\nx = 1\n```\n")})
    app = SphinxTestApp("html", srcdir=src, confoverrides={"jekyll_settings": {
        **SETTINGS, "kramdown": {"syntax_highlighter_opts": {"block": {"line_numbers": True}}}}})
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    mermaid, python = body(app, "posts/2022-05-06-code.html").select("div.highlight")
    assert not mermaid.select(".linenos") and mermaid.pre.get_text() == "gantt\n  title A\n"
    assert numbers(python) == ["1"]


def test_a_highlight_block_without_linenos_stays_unnumbered(tmp_path):
    src = make_blog(tmp_path / "src", files={"posts/2022-05-06-code.md": (
        "---\ntitle: Code\n---\n\n{% highlight ruby %}\nx = 1\n{% endhighlight %}\n\n```ruby\ny = 2\n```\n")})
    app = SphinxTestApp("html", srcdir=src, confoverrides={"jekyll_settings": {
        **SETTINGS, "kramdown": {"syntax_highlighter_opts": {"line_numbers": True}}}})
    app.build()
    app.cleanup()
    liquid, fenced = body(app, "posts/2022-05-06-code.html").select("div.highlight")
    assert (liquid.get_text(), liquid.select(".linenos")) == ("x = 1\n", [])
    assert fenced.select(".linenos")


def test_a_highlight_block_inside_raw_html_is_code_there(tmp_path):
    # Jekyll's tag writes HTML, which shows inside an element kramdown keeps raw; a fence
    # written in such an element stays text, as kramdown keeps it
    src = make_blog(tmp_path / "src", files={"posts/2022-05-06-code.md": (
        '---\ntitle: Code\n---\n\n<div class="box">\n{% highlight ruby linenos %}\ndef a\n\n  1\nend\n'
        '{% endhighlight %}\n</div>\n\n'
        '<div class="inline">{% highlight yaml %}\na: 1\n{% endhighlight %}</div>\n\n'
        '<div class="written">\n```ruby\nx = 1\n```\n</div>\n')})
    app = SphinxTestApp("html", srcdir=src, confoverrides={"jekyll_settings": SETTINGS})
    app.build()
    app.cleanup()
    page = body(app, "posts/2022-05-06-code.html")
    numbered = page.select_one("div.box > div.highlight-ruby div.highlight")
    assert numbers(numbered) == ["1", "2", "3", "4"] and code(numbered).get_text() == "def a\n\n  1\nend\n"
    assert coloured(page.select_one("div.inline > div.highlight-yaml")) == ["a", ":", "1"]
    assert page.select_one("div.written").get_text() == "\n```ruby\nx = 1\n```\n"
    assert "```" not in page.select_one("div.box").get_text() + page.select_one("div.inline").get_text()


def test_kramdown_options_not_followed_are_reported(tmp_path):
    app = build(tmp_path, {"input": "kramdown", "syntax_highlighter_opts": {"css_class": "code-hl"}})
    warnings = app.warning.getvalue()
    assert "kramdown input 'kramdown' is read as GFM" in warnings
    assert "kramdown syntax_highlighter_opts css_class not followed" in warnings
    assert warnings.count("[jekyll.config]") == 2
