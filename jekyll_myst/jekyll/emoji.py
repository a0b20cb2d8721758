"""jemoji's shortcodes (GitHub's emoji names) to Unicode characters.

Jekyll's jemoji links each shortcode to an image on GitHub's servers; the
character itself shows the same emoji without a request to another site.
The ``emoji`` package keeps GitHub's aliases up to date.
"""

from __future__ import annotations


def character(name: str) -> str | None:
    # a fortieth of a second to import: a build without a shortcode never pays it
    import emoji

    shortcode = f":{name}:"
    text = emoji.emojize(shortcode, language="alias")
    return None if text == shortcode else text
