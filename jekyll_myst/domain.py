"""The blog's environment data, keyed by document, and its references.

One :class:`JekyllDomain` holds what every page needs to know about the
others: each post's title, date, authors, excerpt and Jekyll URL, each author
bio's name, and which documents link to which posts.  It resolves links by
old Jekyll URL (``/2016/10/07/slug.html``) and author names to pages.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from .archives import archive_pagenames
from .feeds import feed_path

logger = logging.getLogger(__name__)


class JekyllDomain(Domain):
    name = "jekyll"
    label = "Jekyll blog"
    initial_data: dict[str, Any] = {
        "posts": {},  # docname -> post record (a plain dict)
        "bios": {},  # docname -> {"name", "jobtitle"}
        "links": {},  # page (not post) -> the posts it links to: docnames, or "url:<Jekyll URL>"
        "listings": {},  # docname -> the filters of each list of posts the page shows
    }
    _PER_DOCUMENT = ("posts", "bios", "links", "listings")
    #: ``{jekyll:page}`archive/index``` links a generated page (an archive, a feed)
    roles = {"page": XRefRole()}

    def __init__(self, env) -> None:
        super().__init__(env)
        # indexes built on first use, forgotten whenever the data changes
        self._urls: dict[str, str] | None = None
        self._bios_by_name: dict[str, str] | None = None

    @property
    def posts(self) -> dict[str, dict]:
        return self.data["posts"]

    @property
    def bios(self) -> dict[str, dict]:
        return self.data["bios"]

    def note_post(self, docname: str, record: dict) -> None:
        self.posts[docname] = record
        self._urls = None

    def note_bio(self, docname: str, record: dict) -> None:
        self.bios[docname] = record
        self._bios_by_name = None

    def note_links(self, docname: str, targets: set[str]) -> None:
        if targets:
            self.data["links"][docname] = targets

    def clear_doc(self, docname: str) -> None:
        for key in self._PER_DOCUMENT:
            self.data[key].pop(docname, None)
        self._urls = self._bios_by_name = None

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for key in self._PER_DOCUMENT:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self._urls = self._bios_by_name = None

    def check_consistency(self) -> None:
        """Two posts with one URL: both are reported; neither old URL is redirected."""
        for url, docnames in self._posts_by_url().items():
            for docname in docnames if len(docnames) > 1 else ():
                others = ", ".join(d for d in docnames if d != docname)
                logger.warning("%s has the URL %s, as %s has: give one a different permalink",
                               docname, url, others, type="jekyll", subtype="duplicate",
                               location=(docname, self.posts[docname]["url_line"]))

    def shared_urls(self) -> set[str]:
        return {url for url, docnames in self._posts_by_url().items() if len(docnames) > 1}

    def _posts_by_url(self) -> dict[str, list[str]]:
        by_url: dict[str, list[str]] = {}
        for docname, record in sorted(self.posts.items()):
            by_url.setdefault(record["url"], []).append(docname)
        return by_url

    # -- queries ----------------------------------------------------------
    def post_by_url(self, url: str) -> str | None:
        path = url.split("#", 1)[0].split("?", 1)[0]
        candidates = (path, path.rstrip("/"), path + ".html", path.rstrip("/") + "/index.html",
                      path.removesuffix("index.html"))
        if self._urls is None:  # built once per change of the posts: every link looks it up
            self._urls = {record["default_url"]: doc for doc, record in sorted(self.posts.items())}
            self._urls.update({record["url"]: doc for doc, record in sorted(self.posts.items())})
        return next((self._urls[c] for c in candidates if c in self._urls), None)

    def bio_by_name(self, name: str) -> str | None:
        if self._bios_by_name is None:  # the first bio of a name, as before
            self._bios_by_name = {record["name"]: doc
                                  for doc, record in sorted(self.bios.items(), reverse=True)}
        return self._bios_by_name.get(name)

    def backlink_map(self) -> dict[str, list[str]]:
        """post -> the documentation pages (not other posts) that link to it."""
        post_of = {}
        for post, record in self.posts.items():
            post_of[post] = post
            post_of[f"url:{record['url']}"] = post_of[f"url:{record['default_url']}"] = post
        linked: dict[str, set[str]] = {}
        for doc, targets in self.data["links"].items():
            for target in targets:
                if target in post_of:
                    linked.setdefault(post_of[target], set()).add(doc)
        return {post: sorted(docs) for post, docs in linked.items()}

    def newest_first(self, docnames) -> list[str]:
        return sorted(docnames, key=lambda d: (self.posts[d]["date"], d), reverse=True)

    # -- references -------------------------------------------------------
    def resolve_xref(self, env, fromdocname, builder, typ, target, node: pending_xref,
                     contnode: nodes.Element):
        if typ == "url":
            docname = self.post_by_url(target)
            fragment = target.partition("#")[2]
            if docname is None:
                return self._unknown_page(env, target, node, contnode)
            return make_refnode(builder, fromdocname, docname, fragment, contnode)
        if typ == "page":
            return self._generated_page(builder, fromdocname, target, node, contnode)
        return None

    def _generated_page(self, builder, fromdocname, target, node, contnode):
        feeds = {feed_path()} | {feed_path(bio) for bio in self.bios}
        if target in archive_pagenames(self):
            uri = builder.get_relative_uri(fromdocname, target)
        elif target in feeds and self.posts:
            uri = relative_uri(builder.get_target_uri(fromdocname), target)
        else:
            logger.warning("no generated page %r: archives are archive/index, archive/<year>, "
                           "tags/<tag>, categories/<category>; feeds are feed.xml and "
                           "authors/<author>/feed.xml", target, type="jekyll", subtype="page",
                           location=node)
            return contnode
        return nodes.reference("", "", contnode, internal=True, refuri=uri)

    def _unknown_page(self, env, target: str, node: pending_xref, contnode: nodes.Element):
        origin = env.project.blog.url if env.config.jekyll_origin_links else ""
        if not origin:
            logger.warning("link to %s: no page of this site has that URL", target,
                           type="jekyll", subtype="link", location=node)
            return contnode
        # A blog imported in part: the page is still on the original site.
        logger.info("link to %s: not in this site, linked to %s", target, origin,
                    type="jekyll", subtype="origin_link", location=node)
        return nodes.reference("", "", contnode, refuri=origin + target, internal=False)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def get_objects(self):
        return []
