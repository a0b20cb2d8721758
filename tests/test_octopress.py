"""Octopress's tags (``codeblock``, ``img``, ``blockquote``, ``pullquote``), on a
site whose own plugins register them: what each writes, in Liquid without
Sphinx, then an Octopress site read in place, as a reader sees its post."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import TESTS, make_blog, make_site
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from jekyll_myst.jekyll.liquid import Links, PageInput, SiteInput, render_post
from jekyll_myst.jekyll.liquid.octopress import titlecase
from jekyll_myst.jekyll.liquid.octopress_code import backtick_blocks
from jekyll_myst.jekyll.local_plugins import (
    legacy_plugins_problem,
    plugin_folders,
    reads_backtick_blocks,
    registered_tags,
)

OCTOPRESS = {name: f"plugins/{name}.rb" for name in ("codeblock", "img", "video", "blockquote", "pullquote")}
LINKS = Links(link=lambda path: None, post_url=lambda name: None)
PAGE = PageInput({}, "_posts/2012-03-04-tags.md")


def render(body: str, tags: dict[str, str] = OCTOPRESS) -> tuple[str, list[tuple[int, str]]]:
    out = render_post(body, 1, PAGE, SiteInput({}, local_tags=tags), LINKS)
    return out.text, [(problem.line, problem.message) for problem in out.problems]


def test_codeblock_is_a_figure_with_its_caption_and_a_fence_of_its_code():
    text, problems = render("{% codeblock Got pain? painrelief.sh http://site.com/pain.sh Download it! %}\n"
                            "$ rm -rf ~/PAIN\n{% endcodeblock %}\n")
    assert problems == []
    assert text.splitlines() == [
        '<figure class="code" markdown="1"><figcaption><span>Got pain? painrelief.sh</span> '
        '<a href="http://site.com/pain.sh">Download it!</a></figcaption>',
        "```sh linenos", "$ rm -rf ~/PAIN", "```", "</figure>"]


@pytest.mark.parametrize(("markup", "caption", "info"), [
    # lang: wins over the title's extension; Octopress's short names are Pygments'
    ("lang:python", "", "python linenos"),
    ("Time to be Awesome! (awesome.rb) linenos:false", "<figcaption><span>Time to be Awesome! (awesome.rb)"
                                                       "</span></figcaption>", "rb nolinenos"),
    ("build.yml lang:yml", "<figcaption><span>build.yml</span></figcaption>", "yaml linenos"),
    ("a <b> http://x.org/f", '<figcaption><span>a &lt;b&gt;</span> <a href="http://x.org/f">link</a>'
                             "</figcaption>", "plaintext linenos"),
    ("", "", "plaintext linenos"),
])
def test_codeblock_markup(markup, caption, info):
    text, _ = render(f"{{% codeblock {markup} %}}\nx\n{{% endcodeblock %}}")
    assert text.splitlines()[:2] == [f'<figure class="code" markdown="1">{caption}', f"```{info}"]


def test_codeblock_in_a_list_item_keeps_to_the_item_and_its_code_as_written():
    text, _ = render("1. Build:\n   {% codeblock steps.sh %}\n   make\n     make install\n"
                     "   {% endcodeblock %}\n2. Next\n")
    assert text.splitlines() == [
        "1. Build:", '   <figure class="code" markdown="1"><figcaption><span>steps.sh</span></figcaption>',
        "   ```sh linenos", "   make", "     make install", "   ```", "   </figure>", "2. Next"]
    # indented with a tab; and code on the tags' lines
    text, _ = render("- Item\n\t{% codeblock lang:java %}\n\tf();\n\t{% endcodeblock %}\n"
                     "{% codeblock lang:bash %}sudo make \\\n  install{% endcodeblock %}\n")
    assert text.splitlines() == [
        "- Item", '\t<figure class="code" markdown="1">', "\t```java linenos", "\tf();", "\t```",
        "\t</figure>", '<figure class="code" markdown="1">', "```bash linenos", "sudo make \\", "  install",
        "```", "</figure>"]


def test_img_as_octopress_writes_it():
    text, problems = render('{% img left half /images/ninja.png 150 150 "Ninja Attack!" "Ninja posture" %}\n'
                            "{% img http://site.com/a.png Ninja Attack! %} {% img /b.png %}\n"
                            "{% img images/relative.png %}\n")
    assert text.splitlines() == [
        '<img class="left half" src="/images/ninja.png" width="150" height="150" title="Ninja Attack!" '
        'alt="Ninja posture">',
        '<img src="http://site.com/a.png" title="Ninja Attack!" alt="Ninja Attack!"> <img src="/b.png">', ""]
    assert problems == [(3, "{% img %} needs a path from / or a URL: {% img [class name(s)] /url/to/image "
                            '[width [height]] [title text | "title text" ["alt text"]] %}')]


def test_video_as_octopress_writes_it():
    text, problems = render("{% video http://site.com/v.mp4 720 480 http://site.com/poster.jpg %}\n"
                            "{% video /v/a.webm /v/a.ogv %}\n{% video a.mov %}\n")
    assert text.splitlines() == [
        "<video width='720' height='480' preload='metadata' controls poster='http://site.com/poster.jpg'>"
        "<source src='http://site.com/v.mp4' type='video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"'></video>",
        "<video preload='metadata' controls><source src='/v/a.webm' type='video/webm; codecs=vp8, vorbis'>"
        "<source src='/v/a.ogv' type='video/ogg; codecs=theora, vorbis'></video>", ""]
    assert problems == [(3, "{% video %} needs a .mp4, .webm or .ogv from / or a URL: {% video url/to/video "
                            "[url/to/video] [width height] [url/to/poster] %}")]


def test_include_code_reads_the_file_from_code_dir(tmp_path):
    (tmp_path / "source" / "downloads" / "code" / "js").mkdir(parents=True)
    (tmp_path / "source" / "downloads" / "code" / "js" / "test.js").write_text("var a = {{ 1 }};\n")
    (tmp_path / "source" / "secret.txt").write_text("no\n")
    site = SiteInput({}, folder=tmp_path / "source", local_tags={"include_code": "plugins/include_code.rb"})
    body = ("{% include_code js/test.js Example lang:javascript %}\n{% include_code Old style js/test.js %}\n"
            "{% include_code js/none.js %}\n{% include_code ../../secret.txt %}\n")
    out = render_post(body, 1, PAGE, site, LINKS)
    assert out.text.splitlines()[:5] == [
        '<figure class="code" markdown="1"><figcaption><span>Example (test.js)</span> '
        '<a href="/downloads/code/js/test.js">view raw</a></figcaption>',
        # the file's code as written: Liquid is not run in it
        "```javascript linenos", "var a = {{ 1 }};", "```", "</figure>"]
    assert out.text.splitlines()[5] == (
        '<figure class="code" markdown="1"><figcaption><span>Old style (test.js)</span> '
        '<a href="/downloads/code/js/test.js">view raw</a></figcaption>')
    assert [(p.line, p.message) for p in out.problems] == [
        (3, "{% include_code js/none.js %}: no such file in downloads/code/"),
        (4, "{% include_code ../../secret.txt %}: no such file in downloads/code/")]
    # read again when the file changes, or comes
    code = tmp_path / "source" / "downloads" / "code" / "js"
    assert out.files == {code / "test.js", code / "none.js"}


def test_blockquote_with_its_author_source_and_link():
    text, _ = render("{% blockquote Douglas Adams, the hitchhiker's guide to the galaxy %}\n"
                     "Time is an illusion.\n\nLunchtime\ndoubly so.\n{% endblockquote %}\n"
                     "{% blockquote @allan https://twitter.com/allanbranch/status/90766146063712256 %}\n"
                     "An axe.\n{% endblockquote %}\n"
                     "{% blockquote Bobby https://example.com/pants the search for bobby's pants %}\nW\n"
                     "{% endblockquote %}\n{% blockquote %}\nNobody.\n{% endblockquote %}")
    assert text.splitlines() == [
        "<blockquote><p>Time is an illusion.</p><p>Lunchtime<br/>doubly so.</p><footer><strong>Douglas Adams"
        "</strong> <cite>The Hitchhiker's Guide to the Galaxy</cite></footer></blockquote>",
        # the link's text is the URL shortened, with Octopress's ellipsis
        "<blockquote><p>An axe.</p><footer><strong>@allan</strong> <cite><a href='https://twitter.com/"
        "allanbranch/status/90766146063712256'>twitter.com/allanbranch/status/&hellip;</a></cite></footer>"
        "</blockquote>",
        "<blockquote><p>W</p><footer><strong>Bobby</strong> <cite><a href='https://example.com/pants'>"
        "The Search for Bobby's Pants</a></cite></footer></blockquote>",
        "<blockquote><p>Nobody.</p></blockquote>"]


@pytest.mark.parametrize(("text", "titled"), [
    ("the lord of the rings", "The Lord of the Rings"),
    ("iPhone and the web: a story", "iPhone and the Web: A Story"),
    ("'quoted' words in (brackets)", "'Quoted' Words in (Brackets)"),
    ("node.js and my_var on rails", "node.js and my_var on Rails"),
])
def test_titlecase_as_octopress(text, titled):
    assert titlecase(text) == titled


def test_pullquote_puts_the_marked_words_in_its_data():
    text, problems = render('{% pullquote left %}\nWhen writing, {" it\'s "merely" visual "} it is.\n'
                            "{% endpullquote %}\n{% pullquote %}\nNo marks.\n{% endpullquote %}\n")
    assert text.splitlines() == [
        "<span class='pullquote-left' data-pullquote='it\u2019s \u201cmerely\u201d visual '>",
        "When writing, it's \"merely\" visual it is.", "</span>", "", "No marks.", ""]
    assert problems == [(4, '{% pullquote %} marks no quote: surround it with {" and "} on one line, as in '
                            '{" text to be quoted "}')]


def test_a_tag_is_octopresss_only_where_a_plugin_registers_it():
    body = "{% codeblock %}\nx\n{% endcodeblock %}\n{% inset right %}\n"
    _, problems = render(body, {"inset": "plugins/inset.rb"})
    assert problems == [
        # once for the block, not again at its end
        (1, "Liquid tag 'codeblock' is not one of Jekyll's: remove it, or wrap literal text in "
            "{% raw %}...{% endraw %}"),
        (4, "Liquid tag 'inset' is the site's own plugin's (plugins/inset.rb), which is not run here: "
            "write what it wrote instead, in Markdown or HTML")]
    # Octopress's gist tag takes what jekyll-gist's does
    text, _ = render("{% gist 1234 a.rb %}", {"gist": "plugins/gist_tag.rb"})
    assert text.startswith('<script src="https://gist.github.com/1234.js?file=a.rb"> </script>')


def test_backtick_blocks_as_octopress_reads_them():
    text = ("``` ruby Discover if a number is prime http://source.com/prime.rb source\n"
            "class Fixnum\nend\n```\n"
            "``` html Layout linenos:false\n{{ page.title }}\n```\n"
            "```\nplain\n```\n"
            "  ```python\n  indented: kramdown's\n  ```\n"
            "```\nnot closed\n")
    assert backtick_blocks(text).splitlines() == [
        '<figure class="code" markdown="1"><figcaption><span>Discover if a number is prime</span> '
        '<a href="http://source.com/prime.rb">source</a></figcaption>',
        "```ruby linenos", "{% raw %}class Fixnum", "end", "{% endraw %}```", "</figure>",
        # its code is never Liquid, as Octopress escapes it
        '<figure class="code" markdown="1"><figcaption><span>Layout</span></figcaption>',
        "```html nolinenos", "{% raw %}{{ page.title }}", "{% endraw %}```", "</figure>",
        '<figure class="code" markdown="1">', "```plaintext linenos", "{% raw %}plain", "{% endraw %}```",
        "</figure>",
        "  ```python", "  indented: kramdown's", "  ```", "```", "not closed"]
    # where no Liquid runs (render_with_liquid: false), nothing keeps the code from it
    assert backtick_blocks("```\n{{ x }}\n```", liquid=False).splitlines()[2] == "{{ x }}"
    # code that would end the raw is left to Liquid, as Jekyll leaves any code; code in the
    # post's own raw is kept from it already
    assert backtick_blocks("```\n{% endraw %}\n```").splitlines()[2] == "{% endraw %}"
    inside = "{% raw %}\n``` html\n{{ x }}\n```\n{% endraw %}\n```\n{{ y }}\n```"
    assert backtick_blocks(inside).splitlines()[3:] == [
        "{{ x }}", "```", "</figure>", "{% endraw %}", '<figure class="code" markdown="1">',
        "```plaintext linenos", "{% raw %}{{ y }}", "{% endraw %}```", "</figure>"]


def test_the_tags_a_sites_plugins_register(tmp_path):
    site = make_site(tmp_path / "site", {
        "plugins/code_block.rb": "module Jekyll\nend\n"
                                 "Liquid::Template.register_tag('codeblock', Jekyll::CodeBlock)\n",
        "plugins/deeper/image.rb": 'Liquid::Template.register_tag "img", Jekyll::ImageTag\n',
        "_plugins/mine.rb": "Liquid::Template.register_tag('mine', Mine)\n",
        "plugins/notes.txt": "Liquid::Template.register_tag('not_ruby', X)\n",
    })
    # Jekyll 4's plugins_dir (default _plugins), and Octopress's `plugins: plugins`
    assert registered_tags(plugin_folders({}, site)) == {"mine": "_plugins/mine.rb"}
    assert registered_tags(plugin_folders({"plugins": "plugins"}, site)) == {
        "mine": "_plugins/mine.rb", "codeblock": "plugins/code_block.rb", "img": "plugins/deeper/image.rb"}
    assert registered_tags(plugin_folders({"plugins_dir": ["plugins"]}, site)) == {
        "codeblock": "plugins/code_block.rb", "img": "plugins/deeper/image.rb"}
    assert not reads_backtick_blocks(plugin_folders({"plugins": "plugins"}, site))
    (site / "plugins" / "filters.rb").write_text("module OctopressFilters\n  include BacktickCodeBlock\n")
    assert reads_backtick_blocks(plugin_folders({"plugins_dir": "plugins"}, site))
    hook = "def pre_render(post)\n  post.content = BacktickCodeBlock::render_code_block(post.content)\n"
    (site / "plugins" / "filters.rb").write_text(hook)
    assert reads_backtick_blocks(plugin_folders({"plugins_dir": "plugins"}, site))
    (site / "plugins" / "filters.rb").write_text("module BacktickCodeBlock\n  def render_code_block(input)\n")
    assert not reads_backtick_blocks(plugin_folders({"plugins_dir": "plugins"}, site))
    assert legacy_plugins_problem({"plugins": ["jekyll-feed"]}) is None
    assert "write 'plugins_dir: plugins' instead" in legacy_plugins_problem({"plugins": "plugins"})


OCTOPRESS_POST = """---
layout: post
title: "Octopress tags"
date: 2012-03-04 10:00
---

Before.

{% codeblock Got pain? painrelief.sh http://site.com/painrelief.sh Download it! %}
$ rm -rf ~/PAIN
{% endcodeblock %}

{% blockquote Douglas Adams, the hitchhiker's guide to the galaxy %}
Time is an illusion.
{% endblockquote %}

{% pullquote %}
The text, {" the quote "} and more.
{% endpullquote %}

After {% img /images/pic.png A picture %}.

``` html The layout's title
<title>{{ page.title }}</title>
```

{% include_code hello.rb %}
"""


def build(src) -> SphinxTestApp:
    """A strict build of the project at ``src``, whose ``jekyll_site`` replaces its posts."""
    app = SphinxTestApp("html", srcdir=src, warningiserror=True,
                        confoverrides={"suppress_warnings": ["myst.xref_missing"]})
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_an_octopress_site_reads_as_its_plugins_wrote_it(tmp_path):
    plugins = {f"plugins/{name}.rb": f"Liquid::Template.register_tag('{tag}', Jekyll::Tag)\n"
               for name, tag in (("code_block", "codeblock"), ("blockquote", "blockquote"),
                                 ("pullquote", "pullquote"), ("image_tag", "img"),
                                 ("include_code", "include_code"))}
    plugins["plugins/octopress_filters.rb"] = "module OctopressFilters\n  include BacktickCodeBlock\nend\n"
    picture = (TESTS / "roots" / "test-blog" / "posts" / "images" / "pic.png").read_bytes()
    site = make_site(tmp_path / "site", {"_config.yml": "title: Octo\nplugins_dir: plugins\n",
                                         "_posts/2012-03-04-tags.md": OCTOPRESS_POST,
                                         "images/pic.png": picture,
                                         "downloads/code/hello.rb": "puts 'hello'\n", **plugins})
    src = make_blog(tmp_path / "src")
    (src / "conf.py").write_text((src / "conf.py").read_text() + f"\njekyll_site = {str(site)!r}\n")
    app = build(src)
    assert app.statuscode == 0, strip_colors(app.warning.getvalue())
    page = app.outdir / "posts" / "2012-03-04-tags.html"
    body = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("div.body section")
    figure = body.select_one("figure.code")
    assert figure.figcaption.get_text() == "Got pain? painrelief.sh Download it!"
    assert figure.figcaption.a["href"] == "http://site.com/painrelief.sh"
    # the code is a code block of the page: highlighted as shell, its lines numbered
    code = figure.select_one("div.highlight-sh pre")
    assert "numbered" in code["class"] and code.code.get_text() == "$ rm -rf ~/PAIN\n"
    quote = body.select_one("blockquote")
    assert quote.p.get_text() == "Time is an illusion."
    assert quote.footer.get_text() == "Douglas Adams The Hitchhiker's Guide to the Galaxy"
    pull = body.select_one("span.pullquote-right")
    assert pull["data-pullquote"] == "the quote "
    assert pull.get_text().strip() == "The text, the quote and more."
    image = body.select_one("img[alt='A picture']")
    assert image["src"] == "../_images/pic.png" and image.find_parent("p").get_text().strip() == "After ."
    # a backtick block's title, and its code as written: Octopress runs no Liquid in it
    layout = body.select("figure.code")[1]
    assert layout.figcaption.get_text() == "The layout's title"
    assert layout.select_one("div.highlight-html pre code").get_text() == "<title>{{ page.title }}</title>\n"
    # the included file's code, and a link to the file itself, copied into the site
    included = body.select("figure.code")[2]
    assert included.select_one("div.highlight-rb pre code").get_text() == "puts 'hello'\n"
    raw = included.figcaption.a
    assert raw.get_text() == "view raw" and (page.parent / raw["href"]).read_text() == "puts 'hello'\n"

    # without its plugin, the tag is Jekyll's unknown tag again: the post is read again
    (site / "plugins" / "pullquote.rb").unlink()
    app = build(src)
    warnings = strip_colors(app.warning.getvalue())
    assert "2012-03-04-tags.md:17: WARNING: Liquid tag 'pullquote' is not one of Jekyll's" in warnings
