"""Actor display names for the dashboard (issue #14): pronouns are named by the first full
mention of their actor in the article; hand-made events, no model."""

from __future__ import annotations

import datetime as dt

from casus.api.labels import is_pronoun, labels_for, mentions_of
from casus.model import Event, Evidence, Participant, make_event_id


def event(index: int, sentence: str, source: tuple[str, str, str], target: str) -> Event:
    text, name, code = source
    return Event(
        event_id=make_event_id("a1", index, code, "040", target),
        article_id="a1",
        sentence_index=index,
        cameo="040",
        cameo_root="04",
        plover="CONSULT",
        mode=None,
        quad_class=1,
        goldstein=1.0,
        evidence=Evidence(sentence=sentence, start=0, end=len(sentence), trigger="met"),
        confidence=0.9,
        source=Participant(text, name, code, code[:3], None),
        target=Participant(target, target, target, target, None),
        date=dt.date(2025, 6, 13),
    )


def test_labels_pronouns_take_the_first_full_mention() -> None:
    putin = ("Vladimir Putin", "RUSGOV")
    events = [
        event(2, "He met Israel.", ("He", *putin), "ISR"),
        event(
            0,
            "Russian President Vladimir Putin met Iran.",
            ("Russian President Vladimir Putin", *putin),
            "IRN",
        ),
        event(1, "Putin met Israel.", ("Putin", *putin), "ISR"),
        event(3, "Then his aide met Iran.", ("his", *putin), "IRN"),
        event(4, "She met Iran.", ("She", "Kaja Kallas", "IGOEU"), "IRN"),
    ]
    labels = labels_for(mentions_of(events))
    by_text = {e.source.text: labels[e.event_id]["source"] for e in events if e.source}
    assert by_text == {
        "He": "Russian President Vladimir Putin",
        "his": "Russian President Vladimir Putin",
        "Putin": "Putin",
        "Russian President Vladimir Putin": "Russian President Vladimir Putin",
        "She": "Kaja Kallas",  # no full mention in the article: the resolved name
    }
    assert labels[events[0].event_id]["target"] == "ISR"


def test_labels_is_pronoun() -> None:
    assert is_pronoun("he") and is_pronoun("Their") and is_pronoun("") and is_pronoun("itself")
    assert not is_pronoun("its drones") and not is_pronoun("Putin") and not is_pronoun("Moscow")
