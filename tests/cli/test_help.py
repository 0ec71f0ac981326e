"""``--help`` tells the truth (issue #14): the database default of ``serve``, and flags
shown as flags (no ``<bool>`` value after ``--allow-ingest`` or ``--help``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from casus.cli import app
from casus.settings import Settings
from tests._builders.cli import casus_env, run_casus


def _commands() -> list[str]:
    commands = getattr(typer.main.get_command(app), "commands", None)
    assert isinstance(commands, dict) and commands
    return sorted(commands)


def test_cli_help_serve_names_the_real_database_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_casus("serve", "--help", cwd=tmp_path, env=casus_env(COLUMNS="200"))
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "default ./casus.duckdb; the CASUS_DB variable overrides it" in text
    assert "default: CASUS_DB" not in text
    # ... and that is what the settings do
    monkeypatch.delenv("CASUS_DB", raising=False)
    assert Settings.load(db=None).db == Path("casus.duckdb")
    monkeypatch.setenv("CASUS_DB", str(tmp_path / "env.duckdb"))
    assert Settings.load(db=None).db == tmp_path / "env.duckdb"
    assert Settings.load(db=tmp_path / "opt.duckdb").db == tmp_path / "opt.duckdb"


def test_cli_help_serve_flags_have_no_value(tmp_path: Path) -> None:
    result = run_casus("serve", "--help", cwd=tmp_path, env=casus_env(COLUMNS="200"))
    assert result.returncode == 0, result.stderr
    assert "<bool>" not in result.stdout
    for flag in ("--allow-ingest", "--allow-code", "--help"):
        line = next(x for x in result.stdout.splitlines() if f" {flag} " in x)
        assert re.search(rf"{flag}\s+(Enable|Show)", line), line
    assert re.search(r"--port\s+<int>", result.stdout)  # options with a value keep their type


@pytest.mark.parametrize("command", [None, *_commands()])
def test_cli_help_of_every_command_shows_flags_as_flags(command: str | None) -> None:
    args = ["--help"] if command is None else [command, "--help"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "--help" in result.output
