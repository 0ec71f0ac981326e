"""``casus ingest`` and ``casus code`` end to end with the real model, in a subprocess."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from casus import code_text
from casus.cli.output import CSV_COLUMNS
from casus.pipeline import Coder
from tests._builders.cli import run_casus

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_cli_ingest_seed_twice_stores_one_article(
    shared_dir: Path, tmp_path: Path, tmp_db: Path
) -> None:
    seed = str(shared_dir / "seed" / "article-403.txt")
    for summary in ("1 articles read, 1 stored", "1 articles read, 0 stored, 1 unchanged"):
        result = run_casus("ingest", seed, "--db", str(tmp_db), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert summary in result.stderr
    assert _rows(tmp_db, "SELECT id, date::VARCHAR, outlet, title FROM articles") == [
        ("403", "2025-06-14", "MENAFN", "Putin Offers to Defuse Iran-Israel Escalating Conflict")
    ]
    n_sentences = _rows(tmp_db, "SELECT n_sentences FROM articles")[0][0]
    assert isinstance(n_sentences, int) and n_sentences > 5
    assert _rows(tmp_db, "SELECT count(*) FROM sentences") == [(n_sentences,)]
    # sentence offsets point into the stored text, and no sentence starts with the outlet
    for start, end, text, body in _rows(
        tmp_db,
        "SELECT s.start_char, s.end_char, s.text, a.text FROM sentences s "
        "JOIN articles a ON a.id = s.article_id",
    ):
        assert isinstance(body, str) and body[start:end] == text  # type: ignore[misc]
        assert "(MENAFN)" not in str(text)
    assert _rows(tmp_db, "SELECT count(*), count(finished) FROM runs") == [(2, 2)]

    listed = run_casus("articles", "--db", str(tmp_db), "--format", "jsonl", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (row["id"], row["date"], row["outlet"], row["title"]) == (
        "403",
        "2025-06-14",
        "MENAFN",
        "Putin Offers to Defuse Iran-Israel Escalating Conflict",
    )
    table = run_casus("articles", "--db", str(tmp_db), cwd=tmp_path)
    assert "MENAFN" in table.stdout and "2025-06-14" in table.stdout and "Putin" in table.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_cli_code_needs_no_database(shared_dir: Path, tmp_path: Path, fmt: str) -> None:
    seed = str(shared_dir / "seed" / "article-403.txt")
    result = run_casus("code", seed, "--format", fmt, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
    if fmt == "jsonl":
        records = [json.loads(line) for line in result.stdout.splitlines()]
    elif fmt == "json":
        records = json.loads(result.stdout)
        assert isinstance(records, list)
    else:
        reader = csv.DictReader(io.StringIO(result.stdout))
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        records = list(reader)
    for record in records:
        assert record["article_id"] == "403"


def _write_bad_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "good-seed.txt").write_text(
        " date 2025-03-02 good-1\nMinisters meet\n"
        "The foreign ministers of Chile and Peru met in Lima on Saturday. "
        "They agreed to reopen a border crossing.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Le ministre a d\xe9clar\xe9 la fin.".encode("latin-1"))
    good = {"id": "good-2", "date": "2025-03-03", "text": "Kenya hosted talks with Somalia."}
    (folder / "mixed.jsonl").write_text(
        json.dumps(good) + "\n" + '{"id": "broken", "text": "no closing brace"\n',
        encoding="utf-8",
    )


def test_cli_ingest_bad_files_are_named_and_good_ones_stored(tmp_path: Path, tmp_db: Path) -> None:
    folder = tmp_path / "inbox"
    _write_bad_folder(folder)
    result = run_casus("ingest", str(folder), "--db", str(tmp_db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for name in ("empty.txt", "binary.txt", "latin1.txt", "mixed.jsonl:2"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert len(errors) == 4
    assert "2 articles read, 2 stored" in result.stderr and "4 errors" in result.stderr
    ids = _rows(tmp_db, "SELECT id FROM articles ORDER BY id")
    assert ids == [("good-1",), ("good-2",)]


def test_cli_ingest_nothing_readable_exits_non_zero(tmp_path: Path, tmp_db: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_casus(
        "ingest",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "missing.txt"),
        "--db",
        str(tmp_db),
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2


def test_cli_ingest_stdin_and_default_date(tmp_path: Path, tmp_db: Path) -> None:
    lines = [
        json.dumps({"id": "s1", "text": "Brazil and Argentina signed a trade accord."}),
        json.dumps({"id": "s2", "text": "Police in Nairobi arrested twelve protesters."}),
    ]
    result = run_casus(
        "ingest",
        "-",
        "--db",
        str(tmp_db),
        "--date",
        "2025-05-05",
        cwd=tmp_path,
        stdin="\n".join(lines) + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert _rows(tmp_db, "SELECT id, date::VARCHAR FROM articles ORDER BY id") == [
        ("s1", "2025-05-05"),
        ("s2", "2025-05-05"),
    ]


def test_cli_code_matches_the_python_api(shared_dir: Path, tmp_path: Path, coder: Coder) -> None:
    seed = shared_dir / "seed" / "article-403.txt"
    result = run_casus("code", str(seed), "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    from_cli = [json.loads(line) for line in result.stdout.splitlines()]
    from_api = [e.to_dict() for e in code_text(seed.read_text(encoding="utf-8"), coder=coder)]
    assert from_cli == from_api
