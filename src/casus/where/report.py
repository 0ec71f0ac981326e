"""What ``casus places`` shows: every place-like span, its readings and scores, and the date
and place each event got (for debugging the when/where stages)."""

from __future__ import annotations

from typing import Any

from ..model import Article
from .stage import Candidate, Gazetteer, ResolvedPlace, resolve_places

__all__ = ["format_places", "places_report"]

_SHOWN = 4


def _cand(c: Candidate) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "name": c.name,
        "country": c.country,
        "admin1": c.admin1,
        "lat": c.lat,
        "lon": c.lon,
        "geonameid": c.geonameid,
        "population": c.population,
        "score": c.score,
        "reasons": list(c.reasons),
    }


def _place(p: ResolvedPlace) -> dict[str, Any]:
    return {
        "sentence": p.span.sentence_index,
        "text": p.span.text,
        "label": p.span.label,
        "source": p.span.source,
        "role": p.span.role,
        "accepted": p.accepted,
        "why": p.why,
        "best": _cand(p.best) if p.best else None,
        "candidates": [_cand(c) for c in p.candidates[:_SHOWN]],
        "n_candidates": len(p.candidates),
    }


def places_report(article: Article, gazetteer: Gazetteer) -> dict[str, Any]:
    """A JSON-ready account of the places of a coded article and its events' dates/places."""
    return {
        "article": article.id,
        "published": article.date.isoformat() if article.date else None,
        "places": [_place(p) for p in resolve_places(gazetteer, article)],
        "events": [
            {
                "sentence": e.sentence_index,
                "trigger": e.evidence.trigger,
                "cameo": e.cameo,
                "date": e.date.isoformat() if e.date else None,
                "date_precision": e.date_precision,
                "location": e.location.to_dict() if e.location else None,
            }
            for e in article.events
        ],
    }


def format_places(report: dict[str, Any]) -> str:
    """Plain-text rendering of :func:`places_report`."""
    lines = [f"article {report['article']} (published {report['published'] or 'unknown'})"]
    if not report["places"]:
        lines.append("  no place-like words found")
    for p in report["places"]:
        mark = "+" if p["accepted"] else "-"
        lines.append(
            f"{mark} s{p['sentence']} {p['text']!r} [{p['label'] or 'propn'}/{p['source']}, "
            f"role {p['role']}]: {p['why']}"
        )
        for n, c in enumerate(p["candidates"]):
            star = "*" if n == 0 and p["accepted"] else " "
            where = f"{c['lat']:.3f},{c['lon']:.3f}" if c["lat"] is not None else "no point"
            lines.append(
                f"    {star} {c['score']:6.3f} {c['kind']:<7} {c['name']} ({c['country']}"
                f"{', ' + c['admin1'] if c['admin1'] else ''}) {where}: " + "; ".join(c["reasons"])
            )
        if p["n_candidates"] > len(p["candidates"]):
            lines.append(f"      ... {p['n_candidates'] - len(p['candidates'])} more")
    if report["events"]:
        lines.append("events:")
    for e in report["events"]:
        loc = e["location"]
        place = (
            f"{loc['name']} ({loc['country']}, {loc['precision']}) {loc['lat']},{loc['lon']}"
            if loc
            else "no place"
        )
        lines.append(
            f"  s{e['sentence']} {e['trigger']!r} {e['cameo']}: "
            f"{e['date'] or 'no date'} ({e['date_precision']}) at {place}"
        )
    return "\n".join(lines)
