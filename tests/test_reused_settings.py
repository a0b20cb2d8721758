"""jekyll_myst.reused_settings: documents read with docutils' option parsers kept
between them are read as with a parser made for each."""

from __future__ import annotations

import docutils.frontend
import myst_parser.mdit_to_docutils.base
import sphinx.util.docutils
from conftest import bodies, make_blog
from docutils.readers import standalone
from sphinx.testing.util import SphinxTestApp

from jekyll_myst.reading.parser import JekyllMystParser
from jekyll_myst.reused_settings import reused_option_parsers

READS_A_FILE = ("---\norphan: true\n---\n\n# Reads a file\n\nBefore.\n\n"
             "```{raw} html\n:file: ../snippets/part.txt\n```\n")


def read_counting_parsers(app: SphinxTestApp, monkeypatch) -> list[int]:
    """Build; return how many option parsers were made while the documents were read."""
    made = [0]
    counts = []
    make = docutils.frontend.OptionParser.__init__

    def counting(self, *args, **kwargs):
        made[0] += 1
        make(self, *args, **kwargs)

    monkeypatch.setattr(docutils.frontend.OptionParser, "__init__", counting)
    app.connect("env-before-read-docs", lambda app, env, docnames: made.__setitem__(0, 0))
    app.connect("env-updated", lambda app, env: counts.append(made[0]) or [])
    app.build()
    app.cleanup()
    monkeypatch.undo()
    return counts


def test_a_blog_read_with_kept_option_parsers_is_the_blog_sphinx_reads(tmp_path, monkeypatch):
    src = make_blog(tmp_path / "src", extra_posts=8, files={
        "docs/reads-a-file.md": READS_A_FILE, "snippets/part.txt": "Included text.\n"})

    kept = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "kept")
    kept_parsers = read_counting_parsers(kept, monkeypatch)

    # Sphinx's own reading: a parser made for each document, and one more by MyST
    own = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "own")
    del own.builder.read
    own_parsers = read_counting_parsers(own, monkeypatch)

    documents = len(kept.env.found_docs)
    assert documents >= 12
    assert own_parsers == [2 * documents]
    assert kept_parsers == [2]  # Sphinx's for the blog's parser, MyST's for docutils' RST parser
    assert kept.warning.getvalue() == own.warning.getvalue() == ""
    assert "Included text." in (kept.outdir / "docs" / "reads-a-file.html").read_text(encoding="utf-8")
    assert bodies(kept.outdir) == bodies(own.outdir)
    # what one document records as read stays its own
    assert kept.env.dependencies == own.env.dependencies
    assert {path.name for path in kept.env.dependencies["docs/reads-a-file"]} == {"part.txt"}
    assert all("part.txt" not in str(path) for doc, paths in kept.env.dependencies.items()
               if doc != "docs/reads-a-file" for path in paths)


def test_each_document_gets_new_default_settings():
    defaults = {"env": object(), "smartquotes_locales": []}
    parser = JekyllMystParser()
    made = sphinx.util.docutils._get_settings(standalone.Reader, parser, defaults=defaults)
    sphinx_settings = sphinx.util.docutils._get_settings
    myst_settings = myst_parser.mdit_to_docutils.base.get_default_settings
    with reused_option_parsers():
        first = sphinx.util.docutils._get_settings(standalone.Reader, parser, defaults=defaults)
        second = sphinx.util.docutils._get_settings(standalone.Reader, JekyllMystParser(), defaults=defaults)
        assert first is not second
        assert first.record_dependencies is not second.record_dependencies
        first.record_dependencies.add("one.txt")
        assert second.record_dependencies.list == []

        def without_dependencies(settings):
            return {name: value for name, value in vars(settings).items() if name != "record_dependencies"}

        assert without_dependencies(first) == without_dependencies(made)
        # other defaults, another parser
        french = {**defaults, "language_code": "fr", "smartquotes_locales": ["fr: «»‹›"]}
        in_french = sphinx.util.docutils._get_settings(standalone.Reader, parser, defaults=french)
        assert (in_french.language_code, in_french.smartquotes_locales) == ("fr", ["fr: «»‹›"])
        again = sphinx.util.docutils._get_settings(standalone.Reader, parser, defaults=defaults)
        assert again.language_code == made.language_code != "fr"

        # settings of its own, not its class's: a parser of its own
        special = JekyllMystParser()
        special.settings_spec = ("Special", None, (("A setting.", ["--special"], {"default": "yes"}),))
        special_settings = sphinx.util.docutils._get_settings(standalone.Reader, special, defaults=defaults)
        assert special_settings.special == "yes"
        assert not hasattr(sphinx.util.docutils._get_settings(standalone.Reader, parser, defaults=defaults),
                           "special")
        assert myst_parser.mdit_to_docutils.base.get_default_settings(JekyllMystParser) is not \
            myst_parser.mdit_to_docutils.base.get_default_settings(JekyllMystParser)
    assert sphinx.util.docutils._get_settings is sphinx_settings
    assert myst_parser.mdit_to_docutils.base.get_default_settings is myst_settings


def test_a_parser_that_read_a_docutils_configuration_file_is_not_kept(tmp_path, monkeypatch):
    config = tmp_path / "docutils.conf"
    config.write_text("[general]\nstrip_classes: local\n", encoding="utf-8")
    monkeypatch.setenv("DOCUTILSCONFIG", str(config))
    parser = JekyllMystParser()
    with reused_option_parsers():
        first, second = (sphinx.util.docutils._get_settings(standalone.Reader, parser, defaults={},
                                                            read_config_files=True) for _ in range(2))
    assert first.strip_classes == second.strip_classes == ["local"]
    first.strip_classes.append("more")
    assert second.strip_classes == ["local"]
