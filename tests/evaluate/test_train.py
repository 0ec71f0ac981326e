"""``casus train``: the role model learned from article-level gold, end to end (real model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.evaluate.train import Example, fit, top1, train
from casus.events.roles import RoleModel
from casus.pipeline import Coder

# Our own small stories: the target of the second sentence's act is named only in the first.
GOLD = [
    {
        "id": "t1",
        "date": "2024-03-04",
        "text": "Sudan accused Chad of arming rebels on Monday. "
        "Chadian troops shelled a border town overnight, officials said.",
        "events": [
            {"source": "SDNGOV", "event_code": "112", "target": "TCDGOV"},
            {"source": "TCDMIL", "event_code": "194", "target": "SDN"},
        ],
    },
    {
        "id": "t2",
        "date": "2024-05-06",
        "text": "Peru recalled its ambassador from Chile on Tuesday. "
        "Peruvian officials condemned the decision to close the border.",
        "events": [
            {"source": "PERGOV", "event_code": "161", "target": "CHLGOV"},
            {"source": "PERGOV", "event_code": "111", "target": "CHLGOV"},
        ],
    },
]


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n", encoding="utf-8")
    return path


@pytest.mark.model
def test_train_writes_a_model_the_coder_loads(coder: Coder, tmp_path: Path) -> None:
    before = coder.lexicon
    out = tmp_path / "roles.json"
    model = train(_gold(tmp_path), out, coder=coder)
    assert coder.lexicon is before  # the coder is handed back with its own role model
    loaded = RoleModel.from_json(out.read_text(encoding="utf-8"))
    assert loaded.version == model["version"]
    assert set(model["fit"]) == {"target", "source"}


@pytest.mark.model
def test_train_cli_reports_where_the_model_went(
    coder: Coder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casus.pipeline

    monkeypatch.setattr(casus.pipeline, "Coder", lambda settings=None: coder)
    out = tmp_path / "roles.json"
    result = CliRunner().invoke(app, ["train", str(_gold(tmp_path)), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "role model →" in result.stdout and out.is_file()


def test_train_cli_missing_gold_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0
    assert "no such file" in result.output and "Traceback" not in result.output


def test_fit_learns_to_prefer_the_labelled_feature() -> None:
    groups = [
        Example("target", (("sd=0", "x"), ("sd=-1", "y")), (True, False)),
        Example("target", (("sd=-1", "z"), ("sd=0", "x")), (False, True)),
    ] * 10
    model = fit(groups, c=1.0)
    assert model["weights"]["target"]["sd=0"] > model["weights"]["target"].get("sd=-1", 0.0)
    assert top1(groups, model["weights"]["target"]) == 1.0
