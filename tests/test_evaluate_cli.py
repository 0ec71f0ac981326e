"""``casus evaluate`` and ``casus bench`` on the command line: errors are one line, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", "{tmp}/missing.jsonl"], "cannot read gold file"),
        (["evaluate", "{tmp}/gold.jsonl", "--scheme", "acled"], "--scheme: unknown value"),
        (["evaluate", "{tmp}/gold.jsonl", "--format", "xml"], "--format: unknown value"),
        (["bench", "{tmp}/gold.jsonl", "--format", "xml"], "--format: unknown value"),
    ],
)
def test_evaluate_cli_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "gold.jsonl").write_text('{"id": "1", "text": "t", "events": []}\n')
    result = CliRunner().invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1
