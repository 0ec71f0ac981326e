"""Issue #14: what ``casus ingest`` says about skipped files, foreign text and unchanged
articles (the real command, in a subprocess, with the real model)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests._builders.cli import run_casus

pytestmark = [pytest.mark.model, pytest.mark.slow]

GOOD = (
    " date 2025-03-02 good-1\nMinisters meet\n"
    "The foreign ministers of Chile and Peru met in Lima on Saturday. "
    "They agreed to reopen a border crossing.\n"
)
SPANISH = (
    "El ministro de Asuntos Exteriores de Chile se reunió el sábado con su homólogo de Perú "
    "en Lima. Los dos países acordaron reabrir un paso fronterizo que estaba cerrado desde "
    "hace meses, y el ministro dijo que la decisión es un paso importante para la región. "
    "También se habló de la cooperación en materia de seguridad y de comercio entre los dos "
    "gobiernos, que firmaron un acuerdo para el próximo año."
)


def _folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "bundle.zip").write_bytes(b"PK\x03\x04" + bytes(20))
    (folder / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "gone.txt").symlink_to(root / "missing.txt")
    return folder


def test_cli_ingest_counts_skipped_files_by_reason(tmp_path: Path, tmp_db: Path) -> None:
    folder = _folder(tmp_path)
    result = run_casus("ingest", str(folder), "--db", str(tmp_db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "skipped 5 files: 1 broken link, 1 unsupported type .csv, 1 unsupported type .pdf, "
        "1 unsupported type .png, 1 unsupported type .zip (--verbose lists them)"
    ) in result.stderr
    assert "1 articles read, 1 stored" in result.stderr
    verbose = run_casus("ingest", str(folder), "--db", str(tmp_db), "--verbose", cwd=tmp_path)
    assert verbose.returncode == 0, verbose.stderr
    for name, reason in [
        ("gone.txt", "broken link"),
        ("map.png", "unsupported type .png"),
        ("report.pdf", "unsupported type .pdf"),
        ("bundle.zip", "unsupported type .zip"),
        ("table.csv", "unsupported type .csv"),
    ]:
        assert f"skipped {folder / name}: {reason}" in verbose.stderr
    assert "--verbose lists them" not in verbose.stderr


def test_cli_ingest_names_a_foreign_language(tmp_path: Path, tmp_db: Path) -> None:
    spanish = tmp_path / "noticia.txt"
    spanish.write_text(SPANISH, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = run_casus("ingest", str(spanish), str(good), "--db", str(tmp_db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"error: casus codes English; {spanish} looks like Spanish (" in result.stderr
    assert "1 articles read, 1 stored" in result.stderr and "1 errors" in result.stderr


def test_cli_reingest_of_unchanged_article_is_not_recoded(tmp_path: Path, tmp_db: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    first = run_casus("ingest", str(good), "--db", str(tmp_db), cwd=tmp_path)
    assert "1 articles read, 1 stored," in first.stderr, first.stderr
    again = run_casus("ingest", str(good), "--db", str(tmp_db), cwd=tmp_path)
    assert "1 articles read, 0 stored, 1 unchanged," in again.stderr, again.stderr
    con = duckdb.connect(str(tmp_db))
    try:
        (coded_by,) = con.execute("SELECT run_id FROM articles").fetchone() or ("",)
        runs = con.execute("SELECT run_id FROM runs ORDER BY started").fetchall()
        assert coded_by == runs[0][0]  # still the first run's coding
        # a new coder version re-codes it
        con.execute("UPDATE runs SET lexicon_version = 'older' WHERE run_id = ?", [coded_by])
    finally:
        con.close()
    newer = run_casus("ingest", str(good), "--db", str(tmp_db), cwd=tmp_path)
    assert "1 articles read, 1 stored," in newer.stderr, newer.stderr
    assert " unchanged," not in newer.stderr
