"""Actors on real parses (spaCy model), with our own sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.actors import resolve
from casus.model import Article, Mention
from casus.pipeline import Coder

pytestmark = pytest.mark.model


def _resolved(coder: Coder, text: str, day: dt.date | None = None) -> Article:
    """``text`` parsed whole (parse-less mode would leave its sentences with no event
    unparsed, see ``tests/nlp/test_cheap.py``) and resolved with ``coder``'s actors."""
    parsed = coder.parser.parse_one(Article(id="m", text=text, date=day))
    return resolve(parsed, coder.actors)


def _by_word(art: Article, word: str, sentence: int = 0) -> Mention:
    for m in art.mentions:
        s = art.sentences[m.sentence_index]
        if m.sentence_index == sentence and s.tokens[m.head].text == word:
            return m
    raise AssertionError(f"no mention headed by {word!r}: {art.mentions}")


def test_actors_model_titled_people_and_coreference(full_coder: Coder) -> None:
    art = _resolved(
        full_coder,
        "Turkish President Recep Tayyip Erdogan telephoned Egyptian Foreign Minister "
        "Badr Abdelatty on Tuesday. Erdogan said he wanted calm in the region.",
        dt.date(2025, 3, 4),
    )
    erdogan = _by_word(art, "Erdogan")
    assert erdogan.actor is not None and erdogan.actor.code == "TURGOV"
    assert erdogan.text == "Turkish President Recep Tayyip Erdogan"
    other = _by_word(art, "Abdelatty")
    assert other.actor is not None and other.actor.code == "EGYGOV"
    assert _by_word(art, "Erdogan", 1).actor == erdogan.actor
    he = _by_word(art, "he", 1)
    assert he.actor == erdogan.actor and he.label == "PRON"


def test_actors_model_unlisted_person_by_title(full_coder: Coder) -> None:
    art = _resolved(
        full_coder,
        "Ghanaian Interior Minister Kwame Boateng met protesters in Accra. "
        "Boateng promised an inquiry.",
    )
    first = _by_word(art, "Boateng")
    assert first.actor is not None and first.actor.code == "GHAGOV"
    assert _by_word(art, "Boateng", 1).actor == first.actor
    protesters = _by_word(art, "protesters")
    assert protesters.actor is not None and protesters.actor.sector == "OPP"


def test_actors_model_sector_phrases(coder: Coder) -> None:
    art = _resolved(
        coder,
        "Sudanese troops clashed with rebels near the border while Egypt's army watched.",
    )
    troops = _by_word(art, "troops")
    assert troops.actor is not None and troops.actor.code == "SDNMIL"
    army = _by_word(art, "army")
    assert army.actor is not None and army.actor.code == "EGYMIL"


def test_actors_model_metonyms_and_igos(coder: Coder) -> None:
    art = _resolved(
        coder,
        "The Kremlin rejected the proposal, and the United Nations asked Beijing to help.",
    )
    assert _by_word(art, "Kremlin").actor is not None
    assert _by_word(art, "Kremlin").actor.code == "RUSGOV"  # type: ignore[union-attr]
    un = _by_word(art, "Nations")
    assert un.actor is not None and un.actor.code == "IGOUNO" and un.actor.country is None
    beijing = _by_word(art, "Beijing")
    assert beijing.actor is not None and beijing.actor.code == "CHNGOV"
    assert beijing.via == "metonym"


def test_actors_model_lowercase_text(coder: Coder) -> None:
    art = _resolved(coder, "the us and south korea warned pakistani militants on monday.")
    codes = {m.actor.code for m in art.mentions if m.actor is not None}
    assert {"USA", "KOR"} <= codes
    assert "PAKREB" in codes


def test_actors_model_date_picks_the_office(coder: Coder) -> None:
    text = "Mark Rutte met Olaf Scholz in Berlin."
    early = _resolved(coder, text, dt.date(2022, 5, 1))
    late = _resolved(coder, text, dt.date(2025, 5, 1))
    assert _by_word(early, "Rutte").actor.code == "NLDGOV"  # type: ignore[union-attr]
    assert _by_word(late, "Rutte").actor.code == "IGONATO"  # type: ignore[union-attr]


def test_actors_model_a_national_organisation_of_another_country(coder: Coder) -> None:
    """A party matched by its name takes the country named before it; a hyphenated
    modifier (*Iran-backed*) is no such country."""
    art = _resolved(
        coder,
        "The Kenyan Democratic Party condemned the ruling. The Iran-backed Hezbollah "
        "fired rockets.",
    )
    party = _by_word(art, "Party")
    assert party.actor is not None and party.actor.code == "KENPTY"
    group = _by_word(art, "Hezbollah", 1)
    assert group.actor is not None and group.actor.country == "LBN"


def test_actors_model_a_seat_named_with_another_country(coder: Coder) -> None:
    """A seat that many countries have (a defence ministry) takes the country before it."""
    art = _resolved(coder, "Chile's Ministry of Defence said its jets struck rebel camps.")
    seat = _by_word(art, "Ministry")
    assert seat.actor is not None and seat.actor.code == "CHLMIL"
