"""Measurements for docs/BENCHMARKS.md "Geocoding (issue #5)" (not used by the pipeline).

    python -m casus.evaluate.where_bench gold ../shared/gold/plover_dev.jsonl \
        benchmarks/where_plover_dev_countries.json
    python -m casus.evaluate.where_bench time ../shared/corpus/ipe_docs.jsonl 300
    python -m casus.evaluate.where_bench load [--traced]

``gold``: records whose gold has ``eventLoc``; the gold country is its ``country code`` when
given, else our hand annotation of the named place (the JSON file, ``id`` → ISO2 or
``"FR|DE"``). Two figures: (a) events: the first located event of the record has that
country; (b) places: the resolved place whose text matches the gold place name (else the
first accepted place of the sentence) has that country.
"""

from __future__ import annotations

import itertools
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from .. import when, where
from ..errors import InputError
from ..ingest import iter_articles
from ..model import Article
from ..pipeline import Coder
from ..settings import Settings
from ..where.gaz import fold


def _gold(gold_path: str, countries_path: str) -> None:
    annotated: dict[str, str] = json.loads(Path(countries_path).read_text("utf-8"))
    coder = Coder(Settings.load())
    n = hit_events = hit_places = any_located = 0
    rows: list[str] = []
    for line in Path(gold_path).read_text("utf-8").splitlines():
        rec = json.loads(line)
        loc = rec.get("eventLoc")
        if not loc:
            continue
        gold = loc.get("country code") or annotated.get(rec["id"])
        if not gold:
            rows.append(f"{rec['id']}: no gold country, skipped")
            continue
        n += 1
        ok = set(gold.split("|"))
        article = next(coder.code([Article(id=rec["id"], text=rec["text"])]))
        located = [e.location for e in article.events if e.location is not None]
        ev_iso2 = coder.gazetteer.iso2(located[0].country or "") if located else None
        any_located += bool(located)
        hit_events += ev_iso2 in ok
        places = [p for p in where.resolve_places(coder.gazetteer, article) if p.accepted]
        name = fold(loc["name"])
        named = [p for p in places if fold(p.span.text) in name or name in fold(p.span.text)]
        pick = (named or places)[0] if (named or places) else None
        pl_iso2 = pick.best.country if pick is not None and pick.best is not None else None
        hit_places += pl_iso2 in ok
        rows.append(
            f"{rec['id']}: gold {loc['name']!r} {gold}; event {ev_iso2}; "
            f"place {pick.span.text if pick else None!r} {pl_iso2}"
        )
    print("\n".join(rows))
    print(f"records with eventLoc and a gold country: {n}")
    print(f"(a) first located event in the gold country: {hit_events}/{n} = {hit_events / n:.1%}")
    print(f"    records with any located event: {any_located}/{n}")
    print(f"(b) resolved place in the gold country: {hit_places}/{n} = {hit_places / n:.1%}")


def _time(corpus: str, limit: int) -> None:
    settings = Settings.load()
    coder = Coder(settings)
    items = iter_articles([corpus], settings=settings)
    articles = [a for a in itertools.islice(items, limit) if not isinstance(a, InputError)]
    list(coder.code(articles[:5]))  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    coded = list(coder.code(articles))
    total, cpu_total = time.perf_counter() - t0, time.process_time() - c0
    t1, c1 = time.perf_counter(), time.process_time()
    for a in coded:
        where.locate_events(when.date_events(a), coder.gazetteer)
    ww, cpu_ww = time.perf_counter() - t1, time.process_time() - c1
    n_events = sum(len(a.events) for a in coded)
    located = sum(e.location is not None for a in coded for e in a.events)
    print(f"articles {len(coded)}, events {n_events}, located {located}")
    print(f"Coder.code total {total:.2f} s; date_events+locate_events {ww:.3f} s")
    print(f"when+where share of end-to-end time: {ww / total:.1%} (wall)")
    share = cpu_ww / cpu_total
    print(f"CPU: Coder.code {cpu_total:.2f} s; when+where {cpu_ww:.3f} s = {share:.1%}")


def _load(traced: bool) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if traced:
        tracemalloc.start()
    t0 = time.perf_counter()
    gaz = where.Gazetteer.load()
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = gaz.tables
    print(f"Gazetteer.load {took:.2f} s; cities {len(t.name)}, primary keys {len(t.primary)}, ")
    print(f"alternate keys {len(t.alternate)}, entity patterns {len(gaz.entity_patterns())}")
    print(f"max RSS grew {(after - before) / 1024:.0f} MiB during the load")
    if traced:
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"kept after load {current / 2**20:.0f} MiB (tracemalloc), peak {peak / 2**20:.0f}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["gold"] and len(argv) == 3:
        _gold(argv[1], argv[2])
    elif argv[:1] == ["time"] and len(argv) == 3:
        _time(argv[1], int(argv[2]))
    elif argv[:1] == ["load"]:
        _load(traced=argv[1:] == ["--traced"])
    else:
        print(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
