"""The pure Jekyll layer, case by case, without Sphinx: kramdown's block and
span rules (as markdown-it tokens), its line rules, attribute lists,
permalinks and the discovery of post files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixture_files import read_cases
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from jekyll_myst.jekyll import emoji
from jekyll_myst.jekyll.discovery import find_bio_files, find_post_files
from jekyll_myst.jekyll.html_urls import html_urls, replace_urls
from jekyll_myst.jekyll.kramdown.attributes import Attributes, parse_attribute_list, resolve
from jekyll_myst.jekyll.kramdown.blocks import PROBLEMS, kramdown_block_plugin
from jekyll_myst.jekyll.kramdown.extensions import OPTIONS, kramdown_extensions_plugin
from jekyll_myst.jekyll.kramdown.ids import HeaderIds, header_text, kramdown_id, stripped_text
from jekyll_myst.jekyll.kramdown.inline import image_alt, kramdown_inline_plugin
from jekyll_myst.jekyll.kramdown.lines import as_commonmark, code_lines
from jekyll_myst.jekyll.permalinks import DEFAULT_PERMALINK, UrlParts, is_site_path, jekyll_url
from jekyll_myst.jekyll.seo_image import PostImage, in_media_subpath, media_subpath, read_image
from jekyll_myst.jekyll.site_files import from_page
from jekyll_myst.warning_types import WARNING_TYPES

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN_CASES = read_cases(FIXTURES / "kramdown_rules.txt")


def kramdown_parser(parse_block_html: bool = True) -> MarkdownIt:
    """The rules, with ``parse_block_html`` as the blogs we import set it, unless told."""
    md = MarkdownIt("commonmark").enable(["strikethrough", "table"])
    md.use(kramdown_block_plugin, parse_block_html=parse_block_html)
    md.use(kramdown_extensions_plugin)
    md.use(kramdown_inline_plugin, mentions_base="https://github.com", emoji_lookup=emoji.character)
    return md


def dump(tokens: list[Token], depth: int = 0) -> list[str]:
    """One line per opening or single token, indented by nesting: its type, tag
    attributes and content, as the renderer receives them."""
    lines = []
    for token in tokens:
        if token.nesting == -1:
            depth -= 1
            continue
        attributes = " ".join(f"{key}={value}" for key, value in sorted(token.attrs.items()))
        text = f" {token.content!r}" if token.content and token.type != "inline" else ""
        info = f" [{token.info}]" if token.info else ""
        lines.append("  " * depth + token.type + info + (f" {{{attributes}}}" if attributes else "") + text)
        if token.children:
            lines.extend(dump(token.children, depth + 1))
        if token.nesting == 1:
            depth += 1
    return lines


def dump_markdown(source: str) -> tuple[str, list[str]]:
    env: dict = {}
    tokens = kramdown_parser().parse(source, env)
    problems = [f"{p.line}: [{p.subtype}] {p.message}" for p in env.get(PROBLEMS, [])]
    return "\n".join(dump(tokens)), problems


@pytest.mark.parametrize("case", TOKEN_CASES, ids=[c.slug for c in TOKEN_CASES])
def test_kramdown_rules(case):
    tokens, problems = dump_markdown(case.source)
    assert tokens == case.expected, f"fixtures/kramdown_rules.txt:{case.line}"
    assert problems == case.warnings
    assert all(problem.split("[")[1].split("]")[0] in WARNING_TYPES for problem in problems)


@pytest.mark.parametrize(("text", "options"), [
    ('{::options auto_ids="false" auto_id_prefix="x-" /}\n', {"auto_ids": False, "auto_id_prefix": "x-"}),
    ('Text {::options auto_ids="yes" toc_levels="2..3" /} here.\n', {"auto_ids": True, "toc_levels": (2, 3)}),
    # kramdown ignores a value it cannot read; options that change nothing here are not kept
    ('{::options toc_levels="7..9" nosuch="1" parse_block_html="true" /}\n', {"parse_block_html": True}),
    ("    {::options auto_ids=\"false\" /}\n", None),
])
def test_options_the_page_sets(text, options):
    env: dict = {}
    kramdown_parser().parse(text, env)
    assert env.get(OPTIONS) == options
    assert PROBLEMS not in env


def test_block_html_is_raw_unless_parse_block_html_or_its_markdown_attribute_says_otherwise():
    """kramdown's default, and Jekyll's: the element, blank lines and all, to its end tag."""
    source = ("<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n\n"
              '<div markdown="1">\n*Read*\n</div>\n\n'
              '{::options parse_block_html="true" /}\n\n<div>\n*Read too*\n</div>\n')
    tokens = dump(kramdown_parser(parse_block_html=False).parse(source, {}))
    assert tokens[0] == ("html_block '<details>\\n<summary>More</summary>\\n\\nHidden *text*.\\n\\n"
                         "</details>\\n'")
    # markdown="1" reads that element's content; from {::options} on, every element's
    assert [line.strip() for line in tokens[1:]] == [
        "html_element_open [div]", "paragraph_open", "inline", "em_open", "text 'Read'",
        "html_element_open [div]", "paragraph_open", "inline", "em_open", "text 'Read too'"]


def test_a_raw_element_keeps_its_lines_as_written():
    """A ``<pre>``'s indentation is its code's: only a container's own is taken off."""
    tokens = kramdown_parser().parse("<pre>\ndef f():\n    return 1\n</pre>\n\n* item\n\n  <pre>\n  a\n"
                                     "    b\n  </pre>\n", {})
    assert [t.content for t in tokens if t.type == "html_block"] == [
        "<pre>\ndef f():\n    return 1\n</pre>\n", "<pre>\na\n  b\n</pre>\n"]


@pytest.mark.parametrize(("html", "urls"), [
    ('<img src="/a.png" srcset="/a.png 1x, /b.png 2x" alt="x">', ["/a.png", "/a.png", "/b.png"]),
    ("<a href='/p.html#s'>p</a> <A HREF=/x>x</A> <video poster=\"/v.jpg\">", ["/p.html#s", "/x", "/v.jpg"]),
    ('<a href="/q?a=1&amp;b=2">q</a> text href="/not-a-tag" <!-- -->', ["/q?a=1&b=2"]),
])
def test_the_urls_of_html_tags(html, urls):
    assert html_urls(html) == urls


def test_urls_of_html_tags_replaced_where_a_new_one_is_given():
    html = ('<img src="/a.png" srcset="/a.png 1x, /b.png 2x"> <a href=/x title="/a.png">x</a> '
            """<a href="/y">y</a> <a href='/z?a="1"'>z</a>""")
    new = {"/a.png": "../_downloads/d/a.png", "/x": "x&y.html", '/z?a="1"': "z.html?a=%221%22"}.get
    # in double quotes, as the page's own
    assert replace_urls(html, new) == ('<img src="../_downloads/d/a.png" srcset="../_downloads/d/a.png 1x, '
                                       '/b.png 2x"> <a href="x&amp;y.html" title="/a.png">x</a> '
                                       '<a href="/y">y</a> <a href="z.html?a=%221%22">z</a>')


@pytest.mark.parametrize(("text", "expected"), [
    ("1) one\n2) two\n", "1\\) one\n2\\) two\n"),
    ("[report](/files/report v2.pdf)\n", "[report](/files/report%20v2.pdf)\n"),
    ("```\n1) kept\n[a](b c)\n```\n", "```\n1) kept\n[a](b c)\n```\n"),
    ("    1) indented code\n", "    1) indented code\n"),
    ("Nothing to change.\n", "Nothing to change.\n"),
    # kramdown's link definitions take the URL to the end of the line, spaces and all
    ("[1]: \"See generally X, it's true.\"\n[2]: /a/b c.pdf\n[3]: http://x.org/y \"T\"\n",
     "[1]: <\"See generally X, it's true.\">\n[2]: </a/b c.pdf>\n[3]: http://x.org/y \"T\"\n"),
    # not in a paragraph, nor with a quote after a space (not a definition to kramdown)
    ("Text\n[1]: a b\n\n[2]: a b \"c\n", "Text\n[1]: a b\n\n[2]: a b \"c\n"),
    ("[^1]: A footnote.\n", "[^1]: A footnote.\n"),
    # an item's text five spaces or more after its marker is its text, and so are the lines
    # as far in after it; not in a fence
    ("*     Wide item\n      more\n\n      second\nOut.\n", "* Wide item\n  more\n\n  second\nOut.\n"),
    ("Term\n:     Definition\n", "Term\n: Definition\n"),
    ("```\n*     kept\n```\n", "```\n*     kept\n```\n"),
    # kramdown counts an escaped parenthesis in a link's destination as any other; not in code
    ("[Darwin](http://x.org/Darwin_(os\\)), the core.\n", "[Darwin](http://x.org/Darwin_(os)), the core.\n"),
    ("`[a](b\\))` code\n", "`[a](b\\))` code\n"),
])
def test_kramdown_line_rules(text, expected):
    assert as_commonmark(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a fence straight under an item is the item's: its lines keep what kramdown leaves them,
    # and the next item is the list's second
    ("1. Install:\n```bash\npip x\n    four\n  two\n```\n2. Next\n",
     "1. Install:\n   ```bash\n   pip x\n    four\n     two\n   ```\n2. Next\n"),
    # so are a heading and a quote, and the lines after them up to a blank line
    ("- item\n# Heading\ntext\n- b\n", "- item\n  # Heading\n  text\n- b\n"),
    ("- a\n> quote\nmore\n- c\n", "- a\n  > quote\n  more\n- c\n"),
    # a list of another kind in the item, and code lines of such a list's markers
    ("- a\n1. b\n- c\n", "- a\n  1. b\n- c\n"),
    ("1. Create:\n```yaml\n- name: a\n```\n2. Next\n",
     "1. Create:\n   ```yaml\n   - name: a\n   ```\n2. Next\n"),
    # the innermost item's, after a blank line in it too
    ("- a\n  - b\n```\ncode\n```\n- c\n", "- a\n  - b\n    ```\n    code\n    ```\n- c\n"),
    ("* a\n\n  para\n```\ncode\n```\n\nOut\n", "* a\n\n  para\n  ```\n  code\n  ```\n\nOut\n"),
    # a code line short of the item's column in a fence that is the item's
    ("1. a\n   ```\n   x\n# y\n   ```\n", "1. a\n   ```\n   x\n   # y\n   ```\n"),
    # as CommonMark reads them already: a paragraph's lazy line, code, an HTML tag ending the list
    ("- a\nmore\n", "- a\nmore\n"),
    ("```\n- a\n# not a heading\n```\n", "```\n- a\n# not a heading\n```\n"),
    ("1. a\n<div>x</div>\n", "1. a\n<div>x</div>\n"),
    # kramdown ends the list at the blank line in this fence: Jekyll shows it as text; left
    ("1. Install:\n```\nimport x\n\nx.run()\n```\n", "1. Install:\n```\nimport x\n\nx.run()\n```\n"),
    # items whose text column the two count apart
    ("-\tTabbed\n```\nx\n```\n", "-\tTabbed\n```\nx\n```\n"),
    # but a tab in a fence's code, past the item's text column, is the code's
    ("* ex\n~~~\n  a\n  \tb\n~~~\n\n* two\n", "* ex\n  ~~~\n  a\n  \tb\n  ~~~\n\n* two\n"),
    # as is a tab at the margin that reaches the column, both counting it as four
    ("* ex\n~~~\n\tb\n~~~\n", "* ex\n  ~~~\n\tb\n  ~~~\n"),
    # the text after a heading the item starts with, or holds
    ("- #### Darwin\n[Darwin](x), the core.\n", "- #### Darwin\n  [Darwin](x), the core.\n"),
    ("1. a\n   ## H\ntext\n2. b\n", "1. a\n   ## H\n   text\n2. b\n"),
    # a quote's, up to a blank line: a list, a fence, the text after a heading or a blank '>'
    ("> Note:\n- a\n- b\n\nOut\n", "> Note:\n> - a\n> - b\n\nOut\n"),
    ("> Example:\n```\ncode\n```\nafter\n\nOut\n", "> Example:\n> ```\n> code\n> ```\n> after\n\nOut\n"),
    ("> # H\ntext\n", "> # H\n> text\n"),
    ("> a\n>\nb\n", "> a\n>\n> b\n"),
    ("> ```\ncode\n> ```\n", "> ```\n> code\n> ```\n"),
    # a paragraph's lazy line, an HTML tag ending the quote, a fence kramdown breaks: as they are
    ("> a long\nquote continued\n", "> a long\nquote continued\n"),
    ("> a\n<div>x</div>\n", "> a\n<div>x</div>\n"),
    ("> x\n```\na\n\nb\n```\n", "> x\n```\na\n\nb\n```\n"),
])
def test_lazy_lines_are_the_list_items_or_the_quotes(text, expected):
    assert as_commonmark(text) == expected


@pytest.mark.parametrize(("heading", "text"), [
    ("## Plain", "Plain"),
    ("## With `code`, *em* and $$x^2$$", "With code, em and x^2"),
    ("## Image ![alt](/i.png) and [link](/x) and <span>span</span>", "Image  and link and span"),
    ("## Note[^1]\n\n[^1]: x", "Note"),
    ("## Launch :rocket:", "Launch :rocket:"),
    ("## AT&amp;T \\*", "AT&T *"),
    # typographic symbols in the text, code as written
    ("## Users of `--config` -- and `a...` too...", "Users of --config \u2013 and a... too\u2026"),
])
def test_header_text_is_kramdowns_raw_text(heading, text):
    tokens = kramdown_parser().use(footnote_plugin).parse(heading)
    assert header_text(tokens[1].children) == text


@pytest.mark.parametrize(("gfm", "prefix", "ids"), [
    (True, "", ["intro", "intro-1", "", "-1", "héllo-wörld", "2021"]),
    # the prefix goes before an empty id too
    (True, "id-", ["id-intro", "id-intro-1", "id-", "id--1", "id-héllo-wörld", "id-2021"]),
    # input: kramdown: ASCII from the first letter, "section" for none
    (False, "", ["intro", "intro-1", "section", "section-1", "hllo-wrld", "section-2"]),
    (False, "p-", ["p-intro", "p-intro-1", "p-section", "p-section-1", "p-hllo-wrld", "p-section-2"]),
])
def test_header_ids_as_kramdown_makes_them(gfm, prefix, ids):
    generator = HeaderIds(prefix, gfm=gfm)
    texts = ("Intro", "Intro", "!!!", "???", "Héllo Wörld", "2021")
    assert [generator.generate(text) for text in texts] == ids


@pytest.mark.parametrize(("heading", "source_id", "stripped_id"), [
    ("## A [link](http://x.com) here", "a-linkhttpxcom-here", "a-link-here"),
    ("## `code` head", "code-head", "head"),
    ("## A &amp; B &copy;", "a-amp-b-copy", "a--b-"),
    ("## It's \"quoted\" -- dash...", "its-quoted----dash", "its-quoted--dash"),
    ("## 1. Under_score \\* 2x", "underscore--2x", "underscore--2x"),
])
def test_kramdown_input_ids_from_source_or_stripped_text(heading, source_id, stripped_id):
    inline = kramdown_parser().parse(heading)[1]
    assert kramdown_id(inline.content) == source_id
    assert kramdown_id(stripped_text(inline.children)) == stripped_id


@pytest.mark.parametrize(("raw", "alt"), [
    ("AT&amp;T", "AT&T"),
    ("&copy; &#169; &#xA9;", "\u00a9 \u00a9 \u00a9"),
    ("*as written* \\*", "*as written* \\*"),
    ("&nosuch; &amp", "&nosuch; &amp"),
])
def test_image_alt_has_entities_as_characters(raw, alt):
    assert image_alt(raw) == alt


def test_code_lines():
    assert code_lines("text\n\n```\na\nb\n```\n\n    c\n") == {2, 3, 4, 5, 7}


@pytest.mark.parametrize(("text", "ids", "classes", "pairs", "refs", "unreadable"), [
    (".note #lead", ["lead"], ["note"], {}, [], ""),
    ('width="50%" title=\'a b\' lang=en', [], [], {"width": "50%", "title": "a b", "lang": "en"}, [], ""),
    ("refdef .more", [], ["more"], {}, ["refdef"], ""),
    (".-negative .a_b", [], ["-negative", "a_b"], {}, [], ""),
    ("#ok =bad", ["ok"], [], {}, [], "=bad"),
    ("", [], [], {}, [], ""),
])
def test_attribute_lists(text, ids, classes, pairs, refs, unreadable):
    attrs = parse_attribute_list(text)
    assert (attrs.ids, attrs.classes, attrs.pairs, attrs.refs, attrs.unreadable) == (
        ids, classes, pairs, refs, unreadable)


def test_a_definition_comes_first_and_the_list_overrides_it():
    attrs = parse_attribute_list("base .own title=mine toc missing")
    base = Attributes(classes=["shared"], pairs={"title": "base", "lang": "en"})
    undefined = resolve(attrs, {"base": base})
    assert undefined == ["missing"]
    assert attrs.classes == ["shared", "own"]
    assert attrs.pairs == {"title": "mine", "lang": "en"}


@pytest.mark.parametrize(("permalink", "categories", "expected"), [
    (DEFAULT_PERMALINK, [], "/2022/05/07/my-post.html"),
    # Jekyll 4 lowercases categories and escapes them, without slugs
    (DEFAULT_PERMALINK, ["Engineering", "Data Science"],
     "/engineering/data%20science/2022/05/07/my-post.html"),
    ("/blog/:year/:title/", [], "/blog/2022/my-post/"),
    ("/:categories/:i_month/:i_day/:short_year/:slug:output_ext", ["ops"], "/ops/5/7/22/my-post.html"),
    ("/:categories/:title/", [], "/my-post/"),
    ("posts/:title", [], "/posts/my-post"),
    ("/fixed/page.html", ["x"], "/fixed/page.html"),
])
def test_permalinks(permalink, categories, expected):
    parts = UrlParts(dt.datetime(2022, 5, 7), "my-post", "2022-05-07-my-post", "/2022-05-07-my-post",
                     tuple(categories))
    assert jekyll_url(permalink, parts) == expected


@pytest.mark.parametrize(("value", "is_path"), [
    ("/2016/10/07/slug.html", True), ("/blog/slug/", True), ("javascript:alert(1)", False),
    ("//evil.example/x", False), ("/a/../../etc", False), ("relative/path", False), (42, False),
    ('/quote"d', False),
])
def test_a_permalink_must_be_a_path_of_the_site(value, is_path):
    assert is_site_path(value) is is_path


def test_discovery_names_every_file_and_why_it_is_not_a_post(tmp_path):
    files = {
        "2022-05-27-a-post.md": "", "sub/2021-01-02-nested.markdown": "", "notes.md": "",
        "2022-05-27-data.json": "", "2022-05-28-imported.html": "", "images/pic.png": "",
        "_drafts/2022-01-01-draft.md": "",
        ".hidden/2022-01-01-x.md": "", "_authors/jane.md": "", "_authors/_template.md": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    found = {str(f.path.relative_to(tmp_path)): (f.skipped.split(":")[0], f.lost)
             for f in find_post_files(tmp_path, tmp_path / "_authors")}
    assert found == {
        "2022-05-27-a-post.md": ("", False),
        "sub/2021-01-02-nested.markdown": ("", False),
        "notes.md": ("not published", False),
        # Jekyll publishes it unconverted: a loss, not a choice; an HTML post is built
        "2022-05-27-data.json": ("Jekyll publishes it, but only Markdown and HTML posts are built, not "
                                 ".json", True),
        "2022-05-28-imported.html": ("", False),
        "images/pic.png": ("a site file, not a post", False),
        "_drafts/2022-01-01-draft.md": ("not published", False),
        ".hidden/2022-01-01-x.md": ("not published", False),
    }
    assert [p.name for p in find_bio_files(tmp_path / "_authors")] == ["jane.md"]
    assert find_post_files(tmp_path / "missing", tmp_path / "_authors") == []


@pytest.mark.parametrize(("value", "image", "problem"), [
    ("/images/a.png", PostImage("/images/a.png"), None),
    ("images/a.png", PostImage("/images/a.png"), None),
    ("https://cdn.example/a.png", PostImage("https://cdn.example/a.png"), None),
    ("//cdn.example/a.png", PostImage("https://cdn.example/a.png"), None),
    ({"path": "/a.png", "alt": "An A", "width": 640, "height": "480"},
     PostImage("/a.png", "An A", "640", "480"), None),
    ({"twitter": "/t.png", "facebook": "/f.png"}, PostImage("/f.png"), None),
    ({"alt": "no path"}, None, None),
    (None, None, None),
    ("", None, None),
    (["/a.png"], None,
     "image must be the path or URL of a picture, or a mapping with its path, not ['/a.png']"),
    ("javascript:alert(1)", None,
     "image 'javascript:alert(1)' is neither an http(s) URL nor a path of the site"),
])
def test_a_posts_image_as_jekyll_seo_tag_reads_it(value, image, problem):
    assert read_image(value) == (image, problem)


@pytest.mark.parametrize(("page", "href", "path"), [
    ("/2018/01/11/notes/", "../../images/a.png", "/2018/01/images/a.png"),
    ("/2018/01/11/notes/", "../../../../../images/a.png", "/images/a.png"),
    ("/notes/", "../../images/a.png", "/images/a.png"),
    ("/2018/01/11/notes.html", "a b.png", "/2018/01/11/a b.png"),
    ("/notes.html", "./img/../a.png", "/a.png"),
])
def test_a_relative_path_is_read_from_the_pages_url(page, href, path):
    assert from_page(page, href) == path


@pytest.mark.parametrize(("subpath", "path", "shown"), [
    ("/assets/img/posts/trip", "map.png", "/assets/img/posts/trip/map.png"),
    ("/assets/img/posts/trip/", "/map.png", "/assets/img/posts/trip/map.png"),
    ("assets/img", "shots/a b.png", "/assets/img/shots/a b.png"),
    ("/assets/img", "https://cdn.example/a.png", "https://cdn.example/a.png"),
    ("/assets/img", "//cdn.example/a.png", "//cdn.example/a.png"),
    ("/assets/img", "data:image/png;base64,AA==", "data:image/png;base64,AA=="),
    ("", "map.png", "map.png"),
])
def test_chirpys_media_subpath_goes_before_a_posts_picture_paths(subpath, path, shown):
    """As Chirpy's layout writes a post's pictures, and its ``image`` (``img_path`` before
    Chirpy 7)."""
    assert in_media_subpath(subpath, path) == shown
    assert media_subpath({"img_path": subpath}) == media_subpath({"media_subpath": subpath}) == subpath
    if shown.startswith("/") and not shown.startswith("//"):
        assert read_image({"path": path}, subpath) == (PostImage(shown), None)


def test_an_element_with_a_markdown_attribute_inside_a_raw_one_is_read():
    """kramdown honours the markdown attribute of an element nested in raw block HTML (the
    site's parse_block_html is false): Minimal Mistakes' <nav class="toc" markdown="1"> in
    its raw <aside> holds the {:toc} list Jekyll fills."""
    html = kramdown_parser(parse_block_html=False).render(
        '<aside class="side">\n<nav class="toc" markdown="1">\n<h4>In *this*</h4>\n* item *one*\n'
        '</nav>\n<div>*raw*</div>\n<p markdown="span">a *span*</p>\n</aside>\n\n*after*\n')
    assert html == ('<aside class="side">\n<nav class="toc">\n<h4>In *this*</h4>\n<ul>\n'
                    "<li>item <em>one</em></li>\n</ul>\n</nav>\n<div>*raw*</div>\n"
                    "<p>a <em>span</em></p>\n</aside>\n<p><em>after</em></p>\n")
    # without one, the element stays whole and raw; so does the content of a <pre>
    assert kramdown_parser(parse_block_html=False).render("<div>\n*x*\n</div>\n") == "<div>\n*x*\n</div>\n"
    shown = '<pre>\n<div markdown="1">\n*x*\n</div>\n</pre>\n'
    assert kramdown_parser(parse_block_html=False).render(shown) == shown
