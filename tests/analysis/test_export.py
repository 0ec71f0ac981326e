"""Exports (issue #6): GDELT 2.0 TSV, PLOVER JSONL, month-partitioned Parquet, flat CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from casus import analysis
from casus.analysis.exports import CSV_COLUMNS, GDELT_COLUMNS
from casus.errors import InputError
from casus.store import Store
from tests._builders.analysis import D, article, ev, store_with


@pytest.fixture
def store(tmp_db: Path) -> Store:
    return store_with(
        tmp_db,
        [
            article(
                "exp-1",
                D(2025, 6, 14),
                [
                    ev(
                        "exp-1",
                        0,
                        "ISRMIL",
                        "195",
                        "IRNGOV",
                        D(2025, 6, 13),
                        place="Tehran",
                        sentence='Jets hit "targets"\tnear the capital.',
                    ),
                    ev("exp-1", 2, "RUSGOV", "039", None, D(2025, 6, 13)),
                    ev("exp-1", 3, "RUSGOV", "018", "IRN", D(2025, 6, 13)),
                ],
                url="https://news.example/strike",
            ),
            article(
                "exp-2",
                D(2025, 7, 2),
                [ev("exp-2", 0, "IGOUNO", "045", "UKR", D(2025, 7, 1), place="Kyiv")],
            ),
            article("exp-3", None, [ev("exp-3", 0, "FRA", "040", "DEU", None)]),
        ],
    )


def test_analysis_export_gdelt_columns(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert len(GDELT_COLUMNS) == 61 and len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert analysis.export(store, "gdelt", out) == 5
    df = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str)
    assert df.shape == (5, 61)
    strike = df[df.EventCode == "195"].iloc[0]
    assert strike.Actor1Code == "ISRMIL" and strike.Actor1CountryCode == "ISR"
    assert strike.Actor1Type1Code == "MIL"
    assert strike.Actor2Code == "IRNGOV" and strike.Actor2CountryCode == "IRN"
    assert (strike.EventBaseCode, strike.EventRootCode, strike.QuadClass) == ("195", "19", "4")
    assert float(strike.GoldsteinScale) == -10.0
    assert (strike.SQLDATE, strike.MonthYear, strike.Year) == ("20250613", "202506", "2025")
    assert float(strike.FractionDate) == pytest.approx(2025 + (6 * 30 + 13) / 365, abs=1e-4)
    assert float(strike.ActionGeo_Lat) == pytest.approx(35.694)
    assert float(strike.ActionGeo_Long) == pytest.approx(51.422)
    assert strike.ActionGeo_FeatureID == "112931" and strike.ActionGeo_Type == "4"
    assert strike.ActionGeo_FullName.startswith("Tehran")
    assert strike.IsRootEvent == "1"
    assert strike.SOURCEURL == "https://news.example/strike"
    assert len(strike.DATEADDED) == 14 and strike.DATEADDED.isdigit()
    un = df[df.EventCode == "045"].iloc[0]
    assert un.Actor1Code == "IGOUNO" and un.Actor1KnownGroupCode == "UNO"
    assert pd.isna(un.Actor1CountryCode)
    mediation = df[df.EventCode == "039"].iloc[0]
    assert pd.isna(mediation.Actor2Code) and mediation.ActionGeo_Type == "0"
    assert df.GLOBALEVENTID.map(int).is_unique
    undated = df[df.EventCode == "040"].iloc[0]
    assert pd.isna(undated.SQLDATE)


def test_analysis_export_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    assert analysis.export(store, "parquet", out) == 5
    months = sorted(p.name for p in out.iterdir())
    assert months == ["month=2025-06", "month=2025-07", "month=unknown"]
    # Store.query cannot read files (#15): the Parquet is read back with DuckDB directly
    con = duckdb.connect()
    try:
        cur = con.execute(
            "SELECT * FROM read_parquet(?, hive_partitioning = true) ORDER BY event_id",
            [str(out / "**" / "*.parquet")],
        )
        names = [d[0] for d in cur.description or ()]
        back = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()
    orig = store.query("SELECT * FROM events ORDER BY event_id")
    assert [{k: v for k, v in r.items() if k != "month"} for r in back] == orig
    assert list(back[0])[: len(orig[0])] == list(orig[0])
    assert {r["month"] for r in back} == {"2025-06", "2025-07", "unknown"}
    with pytest.raises(InputError, match="not empty"):
        analysis.export(store, "parquet", out)


def test_analysis_export_plover_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    n = analysis.export(store, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == 4  # the 018 condolence has no PLOVER type and is left out
    strike = next(r for r in records if r["cameo"] == "195")
    assert strike["event_type"] == "FIGHT"
    assert strike["actor"][0]["code"] == "ISRMIL" and strike["recipient"][0]["country"] == "IRN"
    assert strike["location"][0]["name"] == "Tehran"
    assert strike["date"] == "2025-06-13"
    assert strike["text"].startswith("Jets hit")
    assert strike["cite"]["story_id"] == "exp-1"
    assert strike["cite"]["url"] == "https://news.example/strike"
    assert strike["cite"]["publication_date"] == "2025-06-14"
    offer = next(r for r in records if r["cameo"] == "039")
    assert offer["recipient"] == [] and offer["location"] == []


def test_analysis_export_csv_flat(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert analysis.export(store, "csv", out) == 5
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    strike = next(r for r in rows if r["cameo"] == "195")
    assert strike["location_name"] == "Tehran" and strike["target_country"] == "IRN"
    assert strike["evidence_sentence"] == 'Jets hit "targets"\tnear the capital.'


def test_analysis_export_rejects_bad_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--format"):
        analysis.export(store, "xlsx", tmp_path / "x")
    with pytest.raises(InputError, match="does not exist"):
        analysis.export(store, "csv", tmp_path / "missing" / "x.csv")
