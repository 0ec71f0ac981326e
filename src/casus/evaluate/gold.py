"""``casus evaluate``: code gold records with the real pipeline and score the result.

Gold is JSONL, one record a line: ``{"id", "text", "date", "events": [{"source",
"event_code", "target"}, ...]}`` (``../shared/gold/plover_dev.jsonl``). ``event_code`` is a
PLOVER type (``--scheme plover``) or a CAMEO code such as ``"042"`` (``--scheme cameo``,
scored at root level, ``"04"``). Actors are compared at country level
(:func:`casus.evaluate.scoring.country_level`). See ``docs/EVALUATION.md`` for the metrics.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError, json_problem
from ..model import Article, Event, Participant
from ..settings import Settings
from .scoring import FAMILIES, Counts, Scores, Triple, country_level, score

if TYPE_CHECKING:
    from ..pipeline import Coder

__all__ = [
    "SCHEMES",
    "Evaluation",
    "GoldEvent",
    "GoldRecord",
    "RecordResult",
    "Scheme",
    "as_scheme",
    "check_scheme",
    "detect_scheme",
    "evaluate",
    "evaluate_file",
    "event_triples",
    "format_report",
    "gold_triples",
    "participant_country",
    "read_gold",
]

Scheme = Literal["plover", "cameo"]
SCHEMES: tuple[Scheme, ...] = ("plover", "cameo")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str | None
    event_code: str
    target: str | None


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: dt.date | None
    events: tuple[GoldEvent, ...]


def _opt_code(value: object, where: str, key: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"event {key} must be a string or null", where=where)
    return value


def _record(obj: object, where: str) -> GoldRecord:
    if not isinstance(obj, dict):
        raise InputError("a gold record must be a JSON object", where=where)
    rid, text, events = obj.get("id"), obj.get("text"), obj.get("events")
    if not isinstance(rid, str | int) or not isinstance(text, str):
        raise InputError("a gold record needs a string id and text", where=where)
    if not isinstance(events, list):
        raise InputError("a gold record needs an events list", where=where, hint="[] for none")
    raw_date = obj.get("date")
    try:
        date = dt.date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
    except ValueError:
        raise InputError(f"bad date {raw_date!r}", where=where, hint="YYYY-MM-DD") from None
    gold: list[GoldEvent] = []
    for ev in events:
        code = ev.get("event_code") if isinstance(ev, dict) else None
        if not isinstance(code, str | int) or not str(code).strip():
            raise InputError("every gold event needs an event_code", where=where)
        gold.append(
            GoldEvent(
                source=_opt_code(ev.get("source"), where, "source"),
                event_code=str(code).strip(),
                target=_opt_code(ev.get("target"), where, "target"),
            )
        )
    return GoldRecord(id=str(rid), text=text, date=date, events=tuple(gold))


def read_gold(path: Path) -> list[GoldRecord]:
    """Read a gold JSONL file; a bad line raises :class:`InputError` naming ``path:line``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror}", where=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("gold file is not UTF-8", where=str(path)) from None
    records: list[GoldRecord] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"{json_problem(exc)} at column {exc.colno}"
            raise InputError(f"not JSON: {problem}", where=where) from None
        records.append(_record(obj, where))
    if not records:
        raise InputError("no gold records", where=str(path), hint="one JSON object a line")
    return records


def as_scheme(name: str) -> Scheme:
    """Check a scheme name (``plover`` or ``cameo``)."""
    if name == "plover":
        return "plover"
    if name == "cameo":
        return "cameo"
    raise InputError(f"unknown scheme {name!r}", where="--scheme", hint="plover or cameo")


def detect_scheme(records: Sequence[GoldRecord]) -> Scheme:
    """The scheme a gold file is coded in: ``cameo`` when its first event code is digits
    (article-level news gold), else ``plover``."""
    for record in records:
        for e in record.events:
            return "cameo" if e.event_code.isdigit() else "plover"
    return "plover"


def gold_type(code: str, scheme: Scheme) -> str:
    """PLOVER type in upper case, or the CAMEO root (first two digits) of a CAMEO code."""
    if scheme == "cameo":
        return code.zfill(2)[:2] if code.isdigit() else code[:2]
    return code.upper()


def check_scheme(records: Sequence[GoldRecord], scheme: Scheme) -> None:
    """Raise :class:`InputError` when a gold event code does not belong to ``scheme``
    (CAMEO codes are digits, PLOVER types are words), naming the record and the fix."""
    for record in records:
        for e in record.events:
            if e.event_code.isdigit() != (scheme == "cameo"):
                other = "plover" if scheme == "cameo" else "cameo"
                raise InputError(
                    f"event code {e.event_code!r} is not a {scheme} code",
                    where=f"gold record {record.id}",
                    hint=f"use --scheme {other}",
                )


def gold_triples(record: GoldRecord, scheme: Scheme) -> tuple[Triple, ...]:
    return tuple(
        Triple(country_level(e.source), gold_type(e.event_code, scheme), country_level(e.target))
        for e in record.events
    )


def participant_country(p: Participant | None) -> str | None:
    """Our actor at country level: its ISO3 country, else its code (``IGOUNO`` → ``IGO``)."""
    if p is None:
        return None
    return country_level(p.country) if p.country else country_level(p.code)


def event_type(event: Event, scheme: Scheme) -> str | None:
    """The event's type in the scheme; ``None`` for CAMEO codes with no PLOVER type."""
    return event.cameo_root if scheme == "cameo" else event.plover


def event_triples(events: Iterable[Event], scheme: Scheme) -> tuple[Triple, ...]:
    out: list[Triple] = []
    for e in events:
        kind = event_type(e, scheme)
        if kind:
            out.append(Triple(participant_country(e.source), kind, participant_country(e.target)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RecordResult:
    """One gold record, what we coded for it, and its counts."""

    record: GoldRecord
    events: tuple[Event, ...]
    gold: tuple[Triple, ...]
    predicted: tuple[Triple, ...]
    type: Counts
    triple: Counts


@dataclass(frozen=True, slots=True)
class Evaluation:
    scheme: Scheme
    scores: Scores
    results: tuple[RecordResult, ...]
    seconds: float
    """Coding and scoring time."""
    load_seconds: float = 0.0
    """Time to load the coder (spaCy model, lexicons, gazetteers), when ``evaluate_file`` did."""

    def worst(self, n: int) -> list[RecordResult]:
        """The ``n`` records with the most triple errors (then type errors), worst first."""
        bad = [r for r in self.results if r.triple.errors or r.type.errors]
        bad.sort(key=lambda r: (-r.triple.errors, -r.type.errors, r.record.id))
        return bad[: max(n, 0)]

    def to_dict(self, *, errors: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {"scheme": self.scheme, **self.scores.to_dict()}
        out["seconds"] = round(self.seconds, 2)
        out["load_seconds"] = round(self.load_seconds, 2)
        if errors:
            out["errors"] = [_error_dict(r) for r in self.worst(errors)]
        return out


def _error_dict(r: RecordResult) -> dict[str, Any]:
    return {
        "id": r.record.id,
        "text": r.record.text,
        "gold": [str(t) for t in r.gold],
        "predicted": [str(t) for t in r.predicted],
        "events": [e.to_dict() for e in r.events],
    }


def _articles(records: Sequence[GoldRecord], settings: Settings) -> list[Article]:
    """Each gold record as the article ``casus code`` would read from the same JSON object."""
    from ..ingest import article_from_record

    return [
        article_from_record(
            {"id": r.id, "text": r.text, "date": r.date.isoformat() if r.date else None},
            origin=f"gold:{r.id}",
            settings=settings,
        )
        for r in records
    ]


def _scored(triples: Sequence[Triple], scheme: Scheme, keep_01: bool) -> tuple[Triple, ...]:
    """The triples that count: in the CAMEO scheme, root 01 (public statements) is left out
    on both sides unless ``keep_01``."""
    if keep_01 or scheme != "cameo":
        return tuple(triples)
    return tuple(t for t in triples if t.type != "01")


def evaluate(
    records: Sequence[GoldRecord], coder: Coder, *, scheme: Scheme, keep_01: bool = False
) -> Evaluation:
    """Code every record with ``coder`` and score the events against the gold (CAMEO scheme:
    at root level, root 01 left out on both sides unless ``keep_01``)."""
    if scheme not in SCHEMES:
        raise InputError(f"unknown scheme {scheme!r}", hint="plover or cameo")
    check_scheme(records, scheme)
    started = time.perf_counter()
    coded = list(coder.code(_articles(records, coder.settings)))
    results: list[RecordResult] = []
    rows: list[tuple[str, Sequence[Triple], Sequence[Triple]]] = []
    for record, article in zip(records, coded, strict=True):
        gold = _scored(gold_triples(record, scheme), scheme, keep_01)
        predicted = _scored(event_triples(article.events, scheme), scheme, keep_01)
        rows.append((record.id, gold, predicted))
        results.append(RecordResult(record, article.events, gold, predicted, Counts(), Counts()))
    scores = score(rows)
    results = [
        RecordResult(r.record, r.events, r.gold, r.predicted, s.type, s.triple)
        for r, s in zip(results, scores.records, strict=True)
    ]
    return Evaluation(scheme, scores, tuple(results), time.perf_counter() - started)


def evaluate_file(
    path: Path,
    *,
    scheme: Scheme | None = None,
    settings: Settings | None = None,
    keep_01: bool = False,
) -> Evaluation:
    """Read a gold file, load the coder once and evaluate (``scheme`` ``None``: the one the
    gold is coded in, see :func:`detect_scheme`)."""
    from ..pipeline import Coder

    records = read_gold(path)
    scheme = scheme or detect_scheme(records)
    start = time.perf_counter()
    coder = Coder(settings or Settings.load())
    loaded = time.perf_counter() - start
    return replace(evaluate(records, coder, scheme=scheme, keep_01=keep_01), load_seconds=loaded)


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def format_report(ev: Evaluation, *, errors: int = 0) -> str:
    """The plain-text report ``casus evaluate`` prints."""
    s = ev.scores
    lines = [
        f"{s.n_records} records, scheme {ev.scheme}, coded and scored in {ev.seconds:.1f} s"
        + (f" (coder loaded in {ev.load_seconds:.1f} s)" if ev.load_seconds else ""),
        "",
        f"{'level':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for name, c in (("type", s.type), ("triple", s.triple), ("dyad", s.dyad)):
        lines.append(
            f"{name:<8} {_pct(c.p):>6} {_pct(c.r):>6} {_pct(c.f1):>6} {c.tp:>5} {c.fp:>5} {c.fn:>5}"
        )
    wrong = dict(s.families)
    if any(wrong.values()):
        fp = ", ".join(f"{f} {wrong[f]}" for f in FAMILIES[:5])
        fn = ", ".join(f"{f} {wrong[f]}" for f in FAMILIES[5:])
        lines += ["", f"false triples: {fp}", f"missed triples: {fn}"]
    missed = sum(n for _, n in s.misses)
    if missed:
        why = ", ".join(f"{reason} {n}" for reason, n in s.misses)
        lines += ["", f"missed gold triples: {missed} ({why})"]
    lines += ["", f"{'type':<12} {'support':>7} {'P':>6} {'R':>6} {'F1':>6} {'fp':>4}"]
    for row in s.per_type:
        c = row.counts
        lines.append(
            f"{row.type:<12} {row.support:>7} {_pct(c.p):>6} {_pct(c.r):>6} {_pct(c.f1):>6}"
            f" {c.fp:>4}"
        )
    lines += ["", "confusion (gold type → what we coded, in the same record; - = nothing):"]
    off = [c for c in s.confusion if c.gold != c.predicted]
    for cell in off[:25]:
        lines.append(f"  {cell.gold or '-':<12} → {cell.predicted or '-':<12} {cell.count:>4}")
    if len(off) > 25:
        lines.append(f"  ... {len(off) - 25} more (see --format json)")
    worst = ev.worst(errors)
    if worst:
        lines += ["", f"{len(worst)} worst records:"]
    for r in worst:
        lines += ["", f"[{r.record.id}] {r.record.text}"]
        lines.append(f"  gold:      {'; '.join(map(str, r.gold)) or '(none)'}")
        lines.append(f"  predicted: {'; '.join(map(str, r.predicted)) or '(none)'}")
        for e in r.events:
            src = e.source.text if e.source else "-"
            tgt = e.target.text if e.target else "-"
            cues = ", ".join(e.evidence.cues)
            lines.append(
                f"    {e.cameo} {e.plover or '-'}: {src!r} → {tgt!r}"
                f" trigger {e.evidence.trigger!r} conf {e.confidence:.2f}"
                + (f" cues [{cues}]" if cues else "")
            )
    return "\n".join(lines)
