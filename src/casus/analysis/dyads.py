"""From events to a picture of a conflict (issue #6): incidents, dyad series, escalation
watch, mediation and exports. Definitions live in ``docs/ANALYSIS.md``.

Every function reads a :class:`casus.store.Store` through ``query``/``query_arrow`` with
parameterised SQL and returns frozen dataclasses with ``to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from typing import Any

from ..errors import InputError
from .exports import export
from .incident_query import (
    Incident,
    IncidentReport,
    assign_cols,
    build_incidents,
    jsonable,
    unit_cols,
)
from .mediators import MediationItem, mediation
from .sql import (
    DEDUP_MODES,
    PERIOD_INDEX,
    PERIODS,
    SC,
    TC,
    Queryable,
    check_choice,
    dyad_filter,
    period_from_index,
    period_index,
    period_sql,
    resolve_actor,
    sparkline,
)

__all__ = [
    "MAX_FILL_PERIODS",
    "Incident",
    "IncidentReport",
    "MediationItem",
    "SeriesRow",
    "WatchItem",
    "dyad_series",
    "escalation_index",
    "export",
    "incidents",
    "latest_date",
    "mediation",
    "resolve_actor",
    "sparkline",
    "watch",
]

MAX_FILL_PERIODS = 2_000
"""A series filled with zeros spans at most this many periods (5 years of days, 38 of weeks,
166 of months); a longer span is an :class:`InputError` (issue #15: two events 54 years apart
answered 3.9 MB of zero rows)."""


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
        out: dict[str, Any] = jsonable(asdict(self))
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
        out: dict[str, Any] = jsonable(asdict(self))
        return out


# ---------------------------------------------------------------- incidents


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


def latest_date(store: Queryable) -> dt.date | None:
    """The latest event date in the store (``None`` when it holds no dated event)."""
    rows = store.query("SELECT max(date) AS last FROM events")
    return _as_date(rows[0]["last"]) if rows and rows[0]["last"] is not None else None


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
    each with its event ids and up to ``evidence`` evidence sentences."""
    where, params = _date_filters(since, until)
    if a is not None or b is not None:
        if a is None or b is None:
            raise InputError("give both actors of the dyad or neither", where="--dyad")
        frag, p = dyad_filter(resolve_actor(a), resolve_actor(b), directed)
        where.append(frag)
        params.extend(p)
    if cameo_root is not None:
        where.append("cameo_root = ?")
        params.append(cameo_root)
    cols = unit_cols(store, where, params)
    asg = assign_cols(cols)
    # newest first, then most reported, then visiting order (dyad, root): deterministic
    order = heapq.nsmallest(
        max(0, limit),
        (g for g in range(len(asg.first_unit)) if asg.n_events[g] >= min_reports),
        key=lambda g: (-_or(asg.day[g], -(10**9)), -asg.n_events[g], g),
    )
    return build_incidents(store, cols, asg, order, evidence)


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
    fill: bool = False,
) -> list[SeriesRow]:
    """Per-period counts per quad class, Goldstein sum and mean and incidents for a dyad.

    ``dedup``: ``none`` counts every stored event, ``daily`` at most one event per directed
    dyad, CAMEO root and day, ``incident`` one per incident. Only periods with events are
    returned, unless ``fill``: then every period between the first and last (or ``since``/
    ``until``) is, with zeros, for a span of at most :data:`MAX_FILL_PERIODS` periods.
    """
    check_choice(by, PERIODS, "--by")
    check_choice(dedup, DEDUP_MODES, "--dedup")
    where, params = _date_filters(since, until)
    where.append("date IS NOT NULL")
    frag, p = dyad_filter(resolve_actor(a), resolve_actor(b), directed)
    where.append(frag)
    params.extend(p)
    cols = unit_cols(store, where, params, by)
    asg = assign_cols(cols)
    per = [int(x or 0) for x in cols.period]

    # per period: q1, q2, q3, q4, goldstein sum, counted events, incidents, reports
    counts: dict[int, list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0.0, 0, 0, 0])
    if dedup == "none":
        for i in range(len(cols)):
            row = counts[per[i]]
            q = cols.quad[i]
            if 1 <= q <= 4:
                row[q - 1] += cols.n[i]
            row[4] += cols.g[i]
            row[5] += cols.n[i]
    elif dedup == "daily":
        daily: dict[tuple[str, str, str, int | None], list[float]] = {}
        for i in range(len(cols)):
            key = (cols.s[i], cols.t[i], cols.root[i], cols.day[i])
            d = daily.get(key)
            if d is None:
                daily[key] = [cols.n[i], cols.g[i], cols.quad[i], per[i]]
            else:
                d[0] += cols.n[i]
                d[1] += cols.g[i]
        for n_, g_, q_, pi_ in daily.values():
            row = counts[int(pi_)]
            if 1 <= q_ <= 4:
                row[int(q_) - 1] += 1
            row[4] += g_ / n_
            row[5] += 1
    gsum = [0.0] * len(asg.first_unit)
    for i, g in enumerate(asg.unit_group):
        gsum[g] += cols.g[i]
    for g, first in enumerate(asg.first_unit):
        row = counts[per[first]]
        row[6] += 1
        if dedup == "incident":
            q = cols.quad[first]
            if 1 <= q <= 4:
                row[q - 1] += 1
            row[4] += gsum[g] / asg.n_events[g]
            row[5] += 1
    for i in range(len(cols)):
        counts[per[i]][7] += cols.n[i]

    periods = sorted(counts)
    if fill and (periods or (since and until)):
        lo = period_index(since, by) if since else periods[0]
        hi = period_index(until, by) if until else periods[-1]
        if hi - lo >= MAX_FILL_PERIODS:
            start, end = period_from_index(lo, by), period_from_index(hi, by)
            raise InputError(
                f"{hi - lo + 1:,} {by}s from {start} to {end} are too many to fill with zeros "
                f"(at most {MAX_FILL_PERIODS:,})",
                where="fill",
                hint="count by week or month, narrow since/until, or leave out fill to get "
                "only the periods with events",
            )
        periods = sorted(set(range(lo, hi + 1)) | set(periods))
    out: list[SeriesRow] = []
    for pi in periods:
        r = counts.get(pi, [0, 0, 0, 0, 0.0, 0, 0, 0])
        n = int(r[5])
        out.append(
            SeriesRow(
                period=period_from_index(pi, by),
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

PRIOR_WEIGHT = 2.0
"""Pseudo-count of the window-wide share added to every baseline (see docs/ANALYSIS.md)."""
DEFAULT_WINDOW_DAYS = 90
"""``watch`` without ``since`` looks at the 90 days up to ``until`` (the last stored date)."""


def _watch_sql(by: str, baseline: int, dedup: str) -> str:
    k = int(baseline)
    # a coarse date prefilter reaching at least K whole periods before ``since``; the exact
    # baseline start is applied on period numbers below
    slack = {"day": k, "week": 7 * k + 7, "month": 31 * k + 31}[by]
    cond = f"date >= (SELECT since FROM bounds) - {slack} AND date <= (SELECT until FROM bounds)"
    if dedup == "daily":
        units = (
            f"SELECT {SC} AS sc, {TC} AS tc, cameo_root, date, min(quad_class) AS q "
            f"FROM events WHERE {cond} GROUP BY ALL"
        )
    else:
        units = f"SELECT {SC} AS sc, {TC} AS tc, date, quad_class AS q FROM events WHERE {cond}"
    return f"""
WITH lim AS (SELECT coalesce(CAST(? AS DATE), max(date)) AS until FROM events),
b0 AS (SELECT until, coalesce(CAST(? AS DATE), until - {DEFAULT_WINDOW_DAYS}) AS since FROM lim),
bounds AS (SELECT until, since, {period_sql(by, "since")} AS first_pi FROM b0),
u AS ({units}),
p AS (SELECT least(sc, tc) AS a, greatest(sc, tc) AS b, {PERIOD_INDEX[by]} AS pi,
             count(*) AS n, count(*) FILTER (WHERE q = 4) AS m
      FROM u WHERE sc <> tc GROUP BY ALL
      HAVING pi >= (SELECT first_pi FROM bounds) - {k}),
w AS (SELECT *, coalesce(sum(m) OVER () / nullif(sum(n) OVER (), 0), 0.0) AS s0,
             coalesce(sum(n) OVER win, 0) AS nb, coalesce(sum(m) OVER win, 0) AS mb FROM p
      WINDOW win AS (PARTITION BY a, b ORDER BY pi RANGE BETWEEN {k} PRECEDING AND 1 PRECEDING)),
scored AS (SELECT a, b, pi, n, m, nb, mb, m::DOUBLE / n AS share,
                  (mb + {PRIOR_WEIGHT} * s0) / (nb + {PRIOR_WEIGHT}) AS base
           FROM w WHERE n >= ? AND pi >= (SELECT first_pi FROM bounds)),
best AS (SELECT *, (share - base) * sqrt(n) AS idx FROM scored
         QUALIFY row_number() OVER (PARTITION BY a, b ORDER BY idx DESC, pi DESC) = 1)
SELECT *, (SELECT until FROM bounds) AS until FROM best WHERE idx > ?
ORDER BY idx DESC, n DESC, pi DESC, a, b LIMIT ?
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
    min_index: float | None = 0.0,
) -> list[WatchItem]:
    """Dyads whose escalation index rose most, each with its ``top`` incidents.

    ``until`` defaults to the last stored event date, ``since`` to 90 days before it. For
    every unordered country dyad, each period starting in ``[since, until]`` with at least
    ``min_count`` events is compared with the ``baseline`` periods before it; a dyad is listed
    with its highest index (ties: the latest period), dyads ranked by that index. Only
    indices above ``min_index`` are listed (``None``: all, calming dyads included).
    """
    check_choice(by, PERIODS, "--by")
    check_choice(dedup, ("none", "daily"), "--dedup")
    floor = -math.inf if min_index is None else float(min_index)
    params: list[object] = [until, since, int(min_count), floor, int(limit)]
    rows = store.query(_watch_sql(by, baseline, dedup), params)
    if rows and until is None:
        until = _as_date(rows[0]["until"])
    items = [
        WatchItem(
            a=str(r["a"]),
            b=str(r["b"]),
            period=period_from_index(int(_num(r["pi"])), by),
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


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


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
    ends: list[dt.date] = []
    for it in items:
        end = period_from_index(period_index(it.period, by) + 1, by) - dt.timedelta(days=1)
        if until is not None:
            end = min(end, until)
        ends.append(end)
        frag, p = dyad_filter(it.a, it.b, directed=False)
        clauses.append(f"({frag} AND date BETWEEN ? AND ?)")
        params.extend([*p, it.period, end])
    cols = unit_cols(
        store,
        ["date BETWEEN ? AND ?", "(" + " OR ".join(clauses) + ")"],
        [min(it.period for it in items), max(ends), *params],
        details=True,
    )
    asg = assign_cols(cols)
    by_dyad: dict[tuple[str, str], list[int]] = defaultdict(list)
    for g, first in enumerate(asg.first_unit):
        s, t = cols.s[first], cols.t[first]
        by_dyad[(min(s, t), max(s, t))].append(g)
    chosen: list[int] = []
    for groups in by_dyad.values():
        groups.sort(key=lambda g: (-asg.n_events[g], -cols.quad[asg.first_unit[g]], g))
        chosen.extend(groups[:top])
    built = build_incidents(store, cols, asg, chosen, 1)
    found: dict[tuple[str, str], list[Incident]] = defaultdict(list)
    for inc in built:
        found[(min(inc.source, inc.target), max(inc.source, inc.target))].append(inc)
    return [replace(it, top_incidents=tuple(found.get((it.a, it.b), []))) for it in items]


def escalation_index(n: int, m: int, baseline_n: int, baseline_m: int, prior_share: float) -> float:
    """The index of ``docs/ANALYSIS.md`` in Python (the SQL in :func:`watch` computes the
    same): ``(m/n - (mb + w*s0)/(nb + w)) * sqrt(n)`` with ``w`` = :data:`PRIOR_WEIGHT`."""
    if n <= 0:
        return 0.0
    base = (baseline_m + PRIOR_WEIGHT * prior_share) / (baseline_n + PRIOR_WEIGHT)
    return (m / n - base) * math.sqrt(n)
