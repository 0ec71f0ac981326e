"""Issue #14: seats of government are actors by metonymy, never the place of an event."""

from __future__ import annotations

import pytest

from casus import Coder
from casus.ingest import read_text_article
from casus.where import resolve_places

pytestmark = pytest.mark.model

TEXT = (
    "The US president announced the bombing of three Iranian nuclear sites from the White "
    "House on Sunday. The president spoke from the Kremlin and condemned the raids on Iran. "
    "Speaking at the Elysee, the French president condemned the strikes on Isfahan. "
    "Downing Street and the Pentagon held talks, while the Blue House and Zhongnanhai "
    "urged restraint."
)
SEATS = ("White House", "Kremlin", "Elysee", "Downing Street", "Pentagon", "Blue House")


def test_seats_of_government_are_never_geocoded(coder: Coder) -> None:
    article = read_text_article(TEXT, origin="seats.txt", settings=coder.settings)
    coded = next(coder.code([article]))
    assert coded.events
    for event in coded.events:
        loc = event.location
        assert loc is None or not any(s.lower() in loc.text.lower() for s in SEATS), loc
    for place in resolve_places(coder.gazetteer, coded):
        if any(s.lower() in place.span.text.lower() for s in (*SEATS, "Zhongnanhai")):
            assert not place.accepted, place
    # the White House is still the actor: the US government
    assert any(e.source and e.source.code.startswith("USA") for e in coded.events)


def test_seat_names_are_non_places_in_the_gazetteer(coder: Coder) -> None:
    for name in ("White House", "the White House", "Kremlin", "Élysée", "Zhongnanhai"):
        assert coder.gazetteer.candidates(name) == [], name
