"""The README's usage examples run as written (issue #14), so the README cannot drift.

Every code block of the "## Usage" section runs in a fresh folder laid out like a clone
(``casus/`` as the working directory, ``shared/`` beside it), in order, with the venv's
``bin`` first on ``PATH``: shell blocks line by line (``$ command``, then its output),
Python blocks as the interpreter would (``>>>``/``...`` lines, then the output). The output
is compared by shape: plain lines (summaries with their counts, error lines, titles such as
"1 articles") exactly, tables by their column names and number of rows, JSON by its keys
and value types. Only the cheap commands on the one seed article are in that section.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests._builders.cli import casus_env

pytestmark = [pytest.mark.model, pytest.mark.slow]

README = Path(__file__).resolve().parents[1] / "README.md"
_BOX = ("┏", "┃", "┡", "│", "└")
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def usage_blocks() -> list[tuple[str, str]]:
    """(language, body) of every fenced block in the README's "## Usage" section."""
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Usage\n")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end > 0 else None]
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(section)]


def shell_steps(body: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines with the output lines that follow each."""
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"output before any command: {line!r}"
            steps[-1][1].append(line)
    return steps


def python_step(body: str) -> tuple[str, list[str]]:
    """The code of a ``>>>`` session and the output it shows."""
    code: list[str] = []
    output: list[str] = []
    for line in body.splitlines():
        if line.startswith((">>> ", "... ")) or line in (">>>", "..."):
            code.append(line[4:])
        else:
            output.append(line)
    return "\n".join(code) + "\n", output


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value[:1]]
    return type(value).__name__


def shape(lines: list[str]) -> list[Any]:
    """What must agree between the README and a run (see the module docstring)."""
    lines = [line.rstrip() for line in lines if line.strip()]
    if lines and lines[0].startswith(("{", "[")):
        return [("json", _types(json.loads("\n".join(lines))))]
    out: list[Any] = []
    table: dict[str, Any] | None = None
    for line in lines:
        if line.startswith(_BOX):
            if line.startswith("┏"):
                table = {"columns": None, "rows": 0}
                out.append(table)
            elif table is not None and line.startswith("┃"):
                table["columns"] = tuple(c.strip() for c in line.strip("┃").split("┃"))
            elif table is not None and line.startswith("│"):
                table["rows"] += 1
            continue
        table = None
        out.append(("line", line.strip()))
    return out


@pytest.fixture
def clone(tmp_path: Path, shared_dir: Path) -> tuple[Path, dict[str, str]]:
    """A fresh folder like a clone (``../shared`` beside it) and the environment to run in."""
    (tmp_path / "casus").mkdir()
    (tmp_path / "shared").symlink_to(shared_dir, target_is_directory=True)
    env = {k: v for k, v in casus_env().items() if k not in ("COLUMNS", "LINES")}
    if os.environ.get("CASUS_CACHE_DIR"):  # only where compiled tables are kept
        env["CASUS_CACHE_DIR"] = os.environ["CASUS_CACHE_DIR"]
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONUNBUFFERED"] = "1"  # stdout and stderr in the order a terminal shows them
    return tmp_path / "casus", env


def test_readme_usage_section_has_the_seed_examples() -> None:
    blocks = usage_blocks()
    commands = [c for lang, body in blocks if lang != "python" for c, _ in shell_steps(body)]
    assert any(c.startswith("casus ingest ../shared/seed/article-403.txt") for c in commands)
    assert any(c.startswith("casus articles") for c in commands)
    assert sum(lang == "python" for lang, _ in blocks) == 1
    assert not any(c.startswith("casus demo") for c in commands)  # too slow for this test


def test_readme_usage_runs_as_written(clone: tuple[Path, dict[str, str]]) -> None:
    cwd, env = clone
    for lang, body in usage_blocks():
        if lang == "python":
            code, shown = python_step(body)
            steps = [([sys.executable, "-c", code], "python block", shown)]
        else:
            steps = [(["bash", "-c", cmd], cmd, shown) for cmd, shown in shell_steps(body)]
        for argv, what, shown in steps:
            result = subprocess.run(
                argv,
                cwd=cwd,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, f"{what}\n{result.stdout}"
            got = result.stdout.splitlines()
            assert shape(got) == shape(shown), (
                f"{what}: README shows\n" + "\n".join(shown) + "\nbut it printed\n" + "\n".join(got)
            )
