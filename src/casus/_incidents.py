"""The incident rule (issue #6): which coded events report the same real-world event.

Pure Python over *units*. A unit is every stored event that shares the directed country-level
dyad, the CAMEO root, the date, the date precision and the place (``analysis`` builds units
with one ``GROUP BY``, so a million events cost one SQL aggregation plus a loop over far fewer
units). The rule is documented in ``docs/ANALYSIS.md`` ("Incidents"); in short:

1. only units with the same directed dyad (source country → target country, IGO/NGO code when
   the actor has no country, ``""`` when it is missing) and the same CAMEO root can merge;
2. units are visited by date, the most specific places first, then by first event id;
3. a unit with a day-level date (``day`` or ``publication`` precision) joins an open incident
   whose first day ``d0`` satisfies ``d0 <= date <= d0 + 1`` and whose place is compatible;
   if several qualify it joins the one with most reports (ties: the one opened first);
   otherwise it opens a new incident anchored at its date;
4. places are compatible when either country is unknown, or the countries are equal and, if
   both are city-level, the cities are equal; an incident takes the first known place and
   refines a country-level place to a city when a city-level unit joins;
5. units with a coarser date (``month``, ``year``) or no date are incidents of their own.

Incident ids are deterministic: a hash of the dyad, root, first day and final place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["DAY_PRECISIONS", "IncidentGroup", "Unit", "group_units", "incident_id"]

DAY_PRECISIONS = frozenset({"day", "publication"})
"""Date precisions that allow the ±1 day window; coarser dates never merge."""


@dataclass(frozen=True, slots=True)
class Unit:
    """Events identical for the rule: same dyad, root, date, precision and place."""

    source: str
    target: str
    root: str
    date: dt.date | None
    precision: str
    country: str
    """Location country (``""`` if unknown)."""
    city: str
    """City key (geonameid or lower-cased name) when the place is city-level, else ``""``."""
    place_name: str
    n_events: int
    n_articles: int
    goldstein_sum: float
    quad_class: int
    first_event_id: str
    event_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()


@dataclass(slots=True)
class IncidentGroup:
    """An incident being built (mutable only inside :func:`group_units`)."""

    source: str
    target: str
    root: str
    date: dt.date | None
    country: str
    city: str
    place_name: str
    order: int
    units: list[Unit] = field(default_factory=list)

    @property
    def n_events(self) -> int:
        return sum(u.n_events for u in self.units)

    @property
    def incident_id(self) -> str:
        return incident_id(self.source, self.target, self.root, self.date, self.country, self.city)


def incident_id(
    source: str, target: str, root: str, date: dt.date | None, country: str, city: str
) -> str:
    """Deterministic incident id from its dyad, root, first day and place."""
    key = "\x1f".join([source, target, root, date.isoformat() if date else "", country, city])
    return "inc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _compatible(group: IncidentGroup, unit: Unit) -> bool:
    if not group.country or not unit.country:
        return True
    if group.country != unit.country:
        return False
    return not (group.city and unit.city and group.city != unit.city)


def _sort_key(unit: Unit) -> tuple[str, str, str, int, dt.date, int, str]:
    specificity = 2 if unit.city else (1 if unit.country else 0)
    return (
        unit.source,
        unit.target,
        unit.root,
        0 if unit.date is not None else 1,
        unit.date or dt.date.min,
        -specificity,
        unit.first_event_id,
    )


def group_units(units: Iterable[Unit]) -> list[IncidentGroup]:
    """Apply the incident rule; returns incidents in visiting order (dyad, root, date)."""
    out: list[IncidentGroup] = []
    open_groups: list[IncidentGroup] = []
    current_key: tuple[str, str, str] | None = None
    for unit in sorted(units, key=_sort_key):
        key = (unit.source, unit.target, unit.root)
        if key != current_key:
            current_key = key
            open_groups = []
        mergeable = unit.date is not None and unit.precision in DAY_PRECISIONS
        best: IncidentGroup | None = None
        if mergeable:
            assert unit.date is not None
            open_groups = [g for g in open_groups if g.date and (unit.date - g.date).days <= 1]
            for g in open_groups:
                if _compatible(g, unit) and (best is None or g.n_events > best.n_events):
                    best = g
        if best is None:
            best = IncidentGroup(
                source=unit.source,
                target=unit.target,
                root=unit.root,
                date=unit.date,
                country=unit.country,
                city=unit.city,
                place_name=unit.place_name,
                order=len(out),
            )
            out.append(best)
            if mergeable:
                open_groups.append(best)
        else:
            if not best.country and unit.country:
                best.country, best.place_name = unit.country, unit.place_name
            if not best.city and unit.city:
                best.city, best.place_name = unit.city, unit.place_name
        best.units.append(unit)
    return out


def sorted_ids(values: Sequence[str]) -> tuple[str, ...]:
    """Distinct values, sorted (helper for merging unit id lists)."""
    return tuple(sorted(set(values)))
