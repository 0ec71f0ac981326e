"""From events to a picture of a conflict (issue #6): incidents, dyad series, escalation
watch, mediation and exports. Definitions live in ``docs/ANALYSIS.md``.

Every function reads a :class:`casus.store.Store` through ``query``/``query_arrow`` with
parameterised SQL and returns frozen dataclasses with ``to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from ._analysis_sql import (
    DEDUP_MODES,
    PERIODS,
    SC,
    TC,
    Queryable,
    check_choice,
    dyad_filter,
    next_period,
    period_start,
    resolve_actor,
    sparkline,
)
from ._export import export
from ._incidents import IncidentGroup, Unit, group_units
from ._mediation import MediationItem, mediation

__all__ = [
    "Incident",
    "IncidentReport",
    "MediationItem",
    "SeriesRow",
    "WatchItem",
    "dyad_series",
    "export",
    "incidents",
    "mediation",
    "resolve_actor",
    "sparkline",
    "watch",
]

_MAX_FILL = 20_000
"""Never pad a series with more empty periods than this."""


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One period of a dyad series. Counts follow the ``dedup`` mode; ``reports`` is always
    the number of stored events and ``incidents`` the number of incidents starting then."""

    period: dt.date
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    incidents: int
    reports: int

    @property
    def quads(self) -> tuple[int, int, int, int]:
        return (
            self.verbal_cooperation,
            self.material_cooperation,
            self.verbal_conflict,
            self.material_conflict,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _jsonable(asdict(self))
        return out


@dataclass(frozen=True, slots=True)
class IncidentReport:
    """One stored event of an incident, with its evidence sentence."""

    event_id: str
    article_id: str
    cameo: str
    date: dt.date | None
    sentence: str
    trigger: str

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _jsonable(asdict(self))
        return out


@dataclass(frozen=True, slots=True)
class Incident:
    """Events that report the same real-world event (rule in ``docs/ANALYSIS.md``)."""

    incident_id: str
    date: dt.date | None
    source: str
    target: str
    cameo_root: str
    quad_class: int
    place_country: str | None
    place_name: str | None
    n_reports: int
    n_articles: int
    goldstein_mean: float
    event_ids: tuple[str, ...]
    evidence: tuple[IncidentReport, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _jsonable(asdict(self))
        return out


@dataclass(frozen=True, slots=True)
class WatchItem:
    """A dyad's escalation index for its latest active period (``docs/ANALYSIS.md``)."""

    a: str
    b: str
    period: dt.date
    events: int
    material_conflict: int
    share: float
    baseline_events: int
    baseline_share: float
    index: float
    top_incidents: tuple[Incident, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _jsonable(asdict(self))
        return out


# ---------------------------------------------------------------- units and incidents


def _date_filters(
    since: dt.date | None, until: dt.date | None, col: str = "date"
) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if since is not None:
        where.append(f"{col} >= ?")
        params.append(since)
    if until is not None:
        where.append(f"{col} <= ?")
        params.append(until)
    return where, params


_UNIT_SELECT = f"""
SELECT coalesce({SC}, '') AS s, coalesce({TC}, '') AS t, cameo_root AS root, date,
       coalesce(date_precision, '') AS prec, coalesce(location_country, '') AS lc,
       CASE WHEN location_precision = 'city'
            THEN coalesce(CAST(location_geonameid AS VARCHAR), lower(location_name), '')
            ELSE '' END AS city,
       coalesce(min(location_name), '') AS place,
       count(*) AS n, count(DISTINCT article_id) AS n_art, sum(goldstein) AS g,
       min(quad_class) AS quad, min(event_id) AS first_id{{extra}}
FROM events WHERE {{where}}
GROUP BY s, t, root, date, prec, lc, city
"""


def _units(
    store: Queryable, where: Sequence[str], params: Sequence[object], *, details: bool
) -> list[Unit]:
    extra = (
        ", list(event_id ORDER BY event_id) AS ids, list(DISTINCT article_id) AS arts"
        if details
        else ""
    )
    sql = _UNIT_SELECT.format(extra=extra, where=" AND ".join(where) or "TRUE")
    table = store.query_arrow(sql, list(params))
    cols = {name: table.column(name).to_pylist() for name in table.column_names}
    out: list[Unit] = []
    for i in range(table.num_rows):
        out.append(
            Unit(
                source=cols["s"][i],
                target=cols["t"][i],
                root=cols["root"][i] or "",
                date=cols["date"][i],
                precision=cols["prec"][i],
                country=cols["lc"][i],
                city=cols["city"][i],
                place_name=cols["place"][i],
                n_events=int(cols["n"][i]),
                n_articles=int(cols["n_art"][i]),
                goldstein_sum=float(cols["g"][i] or 0.0),
                quad_class=int(cols["quad"][i] or 0),
                first_event_id=cols["first_id"][i],
                event_ids=tuple(cols["ids"][i]) if details else (),
                article_ids=tuple(cols["arts"][i]) if details else (),
            )
        )
    return out


def _incident(group: IncidentGroup) -> Incident:
    n = group.n_events
    ids = sorted({e for u in group.units for e in u.event_ids})
    arts = {a for u in group.units for a in u.article_ids}
    return Incident(
        incident_id=group.incident_id,
        date=group.date,
        source=group.source,
        target=group.target,
        cameo_root=group.root,
        quad_class=group.units[0].quad_class,
        place_country=group.country or None,
        place_name=group.place_name or None,
        n_reports=n,
        n_articles=len(arts) if arts else max(u.n_articles for u in group.units),
        goldstein_mean=round(sum(u.goldstein_sum for u in group.units) / n, 3) if n else 0.0,
        event_ids=tuple(ids),
    )


def _attach_evidence(store: Queryable, items: list[Incident], per: int) -> list[Incident]:
    wanted = [e for inc in items for e in inc.event_ids[:per]]
    if not wanted:
        return items
    marks = ", ".join("?" for _ in wanted)
    rows = store.query(
        "SELECT event_id, article_id, cameo, date, evidence_sentence, trigger FROM events "
        f"WHERE event_id IN ({marks})",
        wanted,
    )
    found = {
        str(r["event_id"]): IncidentReport(
            event_id=str(r["event_id"]),
            article_id=str(r["article_id"]),
            cameo=str(r["cameo"]),
            date=r["date"] if isinstance(r["date"], dt.date) else None,
            sentence=str(r["evidence_sentence"] or ""),
            trigger=str(r["trigger"] or ""),
        )
        for r in rows
    }
    return [
        replace(inc, evidence=tuple(found[e] for e in inc.event_ids[:per] if e in found))
        for inc in items
    ]


def incidents(
    store: Queryable,
    a: str | None = None,
    b: str | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    directed: bool = False,
    cameo_root: str | None = None,
    min_reports: int = 1,
    limit: int = 100,
    evidence: int = 2,
) -> list[Incident]:
    """Incidents (newest first, then most reported), optionally of one dyad and CAMEO root,
    each with up to ``evidence`` evidence sentences."""
    where, params = _date_filters(since, until)
    if a is not None or b is not None:
        if a is None or b is None:
            raise ValueError("give both actors of the dyad or neither")
        frag, p = dyad_filter(resolve_actor(a), resolve_actor(b), directed)
        where.append(frag)
        params.extend(p)
    if cameo_root is not None:
        where.append("cameo_root = ?")
        params.append(cameo_root)
    groups = group_units(_units(store, where, params, details=True))
    items = [_incident(g) for g in groups if g.n_events >= min_reports]
    items.sort(key=lambda i: (-(i.date or dt.date.min).toordinal(), -i.n_reports, i.incident_id))
    return _attach_evidence(store, items[: max(0, limit)], evidence)


# ---------------------------------------------------------------- dyad series


def dyad_series(
    store: Queryable,
    a: str,
    b: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str = "day",
    directed: bool = False,
    dedup: str = "none",
    fill: bool = True,
) -> list[SeriesRow]:
    """Per-period counts per quad class, Goldstein sum and mean and incidents for a dyad.

    ``dedup``: ``none`` counts every stored event, ``daily`` at most one event per directed
    dyad, CAMEO root and day, ``incident`` one per incident. Empty periods between the first
    and last (or ``since``/``until``) are filled with zeros when ``fill``.
    """
    check_choice(by, PERIODS, "--by")
    check_choice(dedup, DEDUP_MODES, "--dedup")
    where, params = _date_filters(since, until)
    where.append("date IS NOT NULL")
    frag, p = dyad_filter(resolve_actor(a), resolve_actor(b), directed)
    where.append(frag)
    params.extend(p)
    units = _units(store, where, params, details=False)
    groups = group_units(units)

    counts: dict[dt.date, list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0.0, 0, 0, 0])
    # slots: q1, q2, q3, q4, goldstein sum, counted events, incidents, reports

    def add(day: dt.date, quad: int, g: float) -> None:
        row = counts[period_start(day, by)]
        if 1 <= quad <= 4:
            row[quad - 1] += 1
        row[4] += g
        row[5] += 1

    if dedup == "none":
        for u in units:
            assert u.date is not None
            row = counts[period_start(u.date, by)]
            if 1 <= u.quad_class <= 4:
                row[u.quad_class - 1] += u.n_events
            row[4] += u.goldstein_sum
            row[5] += u.n_events
    elif dedup == "daily":
        daily: dict[tuple[str, str, str, dt.date], list[float]] = defaultdict(lambda: [0, 0.0, 0])
        for u in units:
            assert u.date is not None
            d = daily[(u.source, u.target, u.root, u.date)]
            d[0] += u.n_events
            d[1] += u.goldstein_sum
            d[2] = u.quad_class
        for (_, _, _, day), (n, g, quad) in daily.items():
            add(day, int(quad), g / n)
    else:
        for grp in groups:
            assert grp.date is not None
            n = grp.n_events
            add(grp.date, grp.units[0].quad_class, sum(u.goldstein_sum for u in grp.units) / n)
    for grp in groups:
        assert grp.date is not None
        counts[period_start(grp.date, by)][6] += 1
    for u in units:
        assert u.date is not None
        counts[period_start(u.date, by)][7] += u.n_events

    periods = sorted(counts)
    if fill and periods:
        first = period_start(since, by) if since else periods[0]
        last = period_start(until, by) if until else periods[-1]
        allp: list[dt.date] = []
        cur = first
        while cur <= last and len(allp) < _MAX_FILL:
            allp.append(cur)
            cur = next_period(cur, by)
        periods = sorted(set(allp) | set(periods))
    out: list[SeriesRow] = []
    for per in periods:
        r = counts.get(per, [0, 0, 0, 0, 0.0, 0, 0, 0])
        n = int(r[5])
        out.append(
            SeriesRow(
                period=per,
                events=n,
                verbal_cooperation=int(r[0]),
                material_cooperation=int(r[1]),
                verbal_conflict=int(r[2]),
                material_conflict=int(r[3]),
                goldstein_sum=round(float(r[4]), 3),
                goldstein_mean=round(float(r[4]) / n, 3) if n else None,
                incidents=int(r[6]),
                reports=int(r[7]),
            )
        )
    return out


# ---------------------------------------------------------------- escalation watch

_BASELINE_FRAME = {
    "day": "INTERVAL {k} DAY PRECEDING AND INTERVAL 1 DAY PRECEDING",
    "week": "INTERVAL {d} DAY PRECEDING AND INTERVAL 1 DAY PRECEDING",
    "month": "INTERVAL {k} MONTH PRECEDING AND INTERVAL 1 DAY PRECEDING",
}
PRIOR_WEIGHT = 2.0
"""Pseudo-count of the store-wide share added to every baseline (see docs/ANALYSIS.md)."""


def _watch_sql(by: str, baseline: int, dedup: str, until: bool, since: bool) -> str:
    frame = _BASELINE_FRAME[by].format(k=int(baseline), d=int(baseline) * 7)
    base = (
        f"SELECT {SC} AS sc, {TC} AS tc, cameo_root, date, quad_class FROM events "
        "WHERE date IS NOT NULL" + (" AND date <= ?" if until else "")
    )
    distinct = "DISTINCT " if dedup == "daily" else ""
    return f"""
WITH raw AS ({base}),
u AS (SELECT {distinct}least(sc, tc) AS a, greatest(sc, tc) AS b, sc, tc, cameo_root, date,
             quad_class FROM raw WHERE sc IS NOT NULL AND tc IS NOT NULL AND sc <> tc),
p AS (SELECT a, b, CAST(date_trunc('{by}', date) AS DATE) AS p, count(*) AS n,
             count(*) FILTER (WHERE quad_class = 4) AS m FROM u GROUP BY ALL),
prior AS (SELECT coalesce(sum(m)::DOUBLE / nullif(sum(n), 0), 0.0) AS s0 FROM p),
w AS (SELECT *, coalesce(sum(n) OVER win, 0) AS nb, coalesce(sum(m) OVER win, 0) AS mb FROM p
      WINDOW win AS (PARTITION BY a, b ORDER BY p RANGE BETWEEN {frame})),
latest AS (SELECT * FROM w WHERE n >= ?{" AND p >= ?" if since else ""}
           QUALIFY row_number() OVER (PARTITION BY a, b ORDER BY p DESC) = 1),
scored AS (SELECT a, b, p, n, m, nb, mb, m::DOUBLE / n AS share,
                  (mb + {PRIOR_WEIGHT} * s0) / (nb + {PRIOR_WEIGHT}) AS base FROM latest, prior)
SELECT *, (share - base) * sqrt(n) AS idx FROM scored
ORDER BY idx DESC, n DESC, p DESC, a, b LIMIT ?
"""


def watch(
    store: Queryable,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 10,
    by: str = "week",
    baseline: int = 4,
    min_count: int = 3,
    dedup: str = "daily",
    top: int = 3,
) -> list[WatchItem]:
    """Dyads whose escalation index rose most, each with its ``top`` incidents.

    For every unordered country dyad, its latest period (starting on or after ``since``) with
    at least ``min_count`` events is compared with the ``baseline`` periods before it.
    """
    check_choice(by, PERIODS, "--by")
    check_choice(dedup, ("none", "daily"), "--dedup")
    params: list[object] = []
    if until is not None:
        params.append(until)
    params.append(int(min_count))
    if since is not None:
        params.append(period_start(since, by))
    params.append(int(limit))
    rows = store.query(
        _watch_sql(by, baseline, dedup, until is not None, since is not None), params
    )
    items = [
        WatchItem(
            a=str(r["a"]),
            b=str(r["b"]),
            period=_as_date(r["p"]),
            events=int(_num(r["n"])),
            material_conflict=int(_num(r["m"])),
            share=round(_num(r["share"]), 4),
            baseline_events=int(_num(r["nb"])),
            baseline_share=round(_num(r["base"]), 4),
            index=round(_num(r["idx"]), 4),
        )
        for r in rows
    ]
    return _with_top_incidents(store, items, by, until, top)


def _num(value: object) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    return float(str(value))


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _with_top_incidents(
    store: Queryable, items: list[WatchItem], by: str, until: dt.date | None, top: int
) -> list[WatchItem]:
    if not items or top <= 0:
        return items
    clauses: list[str] = []
    params: list[object] = []
    for it in items:
        end = next_period(it.period, by) - dt.timedelta(days=1)
        if until is not None:
            end = min(end, until)
        frag, p = dyad_filter(it.a, it.b, directed=False)
        clauses.append(f"({frag} AND date BETWEEN ? AND ?)")
        params.extend([*p, it.period, end])
    groups = group_units(_units(store, ["(" + " OR ".join(clauses) + ")"], params, details=True))
    by_dyad: dict[tuple[str, str], list[Incident]] = defaultdict(list)
    for g in groups:
        by_dyad[(min(g.source, g.target), max(g.source, g.target))].append(_incident(g))
    chosen: dict[tuple[str, str], list[Incident]] = {}
    for key, incs in by_dyad.items():
        incs.sort(key=lambda i: (-i.n_reports, -i.quad_class, i.date or dt.date.min, i.incident_id))
        chosen[key] = incs[:top]
    flat = _attach_evidence(store, [i for v in chosen.values() for i in v], 1)
    lookup = {i.incident_id: i for i in flat}
    return [
        replace(
            it,
            top_incidents=tuple(lookup[i.incident_id] for i in chosen.get((it.a, it.b), [])),
        )
        for it in items
    ]


def escalation_index(n: int, m: int, baseline_n: int, baseline_m: int, prior_share: float) -> float:
    """The index of ``docs/ANALYSIS.md`` in Python (the SQL in :func:`watch` computes the
    same): ``(m/n - (mb + w*s0)/(nb + w)) * sqrt(n)`` with ``w`` = :data:`PRIOR_WEIGHT`."""
    if n <= 0:
        return 0.0
    base = (baseline_m + PRIOR_WEIGHT * prior_share) / (baseline_n + PRIOR_WEIGHT)
    return (m / n - base) * math.sqrt(n)
