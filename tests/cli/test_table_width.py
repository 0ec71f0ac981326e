"""Tables on a pipe or in a file keep every cell whole (issue #14): off a terminal rich would
assume 80 columns and cut cells ("sample-…"); casus uses the width of the content, or the
``COLUMNS`` the user set. The real command runs in a subprocess with stdout a pipe."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from casus.model import Article
from casus.store import Store
from tests._builders.cli import casus_env, run_casus
from tests._builders.store import article, event, party

LONG_ID = "sample-article-with-a-rather-long-identifier"
TRIGGER = "counter-attacked-relentlessly-overnight"
DAY = dt.date(2025, 6, 1)
TITLE = "Russia and Ukraine trade blows again as talks on a ceasefire stall in Istanbul"


def _long_article() -> Article:
    a = article(
        LONG_ID,
        [f"Russia {TRIGGER} Ukraine near the border.", "France condemned the strike."],
        date=dt.date(2025, 6, 1),
    )
    a = replace(a, title=TITLE)
    return replace(
        a,
        events=(
            event(LONG_ID, a.sentences[0], party("RUSMIL", "MIL"), "190", party("UKR"), date=DAY),
            event(LONG_ID, a.sentences[1], party("FRAGOV", "GOV"), "111", party("RUS"), date=DAY),
        ),
    )


@pytest.fixture
def db(tmp_db: Path) -> Path:
    Store(tmp_db).write([_long_article()])
    return tmp_db


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in casus_env(**extra).items() if k not in ("COLUMNS", "LINES")}
    env.update(extra)
    return env


def test_cli_table_on_a_pipe_keeps_every_cell(db: Path, tmp_path: Path) -> None:
    result = run_casus("events", "--db", str(db), cwd=tmp_path, env=_env())
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "…" not in out
    assert f"{LONG_ID}:0" in out and f"{LONG_ID}:1" in out
    assert TRIGGER in out
    for piece in ("RUSMIL", "UKR", "FRAGOV", "DISAPPROVE", "FIGHT", "2025-06-01"):
        assert piece in out
    widths = {len(line) for line in out.splitlines() if line.startswith(("┏", "│", "└"))}
    assert len(widths) == 1 and widths.pop() > 80


def test_cli_articles_on_a_pipe_keeps_the_title_on_one_line(db: Path, tmp_path: Path) -> None:
    result = run_casus("articles", "--db", str(db), cwd=tmp_path, env=_env())
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if LONG_ID in line]
    assert len(rows) == 1 and TITLE in rows[0]
    assert "…" not in result.stdout


def test_cli_table_on_a_pipe_follows_columns_when_set(db: Path, tmp_path: Path) -> None:
    result = run_casus("articles", "--db", str(db), cwd=tmp_path, env=_env(COLUMNS="70"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 70
    assert TITLE not in result.stdout  # folded over several lines to fit 70 columns
