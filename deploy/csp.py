#!/usr/bin/env python3
"""The Content-Security-Policy that a built site really passes.

The theme writes small inline <script> and <style> blocks, and a few inline
style attributes, into every page.  Rather than allowing any inline code
('unsafe-inline'), the policy allows exactly these, by the SHA-256 hash of
each distinct one found in the built HTML.  The hashes change when the theme
or Sphinx changes what it inlines, so compute the policy from the build that
is served:

    python3 deploy/csp.py _build/html                       # print the policy
    python3 deploy/csp.py _build/html --nginx csp.conf      # write an nginx include

The include holds one `add_header Content-Security-Policy "..." always;` line,
included by deploy/nginx/site.conf.  Only the standard library is used.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

#: <script type> values that the browser runs; others (JSON-LD...) are data, not code
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                 "application/ecmascript"}
#: raw text elements: the browser hashes their text exactly as it is written
_RAW = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.I | re.S)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


#: where a tag's URL attribute loads from: (tag, attribute) -> directive
_LOADS = {
    ("script", "src"): "script-src", ("img", "src"): "img-src", ("img", "srcset"): "img-src",
    ("iframe", "src"): "frame-src", ("video", "src"): "media-src", ("audio", "src"): "media-src",
    ("track", "src"): "media-src", ("video", "poster"): "img-src",
}

#: what a script of another origin loads in turn, which its page does not show: GitHub's
#: gist embed (jekyll-gist's tag) writes a stylesheet of GitHub's into the page
_ALSO_LOADS = {("script-src", "https://gist.github.com"): ("style-src", "https://github.githubassets.com")}


def _origin(url: str) -> str | None:
    """The origin of an absolute http(s) URL; None for the site's own (relative) URLs."""
    parts = urlsplit(url.strip().split()[0] if url.strip() else "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    if not parts.scheme and parts.netloc:
        # //host/path takes the page's own scheme, and so does a source without one
        return parts.netloc
    return None


class _Attributes(HTMLParser):
    """Inline style attributes, event handlers and other origins, values decoded as browsers do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.styles: set[str] = set()
        self.handlers: set[str] = set()
        self.origins: dict[str, set[str]] = {}
        self.media = False  # inside <video> or <audio>

    def _load(self, directive: str, url: str | None) -> None:
        for candidate in (url or "").split(","):
            origin = _origin(candidate)
            if origin:
                self.origins.setdefault(directive, set()).add(origin)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name == "style" and value is not None:
                self.styles.add(value)
            elif name.startswith("on") and value is not None:
                self.handlers.add(value)
            elif (tag, name) in _LOADS:
                self._load(_LOADS[tag, name], value)
        if tag in ("video", "audio"):
            self.media = True
        elif tag == "source":
            self._load("media-src" if self.media else "img-src", values.get("src") or values.get("srcset"))
        elif tag == "link":
            rel = (values.get("rel") or "").lower().split()
            if "stylesheet" in rel:
                self._load("style-src", values.get("href"))
            elif "icon" in rel:
                self._load("img-src", values.get("href"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("video", "audio"):
            self.media = False

    def handle_endtag(self, tag):
        if tag in ("video", "audio"):
            self.media = False


def _tag_type(attributes: str) -> str:
    match = re.search(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", attributes, re.I)
    return (next(g for g in match.groups() if g is not None) if match else "").strip().lower()


def scan(site: Path) -> dict[str, set[str]]:
    """The distinct inline scripts, style blocks, style attributes and handlers of a site,
    and the other origins its pages load from ("script-src", "img-src"... as keys)."""
    found: dict[str, set[str]] = {"script": set(), "style": set(), "style-attr": set(), "handler": set()}
    pages = [p for p in site.rglob("*.html")
             if not any(part.startswith(".") for part in p.relative_to(site).parts)]
    if not pages:
        raise SystemExit(f"csp.py: no HTML pages under {site}: build the site first")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for tag, attributes, body in _RAW.findall(text):
            tag = tag.lower()
            if tag == "script":
                if re.search(r"\bsrc\s*=", attributes, re.I) or _tag_type(attributes) not in _SCRIPT_TYPES:
                    continue
                found["script"].add(body)
            else:
                found["style"].add(body)
        parser = _Attributes()
        # Raw text elements are out of the way: their text is not markup.
        parser.feed(_RAW.sub(lambda m: f"<{m.group(1)}{m.group(2)}></{m.group(1)}>", text))
        parser.close()
        found["style-attr"] |= parser.styles
        found["handler"] |= parser.handlers
        for directive, origins in parser.origins.items():
            found.setdefault(directive, set()).update(origins)
    for (directive, origin), (also, other) in _ALSO_LOADS.items():
        if origin in found.get(directive, ()):
            found.setdefault(also, set()).add(other)
    return found


def policy(found: dict[str, set[str]]) -> str:
    """The header value.  Everything else comes from the site's own origin."""
    def sources(*kinds: str) -> list[str]:
        return sorted(sha256(text) for kind in kinds for text in found.get(kind, ()))

    def origins(directive: str) -> list[str]:
        return sorted(found.get(directive, ()))

    handlers = sources("handler")
    style_attrs = sources("style-attr")
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *origins("script-src"), *sources("script"),
                  *(["'unsafe-hashes'", *handlers] if handlers else [])]),
        " ".join(["style-src 'self'", *origins("style-src"), *sources("style")]),
        # style="..." attributes: only these values ('unsafe-hashes' allows hashed attributes)
        "style-src-attr " + (" ".join(["'unsafe-hashes'", *style_attrs]) if style_attrs else "'none'"),
        " ".join(["img-src 'self' data:", *origins("img-src")]),
        *([" ".join(["media-src 'self'", *origins("media-src")])] if origins("media-src") else []),
        *([" ".join(["frame-src 'self'", *origins("frame-src")])] if origins("frame-src") else []),
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=here.parent / "_build" / "html",
                        help="the built site (default: _build/html)")
    parser.add_argument("--nginx", type=Path, metavar="FILE",
                        help="write an nginx include with the add_header line to FILE")
    args = parser.parse_args(argv)
    found = scan(args.site)
    value = policy(found)
    if found["handler"]:
        print(f"csp.py: {len(found['handler'])} inline event handler attribute(s) allowed by hash",
              file=sys.stderr)
    for directive in sorted(k for k in found if k.endswith("-src")):
        print(f"csp.py: {directive} allows other sites the pages load from: "
              + " ".join(sorted(found[directive])), file=sys.stderr)
    if args.nginx:
        args.nginx.parent.mkdir(parents=True, exist_ok=True)
        args.nginx.write_text(
            "# Written by deploy/csp.py for the build it scanned; regenerate after every build.\n"
            f'add_header Content-Security-Policy "{value}" always;\n', encoding="utf-8")
    else:
        print(value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
