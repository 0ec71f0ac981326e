"""``casus evaluate`` and ``casus bench`` on the command line: errors are one line, exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.pipeline import Coder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", "{tmp}/missing.jsonl"], "missing.jsonl: no such file"),
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


GOLD_LINES = [
    {
        "id": "c1",
        "text": "Kenya and Uganda signed a trade agreement in Nairobi on Tuesday.",
        "date": "2024-03-05",
        "events": [
            {"source": "KEN", "event_code": "COOPERATE", "target": "UGA"},
            {"source": "UGA", "event_code": "COOPERATE", "target": "KEN"},
        ],
    },
    {
        "id": "c2",
        "text": "Chile's president condemned the attack on the embassy.",
        "date": None,
        "events": [{"source": "CHL", "event_code": "DISAPPROVE", "target": None}],
    },
]


@pytest.mark.model
def test_evaluate_cli_json_has_the_three_levels(
    coder: Coder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casus.pipeline

    monkeypatch.setattr(casus.pipeline, "Coder", lambda settings=None: coder)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in GOLD_LINES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--format", "json", "--errors", "1"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["n_records"] == 2
    for level in ("type", "triple", "dyad"):
        assert set(out[level]) == {"p", "r", "f1", "tp", "fp", "fn"}
    assert out["triple"]["tp"] + out["triple"]["fn"] == 3
    assert out["dyad"]["tp"] + out["dyad"]["fn"] == 2
    table = CliRunner().invoke(app, ["evaluate", str(gold)])
    assert table.exit_code == 0 and "dyad" in table.stdout


@pytest.mark.model
def test_evaluate_cli_bench_json(
    coder: Coder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casus.bench

    monkeypatch.setattr(casus.bench, "Coder", lambda settings=None: coder)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"id": r["id"], "text": r["text"]}) for r in GOLD_LINES) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["bench", str(corpus), "--format", "json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["articles"] == 1
    assert set(out["stages"]) == {"read", "nlp", "actors", "events", "when_where", "store"}
    assert out["floor"]["spacy_words_per_s"] > 0
    assert out["machine"]["cores"] >= 1
