"""Hand-built coded articles for store and CLI tests (no model needed)."""

from __future__ import annotations

import datetime as dt

from casus.model import (
    Article,
    Event,
    Evidence,
    Location,
    Participant,
    Sentence,
    make_event_id,
)

_COUNTRIES = {
    "RUS": "Russia",
    "UKR": "Ukraine",
    "ISR": "Israel",
    "IRN": "Iran",
    "FRA": "France",
    "QAT": "Qatar",
}
_CODES = {
    "042": ("04", "CONSULT", 1, 1.9),
    "111": ("11", "DISAPPROVE", 3, -2.0),
    "190": ("19", "FIGHT", 4, -10.0),
    "057": ("05", "AGREE", 1, 8.0),
}


def party(code: str, sector: str | None = None, name: str | None = None) -> Participant:
    country = code[:3]
    return Participant(
        text=name or _COUNTRIES[country],
        name=name or _COUNTRIES[country],
        code=code,
        country=country,
        sector=sector,
    )


def event(
    article_id: str,
    sentence: Sentence,
    source: Participant | None,
    cameo: str,
    target: Participant | None,
    *,
    date: dt.date | None = None,
    place: Location | None = None,
) -> Event:
    root, plover, quad, goldstein = _CODES[cameo]
    trigger = sentence.text.split()[1]
    t_start = sentence.start + sentence.text.index(trigger)
    return Event(
        event_id=make_event_id(
            article_id,
            sentence.index,
            source.code if source else None,
            cameo,
            target.code if target else None,
        ),
        article_id=article_id,
        sentence_index=sentence.index,
        cameo=cameo,
        cameo_root=root,
        plover=plover,
        mode=None,
        quad_class=quad,
        goldstein=goldstein,
        evidence=Evidence(
            sentence=sentence.text,
            start=sentence.start,
            end=sentence.end,
            trigger=trigger,
            trigger_start=t_start,
            trigger_end=t_start + len(trigger),
            cues=("nsubj", "dobj"),
        ),
        confidence=0.75,
        source=source,
        target=target,
        date=date,
        date_precision="day" if date else None,
        location=place,
    )


def article(
    article_id: str, sentences: list[str], *, date: dt.date | None = None, outlet: str = "TEST"
) -> Article:
    """An article whose sentences are joined by one space, with correct offsets."""
    parts: list[Sentence] = []
    pos = 0
    for i, text in enumerate(sentences):
        parts.append(Sentence(index=i, start=pos, end=pos + len(text), text=text))
        pos += len(text) + 1
    return Article(
        id=article_id,
        text=" ".join(sentences),
        date=date,
        title=f"Title of {article_id}",
        outlet=outlet,
        origin=f"{article_id}.txt",
        sentences=tuple(parts),
    )


KYIV = Location("Kyiv", "Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448, "city")
DOHA = Location("Doha", "Doha", "QAT", "Baladiyat ad Dawhah", 25.29, 51.53, 290030, "city")


def corpus() -> list[Article]:
    """Three coded articles with five events between them."""
    from dataclasses import replace

    a = article(
        "a1",
        ["Russia attacked Ukraine overnight.", "France condemned the strike on Kyiv."],
        date=dt.date(2025, 6, 1),
    )
    a = replace(
        a,
        events=(
            event(
                "a1", a.sentences[0], party("RUS"), "190", party("UKR"), date=dt.date(2025, 5, 31)
            ),
            event("a1", a.sentences[1], party("FRAGOV", "GOV"), "111", party("RUS"), place=KYIV),
        ),
    )
    b = article(
        "b2",
        ["Iran met Qatar in Doha.", "Israel struck Iran again."],
        date=dt.date(2025, 6, 14),
        outlet="MENAFN",
    )
    b = replace(
        b,
        events=(
            event("b2", b.sentences[0], party("IRN"), "042", party("QAT"), place=DOHA),
            event(
                "b2", b.sentences[1], party("ISRMIL", "MIL", "Israeli army"), "190", party("IRN")
            ),
        ),
    )
    c = article("c3", ["Ukraine agreed with Russia on prisoners."], date=dt.date(2025, 7, 2))
    c = replace(
        c, events=(event("c3", c.sentences[0], party("UKRGOV", "GOV"), "057", party("RUS")),)
    )
    return [a, b, c]
