"""The event lexicon: loading, validation errors naming file and line, coverage of all 20
CAMEO roots, and the framing of actions under matrix words."""

from __future__ import annotations

import pytest

from casus.errors import ConfigError
from casus.events import Lexicon
from casus.events.lexicon import frame_code, load_codes, load_triggers

_CODES = "version\t1\n01\tStatement\t0.0\t1\t\t\n010\tStatement\t0.0\t1\t\t\n"


def test_events_lexicon_loads_with_a_version() -> None:
    lex = Lexicon.load()
    assert lex.version and "+cameo" in lex.version
    assert lex.code("195").plover == "FIGHT"
    assert lex.code("041").mode == "phone"


def test_events_lexicon_covers_every_root() -> None:
    lex = Lexicon.load()
    roots = {t.code[:2] for entries in lex.data.triggers.values() for t in entries}
    assert roots == {f"{r:02d}" for r in range(1, 21)}


def test_events_lexicon_has_verbs_and_nouns() -> None:
    lex = Lexicon.load()
    assert ("condemn", "VERB") in lex.data.triggers
    assert ("airstrike", "NOUN") in lex.data.triggers
    assert lex.data.reporting and lex.data.light_verbs and lex.data.instruments


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("version: '1'\ntriggers:\n- {lemma: attack, code: '999'}\n", 3),
        ("version: '1'\ntriggers:\n- {lemma: talk, code: '010'}\n- {lemma: x, bad: 1}\n", 4),
        ("version: '1'\ntriggers:\n- {code: '010'}\n", 3),
        ("version: '1'\ntriggers:\n- {lemma: talk, code: '010', target: [Dobj]}\n", 3),
        ("version: '1'\ntriggers:\n- {lemma: talk, code: '010', comp: maybe}\n", 3),
        (
            "version: '1'\ntriggers:\n- {lemma: talk, code: '010'}\n"
            "- {lemmas: [x, talk], code: '01'}\n",
            4,
        ),
    ],
)
def test_events_lexicon_bad_entry_names_file_and_line(text: str, line: int) -> None:
    _, codes = load_codes(_CODES)
    with pytest.raises(ConfigError) as err:
        load_triggers(text, codes, where="triggers.yaml")
    assert f"triggers.yaml:{line}" in str(err.value)


def test_events_lexicon_invalid_yaml_names_the_line() -> None:
    _, codes = load_codes(_CODES)
    with pytest.raises(ConfigError, match=r"triggers.yaml:\d+: invalid YAML"):
        load_triggers("version: '1'\ntriggers:\n- {lemma: [\n", codes, where="triggers.yaml")


def test_events_lexicon_prepositions_stay_words() -> None:
    _, codes = load_codes(_CODES)
    data = load_triggers(
        "version: '1'\ntriggers:\n- {lemma: talk, code: '010', target: [on, off, with]}\n",
        codes,
    )
    assert data.triggers[("talk", "VERB")][0].targets == ("on", "off", "with")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("01\tStatement\t0.0\t1\t\t\n", "version"),
        ("version\t1\n01\tStatement\t0.0\t3\t\t\n", "quad class"),
        ("version\t1\n01\tStatement\tx\t1\t\t\n", "numbers"),
        ("version\t1\n010\tStatement\t0.0\t1\t\t\n", "root"),
        ("version\t1\n01\tStatement\t0.0\t1\tFOO\t\n", "PLOVER"),
        ("version\t1\n01\tStatement\t0.0\t1\t\n", "columns"),
    ],
)
def test_events_lexicon_bad_cameo_table_is_a_config_error(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_codes(text, where="cameo.tsv")


@pytest.mark.parametrize(
    ("mode", "action", "base", "expected"),
    [
        ("intent", "045", "030", "039"),
        ("intent", "073", "030", "0333"),
        ("intent", "018", "030", "018"),
        ("promise", "190", "030", "138"),
        ("threat", "163", "130", "1312"),
        ("threat", "192", "130", "1382"),
        ("reject", "040", "120", "125"),
        ("reject", "0841", "120", "1243"),
        ("demand", "0841", "100", "1053"),
        ("appeal", "046", "020", "026"),
        ("appeal", "163", "020", "113"),
        ("demand", "1623", "100", "100"),
        ("appeal", "190", "020", "020"),
        ("demand", "154", "100", "1034"),
        ("appeal", "141", "020", "113"),
        ("intent", None, "030", "030"),
    ],
)
def test_events_lexicon_frame_code(mode: str, action: str | None, base: str, expected: str) -> None:
    assert frame_code(mode, action, base) == expected
    assert expected in Lexicon.load().data.codes
