"""The same sources give the same site, byte for byte, wherever and whenever they are built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT

#: a fixed build time, as reproducible-build tooling sets it
SOURCE_DATE_EPOCH = "1700000000"


def build(out: Path) -> Path:
    """The strict parallel build (`make html`), Sphinx's doctree cache kept out of the site."""
    env = {k: v for k, v in os.environ.items() if k != "JEKYLL_SITE"}
    env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    html = out / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-n", "--keep-going", "-q", "-j", "auto",
         "-d", str(out / "doctrees"), str(PROJECT), str(html)],
        env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"the strict build failed:\n{result.stdout}\n{result.stderr}"
    return html


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_in_different_folders_are_byte_identical(tmp_path):
    first, second = files(build(tmp_path / "first")), files(build(tmp_path / "second"))
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"{len(differing)} file(s) differ between two builds: {differing}"
    assert {"index.html", "feed.xml", "sitemap.xml", "searchindex.js", "redirects.nginx.map"} <= set(first)
