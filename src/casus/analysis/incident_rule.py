"""The incident rule (issue #6): which coded events report the same real-world event.

Pure Python over *units*. A unit is every stored event that shares the directed country-level
dyad, the CAMEO root, the date, the date precision and the place (``analysis`` builds units
with one ``GROUP BY``, so a million events cost one SQL aggregation plus a loop over far fewer
units). The rule is documented in ``docs/ANALYSIS.md`` ("Incidents"); in short:

1. only units with the same directed dyad (source country → target country, IGO/NGO code when
   the actor has no country, ``""`` when it is missing) and the same CAMEO root can merge;
2. units are visited by date, the most specific places first (then by country, city and
   precision, so the order is total);
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

__all__ = [
    "DAY_PRECISIONS",
    "Assignment",
    "IncidentGroup",
    "Unit",
    "assign",
    "group_units",
    "incident_id",
]

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
    """Smallest event id of the unit (informational; the visiting order uses the key only)."""
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


@dataclass(frozen=True, slots=True)
class Assignment:
    """Result of :func:`assign`: the incident of every unit, and per incident its first day
    (days since 1970-01-01, ``None`` if undated), place, report count, first unit and the unit
    whose place name it shows."""

    unit_group: tuple[int, ...]
    day: tuple[int | None, ...]
    country: tuple[str, ...]
    city: tuple[str, ...]
    n_events: tuple[int, ...]
    first_unit: tuple[int, ...]
    place_unit: tuple[int, ...]


def assign(
    source: Sequence[str],
    target: Sequence[str],
    root: Sequence[str],
    day: Sequence[int | None],
    mergeable: Sequence[bool],
    country: Sequence[str],
    city: Sequence[str],
    n_events: Sequence[int],
) -> Assignment:
    """The incident rule over units given column-wise, ALREADY in visiting order (dyad,
    root, undated last, date, most specific place first, country, city, precision)."""
    gid = [0] * len(source)
    g_day: list[int | None] = []
    g_country: list[str] = []
    g_city: list[str] = []
    g_n: list[int] = []
    g_first: list[int] = []
    g_place: list[int] = []
    open_groups: list[int] = []
    prev: tuple[str, str, str] | None = None
    for i in range(len(source)):
        key = (source[i], target[i], root[i])
        if key != prev:
            prev = key
            open_groups = []
        best = -1
        d = day[i]
        merge = mergeable[i] and d is not None
        if merge and open_groups:
            assert d is not None
            # open incidents were opened in date order: the expired ones are a prefix
            while open_groups and d - (g_day[open_groups[0]] or 0) > 1:
                open_groups.pop(0)
            c, ci, best_n = country[i], city[i], -1
            for g in open_groups:
                gc = g_country[g]
                if gc and c:
                    if gc != c:
                        continue
                    gci = g_city[g]
                    if gci and ci and gci != ci:
                        continue
                if g_n[g] > best_n:
                    best, best_n = g, g_n[g]
        if best < 0:
            best = len(g_n)
            g_day.append(d)
            g_country.append(country[i])
            g_city.append(city[i])
            g_n.append(0)
            g_first.append(i)
            g_place.append(i)
            if merge:
                open_groups.append(best)
        else:
            if not g_country[best] and country[i]:
                g_country[best] = country[i]
                g_place[best] = i
            if not g_city[best] and city[i]:
                g_city[best] = city[i]
                g_place[best] = i
        g_n[best] += n_events[i]
        gid[i] = best
    return Assignment(
        tuple(gid),
        tuple(g_day),
        tuple(g_country),
        tuple(g_city),
        tuple(g_n),
        tuple(g_first),
        tuple(g_place),
    )


def _sort_key(unit: Unit) -> tuple[str, str, str, int, dt.date, int, str, str, str]:
    specificity = 2 if unit.city else (1 if unit.country else 0)
    return (
        unit.source,
        unit.target,
        unit.root,
        0 if unit.date is not None else 1,
        unit.date or dt.date.min,
        -specificity,
        unit.country,
        unit.city,
        unit.precision,
    )


_EPOCH = dt.date(1970, 1, 1)


def group_units(units: Iterable[Unit]) -> list[IncidentGroup]:
    """Apply the incident rule to :class:`Unit` objects; incidents in visiting order."""
    ordered = sorted(units, key=_sort_key)
    asg = assign(
        [u.source for u in ordered],
        [u.target for u in ordered],
        [u.root for u in ordered],
        [(u.date - _EPOCH).days if u.date else None for u in ordered],
        [u.precision in DAY_PRECISIONS for u in ordered],
        [u.country for u in ordered],
        [u.city for u in ordered],
        [u.n_events for u in ordered],
    )
    out = [
        IncidentGroup(
            source=ordered[first].source,
            target=ordered[first].target,
            root=ordered[first].root,
            date=ordered[first].date,
            country=asg.country[g],
            city=asg.city[g],
            place_name=ordered[asg.place_unit[g]].place_name,
            order=g,
        )
        for g, first in enumerate(asg.first_unit)
    ]
    for i, g in enumerate(asg.unit_group):
        out[g].units.append(ordered[i])
    return out
