"""Posts made at random of tricky fragments (kramdown, Liquid, HTML, front matter, text
the way people mistype it), with fixed seeds: whatever they hold, the build ends, each
problem is a typed warning at its file and line, and no page shows docutils' error marks.
Each fragment here once stopped the build, or reached the page as an error mark."""

from __future__ import annotations

import random
import re

import pytest
from conftest import make_blog
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

#: single lines and small blocks, good and bad
FRAGMENTS = [
    "# Title {#dup}\n", "## Sub {#dup}\n", "## Sub\n", "### Deep ###\n", "Setext\n===\n", "Setext2\n---\n",
    "* TOC\n{:toc}\n", "1. TOC\n{:toc}\n", "{:toc}\n", "{:.no_toc}\n", "{: .note}\n",
    '{: #id .cls key="v"}\n', "{:ref: .x}\n", "{: ref}\n", "^\n", '{::options parse_block_html="true" /}\n',
    '{::options toc_levels="9..1" /}\n', "{::comment}\nhidden\n", "{:/comment}\n",
    "{::nomarkdown}\n<b>x</b>\n{:/nomarkdown}\n", "{::nomarkdown}<i>", "```python\nprint(1)\n```\n",
    "```\nunclosed fence\n", "~~~ ruby\nx\n~~~\n", "    indented code\n",
    "```{note}\nmyst directive\n```\n", '```mermaid\ngraph\n```\n{: file="x" }\n',
    "```yaml\na: 1\n```\n{: .language-ruby}\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "| a |\n|:-:|\n| `x|y` |\n", "a | b\n--|--\n", "|---|\n", "| only |\n", "Term\n: Def\n: Def2\n",
    ": orphan def\n", "*[HTML]: Hyper\n", "*[]: empty\n", "HTML and HTM\n",
    "Footnote[^1] and [^missing].\n", "[^1]: note\n", "[^1]: duplicate\n", "[^x]:\n    indented\n",
    "[ref][]\n", "[ref]: http://x.example\n", "[undefined][nope]\n", "[link](</a b>)\n",
    "[l](javascript:alert(1))\n", '![img](/images/pic.png){: width="50%"}\n', "![missing](/nope.png)\n",
    "![](data:image/png;base64,AAAA)\n", '<div markdown="1">\n*em*\n</div>\n',
    '<div markdown="span">*x*</div>\n', "<div>\n\nunclosed div\n", "</div>\n",
    "<script>\nvar x = '<div>';\n", "<style>p{}</style>\n", "<!-- comment\n", "-->\n",
    "<details><summary>s</summary>\n\n*x*\n</details>\n", '<img src="/images/pic.png">\n',
    '<a href="/2020/01/02/first-post.html#frag">old</a>\n', "<p>para</p>\n", "$$x^2$$\n",
    "$$\n\\frac{1}{2}\n$$\n", "$$ unbalanced\n", "inline $$a$$ math\n", "\\$$ escaped\n",
    "- [ ] task\n- [x] done\n", "- a\n  - b\n    - c\n", "1. one\n3. three\n", "* {:.c} item\n",
    "+ plus\n\n\n- minus\n", "> quote\n> > nested\n{: .prompt-tip}\n", ">\n", "> # heading in quote\n",
    "{% if page.title %}yes{% endif %}\n", "{% if %}\n", "{{ page.title | nofilter }}\n",
    "{% for p in site.posts %}{{ p.title }}{% endfor %}\n", "{% raw %}{{ x }}\n", "{% endraw %}\n",
    "{% include nothing.html %}\n", "{% post_url 2020-01-02-first-post %}\n", "{% post_url nope %}\n",
    "{% link nope.md %}\n", "{% highlight ruby linenos %}\nx = 1\n{% endhighlight %}\n",
    "{% highlight %}\n", "{{ site.static_files | size }}\n",
    "{% assign x = site.data.missing.key %}{{ x }}\n", "{{ site.data | jsonify }}\n", "{% comment %}\n",
    ":smile: :nosuchemoji: @octocat @-bad\n", "https://bare.example.com/link\n", "<https://x.example>\n",
    "<me@x.example>\n", "Line  \nbreak\n", "hard\\\nbreak\n", '--- -- ... << >> "q" \'q\'\n', "***\n",
    "___\n", "* * *\n", "\t tab\tindented\n", "\u200b zero width\n", "é combining\n",
    "\ufeffBOM in middle\n", "NUL\x00char\n", "\r\nCRLF\r\n", "lone\rCR\n", "a" * 5000 + "\n",
    "`unclosed code\n", "**unclosed strong\n", "_under_score_ words\n", "<<<>>>\n",
    "&nbsp; &bogus; &#0; &#x110000;\n", "*word*{: .red}\n", '[x](y){: target="_blank" onclick="x"}\n',
    "`code`{: .c}\n", "{:\n", "{: unclosed\n", "## Heading with `code` and [link](x) and *em*\n",
    "## 日本語の見出し\n", "## Émoji 🎉 heading\n", "#no space heading\n", "(target)=\n", "{ref}`x`\n",
    "% myst comment\n", "+++\n", "> | t | u |\n> |---|---|\n> | 1 | 2 |\n",
    "- item\n\n  ```\n  code in item\n  ```\n  {: .x}\n", "Term\n: `code` def\n\n      indented in def\n",
    "| a[^1] | $$x$$ |\n|--|--|\n| ![i](/images/pic.png) | [l](/2020/01/02/first-post.html) |\n",
    "## Heading with footnote[^1] and $$m$$\n", "*[link](http://x.example)*\n",
    '[a "quoted" title](http://x.example "t \\"q\\" ")\n', "![a][imgref]\n\n[imgref]: /images/pic.png\n",
    "`<https://in.code>`\n", '- <div markdown="1">\n  *in list*\n  </div>\n',
    '<table>\n<tr><td markdown="span">*x*</td></tr>\n</table>\n',
    "{% capture c %}\n## Captured\n{% endcapture %}{{ c }}\n",
    "{% for i in (1..3) %}\n## H{{ i }}\n{% endfor %}\n", "{{ page }}\n", "{{ site | size }}\n",
    "{% include_relative 2020-01-02-first-post.md %}\n", "{% include_relative ../../etc/passwd %}\n",
    "{% link _posts/nope.md %}\n", "{{ 'x' | markdownify }}\n",
    "{{ '<p>x</p>' | strip_html | xml_escape }}\n", "{{ page.date | date: '%Q %%' }}\n",
    "{{ 1 | divided_by: 0 }}\n", '<iframe src="https://www.youtube.com/embed/x"></iframe>\n',
    '<video src="/images/pic.png"></video>\n', "<svg><text>svg</text></svg>\n",
    '<h2 id="raw">Raw heading</h2>\n', "<h2>Raw heading no id</h2>\n", '<p markdown="1">**md in p**</p>\n',
    "<span>*not md*</span>\n", "1. a\n   1. b\n      1. c\n", "* a\n+ b\n- c\n", "10. ten\n11. eleven\n",
    "- \n- empty item\n", "1.\n", "* * \n", "#\n", "##\n", "###### six\n", "####### seven\n",
    "## {#onlyid}\n", "## Trailing {#t .c}\n{: .also}\n",
]

#: front matters, good and bad, and none
FRONTS = [
    "---\ntitle: T\n---\n", '---\ntitle: T\ntags: [a, b]\ncategories: x y\nexcerpt: "*e*"\n---\n',
    "---\ntitle: [list]\n---\n", "---\ntitle: T\ndate: not a date\n---\n",
    "---\ntitle: T\npermalink: /custom/:title/\n---\n",
    "---\ntitle: T\nexcerpt_separator: <!--more-->\n---\n", "---\ntitle: T\nauthor: {login: x}\n---\n",
    "---\ntitle: T\nimage: {path: /images/pic.png}\n---\n",
    "---\ntitle: T\nredirect_from: [/old/, 5]\n---\n", "---\ntitle: T\nrender_with_liquid: false\n---\n",
    "---\n: bad yaml [\n---\n", "---\ntitle: T\nmyst: true\n---\n", "",
    '---\ntitle: T\nlayout: null\ndescription: "<b>d</b>"\n---\n', "---\ntitle: T\npublished: false\n---\n",
]

#: a warning: where, what, and its type and subtype; the text may take several lines
TYPED = re.compile(r"^\S+:\d+: WARNING: .* \[[a-z]+\.[a-z_]+\]$", re.S)
ERROR_MARKS = re.compile(r'class="(problematic|system-message)')


def random_posts(seed: int, count: int) -> dict[str, str]:
    chance = random.Random(seed)
    posts = {}
    for number in range(count):
        ending = chance.choice([".md", ".md", ".md", ".markdown", ".html"])
        body = chance.choice(["\n", "", "\n\n"]).join(chance.choices(FRAGMENTS, k=chance.randint(3, 14)))
        posts[f"posts/2023-{number % 12 + 1:02d}-{number % 28 + 1:02d}-random-{number}{ending}"] = \
            chance.choice(FRONTS) + body
    return posts


@pytest.mark.parametrize("seed", [0, 21, 36])
def test_random_tricky_posts_build_with_typed_located_warnings(tmp_path, seed):
    posts = random_posts(seed, 40)
    app = SphinxTestApp("html", srcdir=make_blog(tmp_path / "src", files=posts))
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = re.split(r"\n(?=/)", strip_colors(app.warning.getvalue()).strip())
    assert [w for w in warnings if w and not TYPED.match(w)] == []
    pages = [page.name for page in app.outdir.rglob("*.html") if ERROR_MARKS.search(page.read_text())]
    assert pages == []
    built = {page.stem for page in (app.outdir / "posts").glob("*.html")}
    # every post is built, or said not to be (published: false, or front matter that cannot be read)
    for name in posts:
        stem = name.split("/")[1].rsplit(".", 1)[0]
        assert stem in built or any(stem in w for w in warnings) or "published: false" in posts[name], name
