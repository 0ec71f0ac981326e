"""Mediation (issue #6): third parties that offered, engaged in or were asked to mediate
between two parties, with the parties, dates and evidence. Rules in ``docs/ANALYSIS.md``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, replace
from typing import Any

from .sql import SC, TC, Queryable

__all__ = ["MEDIATION_ROLES", "MediationItem", "mediation", "resolve_parties"]

MEDIATION_ROLES = {
    "039": "offer",
    "045": "mediate",
    "028": "appeal",
    "108": "demand",
    "038": "accept",
    "0355": "involvement",
}
"""CAMEO codes about mediation and what the source does. For ``offer``, ``mediate``,
``appeal`` and ``demand`` the source is the third party; for ``accept`` (038, accept
mediation) and ``involvement`` (0355, allow international involvement) the source is one of
the parties and the target, if any, is the third party."""

_SOURCE_IS_THIRD = frozenset({"039", "045", "028", "108"})


@dataclass(frozen=True, slots=True)
class MediationItem:
    """One mediation event with the parties it is about."""

    event_id: str
    article_id: str
    date: dt.date | None
    cameo: str
    role: str
    third_party: str | None
    third_party_name: str | None
    parties: tuple[str, ...]
    parties_from: str
    """``target`` (the event itself named both), ``sentence`` (completed from other events of
    the same sentence), ``article`` (from the article's main conflict dyad or most named
    actors) or ``none``."""
    sentence: str
    trigger: str
    event_ids: tuple[str, ...] = ()
    """Every event this item stands for: events of one sentence with the same third party,
    role and pair of parties (in either order) are listed once."""

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        out["parties"] = list(self.parties)
        out["event_ids"] = list(self.event_ids)
        return out


@dataclass(frozen=True, slots=True)
class _Ctx:
    sentence_index: int
    source: str | None
    target: str | None
    quad_class: int


def resolve_parties(
    third: str | None,
    direct: list[str],
    sentence_index: int,
    context: list[_Ctx] | list[Any],
) -> tuple[tuple[str, ...], str]:
    """The two parties of a mediation event and where they came from (see module doc)."""
    parties: list[str] = []
    for p in direct:
        if p and p != third and p not in parties:
            parties.append(p)
    origin = "target" if len(parties) >= 2 else "none"

    def take(candidates: list[str]) -> None:
        for c in candidates:
            if len(parties) >= 2:
                return
            if c and c != third and c not in parties:
                parties.append(c)

    if len(parties) < 2:
        before = len(parties)
        same = [c for c in context if c.sentence_index == sentence_index]
        take([x for c in same for x in (c.source, c.target) if x])
        if len(parties) >= 2 and len(parties) > before:
            origin = "sentence"
    if len(parties) < 2:
        before = len(parties)
        pairs: Counter[tuple[str, str]] = Counter()
        first: dict[tuple[str, str], int] = {}
        for i, c in enumerate(context):
            if c.quad_class in (3, 4) and c.source and c.target and c.source != c.target:
                if third in (c.source, c.target):
                    continue
                key = (min(c.source, c.target), max(c.source, c.target))
                pairs[key] += 1
                first.setdefault(key, i)
        if pairs:
            best = min(pairs, key=lambda k: (-pairs[k], first[k]))
            take(list(best))
        if len(parties) < 2:
            actors: Counter[str] = Counter()
            seen: dict[str, int] = {}
            for i, c in enumerate(context):
                for x in (c.source, c.target):
                    if x:
                        actors[x] += 1
                        seen.setdefault(x, i)
            take(sorted(actors, key=lambda k: (-actors[k], seen[k])))
        if len(parties) >= 2 and len(parties) > before:
            origin = "article"
    if len(parties) < 2:
        origin = "partial" if parties else "none"
    return tuple(parties), origin


def mediation(
    store: Queryable,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 100,
) -> list[MediationItem]:
    """Mediation events (newest first, at most ``limit`` events read) with their third
    party and the two parties."""
    codes = list(MEDIATION_ROLES)
    where = [f"cameo IN ({', '.join('?' for _ in codes)})"]
    params: list[object] = [*codes]
    if since is not None:
        where.append("date >= ?")
        params.append(since)
    if until is not None:
        where.append("date <= ?")
        params.append(until)
    params.append(int(limit))
    # two steps: the newest ids from cheap columns, then their rows by (indexed) id
    ids = [
        str(r["event_id"])
        for r in store.query(
            f"SELECT event_id FROM events WHERE {' AND '.join(where)} "
            "ORDER BY date DESC NULLS LAST, event_id LIMIT ?",
            params,
        )
    ]
    if not ids:
        return []
    rows = store.query(
        f"SELECT event_id, article_id, sentence_index, date, cameo, {SC} AS sc, {TC} AS tc, "
        "source_name, target_name, evidence_sentence, trigger FROM events "
        f"WHERE event_id IN ({', '.join('?' for _ in ids)})",
        ids,
    )
    rank = {e: i for i, e in enumerate(ids)}
    rows.sort(key=lambda r: rank[str(r["event_id"])])
    if not rows:
        return []
    articles = sorted({str(r["article_id"]) for r in rows})
    ctx_rows = store.query(
        f"SELECT article_id, sentence_index, {SC} AS sc, {TC} AS tc, quad_class FROM events "
        f"WHERE article_id IN ({', '.join('?' for _ in articles)}) "
        "ORDER BY article_id, sentence_index, trigger_start NULLS LAST, event_id",
        articles,
    )
    context: dict[str, list[_Ctx]] = {}
    for c in ctx_rows:
        context.setdefault(str(c["article_id"]), []).append(
            _Ctx(
                sentence_index=int(str(c["sentence_index"])),
                source=_opt(c["sc"]),
                target=_opt(c["tc"]),
                quad_class=int(str(c["quad_class"] or 0)),
            )
        )
    out: list[MediationItem] = []
    seen: dict[tuple[object, ...], int] = {}
    for r in rows:
        cameo = str(r["cameo"])
        sc, tc = _opt(r["sc"]), _opt(r["tc"])
        if cameo in _SOURCE_IS_THIRD:
            third, third_name, direct = sc, _opt(r["source_name"]), [tc or ""]
        else:
            third, third_name, direct = tc, _opt(r["target_name"]), [sc or ""]
        parties, origin = resolve_parties(
            third, direct, int(str(r["sentence_index"])), context.get(str(r["article_id"]), [])
        )
        date = r["date"]
        key = (
            str(r["article_id"]),
            r["sentence_index"],
            third,
            MEDIATION_ROLES.get(cameo),
            frozenset(parties),
        )
        if key in seen:
            prev = out[seen[key]]
            out[seen[key]] = replace(prev, event_ids=(*prev.event_ids, str(r["event_id"])))
            continue
        seen[key] = len(out)
        out.append(
            MediationItem(
                event_id=str(r["event_id"]),
                article_id=str(r["article_id"]),
                date=date if isinstance(date, dt.date) else None,
                cameo=cameo,
                role=MEDIATION_ROLES.get(cameo, "mediation"),
                third_party=third,
                third_party_name=third_name,
                parties=parties,
                parties_from=origin,
                sentence=str(r["evidence_sentence"] or ""),
                trigger=str(r["trigger"] or ""),
                event_ids=(str(r["event_id"]),),
            )
        )
    return out


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
