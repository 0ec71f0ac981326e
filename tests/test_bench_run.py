"""``casus bench``: the result object, its report, and a small end-to-end run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casus.bench import STAGES, BenchResult, StageTime, format_bench, machine_info, run_bench
from casus.errors import InputError
from casus.pipeline import Coder

TEXTS = [
    "The foreign minister of Ruritania met her Freedonian counterpart in the capital on Monday.",
    "Protesters marched through the city. Police used tear gas to disperse them.",
    "The government rejected the opposition's demand for early elections.",
]


def _corpus(tmp_path: Path, bad_line: bool = False) -> Path:
    lines = [
        json.dumps({"id": f"b{i}", "date": "2024-01-0" + str(i + 1), "text": t})
        for i, t in enumerate(TEXTS)
    ]
    if bad_line:
        lines.insert(1, "{not json")
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _result(**changes: object) -> BenchResult:
    base = BenchResult(
        corpus=("c.jsonl",),
        machine=machine_info("model-1"),
        repeat=3,
        n_articles=10,
        n_sentences=40,
        n_words=1000,
        n_events=7,
        n_input_errors=0,
        load_seconds=1.0,
        stages=tuple(StageTime(s, 0.5, 0.25) for s in STAGES),
        tokenizer_seconds=0.01,
        spacy_seconds=1.0,
        peak_rss_mb=300.0,
        tokenizer_cpu_seconds=0.02,
        spacy_cpu_seconds=0.5,
    )
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def test_bench_result_rates_and_dict() -> None:
    r = _result()
    assert r.total_seconds == pytest.approx(3.0)
    assert r.articles_per_s == pytest.approx(10 / 3)
    assert r.words_per_s == pytest.approx(1000 / 3)
    assert r.tokenizer_words_per_s == pytest.approx(100_000)
    assert r.spacy_words_per_s == pytest.approx(1000)
    assert r.total_cpu_seconds == pytest.approx(1.5)
    assert r.words_per_cpu_s == pytest.approx(1000 / 1.5)
    assert r.spacy_words_per_cpu_s == pytest.approx(2000)
    d = r.to_dict()
    assert set(d["stages_cpu"]) == set(STAGES)
    assert set(d["stages"]) == set(STAGES)
    assert d["floor"] == {
        "tokenizer_words_per_s": 100000.0,
        "spacy_words_per_s": 1000.0,
        "tokenizer_words_per_cpu_s": 50000.0,
        "spacy_words_per_cpu_s": 2000.0,
    }
    assert d["machine"]["cores"] >= 1 and d["machine"]["python"]
    json.dumps(d)


def test_bench_result_zero_time_gives_zero_rates() -> None:
    r = _result(stages=(), tokenizer_seconds=0.0, spacy_seconds=0.0)
    assert r.articles_per_s == r.words_per_s == r.spacy_words_per_s == 0.0
    assert "floor" not in format_bench(r)


def test_bench_format_lists_stages_machine_and_floor() -> None:
    text = format_bench(_result())
    for word in (*STAGES, "cores", "spaCy", "words/s", "tokenizer alone", "peak resident"):
        assert word in text


def test_bench_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="repeat"):
        run_bench([str(_corpus(tmp_path))], repeat=0, coder=object())  # type: ignore[arg-type]
    with pytest.raises(InputError, match="limit"):
        run_bench([str(_corpus(tmp_path))], limit=0, coder=object())  # type: ignore[arg-type]


@pytest.mark.model
def test_bench_run_codes_corpus_and_times_stages(coder: Coder, tmp_path: Path) -> None:
    path = _corpus(tmp_path, bad_line=True)
    r = run_bench([str(path)], repeat=2, coder=coder)
    assert r.n_articles == 3
    assert r.n_input_errors == 1
    assert r.n_sentences >= 4
    assert r.n_words == sum(len(t.split()) for t in TEXTS)
    assert [s.name for s in r.stages] == list(STAGES)
    assert all(s.seconds >= 0 for s in r.stages)
    assert r.stages[1].seconds > 0  # nlp did run
    assert r.tokenizer_seconds > 0 and r.spacy_seconds > 0
    assert r.peak_rss_mb > 0
    assert r.total_cpu_seconds > 0
    assert r.load_seconds == 0.0  # coder was given


@pytest.mark.model
def test_bench_run_limit_and_no_store(coder: Coder, tmp_path: Path) -> None:
    r = run_bench([str(_corpus(tmp_path))], limit=2, coder=coder, store=False, floors=False)
    assert r.n_articles == 2
    assert "store" not in [s.name for s in r.stages]
    assert r.spacy_seconds == 0.0


@pytest.mark.model
def test_bench_run_nothing_readable_is_an_input_error(coder: Coder, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("{broken\n", encoding="utf-8")
    with pytest.raises(InputError, match="no article"):
        run_bench([str(path)], coder=coder)


@pytest.mark.model
def test_bench_stages_code_what_the_pipeline_codes(coder: Coder) -> None:
    from casus.bench import _Clock, _code_batch
    from casus.model import Article

    articles = [Article(id=f"s{i}", text=t) for i, t in enumerate(TEXTS)]
    staged = _code_batch(coder, articles, _Clock())
    piped = list(coder.code(articles))
    assert [a.events for a in staged] == [a.events for a in piped]
    assert [a.mentions for a in staged] == [a.mentions for a in piped]
