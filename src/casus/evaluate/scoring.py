"""Pure scoring for ``casus evaluate``: actor codes at country level, set comparison per record,
micro-averaged precision/recall/F1, a per-type table and a confusion summary.

Nothing here reads files or runs the coder; :mod:`casus.evaluate` does that and feeds this
module plain values, so every rule can be unit-tested on hand-made cases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CAMEO_TO_ISO3",
    "FAMILIES",
    "GROUP_CODES",
    "MISS_REASONS",
    "SECTOR_CODES",
    "ConfusionCell",
    "Counts",
    "RecordScore",
    "Scores",
    "Triple",
    "TypeRow",
    "compare",
    "country_level",
    "family",
    "miss_reason",
    "score",
    "score_record",
]

GROUP_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})
"""Non-state actor codes kept as such at country level (``IGOUNO`` → ``IGO``)."""

SECTOR_CODES = frozenset(
    {
        "GOV", "MIL", "REB", "OPP", "JUD", "LEG", "PTY", "COP", "SPY", "CVL", "MED", "BUS",
        "EDU", "REL", "HLH", "ELI", "LAB", "AGR", "REF", "CRM", "UAF", "INS", "SEP", "RAD",
        "ENV", "HRI", "MOD", "UIS",
    }
)  # fmt: skip
"""CAMEO agent codes that carry no country: a code made of one of these alone is no actor at
country level (``None``)."""

CAMEO_TO_ISO3: dict[str, str] = {
    # Codes of the older CAMEO/KEDS dictionaries and of the CAMEO manual's examples.
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "PAL": "PSE", "USR": "RUS", "SER": "SRB",
    "BOS": "BIH", "LEB": "LBN", "WSB": "PSE", "GZS": "PSE",
    # Withdrawn ISO 3166 alpha-3 codes.
    "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "SCG": "SRB", "YUG": "SRB", "BUR": "MMR",
    "SUN": "RUS", "DDR": "DEU", "CSK": "CZE",
    # Correlates of War state abbreviations that are not ISO alpha-3 codes. Those that are
    # (AUS Austria, SWZ Switzerland, MNG Montenegro, MAC Macedonia) mean another country in
    # ISO and are deliberately left alone.
    "UKG": "GBR", "GMY": "DEU", "GFR": "DEU", "GDR": "DEU", "SPN": "ESP", "FRN": "FRA",
    "POR": "PRT", "IRE": "IRL", "NTH": "NLD", "SNM": "SMR", "CZR": "CZE", "CRO": "HRV",
    "BUL": "BGR", "MLD": "MDA", "LAT": "LVA", "LIT": "LTU", "GRG": "GEO", "SWD": "SWE",
    "DEN": "DNK", "ICE": "ISL", "KOS": "XKX", "KSV": "XKX",
    "BHM": "BHS", "HAI": "HTI", "TRI": "TTO", "BAR": "BRB", "GRN": "GRD", "SLU": "LCA",
    "AAB": "ATG", "SKN": "KNA", "GUA": "GTM", "HON": "HND", "SAL": "SLV", "COS": "CRI",
    "PAR": "PRY", "URU": "URY",
    "CAP": "CPV", "EQG": "GNQ", "GAM": "GMB", "MAA": "MRT", "NIR": "NER", "CDI": "CIV",
    "GUI": "GIN", "BFO": "BFA", "SIE": "SLE", "TOG": "TGO", "CAO": "CMR", "NIG": "NGA",
    "CEN": "CAF", "CHA": "TCD", "CON": "COG", "DRC": "COD", "ZAI": "COD", "TAZ": "TZA",
    "BUI": "BDI", "ANG": "AGO", "MZM": "MOZ", "ZAM": "ZMB", "ZIM": "ZWE", "MAW": "MWI",
    "SAF": "ZAF", "LES": "LSO", "BOT": "BWA", "SWA": "SWZ", "MAG": "MDG", "MAS": "MUS",
    "SEY": "SYC", "MOR": "MAR", "ALG": "DZA", "LIB": "LBY", "SUD": "SDN",
    "YAR": "YEM", "YPR": "YEM", "KUW": "KWT", "BAH": "BHR", "UAE": "ARE", "OMA": "OMN",
    "TAJ": "TJK", "KYR": "KGZ", "KZK": "KAZ", "MON": "MNG", "TAW": "TWN", "ROK": "KOR",
    "BHU": "BTN", "BNG": "BGD", "MYA": "MMR", "SRI": "LKA", "NEP": "NPL", "THI": "THA",
    "CAM": "KHM", "DRV": "VNM", "RVN": "VNM", "MAL": "MYS", "SIN": "SGP", "BRU": "BRN",
    "PHI": "PHL", "INS": "IDN", "ETM": "TLS", "AUL": "AUS", "NEW": "NZL", "VAN": "VUT",
    "SOL": "SLB", "FIJ": "FJI", "NAU": "NRU", "MSI": "MHL", "MAD": "MDV",
}  # fmt: skip
"""Country codes found in CAMEO-era gold that are not ISO 3166-1 alpha-3, mapped to ISO3.
Read-only: a constant table."""


def country_level(code: str | None) -> str | None:
    """An actor code reduced to the level events are compared at.

    ISO3 country (``USAGOV`` → ``USA``, old ``JAP`` → ``JPN``), a group code kept as such
    (``IGOUNO`` → ``IGO``), ``None`` for no actor or a sector code alone (``REB``).
    """
    if code is None:
        return None
    code = code.strip().upper()
    if not code:
        return None
    head = code[:3]
    if head in GROUP_CODES:
        return head
    if head in SECTOR_CODES and head not in CAMEO_TO_ISO3:
        return None
    return CAMEO_TO_ISO3.get(head, head)


@dataclass(frozen=True, slots=True, order=True)
class Triple:
    """One event at the level it is scored: country-level source and target, and its type."""

    source: str | None
    type: str
    target: str | None

    @property
    def is_dyad(self) -> bool:
        return self.source is not None and self.target is not None

    def __str__(self) -> str:
        return f"{self.source or '-'} {self.type} {self.target or '-'}"


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 (0.0 when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def errors(self) -> int:
        return self.fp + self.fn

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "p": round(self.p, 4),
            "r": round(self.r, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def compare(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """Compare two collections as sets (duplicates count once)."""
    g, p = set(gold), set(predicted)
    return Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))


@dataclass(frozen=True, slots=True)
class RecordScore:
    """Counts of one record at the three levels."""

    record_id: str
    type: Counts
    triple: Counts
    dyad: Counts


def score_record(
    record_id: str, gold: Sequence[Triple], predicted: Sequence[Triple]
) -> RecordScore:
    return RecordScore(
        record_id=record_id,
        type=compare((t.type for t in gold), (t.type for t in predicted)),
        triple=compare(gold, predicted),
        dyad=compare((t for t in gold if t.is_dyad), (t for t in predicted if t.is_dyad)),
    )


@dataclass(frozen=True, slots=True)
class TypeRow:
    """Type-level counts of one event type; ``support`` is the number of gold records with it."""

    type: str
    counts: Counts

    @property
    def support(self) -> int:
        return self.counts.tp + self.counts.fn

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "support": self.support, **self.counts.to_dict()}


@dataclass(frozen=True, slots=True)
class ConfusionCell:
    """How often a gold type was called ``predicted`` in the same record.

    ``predicted`` is ``None`` for a gold type we missed with nothing else in its place;
    ``gold`` is ``None`` for a type we coded where the gold has no wrong-typed event.
    """

    gold: str | None
    predicted: str | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "predicted": self.predicted, "count": self.count}


@dataclass(frozen=True, slots=True)
class Scores:
    """Micro-averaged scores over every record, plus the per-type table and confusion."""

    type: Counts
    triple: Counts
    dyad: Counts
    per_type: tuple[TypeRow, ...]
    confusion: tuple[ConfusionCell, ...]
    records: tuple[RecordScore, ...]
    misses: tuple[tuple[str, int], ...] = ()
    """Why gold triples were missed: ``(reason, count)`` for each of :data:`MISS_REASONS`."""
    families: tuple[tuple[str, int], ...] = ()
    """False triples by failure family: ``(family, count)`` for each of :data:`FAMILIES`."""

    @property
    def n_records(self) -> int:
        return len(self.records)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type.to_dict(),
            "triple": self.triple.to_dict(),
            "dyad": self.dyad.to_dict(),
            "n_records": self.n_records,
            "per_type": [row.to_dict() for row in self.per_type],
            "confusion": [cell.to_dict() for cell in self.confusion],
            "misses": dict(self.misses),
            "families": dict(self.families),
        }


MISS_REASONS = ("type not coded", "actor left out", "actor added", "wrong actor")
"""Why a gold triple was missed, checked in this order against our triples of its record with
the same type: none; one with each actor equal or absent (we left one out); one with each
actor equal or present where the gold has none (we added one); otherwise a wrong actor."""


def miss_reason(gold: Triple, predicted: Iterable[Triple]) -> str | None:
    """The :data:`MISS_REASONS` entry for a gold triple, ``None`` if it was found."""
    same = [p for p in predicted if p.type == gold.type]
    if gold in same:
        return None
    if not same:
        return MISS_REASONS[0]
    for p in same:
        if p.source in (gold.source, None) and p.target in (gold.target, None):
            return MISS_REASONS[1]
    for p in same:
        if (p.source == gold.source or gold.source is None) and (
            p.target == gold.target or gold.target is None
        ):
            return MISS_REASONS[2]
    return MISS_REASONS[3]


FAMILIES = (
    "target missing",
    "source missing",
    "wrong country",
    "wrong root",
    "spurious",
    "missed root",
    "missed pair",
)
"""Failure families of false triples. A false positive is, in this order: *target missing*
(no target, where the gold has the same source and type with one), *source missing* (the
same for the source), *wrong country* (the gold has its type in the record, with other
actors), *wrong root* (the gold has its source and target with another type), else
*spurious*. A false negative is a *missed root* when nothing of its type was coded in the
record, else a *missed pair* (its type was coded, for other actors)."""


def family(triple: Triple, gold: Iterable[Triple], predicted: Iterable[Triple]) -> str | None:
    """The :data:`FAMILIES` entry of a false triple of one record (``None`` if it is right).

    ``triple`` is a false positive when it is among ``predicted``, else a false negative."""
    g, p = set(gold), set(predicted)
    if triple in g and triple in p:
        return None
    if triple in p:
        same_type = [x for x in g if x.type == triple.type]
        if triple.target is None and any(x.source == triple.source for x in same_type):
            return FAMILIES[0]
        if triple.source is None and any(x.target == triple.target for x in same_type):
            return FAMILIES[1]
        if same_type:
            return FAMILIES[2]
        if any(x.source == triple.source and x.target == triple.target for x in g):
            return FAMILIES[3]
        return FAMILIES[4]
    if not any(x.type == triple.type for x in p):
        return FAMILIES[5]
    return FAMILIES[6]


def _confusion(gold: set[str], predicted: set[str]) -> Iterable[tuple[str | None, str | None]]:
    for t in gold & predicted:
        yield t, t
    missed, extra = sorted(gold - predicted), sorted(predicted - gold)
    if missed and extra:
        for g in missed:
            for p in extra:
                yield g, p
    elif missed:
        for g in missed:
            yield g, None
    else:
        for p in extra:
            yield None, p


def score(records: Iterable[tuple[str, Sequence[Triple], Sequence[Triple]]]) -> Scores:
    """Score ``(record_id, gold triples, predicted triples)`` records, micro-averaged."""
    per_record: list[RecordScore] = []
    by_type: dict[str, Counts] = {}
    confusion: Counter[tuple[str | None, str | None]] = Counter()
    misses: Counter[str] = Counter()
    families: Counter[str] = Counter()
    for record_id, gold, predicted in records:
        per_record.append(score_record(record_id, gold, predicted))
        for triple in set(gold) ^ set(predicted):
            fam = family(triple, gold, predicted)
            if fam:
                families[fam] += 1
        for triple in set(gold):
            reason = miss_reason(triple, predicted)
            if reason:
                misses[reason] += 1
        g, p = {t.type for t in gold}, {t.type for t in predicted}
        for t in g | p:
            by_type[t] = by_type.get(t, Counts()) + Counts(
                tp=int(t in g and t in p),
                fp=int(t in p and t not in g),
                fn=int(t in g and t not in p),
            )
        confusion.update(_confusion(g, p))
    total = Counts()
    return Scores(
        type=sum((r.type for r in per_record), total),
        triple=sum((r.triple for r in per_record), total),
        dyad=sum((r.dyad for r in per_record), total),
        per_type=tuple(
            TypeRow(t, c)
            for t, c in sorted(by_type.items(), key=lambda kv: (-kv[1].tp - kv[1].fn, kv[0]))
        ),
        confusion=tuple(
            ConfusionCell(g, p, n)
            for (g, p), n in sorted(
                confusion.items(), key=lambda kv: (-kv[1], kv[0][0] or "", kv[0][1] or "")
            )
        ),
        records=tuple(per_record),
        misses=tuple((reason, misses[reason]) for reason in MISS_REASONS),
        families=tuple((f, families[f]) for f in FAMILIES),
    )
