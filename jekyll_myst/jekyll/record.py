"""What the blog keeps of each post once it is read: the post's record.

Made once per post, when its page is read, and stored by the blog's domain;
every list, archive, feed, redirect and preview is made from records, never
from the post's file again.  Immutable, so that no feature can change what
another one reads.
"""

from __future__ import annotations

import dataclasses
import zlib

from .post import Post
from .seo_image import PostImage

WORDS_PER_MINUTE = 200


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


@dataclasses.dataclass(frozen=True, slots=True)
class PostRecord:
    title: str
    #: ISO 8601, in the site's zone
    date: str
    #: the day of the date, ISO 8601
    day: str
    #: ``last_modified_at``, else the date; ISO 8601
    updated: str
    authors: tuple[str, ...]
    #: the excerpt's text, or the first paragraph's: the description, without the front matter's
    excerpt: str
    #: the front matter's ``description``, as text, or ""
    description: str
    words: int
    #: the URL Jekyll gave the post
    url: str
    #: ``page.id`` (``/2016/10/07/slug``): what jekyll-feed's entries were identified by
    id: str
    #: the line that decided the URL (the permalink's), for reports
    url_line: int
    #: the URL the site's permalink gives: what old links may use when the front matter sets one
    default_url: str
    #: the extension of the file Jekyll wrote at ``url``: ``.html``, or its permalink's
    url_ext: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    #: jekyll-redirect-from's paths that led to the post: redirected to it as its old URLs are
    redirect_from: tuple[str, ...]
    #: jekyll-redirect-from's ``redirect_to``: where the post's old URLs lead, or ""
    redirect_to: str
    #: the picture of its link previews and feed entries: an http(s) URL, or its copy's
    #: path in the output folder
    image: PostImage | None = None
    #: listed in the sitemap (jekyll-sitemap's ``sitemap: false`` says not)
    in_sitemap: bool = True
    #: its feed entries carry no content (jekyll-feed's ``excerpt_only``), whatever the site's
    feed_excerpt_only: bool = False
    #: what its link previews say: the description, else the excerpt, through kramdown, as
    #: jekyll-seo-tag writes it (``I’m`` where the front matter has ``I'm``)
    preview: str = ""

    @classmethod
    def of(cls, post: Post, words: int, excerpt: str, description: str = "",
           image: PostImage | None = None, preview: str = "") -> PostRecord:
        return cls(
            title=post.title,
            date=post.date.isoformat(),
            day=post.day.isoformat(),
            updated=post.updated.isoformat(),
            authors=post.authors,
            excerpt=excerpt,
            description=description,
            words=words,
            url=post.url,
            id=post.id,
            url_line=post.url_line,
            default_url=post.site_url,
            url_ext=post.url_ext,
            tags=post.tags,
            categories=post.categories,
            redirect_from=post.redirect_from,
            redirect_to=post.redirect_to,
            image=image,
            in_sitemap=post.in_sitemap,
            feed_excerpt_only=post.feed_excerpt_only,
            preview=preview or description or excerpt,
        )

    @property
    def summary(self) -> str:
        """What feed entries say of the post: its ``description``, else its excerpt, as
        jekyll-feed takes them."""
        return self.description or self.excerpt

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words)

    @property
    def year(self) -> str:
        return self.day[:4]


def shape_version(*classes: type) -> int:
    """A number that changes whenever a field of these dataclasses is added,
    removed, renamed or retyped: what the environment stores of them then
    changes shape, and a saved environment must not be loaded."""
    shape = [(cls.__qualname__, [(field.name, str(field.type)) for field in dataclasses.fields(cls)])
             for cls in classes]
    return zlib.crc32(repr(shape).encode("utf-8"))
