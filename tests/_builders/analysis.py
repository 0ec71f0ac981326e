"""Hand-built articles and events for the analysis tests (issue #6); no model needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from casus.model import Article, Event, Evidence, Location, Participant, make_event_id
from casus.store import Store

PLOVER = {
    "01": None,
    "03": "AGREE",
    "04": "CONSULT",
    "11": "DISAPPROVE",
    "13": "THREATEN",
    "18": "ASSAULT",
    "19": "FIGHT",
    "02": "DEMAND",
    "10": "DEMAND",
}
GOLDSTEIN = {"03": 5.0, "04": 1.0, "11": -2.0, "13": -4.4, "18": -9.0, "19": -10.0}

CITIES = {
    "Tehran": Location("Tehran", "Tehran", "IRN", "Tehran", 35.694, 51.422, 112931, "city"),
    "Isfahan": Location("Isfahan", "Isfahan", "IRN", "Isfahan", 32.652, 51.675, 418863, "city"),
    "Iran": Location("Iran", "Iran", "IRN", None, 32.0, 53.0, 130758, "country"),
    "Kyiv": Location("Kyiv", "Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448, "city"),
}


def quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def party(code: str | None) -> Participant | None:
    if code is None:
        return None
    country = None if code.startswith(("IGO", "NGO")) else code[:3]
    sector = code[3:] or None
    return Participant(text=code, name=code, code=code, country=country, sector=sector)


def ev(
    article_id: str,
    sentence_index: int,
    source: str | None,
    cameo: str,
    target: str | None,
    date: dt.date | None,
    *,
    place: str | None = None,
    precision: str = "day",
    sentence: str = "",
) -> Event:
    root = cameo[:2]
    text = sentence or f"{source} did {cameo} to {target} (report {article_id})."
    return Event(
        event_id=make_event_id(article_id, sentence_index, source, cameo, target),
        article_id=article_id,
        sentence_index=sentence_index,
        cameo=cameo,
        cameo_root=root,
        plover=PLOVER.get(root, "COOPERATE"),
        mode=None,
        quad_class=quad(root),
        goldstein=GOLDSTEIN.get(root, 0.0),
        evidence=Evidence(sentence=text, start=0, end=len(text), trigger=cameo),
        confidence=0.8,
        source=party(source),
        target=party(target),
        date=date,
        date_precision=precision if date else None,
        location=CITIES[place] if place else None,
    )


def article(
    article_id: str, date: dt.date | None, events: Sequence[Event], *, url: str | None = None
) -> Article:
    text = " ".join(e.evidence.sentence for e in events) or "Nothing happened."
    return Article(
        id=article_id,
        text=text,
        date=date,
        title=f"Report {article_id}",
        url=url,
        outlet="Test Wire",
        origin="test",
        events=tuple(events),
    )


def store_with(db: Path, articles: Sequence[Article]) -> Store:
    store = Store(db)
    store.write(list(articles))
    return store


D = dt.date
