"""Evaluation: code gold records with the real pipeline and score the result.

:mod:`casus.evaluate.gold` runs ``casus evaluate`` over the pure scoring of ``scoring``;
``expected`` is the acceptance rule of an ``expected.json`` spec and ``where_bench`` the
geocoding measurements of ``docs/BENCHMARKS.md``. Import the public names from here.
"""

from __future__ import annotations

from .gold import (
    SCHEMES,
    Evaluation,
    GoldEvent,
    GoldRecord,
    RecordResult,
    Scheme,
    as_scheme,
    check_scheme,
    evaluate,
    evaluate_file,
    event_triples,
    format_report,
    gold_triples,
    participant_country,
    read_gold,
)

__all__ = [
    "SCHEMES",
    "Evaluation",
    "GoldEvent",
    "GoldRecord",
    "RecordResult",
    "Scheme",
    "as_scheme",
    "check_scheme",
    "evaluate",
    "evaluate_file",
    "event_triples",
    "format_report",
    "gold_triples",
    "participant_country",
    "read_gold",
]
