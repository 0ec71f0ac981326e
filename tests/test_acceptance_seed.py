"""Acceptance: ``casus code ../shared/seed/article-403.txt`` scored against
``../shared/seed/expected.json`` with the rule written there: every ``must`` event found
(actors at country level, CAMEO root equal), at most 2 spurious events (matching neither a
``must`` nor a ``may``). Part (b) also needs the dates of dated musts and, for the ISR→IRN
strike, a location within 25 km of one of its listed places. The rule itself is
``casus.evaluate.expected`` (unit-tested in ``evaluate/test_expected.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.evaluate.expected import Coded, check_expected, parse_spec


@pytest.fixture(scope="module")
def seed_events(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Coded]:
    """The events ``casus code --format jsonl`` prints for the seed story."""
    tmp = tmp_path_factory.mktemp("seed")
    out = tmp / "events.jsonl"
    seed = shared_dir / "seed" / "article-403.txt"
    args = ["code", str(seed), "--format", "jsonl", "--output", str(out)]
    result = CliRunner().invoke(app, args, env={"CASUS_DB": str(tmp / "casus.duckdb")})
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    return [Coded.from_record(json.loads(line)) for line in lines if line.strip()]


def _spec(shared_dir: Path) -> object:
    return json.loads((shared_dir / "seed" / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.model
def test_acceptance_seed_actors_and_event_codes(seed_events: list[Coded], shared_dir: Path) -> None:
    result = check_expected(seed_events, parse_spec(_spec(shared_dir)))  # type: ignore[arg-type]
    assert result.passed, result.explain()


@pytest.mark.model
def test_acceptance_seed_with_dates_and_places(seed_events: list[Coded], shared_dir: Path) -> None:
    spec = parse_spec(_spec(shared_dir))  # type: ignore[arg-type]
    result = check_expected(seed_events, spec, dates_places=True)
    assert result.passed, result.explain()
