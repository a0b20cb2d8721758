"""Shared test set-up: Sphinx's test fixtures and the small test roots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
#: the Jekyll blog used as test material, kept beside the project
CORPUS = Path(os.environ.get("JEKYLL_CORPUS", PROJECT.parent / "shared/corpus/deliveroo.engineering"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "_posts").is_dir():
        pytest.skip(f"the Jekyll corpus is not at {CORPUS} (set JEKYLL_CORPUS to its folder)")
    return CORPUS
