"""The blog's environment data, keyed by document, its queries and references.

One :class:`JekyllDomain` holds what every page needs to know about the
others: each post's record, each author's bio, which pages each page links
to, and what lists of posts a page shows; besides that,
what the last discovery learnt of unchanged files, what each page showed
when it was written (``rewrites``), and the generated pages (archives,
feeds) that registered themselves.  It knows no page: the features that
make pages ask it questions.  It resolves links by old Jekyll URL
(``/2016/10/07/slug.html``) and ``{jekyll:page}`` references.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from ..jekyll.authors import Bio
from ..jekyll.record import PostRecord, shape_version
from ..jekyll.seo_image import PostImage
from ..jekyll.site_files import without_baseurl
from ..reporting import report

#: per document: what a document's reading adds, and what purging it takes away
_PER_DOCUMENT = {
    "posts": "docname -> PostRecord",
    "bios": "docname -> Bio",
    "links": "page -> {document it links to (a docname, or 'url:<Jekyll URL>'): whether a link "
             "shows that document's title}",
    "listings": "docname -> the filters of each list of posts the page shows",
    "books": "docname -> the documents its {blog-toctree} names, as chapters",
    "chapters": "docname (a post or an author) -> digest of its title and sections, which a "
                "{blog-toctree} shows",
    "post_listers": "docname -> True: its Liquid read site.posts",
    "awaited": "docname -> the site files it named that were missing (its image): read again when one "
               "comes",
    "folders": "docname -> {folder its Liquid listed (site.data, site.static_files): digest of the names "
               "it held}: read again when one's names change",
}
#: for the whole site
_SITE_WIDE = {
    "discovery": "post file -> ((mtime, size, today), why it is not published): unchanged files "
                 "are not read again to find out",
    "shown": "builder -> feature -> page -> digest of what the page showed when it was written (rewrites)",
    "generated": "generated page -> the feature that makes it (archives, feeds)",
}
#: changes whenever what the domain stores changes shape: a saved environment is then not loaded
#: (the descriptions above say each value's shape: a change to one changes it)
DATA_VERSION = zlib.crc32(repr((sorted(_PER_DOCUMENT.items()), sorted(_SITE_WIDE.items()),
                                shape_version(PostRecord, Bio, PostImage))).encode("utf-8"))


class JekyllDomain(Domain):
    name = "jekyll"
    label = "Jekyll blog"
    initial_data: dict[str, Any] = {key: {} for key in (*_PER_DOCUMENT, *_SITE_WIDE)}
    #: ``{jekyll:page}`archive/index``` links a generated page (an archive, a feed)
    roles = {"page": XRefRole()}

    def __init__(self, env) -> None:
        super().__init__(env)
        # indexes built on first use, forgotten whenever the data changes
        self._indexes: dict[str, Any] = {}

    # -- the data ------------------------------------------------------------
    @property
    def posts(self) -> dict[str, PostRecord]:
        return self.data["posts"]

    @property
    def bios(self) -> dict[str, Bio]:
        return self.data["bios"]

    @property
    def listings(self) -> dict[str, list[dict]]:
        return self.data["listings"]

    @property
    def discovered_files(self) -> dict:
        return self.data["discovery"]

    @property
    def shown(self) -> dict[str, dict[str, dict[str, str]]]:
        return self.data["shown"]

    def note_post(self, docname: str, record: PostRecord) -> None:
        self.posts[docname] = record
        self._indexes.clear()

    def note_bio(self, docname: str, record: Bio) -> None:
        self.bios[docname] = record
        self._indexes.clear()

    def links(self) -> dict[str, dict[str, bool]]:
        """page -> the documents it links to, each with whether a link shows its title."""
        return self.data["links"]

    def note_links(self, docname: str, targets: dict[str, bool]) -> None:
        if targets:
            self.data["links"][docname] = targets
            self._indexes.clear()

    def note_listings(self, docname: str, filters: list[dict]) -> None:
        if filters:
            self.listings[docname] = filters

    def note_post_lister(self, docname: str) -> None:
        self.data["post_listers"][docname] = True

    def note_awaited(self, docname: str, path: str) -> None:
        self.data["awaited"].setdefault(docname, []).append(path)

    def awaiting(self) -> dict[str, list[str]]:
        """document -> the missing files whose coming changes it."""
        return self.data["awaited"]

    def note_listed_folder(self, docname: str, folder: str, digest: str) -> None:
        self.data["folders"].setdefault(docname, {})[folder] = digest

    def listed_folders(self) -> dict[str, dict[str, str]]:
        """document -> the folders whose list of names it shows, with the digest of that list."""
        return self.data["folders"]

    def post_listers(self) -> list[str]:
        """The documents whose Liquid read ``site.posts``."""
        return sorted(self.data["post_listers"])

    def note_book(self, docname: str, chapters: list[str]) -> None:
        self.data["books"][docname] = chapters

    def books(self) -> list[str]:
        """The documents with a {blog-toctree}: every chapter's headings on one page."""
        return sorted(self.data["books"])

    def note_chapter(self, docname: str, toc_digest: str) -> None:
        self.data["chapters"][docname] = toc_digest

    def chapters_shown(self) -> dict[str, list[tuple[str, str | None]]]:
        """Per book, each chapter with the digest of what the book shows of it."""
        chapters = self.data["chapters"]
        return {book: [(doc, chapters.get(doc)) for doc in docs] for book, docs in self.data["books"].items()}

    def note_generated(self, feature: str, pages: Iterable[str]) -> None:
        """The pages a feature generates in this build, in place of those it generated before."""
        generated = self.data["generated"]
        for page in [page for page, owner in generated.items() if owner == feature]:
            del generated[page]
        generated.update(dict.fromkeys(pages, feature))

    def generated_pages(self, feature: str | None = None) -> list[str]:
        return [page for page, owner in self.data["generated"].items() if feature in (None, owner)]

    def clear_doc(self, docname: str) -> None:
        for key in _PER_DOCUMENT:
            self.data[key].pop(docname, None)
        self._indexes.clear()

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for key in _PER_DOCUMENT:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self._indexes.clear()

    def check_consistency(self) -> None:
        """Two posts with one URL: both are reported (the URL leads to the one Jekyll wrote
        last, see :meth:`in_jekyll_order`).  A ``redirect_to`` path that no post has is
        reported: its old URLs lead to the post."""
        for url, docnames in self._posts_by_url().items():
            for docname in docnames if len(docnames) > 1 else ():
                others = ", ".join(d for d in docnames if d != docname)
                report("duplicate", "%s has the URL %s, as %s has: give one a different permalink",
                       docname, url, others, location=(docname, self.posts[docname].url_line))
        for docname, record in sorted(self.posts.items()):
            target = record.redirect_to
            if target.startswith("/") and self.post_by_url(target) is None:
                report("redirect_from", "redirect_to %s: no post of this site has that URL; the post's old "
                       "URL leads to the post", target, location=(docname, 1))

    # -- queries -------------------------------------------------------------
    def _index(self, name: str, build) -> Any:
        if name not in self._indexes:
            self._indexes[name] = build()
        return self._indexes[name]

    def in_jekyll_order(self) -> list[str]:
        """The posts in the order Jekyll writes them, by date then by file: of two posts
        with one URL, the page Jekyll's site served there was the later one's."""
        return sorted(self.posts, key=lambda d: (self.posts[d].date, d))

    def _posts_by_url(self) -> dict[str, list[str]]:
        by_url: dict[str, list[str]] = {}
        for docname, record in sorted(self.posts.items()):
            by_url.setdefault(record.url, []).append(docname)
        return by_url

    def post_by_url(self, url: str) -> str | None:
        """The post at a site path: a post's own URL, or with the site's ``baseurl``
        before it, as ``relative_url``, ``absolute_url`` and ``{{ site.baseurl }}`` write it."""
        urls = self._index("urls", self._urls)
        for path in self._site_paths(url):
            candidates = (path, path.rstrip("/"), path + ".html", path.rstrip("/") + "/index.html",
                          path.removesuffix("index.html"))
            found = next((urls[c] for c in candidates if c in urls), None)
            if found is not None:
                return found
        return None

    def _urls(self) -> dict[str, str]:
        # a link to a redirect_from path led to the post on the Jekyll site too
        urls = {path: doc for doc, record in sorted(self.posts.items()) for path in record.redirect_from}
        urls.update({record.default_url: doc for doc, record in sorted(self.posts.items())})
        urls.update({self.posts[doc].url: doc for doc in self.in_jekyll_order()})
        return urls

    def bio_by_name(self, name: str) -> str | None:
        # the first bio of a name
        by_name = self._index("bios", lambda: {record.name: doc
                                               for doc, record in sorted(self.bios.items(), reverse=True)})
        return by_name.get(name)

    def author_name(self, author: str) -> str:
        """An author given as a bio document or as a name: the name."""
        return self.bios[author].name if author in self.bios else author

    def newest_first(self, docnames: Iterable[str]) -> list[str]:
        return sorted(docnames, key=lambda d: (self.posts[d].date, d), reverse=True)

    def select(self, author: str | None = None, tag: str | None = None, category: str | None = None,
               year: str | None = None, limit: int | None = None) -> list[str]:
        """Post documents, newest first; ``author`` is a bio document or a name."""
        name = self.author_name(author) if author is not None else None
        chosen = [
            doc for doc, record in self.posts.items()
            if (name is None or name in record.authors)
            and (tag is None or tag in record.tags)
            and (category is None or category in record.categories)
            and (year is None or record.year == str(year))
        ]
        chosen = self.newest_first(chosen)
        return chosen[:limit] if limit else chosen

    def groups(self) -> dict[str, Counter]:
        """How many posts each year, tag and category has."""
        groups: dict[str, Counter] = {"year": Counter(), "tags": Counter(), "categories": Counter()}
        for record in self.posts.values():
            groups["year"][record.year] += 1
            groups["tags"].update(record.tags)
            groups["categories"].update(record.categories)
        return groups

    def neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        """post -> (older, newer)."""
        def build():
            ordered = self.newest_first(self.posts)
            return {post: (ordered[i + 1] if i + 1 < len(ordered) else None, ordered[i - 1] if i else None)
                    for i, post in enumerate(ordered)}
        return self._index("neighbours", build)

    def backlinks(self) -> dict[str, list[str]]:
        """post -> the documentation pages (not other posts) that link to it."""
        return self._index("backlinks", self._backlinks)

    def _backlinks(self) -> dict[str, list[str]]:
        linked: dict[str, set[str]] = {}
        for doc, targets in self.data["links"].items():
            if doc in self.posts:
                continue
            for target in targets:
                post = self.post_by_url(target[len("url:"):]) if target.startswith("url:") else target
                if post in self.posts:
                    linked.setdefault(post, set()).add(doc)
        return {post: sorted(docs) for post, docs in linked.items()}

    # -- references ----------------------------------------------------------
    def resolve_xref(self, env, fromdocname, builder, typ, target, node: pending_xref,
                     contnode: nodes.Element):
        if typ == "url":
            docname = self.post_by_url(target)
            fragment = target.partition("#")[2]
            feed = self.feed_at(target)
            if feed is not None:
                uri = relative_uri(builder.get_target_uri(fromdocname), feed)
                link = nodes.reference("", "", contnode, internal=True, refuri=uri)
            elif docname is None:
                link = self._unknown_page(env, target, node, contnode)
            else:
                link = make_refnode(builder, fromdocname, docname, fragment, contnode)
            if "html_attributes" in node and isinstance(link, nodes.reference):
                link["html_attributes"] = node["html_attributes"]  # a span IAL's: target="_blank"
            return link
        if typ == "page":
            return self._generated_page(env, builder, fromdocname, target, node, contnode)
        return None

    def _generated_page(self, env, builder, fromdocname, target, node, contnode):
        feature = self.data["generated"].get(target)
        if feature is None:
            report("page", "no generated page %r: archives are archive/index, archive/<year>, "
                   "tags/<tag>, categories/<category>; feeds are feed.xml and "
                   "authors/<author>/feed.xml", target, location=node)
            return contnode
        if feature == "feeds" and target == "feed.xml":
            # the site's feed, at the path jekyll-feed's settings gave it
            target = env.project.blog.feed_path
        if target.endswith(".xml") or feature == "feeds":  # a file, not a page of the builder's
            uri = relative_uri(builder.get_target_uri(fromdocname), target)
        else:
            uri = builder.get_relative_uri(fromdocname, target)
        return nodes.reference("", "", contnode, internal=True, refuri=uri)

    def feed_at(self, url: str) -> str | None:
        """The feed this site writes at a site path, as jekyll-feed wrote it there."""
        for path in self._site_paths(url):
            if self.data["generated"].get(path.lstrip("/")) == "feeds":
                return path.lstrip("/")
        return None

    def _site_paths(self, url: str) -> list[str]:
        """The paths a link to ``url`` may mean, its fragment and query left off: without the
        site's ``baseurl``, then as written (/sub/x is the page /x of a site with baseurl
        /sub, before any post whose own URL is /sub/x)."""
        written = url.split("#", 1)[0].split("?", 1)[0]
        return list(dict.fromkeys((without_baseurl(self.env.project.blog, written), written)))

    def _unknown_page(self, env, target: str, node: pending_xref, contnode: nodes.Element):
        origin = env.project.blog.url if env.config.jekyll_origin_links else ""
        if not origin:
            report("link", "link to %s: no page of this site has that URL", target, location=node)
            return contnode
        # A blog imported in part: the page is still on the original site.
        report("origin_link", "link to %s: not in this site, linked to %s", target, origin, location=node)
        return nodes.reference("", "", contnode, refuri=origin + target, internal=False)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def get_objects(self):
        return []
