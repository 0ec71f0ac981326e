"""Run the real ``casus`` command in a subprocess (``python -m casus``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def casus_env(**extra: str) -> dict[str, str]:
    """The current environment without any ``CASUS_*`` variable, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASUS_")}
    env.update(extra)
    return env


def casus_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "casus", *args]


def run_casus(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        casus_argv(*args),
        cwd=cwd,
        env=env or casus_env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
