"""Shared fixtures. The real spaCy model loads once per test session, through ``coder``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from casus.pipeline import Coder
from casus.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The full pipeline with the real model (mark tests that use it ``@pytest.mark.model``)."""
    return Coder(Settings.load())


@pytest.fixture(scope="session")
def full_coder(coder: Coder) -> Coder:
    """The pipeline with every sentence tagged and parsed (``parse_less`` off; on is the default):
    for tests of actors in sentences that hold no event, which parse-less mode leaves
    unparsed."""
    if not coder.settings.parse_less:
        return coder
    return Coder(replace(coder.settings, parse_less=False))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the clone (present in CI and in sessions)."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: acceptance tests need ../shared beside the clone")
    return SHARED


@pytest.fixture
def tmp_db(tmp_path: Path) -> Iterator[Path]:
    """Path of a fresh DuckDB file in a temporary folder (the file is not created)."""
    yield tmp_path / "casus.duckdb"
