"""Documents are read with docutils' default settings from one option parser, not one each.

For every document it reads, Sphinx makes docutils' option parser for the
reader and the document's parser (``_get_settings``: an option object for
each of their 70-odd settings, and docutils' configuration files read
again) only to take its default values; MyST makes another each time it
sets up its renderer, for a document it throws away (``setup_render``
makes its default document even when it is given one).  The two took about
1.4 ms a document, a twentieth of a serial build of three hundred posts.

While the documents are read, each option parser is kept, one per set of
component classes and defaults, and every document gets new default values
from it: a new ``Values``, with a new list of the files it depends on, as
a new parser would give (the parser keeps one among its defaults, which
would otherwise be every document's).  A component whose settings are its
own rather than its class's, which docutils' components never are, and a
parser that read a docutils configuration file, whose lists would be
shared, are not kept.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import myst_parser.mdit_to_docutils.base
import sphinx.util.docutils
from docutils.frontend import OptionParser, Values
from docutils.utils import DependencyList
from sphinx.application import Sphinx

from .while_reading import while_reading

#: what docutils' option parser reads from a component
_SPEC = ("settings_spec", "settings_defaults", "settings_default_overrides", "relative_path_settings",
         "config_section", "config_section_dependencies")


def _key(components: tuple[Any, ...], defaults: Mapping[str, Any], read_config_files: bool) -> str | None:
    classes = []
    for component in components:
        if component is None or isinstance(component, type):
            classes.append(component)
        elif any(name in vars(component) for name in _SPEC):
            return None
        else:
            classes.append(type(component))
    # by value: defaults given anew (another language, say) are another parser's
    return repr((classes, sorted(defaults.items()), bool(read_config_files)))


class ReusedOptionParsers:
    """Stands in for Sphinx's ``_get_settings`` and MyST's ``get_default_settings``."""

    def __init__(self) -> None:
        self._parsers: dict[str, OptionParser] = {}

    def settings(self, *components: Any, defaults: Mapping[str, Any],
                 read_config_files: bool = False) -> Values:
        key = _key(components, defaults, read_config_files)
        parser = self._parsers.get(key) if key is not None else None
        if parser is None:
            with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
                # docutils: "OptionParser ... will be replaced by a subclass of argparse"
                parser = OptionParser(components=components, defaults=defaults,
                                      read_config_files=read_config_files)
            # what a configuration file sets (lists among it) is read anew for each document
            if key is not None and not parser.config_files:
                self._parsers[key] = parser
        settings = parser.get_default_values()
        if "record_dependencies" not in defaults:
            # the one value a new parser makes for itself: where a document notes the files it read
            settings.record_dependencies = DependencyList()
        return settings

    def default_settings(self, *components: Any) -> Values:
        return self.settings(*components, defaults={})


@contextlib.contextmanager
def reused_option_parsers() -> Iterator[None]:
    # Sphinx 9.0 and MyST-Parser 5.2 look these module-level names up at each call and offer no
    # other way in; they are put back as soon as the documents are read
    parsers = ReusedOptionParsers()
    sphinx_settings = sphinx.util.docutils._get_settings
    myst_settings = myst_parser.mdit_to_docutils.base.get_default_settings
    sphinx.util.docutils._get_settings = parsers.settings
    myst_parser.mdit_to_docutils.base.get_default_settings = parsers.default_settings
    try:
        yield
    finally:
        sphinx.util.docutils._get_settings = sphinx_settings
        myst_parser.mdit_to_docutils.base.get_default_settings = myst_settings


def setup_reused_settings(app: Sphinx) -> None:
    while_reading(app, lambda app: reused_option_parsers())
