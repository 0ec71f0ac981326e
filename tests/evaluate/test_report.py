"""``casus.evaluate`` end to end with a hand-made coder (no model): gold reading, our events
at country level, the report and the JSON object."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from casus.errors import InputError
from casus.evaluate import (
    GoldEvent,
    GoldRecord,
    evaluate,
    event_triples,
    format_report,
    gold_triples,
    read_gold,
)
from casus.evaluate.scoring import Counts, Triple
from casus.model import Article, Event, Evidence, Participant
from casus.settings import Settings


def _p(code: str, country: str | None, text: str = "x") -> Participant:
    return Participant(text=text, name=text, code=code, country=country, sector=None)


def _event(
    cameo: str, plover: str | None, src: Participant | None, tgt: Participant | None
) -> Event:
    return Event(
        event_id=cameo,
        article_id="a",
        sentence_index=0,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        mode=None,
        quad_class=1,
        goldstein=0.0,
        evidence=Evidence(sentence="s", start=0, end=1, trigger="met", cues=("subject",)),
        confidence=0.5,
        source=src,
        target=tgt,
    )


class FakeCoder:
    """Codes each article with the events given for its id."""

    def __init__(self, events: dict[str, tuple[Event, ...]]) -> None:
        self.settings = Settings.load()
        self.events = events

    def code(self, articles: Iterable[Article]) -> Iterator[Article]:
        for a in articles:
            yield replace(a, events=self.events.get(a.id, ()))


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOLD = [
    {
        "id": "r1",
        "text": "Ruritanian and Freedonian ministers met in a third country.",
        "date": None,
        "events": [
            {"source": "JAP", "event_code": "CONSULT", "target": "ITL"},
            {"source": "IGO", "event_code": "CONSULT", "target": None},
        ],
    },
    {
        "id": "r2",
        "text": "The rebels shelled the town.",
        "date": "2024-05-01",
        "events": [{"source": "USA", "event_code": "FIGHT", "target": "IRQ"}],
    },
]


def test_evaluate_read_gold_and_triples(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(r) for r in GOLD])
    records = read_gold(path)
    assert [r.id for r in records] == ["r1", "r2"]
    assert records[1].date is not None and records[1].date.isoformat() == "2024-05-01"
    assert gold_triples(records[0], "plover") == (
        Triple("JPN", "CONSULT", "ITA"),
        Triple("IGO", "CONSULT", None),
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not JSON"),
        ('{"id": "x", "text": "t"}', "events list"),
        ('{"id": "x", "text": "t", "events": [{"source": "USA"}]}', "event_code"),
        ('{"id": "x", "text": "t", "date": "May 1", "events": []}', "bad date"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_evaluate_read_gold_errors_name_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    path = _write(tmp_path, [json.dumps(GOLD[0]), line])
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert f"{path}:2" in str(err.value)
    assert message in str(err.value)


def test_evaluate_read_gold_bad_json_says_where_once(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(GOLD[0]), '{"id": "x", "text": "cut'])
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert "not JSON: Unterminated string starting at column 21" in str(err.value)


def test_evaluate_read_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_gold(tmp_path / "nope.jsonl")


def test_evaluate_event_triples_country_level_and_schemes() -> None:
    events = [
        _event("042", "CONSULT", _p("JPNGOV", "JPN"), _p("IGOUNO", None)),
        _event("010", None, _p("USA", "USA"), None),
    ]
    assert event_triples(events, "plover") == (Triple("JPN", "CONSULT", "IGO"),)
    assert event_triples(events, "cameo") == (
        Triple("JPN", "04", "IGO"),
        Triple("USA", "01", None),
    )


def test_evaluate_cameo_gold_scored_at_root() -> None:
    record = GoldRecord("x", "t", None, (GoldEvent("USAGOV", "0421", "RUSGOV"),))
    assert gold_triples(record, "cameo") == (Triple("USA", "04", "RUS"),)


def test_evaluate_with_coder_scores_and_reports(tmp_path: Path) -> None:
    records = read_gold(_write(tmp_path, [json.dumps(r) for r in GOLD]))
    coder = FakeCoder(
        {
            "r1": (
                _event("040", "CONSULT", _p("JPN", "JPN"), _p("ITA", "ITA", "Rome")),
                _event("111", "DISAPPROVE", _p("JPN", "JPN"), None),
            ),
        }
    )
    ev = evaluate(records, coder, scheme="plover")  # type: ignore[arg-type]
    assert ev.scores.type == Counts(1, 1, 1)
    assert ev.scores.triple == Counts(1, 1, 2)
    assert ev.scores.dyad == Counts(1, 0, 1)
    out = ev.to_dict(errors=5)
    for key in ("type", "triple", "dyad"):
        assert set(out[key]) >= {"p", "r", "f1", "tp", "fp", "fn"}
    assert out["n_records"] == 2
    assert [e["id"] for e in out["errors"]] == ["r1", "r2"]
    json.dumps(out)  # serialisable
    text = format_report(ev, errors=1)
    assert "triple" in text and "CONSULT" in text
    assert "missed gold triples: 2" in text
    assert "[r1]" in text and "trigger 'met'" in text and "[r2]" not in text


def test_evaluate_unknown_scheme_is_an_input_error(tmp_path: Path) -> None:
    records = read_gold(_write(tmp_path, [json.dumps(GOLD[0])]))
    with pytest.raises(InputError, match="scheme"):
        evaluate(records, FakeCoder({}), scheme="other")  # type: ignore[arg-type]


@pytest.mark.parametrize(("code", "scheme"), [("PROTEST", "cameo"), ("042", "plover")])
def test_evaluate_gold_codes_must_fit_the_scheme(code: str, scheme: str) -> None:
    record = GoldRecord("g7", "t", None, (GoldEvent("USA", code, None),))
    with pytest.raises(InputError, match="g7") as err:
        evaluate([record], FakeCoder({}), scheme=scheme)  # type: ignore[arg-type]
    assert "--scheme" in str(err.value)
