"""The acceptance rule of an ``expected.json`` spec (``../shared/seed/expected.json``).

A spec lists ``must`` events (each has to be found) and ``may`` events (correct, optional);
any coded event matching neither is *spurious*, and at most ``max_spurious`` are allowed.
Actors are compared at country level, event types at CAMEO root level. With
``dates_places=True`` a ``must`` with a ``date`` also needs that date, and a ``must`` with
``locations`` needs the event's location within ``radius_km`` of one of the listed places
(coordinates from the spec's ``places``). Pure: :func:`check_expected` takes values, not files.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Event, Participant
from .scoring import country_level

__all__ = [
    "Coded",
    "Expected",
    "ExpectedResult",
    "ExpectedSpec",
    "check_expected",
    "haversine_km",
    "parse_spec",
]


@dataclass(frozen=True, slots=True)
class Coded:
    """What the rule looks at in one coded event."""

    source: str | None
    target: str | None
    cameo_root: str
    date: dt.date | None = None
    lat: float | None = None
    lon: float | None = None
    label: str = ""

    @classmethod
    def from_event(cls, event: Event) -> Coded:
        loc = event.location
        return cls(
            source=_country(event.source),
            target=_country(event.target),
            cameo_root=event.cameo_root,
            date=event.date,
            lat=loc.lat if loc else None,
            lon=loc.lon if loc else None,
            label=f"{event.cameo} {event.evidence.trigger!r}",
        )

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Coded:
        """From a CONTRACT schema-1 record (a line of ``casus code --format jsonl``)."""

        def actor(p: object) -> str | None:
            if not isinstance(p, Mapping):
                return None
            country, code = p.get("country"), p.get("code")
            return country_level(country) if country else country_level(code)

        loc = record.get("location")
        loc = loc if isinstance(loc, Mapping) else {}
        when, evidence = record.get("date"), record.get("evidence")
        trigger = evidence.get("trigger") if isinstance(evidence, Mapping) else ""
        return cls(
            source=actor(record.get("source")),
            target=actor(record.get("target")),
            cameo_root=str(record.get("cameo_root") or str(record.get("cameo", ""))[:2]),
            date=dt.date.fromisoformat(when) if isinstance(when, str) and when else None,
            lat=_float(loc.get("lat")),
            lon=_float(loc.get("lon")),
            label=f"{record.get('cameo')} {trigger!r}",
        )

    def __str__(self) -> str:
        where = (
            f" @{self.lat:.2f},{self.lon:.2f}"
            if self.lat is not None and self.lon is not None
            else ""
        )
        return (
            f"{self.source or '-'} {self.cameo_root} {self.target or '-'}"
            f" {self.date or ''}{where} {self.label}".rstrip()
        )


def _float(v: object) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _country(p: Participant | None) -> str | None:
    if p is None:
        return None
    return country_level(p.country) if p.country else country_level(p.code)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Expected:
    """One ``must`` or ``may`` event of the spec; ``targets`` are acceptable alternatives."""

    source: str | None
    targets: tuple[str | None, ...]
    cameo_root: str
    date: dt.date | None = None
    places: tuple[Place, ...] = ()
    why: str = ""

    def matches(self, ev: Coded, *, dates_places: bool = False, radius_km: float = 25.0) -> bool:
        if ev.source != self.source or ev.target not in self.targets:
            return False
        if ev.cameo_root != self.cameo_root:
            return False
        if not dates_places:
            return True
        if self.date is not None and ev.date != self.date:
            return False
        if self.places:
            if ev.lat is None or ev.lon is None:
                return False
            return any(haversine_km(ev.lat, ev.lon, p.lat, p.lon) <= radius_km for p in self.places)
        return True

    def __str__(self) -> str:
        targets = "|".join(t or "-" for t in self.targets)
        return f"{self.source or '-'} {self.cameo_root} {targets} ({self.why})"


@dataclass(frozen=True, slots=True)
class ExpectedSpec:
    must: tuple[Expected, ...]
    may: tuple[Expected, ...]


def _expected(raw: Mapping[str, Any], places: Mapping[str, Any]) -> Expected:
    target = raw.get("target")
    targets = tuple(target) if isinstance(target, list) else (target,)
    when = raw.get("date")
    found: list[Place] = []
    for name in raw.get("locations") or ():
        p = places.get(name)
        if p is None:
            raise ValueError(f"location {name!r} is not among the spec's places")
        found.append(Place(name, float(p["lat"]), float(p["lon"])))
    return Expected(
        source=country_level(raw.get("source")),
        targets=tuple(country_level(t) for t in targets),
        cameo_root=str(raw["cameo_root"]),
        date=dt.date.fromisoformat(when) if when else None,
        places=tuple(found),
        why=str(raw.get("why", "")),
    )


def parse_spec(spec: Mapping[str, Any]) -> ExpectedSpec:
    """Read the ``must``/``may``/``places`` parts of an ``expected.json`` object."""
    places = spec.get("places") or {}
    return ExpectedSpec(
        must=tuple(_expected(e, places) for e in spec.get("must") or ()),
        may=tuple(_expected(e, places) for e in spec.get("may") or ()),
    )


@dataclass(frozen=True, slots=True)
class ExpectedResult:
    """Outcome of the rule: which musts were missed, which coded events were spurious."""

    missing: tuple[Expected, ...]
    spurious: tuple[Coded, ...]
    max_spurious: int

    @property
    def passed(self) -> bool:
        return not self.missing and len(self.spurious) <= self.max_spurious

    def explain(self) -> str:
        lines = [f"missing {len(self.missing)} must event(s):"]
        lines += [f"  {m}" for m in self.missing]
        lines.append(f"{len(self.spurious)} spurious event(s) (at most {self.max_spurious}):")
        lines += [f"  {s}" for s in self.spurious]
        return "\n".join(lines)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _assign(must: Sequence[Expected], events: Sequence[Coded], **kw: Any) -> list[int | None]:
    """Match each must to a distinct event (maximum bipartite matching, augmenting paths)."""
    options = [[j for j, e in enumerate(events) if m.matches(e, **kw)] for m in must]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(must)):
        augment(i, set())
    out: list[int | None] = [None] * len(must)
    for j, i in owner.items():
        out[i] = j
    return out


def check_expected(
    events: Sequence[Coded],
    spec: ExpectedSpec,
    *,
    dates_places: bool = False,
    max_spurious: int = 2,
    radius_km: float = 25.0,
) -> ExpectedResult:
    """Apply the rule. Each ``must`` needs its own coded event; an event is spurious when it
    matches no ``must`` and no ``may`` on actors and type (dates and places aside)."""
    assigned = _assign(spec.must, events, dates_places=dates_places, radius_km=radius_km)
    missing = tuple(m for m, j in zip(spec.must, assigned, strict=True) if j is None)
    allowed = (*spec.must, *spec.may)
    spurious = tuple(e for e in events if not any(x.matches(e) for x in allowed))
    return ExpectedResult(missing=missing, spurious=spurious, max_spurious=max_spurious)
