"""``casus code`` ends with ``os._exit`` once its output is flushed (no interpreter teardown):
nothing it wrote may be lost, and its exit status must stay what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._builders.cli import run_casus

pytestmark = [pytest.mark.model, pytest.mark.slow]

TEXT = (
    "Armenian troops attacked villages in Azerbaijan on Tuesday.\n\n"
    "Azerbaijan's foreign minister condemned the attack and called for talks.\n"
)


def test_code_output_is_whole_on_stdout_and_in_a_file(tmp_path: Path) -> None:
    (tmp_path / "own.txt").write_text(TEXT, encoding="utf-8")
    piped = run_casus("code", "own.txt", "--format", "jsonl", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    records = [json.loads(line) for line in piped.stdout.splitlines()]
    assert len(records) >= 2 and all(r["event_id"] for r in records)
    to_file = run_casus("code", "own.txt", "--format", "csv", "-o", "out.csv", cwd=tmp_path)
    assert to_file.returncode == 0, to_file.stderr
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records) + 1  # a header, then every event


def test_code_with_no_article_still_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = run_casus("code", "empty", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
