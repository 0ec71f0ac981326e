"""Event output formats and the delayed progress display (no model needed)."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from casus.cli.output import CSV_COLUMNS, DelayedProgress, EventWriter
from casus.store.records import EVENT_COLUMNS
from tests._builders.store import corpus

EVENTS = [e for a in corpus() for e in a.events]


def _write(fmt: str) -> str:
    stream = io.StringIO()
    writer = EventWriter(stream, fmt, console=Console(file=stream, width=200))
    writer.write(EVENTS[:2])
    writer.write(EVENTS[2:])
    writer.close()
    assert writer.count == len(EVENTS)
    return stream.getvalue()


def test_cli_output_jsonl_and_json_are_contract_records() -> None:
    lines = [json.loads(line) for line in _write("jsonl").splitlines()]
    assert lines == [e.to_dict() for e in EVENTS]
    assert json.loads(_write("json")) == lines


def test_cli_output_csv_flattens_with_database_names() -> None:
    rows = list(csv.DictReader(io.StringIO(_write("csv"))))
    assert [r["event_id"] for r in rows] == [e.event_id for e in EVENTS]
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [c for c in EVENT_COLUMNS if c in CSV_COLUMNS] == list(CSV_COLUMNS)
    first = rows[0]
    assert (first["source_code"], first["target_code"], first["date"]) == (
        "RUS",
        "UKR",
        "2025-05-31",
    )
    assert first["location_name"] == "" and first["plover"] == "FIGHT"


def test_cli_output_table_shows_actors_codes_and_evidence_keys() -> None:
    text = _write("table")
    for piece in ("FRAGOV", "111", "DISAPPROVE", "Kyiv", "b2:1", "2025-05-31"):
        assert piece in text
    empty = io.StringIO()
    writer = EventWriter(empty, "table", console=Console(file=empty))
    writer.close()
    assert empty.getvalue().strip() == "no events"


def test_cli_output_progress_is_quiet_off_a_terminal() -> None:
    stream = io.StringIO()
    with DelayedProgress(Console(file=stream), "ingesting", delay=0) as progress:
        progress.advance(3, 5)
    assert stream.getvalue() == ""
    assert (progress.articles, progress.events) == (3, 5)


def test_cli_output_progress_shows_on_a_terminal_after_the_delay() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=100)
    with DelayedProgress(console, "ingesting", delay=3600) as progress:
        progress.advance(2, 1)
    assert "ingesting" not in stream.getvalue()
    with DelayedProgress(console, "ingesting", delay=0) as progress:
        progress.advance(2, 1)
        progress.advance(1, 0)
    assert "ingesting: 3 articles, 1 events" in stream.getvalue()
