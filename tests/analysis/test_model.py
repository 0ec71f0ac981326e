"""Analysis over the real coder (issue #6): one incident told three ways counts once, and
the acceptance story (bundled samples + the seed article) reads as an analyst expects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casus import analysis
from casus.ingest import iter_articles, iter_samples, read_text_article
from casus.pipeline import Coder
from casus.settings import Settings
from casus.store import Store

# Three reports, worded differently, of one (invented) strike: same day, dyad, root, place.
THREE = [
    " date 2025-10-08 three-a\nStrike near Shiraz\n"
    "Israeli jets bombed an Iranian missile depot near Shiraz on Tuesday, according to "
    "Iranian state media.",
    " date 2025-10-08 three-b\nIsrael hits weapons site\n"
    "Israel attacked an Iranian weapons facility outside Shiraz on Tuesday night, two "
    "officials said.",
    " date 2025-10-09 three-c\nTehran condemns raid\n"
    "Israeli warplanes struck an Iranian military base in Shiraz on Tuesday, the Iranian "
    "foreign ministry said on Thursday.",
]


@pytest.mark.model
def test_analysis_model_three_articles_one_incident(coder: Coder, tmp_db: Path) -> None:
    settings = Settings.load()
    articles = [
        read_text_article(t, origin=f"three-{i}", settings=settings) for i, t in enumerate(THREE)
    ]
    coded = list(coder.code(articles))
    store = Store(tmp_db)
    store.write(coded)
    since, until = dt.date(2025, 10, 6), dt.date(2025, 10, 12)
    none, once = (
        analysis.dyad_series(store, "ISR", "IRN", since=since, until=until, by="week", dedup=d)
        for d in ("none", "incident")
    )
    assert [r.material_conflict for r in none] == [3]
    assert [r.material_conflict for r in once] == [1]
    assert [r.incidents for r in once] == [1]
    found = analysis.incidents(store, "ISR", "IRN", directed=True, cameo_root="19")
    assert len(found) == 1 and found[0].n_articles == 3
    assert found[0].date == dt.date(2025, 10, 7)


@pytest.mark.model
def test_analysis_model_acceptance_seed_story(coder: Coder, shared_dir: Path, tmp_db: Path) -> None:
    settings = Settings.load()
    seed = [
        a
        for a in iter_articles([str(shared_dir / "seed" / "article-403.txt")], settings=settings)
        if not isinstance(a, Exception)
    ]
    store = Store(tmp_db)
    store.write(list(coder.code([*iter_samples(settings), *seed])))

    rows = analysis.dyad_series(store, "ISR", "IRN", by="day")
    strike_day = {r.period: r for r in rows}[dt.date(2025, 6, 13)]
    assert strike_day.material_conflict >= 1

    russia = [m for m in analysis.mediation(store) if m.third_party == "RUS"]
    assert any(set(m.parties) == {"ISR", "IRN"} and "mediat" in m.sentence for m in russia)

    top = analysis.watch(store)[0]
    assert (top.a, top.b) == ("IRN", "ISR")
    assert top.top_incidents and top.top_incidents[0].evidence
