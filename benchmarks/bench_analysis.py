"""Benchmark of the analysis queries (issue #6) on one million synthetic events.

    .venv/bin/python benchmarks/bench_analysis.py [--events 1000000] [--db /tmp/bench.duckdb]

Generates the events with one SQL statement inside DuckDB (seeded, so every run builds the
same store), then times ``dyad_series``, ``watch``, ``mediation`` and ``incidents`` through the
library (each call opens the file read-only, as the CLI does) and the ``casus`` commands end
to end (a new process each, imports included). Prints a Markdown table for
``docs/BENCHMARKS.md``. A benchmark script sits at the edge, so it talks to DuckDB directly to
build the file; the timed queries go through :class:`casus.store.Store`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from casus import analysis
from casus.store import Store
from casus.store.sql import SCHEMA

COUNTRIES = [
    "ISR",
    "IRN",
    "RUS",
    "UKR",
    "USA",
    "CHN",
    "SYR",
    "IRQ",
    "LBN",
    "YEM",
    "SAU",
    "TUR",
    "EGY",
    "PSE",
    "JOR",
    "QAT",
    "ARE",
    "IND",
    "PAK",
    "AFG",
    "GBR",
    "FRA",
    "DEU",
    "POL",
    "ITA",
    "ESP",
    "NLD",
    "BEL",
    "SWE",
    "NOR",
    "FIN",
    "BLR",
    "GEO",
    "ARM",
    "AZE",
    "KAZ",
    "JPN",
    "KOR",
    "PRK",
    "TWN",
    "VNM",
    "PHL",
    "IDN",
    "MYS",
    "THA",
    "MMR",
    "BGD",
    "NGA",
    "ETH",
    "SDN",
    "SSD",
    "SOM",
    "KEN",
    "COD",
    "MLI",
    "NER",
    "BFA",
    "VEN",
    "COL",
    "BRA",
]

# (cameo, goldstein, plover, weight): a spread over all roots, mediation codes included
CODES = [
    ("010", 0.0, None, 8),
    ("012", -0.4, None, 3),
    ("018", 3.4, None, 1),
    ("020", 3.0, "DEMAND", 2),
    ("028", 4.0, "DEMAND", 1),
    ("036", 4.0, "AGREE", 3),
    ("038", 7.0, "AGREE", 1),
    ("039", 5.0, "AGREE", 1),
    ("0355", 7.0, "AGREE", 1),
    ("040", 1.0, "CONSULT", 6),
    ("042", 1.9, "CONSULT", 3),
    ("045", 5.0, "CONSULT", 1),
    ("051", 3.4, "SUPPORT", 3),
    ("061", 6.4, "COOPERATE", 2),
    ("070", 7.0, "AID", 2),
    ("081", 5.0, "CONCEDE", 1),
    ("090", -2.0, "INVESTIGATE", 1),
    ("108", -5.0, "DEMAND", 1),
    ("111", -2.0, "DISAPPROVE", 5),
    ("120", -4.0, "REJECT", 2),
    ("130", -4.4, "THREATEN", 2),
    ("138", -7.0, "THREATEN", 1),
    ("141", -6.5, "PROTEST", 3),
    ("150", -7.2, "MOBILIZE", 1),
    ("163", -8.0, "SANCTION", 1),
    ("173", -5.0, "COERCE", 2),
    ("180", -9.0, "ASSAULT", 2),
    ("190", -10.0, "FIGHT", 4),
    ("195", -10.0, "FIGHT", 3),
    ("200", -10.0, "FIGHT", 1),
]


def build(db: Path, n: int) -> None:
    if db.exists():
        db.unlink()
    con = duckdb.connect(str(db))
    try:
        for stmt in SCHEMA:
            con.execute(stmt)
        rows = []
        for cameo, g, plover, w in CODES:
            root = cameo[:2]
            r = int(root)
            quad = 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4
            rows.extend([(cameo, root, g, plover, quad)] * w)
        con.execute(
            "CREATE TEMP TABLE codes AS SELECT * FROM (VALUES "
            + ", ".join("(?, ?, ?, ?, ?)" for _ in rows)
            + ") v(cameo, root, g, plover, quad)",
            [x for row in rows for x in row],
        )
        con.execute(
            "CREATE TEMP TABLE codes_i AS SELECT row_number() OVER () - 1 AS k, * FROM codes"
        )
        con.execute(
            "CREATE TEMP TABLE countries AS SELECT i - 1 AS k, c FROM "
            "(SELECT unnest(?) AS c, generate_subscripts(?, 1) AS i)",
            [list(COUNTRIES), list(COUNTRIES)],
        )
        nc, ncode = len(COUNTRIES), len(rows)
        con.execute("SELECT setseed(0.42)")
        con.execute(
            f"""
CREATE TEMP TABLE raw0 AS
SELECT i,
       CAST(floor(pow(random(), 2.2) * {nc}) AS INTEGER) AS s,
       CAST(floor(pow(random(), 2.2) * {nc}) AS INTEGER) AS t0,
       CAST(floor(random() * {ncode}) AS INTEGER) AS code_k,
       DATE '2024-01-01' + CAST(floor(random() * 731) AS INTEGER) AS d,
       random() AS loc_r, CAST(floor(random() * 3) AS INTEGER) AS city_k,
       random() AS sector_r
FROM range({n}) r(i)"""
        )
        # rows in date order, as a news feed is ingested; four events an article
        con.execute(
            "CREATE TEMP TABLE raw AS SELECT * EXCLUDE (i), "
            "row_number() OVER (ORDER BY d, i) - 1 AS i FROM raw0 ORDER BY i"
        )
        con.execute(
            f"""
INSERT INTO events
SELECT substr(md5(CAST(i AS VARCHAR)), 1, 20), 'syn-' || CAST(i // 4 AS VARCHAR),
       CAST(i % 4 AS INTEGER), d, CASE WHEN loc_r < 0.9 THEN 'day' ELSE 'publication' END,
       sc.c, sc.c, sc.c || CASE WHEN sector_r < 0.4 THEN 'GOV' WHEN sector_r < 0.6 THEN 'MIL'
                               ELSE '' END,
       sc.c, CASE WHEN sector_r < 0.4 THEN 'GOV' WHEN sector_r < 0.6 THEN 'MIL' END,
       tc.c, tc.c, tc.c, tc.c, NULL,
       k.cameo, k.root, k.plover, NULL, k.quad, k.g,
       CASE WHEN loc_r < 0.6 THEN 'City ' || tc.c || '-' || CAST(city_k AS VARCHAR) END,
       CASE WHEN loc_r < 0.6 THEN 'City ' || tc.c || '-' || CAST(city_k AS VARCHAR) END,
       CASE WHEN loc_r < 0.6 THEN tc.c END, NULL,
       CASE WHEN loc_r < 0.6 THEN 10.0 + tc.k END, CASE WHEN loc_r < 0.6 THEN 20.0 + city_k END,
       CASE WHEN loc_r < 0.6 THEN tc.k * 10 + city_k END,
       CASE WHEN loc_r < 0.45 THEN 'city' WHEN loc_r < 0.6 THEN 'country' END,
       'Synthetic report number ' || CAST(i AS VARCHAR) || ' of a coded event.', 0, 60,
       'did', 20, 23, ['subject', 'object'], 0.8, d + 1, 'bench'
FROM raw
JOIN countries sc ON sc.k = raw.s
JOIN countries tc ON tc.k = CASE WHEN raw.t0 = raw.s THEN (raw.t0 + 1) % {nc} ELSE raw.t0 END
JOIN codes_i k ON k.k = raw.code_k
ORDER BY raw.i"""
        )
        con.execute(
            "INSERT INTO articles SELECT article_id, 'Synthetic ' || article_id, '', "
            "min(published), NULL, 'Bench Wire', 'bench', 4, count(*), now(), 'bench' "
            "FROM events GROUP BY article_id"
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    times: list[float] = []
    out: object = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), out


def _size(out: object) -> str:
    return str(len(out)) if isinstance(out, list) else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/casus-bench-analysis.duckdb"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-build", action="store_true", help="reuse an existing --db")
    args = ap.parse_args()

    if not args.no_build:
        t0 = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.events} events in {time.perf_counter() - t0:.1f}s → {args.db}")
    store = Store(args.db, read_only=True)
    total = store.query("SELECT count(*) AS n, max(date) AS last FROM events")[0]
    last = total["last"]
    assert isinstance(last, dt.date)
    top = store.dyad_counts(1)[0]
    a, b = top.a, top.b
    month_ago, quarter_ago = last - dt.timedelta(days=30), last - dt.timedelta(days=90)
    cases: list[tuple[str, Callable[[], object]]] = [
        (f"dyad {a} {b} --by day", lambda: analysis.dyad_series(store, a, b, by="day")),
        (
            f"dyad {a} {b} --by week --dedup incident",
            lambda: analysis.dyad_series(store, a, b, by="week", dedup="incident"),
        ),
        (
            f"dyad {a} {b} --by month --dedup daily",
            lambda: analysis.dyad_series(store, a, b, by="month", dedup="daily"),
        ),
        ("watch", lambda: analysis.watch(store)),
        (f"watch --since {month_ago}", lambda: analysis.watch(store, since=month_ago)),
        ("mediation", lambda: analysis.mediation(store)),
        (f"mediation --since {quarter_ago}", lambda: analysis.mediation(store, since=quarter_ago)),
        (
            f"incidents --since {month_ago}",
            lambda: analysis.incidents(store, since=month_ago, limit=50),
        ),
        (
            f"incidents --dyad {a} {b} --since {quarter_ago}",
            lambda: analysis.incidents(store, a, b, since=quarter_ago, limit=50),
        ),
    ]
    print(f"\n{total['n']} events, top dyad {a}-{b} ({top.events} events), last day {last}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load}\n"
    )
    print("| query (library call) | median s | best s | rows |")
    print("|---|---:|---:|---:|")
    for name, fn in cases:
        med, best, out = timed(fn, args.repeat)
        print(f"| `{name}` | {med:.3f} | {best:.3f} | {_size(out)} |")

    casus = str(Path(sys.executable).with_name("casus"))
    commands = [
        ["dyad", a, b, "--by", "day", "--format", "csv"],
        ["dyad", a, b, "--by", "week", "--dedup", "incident", "--format", "csv"],
        ["watch"],
        ["mediation", "--format", "jsonl"],
        ["incidents", "--since", month_ago.isoformat(), "--format", "jsonl"],
    ]
    print("\n| command (new process, imports included) | median s | best s |")
    print("|---|---:|---:|")
    for cmd in commands:
        full = [casus, *cmd, "--db", str(args.db)]

        def run(full: list[str] = full) -> None:
            subprocess.run(full, check=True, stdout=subprocess.DEVNULL)

        med, best, _ = timed(run, 3)
        print(f"| `casus {' '.join(cmd)}` | {med:.3f} | {best:.3f} |")


if __name__ == "__main__":
    main()
