"""Synthetic Jekyll sites for the benchmark, and the plain-MyST copy of a site.

Everything is drawn from one seeded :class:`random.Random`, so a given seed
and post count always give the same files.  Dates count back from a fixed
day, not from today, for the same reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import shutil
import struct
import zlib
from pathlib import Path

from prose import IMAGES, Prose

SEED = 20240611
#: The newest generated post's latest possible date; fixed, and in the past.
LAST_DATE = dt.date(2024, 12, 31)
SITE_CONFIG = """\
title: Synthetic engineering blog
url: "https://blog.example.com"
baseurl: ""
markdown: kramdown
kramdown:
  parse_block_html: true
  toc_levels: 1..4
plugins:
  - jekyll-mentions
  - jemoji
"""
FIRST_NAMES = ["Amara", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Gus", "Hana", "Ivo", "Jun",
               "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tala"]
LAST_NAMES = ["Okafor", "Silva", "Wei", "Novak", "Eze", "Haddad", "Berg", "Sato", "Petrov", "Park",
              "Mensah", "Vogel", "Ruiz", "Adeyemi", "Farouk", "Iyer", "Byrne", "Costa", "Lund", "Reyes"]
JOB_TITLES = ["Software Engineer", "Senior Software Engineer", "Staff Engineer",
              "Engineering Manager", "Site Reliability Engineer", "Data Engineer"]
TEAMS = ["Platform", "Payments", "Search", "Logistics", "Consumer", "Data Platform", "Security"]
#: Colours of the site's images: the post images, then the portrait bios share.
COLOURS = [(40, 90, 160), (200, 80, 40), (60, 150, 90), (120, 60, 170), (150, 150, 150)]


@dataclasses.dataclass(frozen=True)
class Post:
    """A post's identity: what its file name and Jekyll URL are made of."""

    date: dt.date
    slug: str
    title: str

    @property
    def filename(self) -> str:
        return f"{self.date:%Y-%m-%d}-{self.slug}.md"

    @property
    def url(self) -> str:
        return f"/{self.date:%Y/%m/%d}/{self.slug}.html"


def generate_site(folder: Path, count: int, seed: int = SEED) -> None:
    """Write a Jekyll site with ``count`` posts into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    write_images(folder / "images")
    prose = Prose(rng)
    authors = write_authors(folder / "_authors", rng, prose)
    posts = plan_posts(count, rng, prose)
    (folder / "_posts").mkdir()
    for post in posts:
        others = [other for other in posts if other is not post]
        text = render_post(post, rng, prose, authors, others)
        (folder / "_posts" / post.filename).write_text(text, encoding="utf-8")


def write_authors(folder: Path, rng: random.Random, prose: Prose) -> list[str]:
    """Twenty author bios; returns their names, which posts cite in ``authors``."""
    folder.mkdir(parents=True)
    names = []
    for first, last in zip(FIRST_NAMES, LAST_NAMES, strict=True):
        name = f"{first} {last}"
        job = f"{rng.choice(JOB_TITLES)}, {rng.choice(TEAMS)}"
        portrait = 'portrait: "/images/portrait.png"\n' if rng.random() < 0.5 else ""
        bio = " ".join(prose.sentence() for _ in range(rng.randint(2, 4)))
        text = (f'---\nlayout: authors\nname: "{name}"\njobtitle: "{job}"\n{portrait}---\n\n'
                f"{first} joined the {rng.choice(TEAMS)} team. {bio}\n")
        (folder / f"{slugify(name)}.md").write_text(text, encoding="utf-8")
        names.append(name)
    return names


def plan_posts(count: int, rng: random.Random, prose: Prose) -> list[Post]:
    """Distinct past dates and unique slugs for ``count`` posts, oldest first."""
    span = max(2 * count + 30, 730)  # room for distinct days whatever the count
    offsets = sorted(rng.sample(range(span), count), reverse=True)
    posts, slugs = [], set()
    for offset in offsets:
        title = prose.title()
        slug = unique_slug(slugify(title), slugs)
        posts.append(Post(LAST_DATE - dt.timedelta(days=offset), slug, title))
    return posts


def new_post(existing: list[Post], prose: Prose) -> Post:
    """A post dated after the newest existing one, but never in the future."""
    newest = max(post.date for post in existing)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    slugs = {post.slug for post in existing}
    title = "A new post about " + prose.title().lower()
    return Post(min(newest + dt.timedelta(days=1), yesterday), unique_slug(slugify(title), slugs), title)


def render_post(post: Post, rng: random.Random, prose: Prose, authors: list[str],
                others: list[Post]) -> str:
    """A post file: Jekyll front matter, then 800 to 1500 words of kramdown."""
    chosen = rng.sample(authors, min(len(authors), rng.randint(1, 3)))
    author_lines = "".join(f'  - "{name}"\n' for name in chosen)
    tags = ", ".join(rng.sample(prose.TAGS, rng.randint(1, 4)))
    excerpt = prose.paragraph(2, 3)
    front = (f'---\nlayout: post\ntitle: "{post.title}"\nauthors:\n{author_lines}'
             f"tags: [{tags}]\nexcerpt: >\n  {fold(excerpt)}\n---\n\n")
    return front + prose.body(rng.randint(800, 1500), others) + "\n"


def fold(text: str, width: int = 78) -> str:
    """Wrap text for a folded YAML scalar indented by two spaces."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n  ".join(lines)


def slugify(text: str) -> str:
    """A URL slug: lower case, runs of other characters as one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... if taken; records the result in ``taken``."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


def write_images(folder: Path) -> None:
    """The site's few small PNG files under ``images/``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, colour in zip([*IMAGES, "portrait"], COLOURS, strict=True):
        (folder / f"{name}.png").write_bytes(png(48, 32, colour))


def png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A small RGB PNG: a horizontal gradient from ``colour`` to white."""
    rows = b""
    for _ in range(height):
        row = bytearray([0])  # filter type "none"
        for x in range(width):
            row += bytes(c + (255 - c) * x // (width - 1) for c in colour)
        rows += bytes(row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def post_files(site: Path) -> list[Path]:
    """A Jekyll site's post files (dated Markdown names), sorted by name."""
    pattern = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-.+\.(md|markdown)$")
    return sorted((path for path in (site / "_posts").rglob("*")
                   if path.is_file() and pattern.match(path.name)
                   and not any(part.startswith(("_", ".")) for part in
                               path.relative_to(site / "_posts").parts[:-1])),
                  key=lambda path: path.name)


PLAIN_CONF = '''\
"""Plain Sphinx + MyST + furo, for comparison with the project's extension."""

project = "Plain MyST"
extensions = ["myst_parser"]
html_theme = "furo"
myst_enable_extensions = ["deflist", "html_image"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
'''
PLAIN_INDEX = """\
# Plain MyST

The same post files as the Jekyll site, read as plain MyST pages.  They are
orphans, not in any toctree.
"""


def make_plain_source(site: Path, src: Path) -> None:
    """A Sphinx source folder holding the site's posts as orphan MyST pages."""
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    (src / "index.md").write_text(PLAIN_INDEX, encoding="utf-8")
    # Posts name their images site-absolute (/images/x.png): the same path here.
    if (site / "images").is_dir():
        shutil.copytree(site / "images", src / "images")
    for path in post_files(site):
        write_plain_post(src, path.stem, path.read_text(encoding="utf-8"))


def write_plain_post(src: Path, stem: str, text: str) -> None:
    """Write a post's text as ``posts/<stem>.md`` with ``orphan: true`` in its front matter."""
    if text.startswith("---\n"):
        text = "---\norphan: true\n" + text[len("---\n"):]
    else:
        text = "---\norphan: true\n---\n\n" + text
    (src / "posts" / f"{stem}.md").write_text(text, encoding="utf-8")



def author_names(site: Path) -> list[str]:
    """The ``name`` of each bio in the site's ``_authors`` folder."""
    names = []
    for bio in sorted((site / "_authors").glob("*.md")):
        match = re.search(r'^name:\s*"?([^"\n]+?)"?\s*$', bio.read_text(encoding="utf-8"), re.M)
        if match and not bio.name.startswith(("_", ".")):
            names.append(match.group(1))
    return names


def existing_posts(site: Path) -> list[Post]:
    """The site's posts as link targets; their titles are made from their slugs."""
    posts = []
    for path in post_files(site):
        year, month, day, slug = path.stem.split("-", 3)
        posts.append(Post(dt.date(int(year), int(month), int(day)), slug, slug.replace("-", " ")))
    return posts


def added_post(site: Path, seed: int = SEED) -> tuple[str, str]:
    """File name and text of one more post for the site, linking to posts it has."""
    rng = random.Random(seed + 1)
    prose = Prose(rng)
    existing = existing_posts(site)
    authors = author_names(site) or [f"{first} {last}" for first, last
                                     in zip(FIRST_NAMES, LAST_NAMES, strict=True)]
    post = new_post(existing, prose)
    return post.filename, render_post(post, rng, prose, authors, existing)
