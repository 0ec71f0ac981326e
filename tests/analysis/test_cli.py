"""The analysis commands (issue #6): dyad, watch, mediation, incidents, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from tests._builders.analysis import D, article, ev, store_with


@pytest.fixture
def db(tmp_db: Path) -> Path:
    arts = [
        article(
            f"cli-{i}",
            D(2025, 6, 13),
            [
                ev(f"cli-{i}", 0, "ISRMIL", "195", "IRN", D(2025, 6, 13), place="Tehran"),
                ev(f"cli-{i}", 1, "RUSGOV", "039", "ISR", D(2025, 6, 13)),
                ev(f"cli-{i}", 2, "IRN", "138", "ISR", D(2025, 6, 13)),
            ],
        )
        for i in range(3)
    ]
    arts.append(article("old", D(2025, 5, 1), [ev("old", 0, "ISR", "040", "IRN", D(2025, 5, 1))]))
    store_with(tmp_db, arts)
    return tmp_db


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_analysis_cli_dyad_formats(db: Path) -> None:
    code, out, _ = run("dyad", "ISR", "IRN", "--db", str(db), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    june = next(r for r in rows if r["period"] == "2025-06-13")
    assert june["material_conflict"] == 3 and june["verbal_conflict"] == 3
    code, out, _ = run("dyad", "Israel", "Iran", "--db", str(db), "--dedup", "incident")
    assert code == 0 and "2025-06-13" in out and "m.confl" in out
    code, out, _ = run("dyad", "ISR", "IRN", "--db", str(db), "--by", "month", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("period,events")
    assert len(out.splitlines()) == 3


def test_analysis_cli_errors_are_one_line(db: Path) -> None:
    code, _, err = run("dyad", "ISR", "Atlantis", "--db", str(db))
    assert code == 1 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
    code, _, err = run("dyad", "ISR", "IRN", "--db", str(db), "--by", "year")
    assert code == 1 and "--by" in err
    code, _, err = run("watch", "--db", str(db.parent / "none.duckdb"))
    assert code == 1 and "Traceback" not in err


def test_analysis_cli_watch_mediation_incidents(db: Path) -> None:
    code, out, _ = run("watch", "--db", str(db), "--min-count", "2", "--format", "jsonl")
    assert code == 0
    first = json.loads(out.splitlines()[0])
    assert (first["a"], first["b"]) == ("IRN", "ISR")
    code, out, _ = run("watch", "--db", str(db), "--min-count", "2")
    assert code == 0 and "IRN–ISR" in out
    code, out, _ = run("mediation", "--db", str(db), "--format", "jsonl")
    items = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(items) == 3
    assert items[0]["third_party"] == "RUS" and set(items[0]["parties"]) == {"ISR", "IRN"}
    code, out, _ = run("incidents", "--db", str(db), "--dyad", "ISR", "IRN", "--format", "jsonl")
    incs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [i["n_reports"] for i in incs] == [3, 3, 1]


def test_analysis_cli_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    code, _, err = run("export", "--format", "gdelt", str(out), "--db", str(db))
    assert code == 0 and "10 events" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10
    code, _, err = run("export", "--format", "nope", str(out), "--db", str(db))
    assert code == 1 and "--format" in err


def test_analysis_cli_incidents_default_window(db: Path) -> None:
    code, out, _ = run("incidents", "--db", str(db), "--format", "jsonl")
    incs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(incs) == 3
    assert all(i["date"] == "2025-06-13" for i in incs)  # the May event is > 30 days older
    code, out, _ = run("incidents", "--db", str(db), "--since", "2025-01-01", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 1 + 4
