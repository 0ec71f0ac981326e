"""Properties of the when and where stages on random hand-built sentences (no model)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.when import date_events
from casus.where import locate_events
from tests._builders.whenwhere import article, event, gazetteer, mention, with_parts

WORDS = [
    "on", "Friday", "last", "week", "yesterday", "in", "March", "2023", "June", "12", ",",
    "2025", "will", "today", "May", "may", "the", "army", "attacked", "Homs", "Tripoli",
    "Iran", "Iranian", "cities", "including", "of", "town", "next", "Tuesday", "ago", "two",
    "days", "2024-02-30", "31", "February", "tomorrow", "this", "month", "year",
]  # fmt: skip
PUB = dt.date(2025, 6, 14)


@st.composite
def sentences(draw: st.DrawFn) -> tuple[list[str], list[int], int, str, dt.date | None]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    n = len(words)
    heads = draw(st.lists(st.integers(-2, n + 1), min_size=n, max_size=n))
    trigger = draw(st.integers(-1, n))
    cameo = draw(st.sampled_from(["190", "036", "138", "111", "040"]))
    pub = draw(st.sampled_from([PUB, None, dt.date(2024, 1, 1)]))
    return words, heads, trigger, cameo, pub


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_when_properties_any_sentence(
    case: tuple[list[str], list[int], int, str, dt.date | None],
) -> None:
    words, heads, trigger, cameo, pub = case
    spec = " ".join(f"{w}|dep|{h}" for w, h in zip(words, heads, strict=True))
    a = article([spec], date=pub)
    s = a.sentences[0]
    e = event(s, max(0, min(trigger, len(words) - 1)), cameo)
    e = e.__class__(
        **{**{f: getattr(e, f) for f in e.__dataclass_fields__}, "trigger_index": trigger}
    )
    places = [mention(s, i, i + 1) for i, w in enumerate(words) if w in ("Homs", "Tripoli", "Iran")]
    a = with_parts(a, places, [e])
    out = locate_events(date_events(a), gazetteer()).events[0]
    assert out.date_precision in (None, "day", "month", "year", "publication")
    assert (out.date is None) == (out.date_precision is None)
    if out.date_precision == "publication":
        assert out.date == pub
    if pub is None:
        assert out.date_precision != "publication"
    if pub is not None and out.date is not None and out.date > pub:
        # only a future-tensed clause or an intent/threat event may be dated after publication
        assert "will" in words or cameo in ("036", "138")
    if out.location is not None:
        assert out.location.precision in ("city", "admin1", "country")
        assert out.location.text in ("Homs", "Tripoli", "Iran")
