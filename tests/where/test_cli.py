"""``casus places TEXT|PATH``: what was found and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app


@pytest.mark.model
def test_where_cli_places_text_json(tmp_path: Path) -> None:
    text = "Gunmen clashed with soldiers in Tripoli, Lebanon, on Friday."
    args = ["places", text, "--date", "2025-06-14", "--format", "json"]
    result = CliRunner().invoke(app, args, env={"CASUS_DB": str(tmp_path / "x.duckdb")})
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)[0]
    assert report["published"] == "2025-06-14"
    tripoli = next(p for p in report["places"] if p["text"] == "Tripoli")
    assert tripoli["accepted"] and tripoli["best"]["country"] == "LB"
    assert any("qualified by" in r for r in tripoli["best"]["reasons"])
    assert len(tripoli["candidates"]) > 1  # the Libyan capital is shown as the runner-up


@pytest.mark.model
def test_where_cli_places_file_table(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(" date 2025-06-14 t1\nTitle\nProtesters marched in Qom on Friday.\n")
    result = CliRunner().invoke(app, ["places", str(path)])
    assert result.exit_code == 0, result.output
    assert "'Qom'" in result.stdout and "IR" in result.stdout


def test_where_cli_places_bad_date_is_one_line() -> None:
    result = CliRunner().invoke(app, ["places", "Rebels attacked Homs.", "--date", "June"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "--date" in lines[0]
