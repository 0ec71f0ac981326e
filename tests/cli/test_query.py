"""``casus events/articles/stats`` and error lines, on a database written by the store
(these commands never load the model)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from casus.cli.output import CSV_COLUMNS
from casus.store import Store
from casus.store.records import EVENT_COLUMNS
from tests._builders.cli import run_casus
from tests._builders.store import corpus


@pytest.fixture
def db(tmp_db: Path) -> Path:
    Store(tmp_db).write(corpus())
    return tmp_db


def _jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {"a1", "b2", "c3"}),
        (["--dyad", "UKR", "RUS"], {"a1", "c3"}),
        (["--dyad", "UKR", "RUS", "--directed"], {"c3"}),
        (["--actor", "isr"], {"b2"}),
        (["--since", "2025-06-10", "--cameo", "19"], {"b2"}),
        (["--plover", "AGREE"], {"c3"}),
        (["--place", "Kyiv"], {"a1"}),
    ],
)
def test_cli_events_filters_print_contract_records(
    db: Path, tmp_path: Path, args: list[str], expected: set[str]
) -> None:
    result = run_casus("events", "--db", str(db), "--format", "jsonl", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = _jsonl(result.stdout)
    assert {r["article_id"] for r in records} == expected
    written = {e.event_id: e.to_dict() for a in corpus() for e in a.events}
    for record in records:
        assert record == written[str(record["event_id"])]


def test_cli_events_csv_uses_the_database_column_names(db: Path, tmp_path: Path) -> None:
    result = run_casus("events", "--db", str(db), "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    assert tuple(rows[0]) == CSV_COLUMNS
    assert set(CSV_COLUMNS) <= set(EVENT_COLUMNS)
    kyiv = next(r for r in rows if r["location_name"] == "Kyiv")
    assert (kyiv["source_code"], kyiv["cameo"], kyiv["target_country"]) == ("FRAGOV", "111", "RUS")
    assert kyiv["cues"] == "nsubj;dobj"


def test_cli_events_table_and_limit(db: Path, tmp_path: Path) -> None:
    result = run_casus("events", "--db", str(db), "--limit", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "RUS" in result.stdout and "a1:0" in result.stdout
    assert "c3:0" not in result.stdout


def test_cli_articles_and_stats(db: Path, tmp_path: Path) -> None:
    result = run_casus("articles", "--db", str(db), "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = _jsonl(result.stdout)
    assert [(r["id"], r["date"], r["outlet"]) for r in rows] == [
        ("c3", "2025-07-02", "TEST"),
        ("b2", "2025-06-14", "MENAFN"),
        ("a1", "2025-06-01", "TEST"),
    ]
    stats = run_casus("stats", "--db", str(db), "--format", "json", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert (data["articles"], data["sentences"], data["events"]) == (3, 5, 5)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["events", "--since", "June"], "--since: not a date"),
        (["events", "--format", "xml"], "--format: unknown value"),
        (["articles", "--db", "missing.duckdb"], "no casus database"),
        (["stats", "--db", "notes.txt"], "cannot open the database"),
    ],
)
def test_cli_errors_are_one_line_without_traceback(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a database\n" * 100)
    Store(tmp_path / "casus.duckdb").write(corpus())
    result = run_casus(*args, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["ingest", "code", "events", "articles", "stats", "demo"])
def test_cli_help_has_an_example(tmp_path: Path, command: str) -> None:
    result = run_casus(command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Example: casus " + command in result.stdout


def test_cli_version(tmp_path: Path) -> None:
    from casus import __version__

    result = run_casus("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"casus {__version__}"
