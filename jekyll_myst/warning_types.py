"""Every kind of problem the extension reports: its subtype, its level, what
triggers it and how to fix it.

One registry: ``jekyll_myst.reporting.report`` accepts only these subtypes,
and the warnings reference (``docs/reference/warnings.md``) is these tables,
as :func:`reference_tables` writes them (a test compares the two;
``python -m jekyll_myst.warning_types`` prints them).  No Sphinx import: the
pure layer's problems name subtypes from here too.
"""

from __future__ import annotations

import dataclasses
from typing import Literal


@dataclasses.dataclass(frozen=True)
class WarningType:
    subtype: str
    #: a warning fails the strict build; an info line never does
    level: Literal["warning", "info"]
    #: what triggers it (Markdown)
    cause: str
    #: how to fix it (Markdown); none for info lines
    remedy: str = ""


_TYPES = (
    WarningType("front_matter", "warning",
                'The file has no front matter (it does not start with `---`, or is empty), the front matter '
                'is not closed, is not valid YAML, or is not a mapping of keys to values.',
                'Start the file with `---`, write `key: value` lines, and close them with `---`. Quote values'
                ' that contain `: `, `[` or `{`.'),
    WarningType("title", "warning",
                'The post has no `title`, an empty one, or one that is a list or a number. Without one, '
                'the page is titled from the file name as Jekyll titles it (`2022-05-07-my-first-post.md`: '
                'My First Post).',
                'Add `title: "..."` to the front matter, in quotes.'),
    WarningType("date", "warning",
                "The date in the file name does not exist (`2023-02-30`), or the front matter's `date` (or "
                '`last_modified_at`) is not a date Ruby\'s `Time.parse` reads, or does not exist.',
                'Write dates as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS +ZZZZ`.'),
    WarningType("authors", "warning",
                '`authors` (or `author`) is neither a name nor a list of names.',
                'Write `author: Name` or a list under `authors:`.'),
    WarningType("author", "warning",
                'An author named by a post has no bio, in a blog that has bios.',
                'Add a bio to the authors folder (`posts/_authors/`) with `name:` exactly as the post writes '
                'it, or fix the name in the post.'),
    WarningType("bio", "warning",
                'An author bio has no `name`.',
                'Add `name: "..."` to the bio\'s front matter.'),
    WarningType("excerpt", "warning",
                '`excerpt` (or `excerpt_separator`, or `description`) is not text.',
                'Write it as a string, or as a folded block (`excerpt: >`).'),
    WarningType("tags", "warning",
                '`tags` or `categories` is not a list of words.',
                'Write `tags: [one, two]` or space-separated words.'),
    WarningType("permalink", "warning",
                '`permalink` is not a path of the site (it has a scheme such as `javascript:`, a `..`, or '
                'does not start with `/`).',
                "Write the post's old URL as a path, `/2016/10/07/slug.html` or `/blog/slug/`, "
                "or remove it."),
    WarningType("redirect_from", "warning",
                "A path of `redirect_from` (jekyll-redirect-from) that is not a path of the site: it has a "
                "scheme such as `javascript:`, a `..` (even written `%2e%2e`), or is not text. No redirect "
                "page is written for it. Or a `redirect_to` that is neither an http(s) URL nor a path of "
                "the site, or a path that no post has: the post's old URLs lead to the post.",
                "Write the old URL as a path, `/old/path/` or `/2016/10/07/slug.html`, or remove it; write "
                "`redirect_to` as `https://...` or as a post's URL."),
    WarningType("liquid", "warning",
                'Liquid that Jekyll 4 would refuse: a tag or filter it does not know (a plugin\'s, or '
                'Liquid 5\'s `render`; a tag of the site\'s own plugins that is not followed here, named '
                'with its plugin), a syntax error, an `{% include %}` of a file not in `_includes/` '
                '(nor in the theme\'s, or with a theme that could not be found: the message says why), a '
                '`{% link %}` or `{% post_url %}` to something that does not exist, an unclosed `{% raw %}`, '
                'an unreadable `_data/` file, a post of `site.posts` written out whole (`{{ post }}`: '
                'Jekyll writes its content; here it is left out), or a post whose excerpt shows itself '
                'through `site.posts` '
                '(Jekyll never finishes it). A filter it does not know passes its value on unchanged, as '
                'Jekyll\'s Liquid does. An error inside an included file is reported at the '
                '`{% include %}` line, naming the file and its line.',
                'Fix the Liquid, the file name or the data file (for a theme\'s include, set '
                '`jekyll_theme_dir`); to show Liquid syntax as text, in code '
                'too, wrap it in `{% raw %}...{% endraw %}`; to leave a whole post unrendered, set '
                '`render_with_liquid: false` in its front matter.'),
    WarningType("ial", "warning",
                'A kramdown attribute list names an ALD that is not defined (`{: name}` without `{:name: '
                '...}`), cannot be read, follows no block, or `{:toc}` follows something other than a list; '
                'or an attribute list after a link, image or emphasis sets a script (`onclick`...) or an '
                'address (`href`, `src`), which are refused.',
                'Define the ALD, fix the list, put the attribute list on the line right after its block, or '
                'put `{:toc}` after a one-item list; write the link\'s or image\'s address in its Markdown, '
                'and leave scripts out.'),
    WarningType("extension", "warning",
                'A kramdown extension kramdown does not have (`{::name}` other than `{::comment}`, '
                '`{::nomarkdown}` and `{::options /}`), a start tag without its stop tag (`{:/name}` or '
                '`{:/}`; in a paragraph, the stop tag must be in the same paragraph), or a stop tag that '
                'closes nothing. Its text is kept as written, as in kramdown.',
                'Fix the name, add the stop tag, or escape the brace (`\\{::`) to show the text.'),
    WarningType("html", "warning",
                'An HTML element that starts a block (`<div>`, `<article>`, `<p>`...) has no end tag '
                'after it. kramdown keeps the rest of the post (or of the list item or quote it is in) '
                'inside that element, raw, its Markdown unread; here it ends at the next blank line, as '
                'CommonMark\'s HTML blocks do, and the Markdown after it is read.',
                'Add the end tag (`</div>`) where the element ends, or remove its start tag.'),
    WarningType("fence", "warning",
                'A fence (```` ``` ```` or `~~~`) that no fence of the same characters closes: kramdown '
                'reads none of it as code and shows its lines as text, and so does this project '
                '(CommonMark would make the rest of the post code).',
                'Close the code with the characters that open it, at least as many (`~~~` for `~~~`).'),
    WarningType("footnote", "warning",
                'A footnote reference (`[^name]`) with no definition (`[^name]: ...`) in the post: it '
                'is shown as written, as kramdown shows it. Or a definition that nothing refers to: '
                'it is left out, as kramdown leaves it out.',
                'Add the definition or the reference, or remove the other.'),
    WarningType("definition", "warning",
                'A footnote or link definition (`[^1]: ...`, `[x]: /url "Docs | Site"`) with a `|` outside '
                'code: kramdown reads a table before a definition, so the line is shown as a row of a table, '
                'as kramdown shows it, and what it defines stays undefined.',
                'Escape the pipe with a backslash, or put it in code.'),
    WarningType("path", "warning",
                'An image or download leads out of the site folder and the project (`../../etc/passwd`, a '
                'symlink pointing elsewhere), names no file of the site, or uses a scheme other than http(s).'
                ' Nothing is copied. The same for a post\'s front-matter `image` (jekyll-seo-tag\'s picture '
                'of its link previews and feed entries), or one that is not a path or a URL: the post has '
                'no picture (with `jekyll_origin_links`, the original site\'s, at info level); one given by '
                'the site\'s `defaults:` is reported once, at `_config.yml`.',
                'Put the file in the site folder (for example `posts/images/`) and link it as '
                '`/images/...`.'),
    WarningType("unsafe_link", "warning",
                'A link uses `javascript:`, `vbscript:` or `data:`. The link text is kept, without the link.',
                'Link to a page or a file instead.'),
    WarningType("link", "warning",
                "A link to one of the site's own URLs (`/2016/10/07/slug.html`, or the blog's `url`) that no "
                'page has.',
                'Fix the URL, or add the missing post. For a blog imported in part, `jekyll_origin_links = '
                'True` links such URLs to the original site instead (info `jekyll.origin_link`).'),
    WarningType("page", "warning",
                '`` {jekyll:page}`...` `` names a page the build does not make.',
                'Use `archive/index`, `archive/<year>`, `tags/<tag>`, `categories/<category>`, `feed.xml` or '
                '`authors/<author>/feed.xml`.'),
    WarningType("duplicate", "warning",
                'Two files would be the same page (`x.md` and `x.markdown`), or two posts have the same URL. '
                'Both are named. Of two files, only the first is built; of two posts, the old URL leads '
                'to the later one (by date, then file name), whose page Jekyll wrote there last.',
                'Rename one file, or give one post a different `permalink`.'),
    WarningType("post_format", "warning",
                'A post that Jekyll publishes and this build cannot read: a format Jekyll publishes '
                'unconverted other than HTML (`.htm`, `.txt`...; `.html` posts are built, their HTML '
                'as it is, Liquid applied, as Jekyll writes them), or an ending in mixed case (`.Md`, '
                '`.Html`: Jekyll reads any case, Sphinx matches `.md`, `.markdown`, `.mkd`, `.mkdn` and '
                '`.mkdown` in lower or upper case, and `.html`). It is not built, and its old URL is not '
                'redirected.',
                'Rename a mixed-case ending to `.md` (or `.html`), an `.htm` post to `.html`; convert '
                'other formats to Markdown.'),
    WarningType("encoding", "warning",
                'The file is not UTF-8. It is not built.',
                'Save the file as UTF-8.'),
    WarningType("size", "warning",
                'The file is larger than `jekyll_max_file_size` (32 MB by default: Jekyll builds larger '
                'posts, so the limit only guards the build against harm). It is not built.',
                'Split the post, or move data out of it into a linked file.'),
    WarningType("config", "warning",
                'A setting of the site (`_config.yml`, or `jekyll_settings`) that Jekyll could not use: a '
                '`timezone` that names no zone, a `permalink` that is not a path or names a placeholder '
                'Jekyll does not have, a `defaults` entry without `values`, a `kramdown` option of the '
                'wrong kind, an `excerpt_separator` that is not text, a `theme` that is not a gem\'s name '
                '(then no theme). Jekyll\'s default is used instead. '
                'Also a `kramdown` option this project does not follow: `input: kramdown` (read as GFM, '
                'with kramdown\'s own header ids), '
                'a `syntax_highlighter` other than Rouge, `syntax_highlighter_opts` other than '
                '`default_lang`, `line_numbers` and `start_line`; a `markdown` converter other than '
                'kramdown (Redcarpet, RDiscount: Jekyll 4 has none of them, and posts are read as '
                'kramdown, as GitHub Pages has read them since 2016); `plugins` naming a folder, as '
                'Jekyll 2 and Octopress did (read as `plugins_dir`; Jekyll 4 stops on it). '
                'A `_config.yml` that is not UTF-8, not valid YAML or not a mapping gives no setting at '
                'all (Jekyll stops there).',
                'Fix the setting: a zone such as `Europe/London`, a permalink style (`date`, `pretty`, '
                '`ordinal`, `weekdate`, `none`) or a template with Jekyll\'s placeholders; fix the YAML '
                'at the line named; remove a `kramdown` option that is not followed, or accept GFM and '
                'Rouge\'s defaults; remove `markdown:`, and check the posts that relied on the other '
                'converter.'),
    WarningType("unpublished", "info",
                'A file under the posts folder that is not built, and why: no date in its name, `published: '
                'false`, a date in the future (without `future: true`), a draft (without `jekyll_drafts = '
                'True`), a hidden folder, a draft that is not Markdown while drafts are not built, or a '
                'site file (an image).'),
    WarningType("date_moved", "info",
                "The front matter's `date` puts a post on another day than its file name, by more than time "
                'zones explain. Its date and URL follow the front matter, as in Jekyll.'),
    WarningType("no_bios", "info",
                'The blog names authors but has no author bios (no authors folder, or none in it): bylines '
                'show the names without links. Said once for the blog, not for each post.'),
    WarningType("front_matter_key", "info",
                'A front-matter key this site does not use (kept in the file, ignored).'),
    WarningType("origin_link", "info",
                'A link to a post of the original blog that this site does not have, linked to the original '
                'site; or a post\'s `image` that the site lacks, taken from the original site.'),
    WarningType("output", "info",
                'A file the build removed because its source is gone, or that every page is written again '
                'after a build that stopped while writing.'),
    WarningType("feed", "info",
                'No feeds are written because `html_baseurl` is not set.'),
)
WARNING_TYPES: dict[str, WarningType] = {kind.subtype: kind for kind in _TYPES}


def reference_tables() -> str:
    """The two tables of the warnings reference, in Markdown."""
    lines = ["## Warnings", "", "| Subtype | What causes it | How to fix it |", "| --- | --- | --- |"]
    lines += [f"| `jekyll.{kind.subtype}` | {_cell(kind.cause)} | {_cell(kind.remedy)} |"
              for kind in _TYPES if kind.level == "warning"]
    lines += ["", "## Information", "", "| Subtype | What it says |", "| --- | --- |"]
    lines += [f"| `jekyll.{kind.subtype}` | {_cell(kind.cause)} |" for kind in _TYPES if kind.level == "info"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # a pipe, in code too, would end the table's cell
    return text.replace("|", "\\|")


if __name__ == "__main__":
    print(reference_tables(), end="")
