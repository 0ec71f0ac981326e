"""Incidents from the store (issue #6): units in one ``GROUP BY``, the rule of
:mod:`casus.analysis.incident_rule` over their columns, then the member events of the
incidents that are shown (only those) fetched with a second query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .incident_rule import DAY_PRECISIONS, Assignment, assign, incident_id
from .sql import PERIOD_INDEX, SC, TC, Queryable

__all__ = [
    "Incident",
    "IncidentReport",
    "UnitCols",
    "assign_cols",
    "build_incidents",
    "jsonable",
    "unit_cols",
]

EPOCH = dt.date(1970, 1, 1)


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


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
        out: dict[str, Any] = jsonable(asdict(self))
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
        out: dict[str, Any] = jsonable(asdict(self))
        return out


@dataclass(frozen=True, slots=True)
class UnitCols:
    """Units column-wise, in the visiting order of the incident rule."""

    s: list[str]
    t: list[str]
    root: list[str]
    day: list[int | None]
    prec: list[str]
    lc: list[str]
    city: list[str]
    place: list[str]
    n: list[int]
    g: list[float]
    quad: list[int]
    period: list[int | None]
    ids: list[list[str]] | None = None
    """With ``details``: every unit's event ids (sorted), article ids and first report."""
    arts: list[list[str]] | None = None
    first: list[IncidentReport] | None = None

    def __len__(self) -> int:
        return len(self.s)


_CITY = (
    "CASE WHEN location_precision = 'city' "
    "THEN coalesce(CAST(location_geonameid AS VARCHAR), lower(location_name), '') ELSE '' END"
)
_UNIT_KEY = (
    f"coalesce({SC}, '') AS s, coalesce({TC}, '') AS t, coalesce(cameo_root, '') AS root, "
    "date, coalesce(date_precision, '') AS prec, coalesce(location_country, '') AS lc, "
    f"{_CITY} AS city"
)


_DETAILS = (
    ", list(event_id ORDER BY event_id) AS ids, list(DISTINCT article_id) AS arts, "
    "arg_min(article_id, event_id) AS f_art, arg_min(cameo, event_id) AS f_cameo, "
    "arg_min(evidence_sentence, event_id) AS f_sent, arg_min(trigger, event_id) AS f_trig"
)


def unit_cols(
    store: Queryable,
    where: Sequence[str],
    params: Sequence[object],
    by: str | None = None,
    *,
    details: bool = False,
) -> UnitCols:
    """Units of the events matching ``where`` (period numbers by ``by`` when given; with
    ``details`` also their event ids, articles and first report: for small selections)."""
    period = PERIOD_INDEX[by] if by else "NULL::BIGINT"
    extra = ", ids, arts, f_art, f_cameo, f_sent, f_trig" if details else ""
    sql = f"""
SELECT s, t, root, date - DATE '1970-01-01' AS dn, prec, lc, city,
       coalesce(place, '') AS place, n, g, quad, {period} AS pi{extra}
FROM (SELECT {_UNIT_KEY}, min(location_name) AS place, count(*) AS n,
             sum(goldstein) AS g, min(quad_class) AS quad{_DETAILS if details else ""}
      FROM events WHERE {" AND ".join(where) or "TRUE"}
      GROUP BY s, t, root, date, prec, lc, city)
ORDER BY s, t, root, date IS NULL, date,
         CASE WHEN city <> '' THEN 0 WHEN lc <> '' THEN 1 ELSE 2 END, lc, city, prec
"""
    table = store.query_arrow(sql, list(params))
    col = {name: table.column(name).to_pylist() for name in table.column_names}
    return UnitCols(
        s=col["s"],
        t=col["t"],
        root=col["root"],
        day=[None if d is None else int(d) for d in col["dn"]],
        prec=col["prec"],
        lc=col["lc"],
        city=col["city"],
        place=col["place"],
        n=[int(x) for x in col["n"]],
        g=[float(x or 0.0) for x in col["g"]],
        quad=[int(x or 0) for x in col["quad"]],
        period=col["pi"],
        ids=col["ids"] if details else None,
        arts=col["arts"] if details else None,
        first=[
            IncidentReport(
                event_id=ids[0],
                article_id=str(col["f_art"][i]),
                cameo=str(col["f_cameo"][i]),
                date=_day(None if col["dn"][i] is None else int(col["dn"][i])),
                sentence=str(col["f_sent"][i] or ""),
                trigger=str(col["f_trig"][i] or ""),
            )
            for i, ids in enumerate(col["ids"])
        ]
        if details
        else None,
    )


def assign_cols(cols: UnitCols) -> Assignment:
    return assign(
        cols.s,
        cols.t,
        cols.root,
        cols.day,
        [p in DAY_PRECISIONS for p in cols.prec],
        cols.lc,
        cols.city,
        cols.n,
    )


def _day(value: int | None) -> dt.date | None:
    return None if value is None else EPOCH + dt.timedelta(days=value)


def _member_ids(
    store: Queryable,
    cols: UnitCols,
    asg: Assignment,
    members: list[int],
    ids: dict[int, list[str]],
    arts: dict[int, set[str]],
) -> None:
    """Fill ``ids``/``arts`` per incident with one join of the member units' keys."""
    keys: dict[str, list[Any]] = {
        "s": [cols.s[i] for i in members],
        "t": [cols.t[i] for i in members],
        "root": [cols.root[i] for i in members],
        "d": [_day(cols.day[i]) for i in members],
        "prec": [cols.prec[i] for i in members],
        "lc": [cols.lc[i] for i in members],
        "city": [cols.city[i] for i in members],
        "k": members,
    }
    days = [d for d in (_day(cols.day[i]) for i in members) if d is not None]
    span = ""
    params: list[object] = []
    if days and len(days) == len(members):
        span = " AND date BETWEEN ? AND ?"
        params = [min(days), max(days)]
    sql = f"""
WITH v AS (SELECT unnest(?::VARCHAR[]) AS s, unnest(?::VARCHAR[]) AS t,
                  unnest(?::VARCHAR[]) AS root, unnest(?::DATE[]) AS d,
                  unnest(?::VARCHAR[]) AS prec, unnest(?::VARCHAR[]) AS lc,
                  unnest(?::VARCHAR[]) AS city, unnest(?::BIGINT[]) AS k),
e AS (SELECT event_id, article_id, {_UNIT_KEY} FROM events WHERE TRUE{span})
SELECT v.k, e.event_id, e.article_id FROM e JOIN v ON e.s = v.s AND e.t = v.t
  AND e.root = v.root AND e.date IS NOT DISTINCT FROM v.d AND e.prec = v.prec
  AND e.lc = v.lc AND e.city = v.city ORDER BY e.event_id
"""
    for r in store.query(sql, [*(keys[k] for k in keys), *params]):
        g = asg.unit_group[int(str(r["k"]))]
        ids.setdefault(g, []).append(str(r["event_id"]))
        arts.setdefault(g, set()).add(str(r["article_id"]))


def build_incidents(
    store: Queryable, cols: UnitCols, asg: Assignment, groups: Sequence[int], evidence: int
) -> list[Incident]:
    """Full :class:`Incident` values (members, articles, evidence) for the chosen groups."""
    if not groups:
        return []
    chosen = set(groups)
    members = [i for i, g in enumerate(asg.unit_group) if g in chosen]
    ids: dict[int, list[str]] = {}
    arts: dict[int, set[str]] = {}
    if cols.ids is not None and cols.arts is not None:
        for i in members:
            g = asg.unit_group[i]
            ids.setdefault(g, []).extend(cols.ids[i])
            arts.setdefault(g, set()).update(cols.arts[i])
        for g in ids:
            ids[g].sort()
    else:
        _member_ids(store, cols, asg, members, ids, arts)
    reports: dict[str, IncidentReport] = {}
    if cols.first is not None and evidence <= 1:
        reports = {cols.first[i].event_id: cols.first[i] for i in members}
    wanted = [e for g in groups for e in ids.get(g, [])[: max(0, evidence)] if e not in reports]
    if wanted:
        rows = store.query(
            "SELECT event_id, article_id, cameo, date, evidence_sentence, trigger FROM events "
            f"WHERE event_id IN ({', '.join('?' for _ in wanted)})",
            wanted,
        )
        for r in rows:
            reports[str(r["event_id"])] = IncidentReport(
                event_id=str(r["event_id"]),
                article_id=str(r["article_id"]),
                cameo=str(r["cameo"]),
                date=r["date"] if isinstance(r["date"], dt.date) else None,
                sentence=str(r["evidence_sentence"] or ""),
                trigger=str(r["trigger"] or ""),
            )
    out: list[Incident] = []
    for g in groups:
        first = asg.first_unit[g]
        units = [i for i in members if asg.unit_group[i] == g]
        n = asg.n_events[g]
        gsum = sum(cols.g[i] for i in units)
        out.append(
            Incident(
                incident_id=incident_id(
                    cols.s[first],
                    cols.t[first],
                    cols.root[first],
                    _day(asg.day[g]),
                    asg.country[g],
                    asg.city[g],
                ),
                date=_day(asg.day[g]),
                source=cols.s[first],
                target=cols.t[first],
                cameo_root=cols.root[first],
                quad_class=cols.quad[first],
                place_country=asg.country[g] or None,
                place_name=cols.place[asg.place_unit[g]] or None,
                n_reports=n,
                n_articles=len(arts.get(g, ())),
                goldstein_mean=round(gsum / n, 3) if n else 0.0,
                event_ids=tuple(ids.get(g, ())),
                evidence=tuple(
                    reports[e] for e in ids.get(g, [])[: max(0, evidence)] if e in reports
                ),
            )
        )
    return out
