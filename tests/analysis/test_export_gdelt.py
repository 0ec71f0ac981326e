"""The GDELT export as GDELT tooling reads it (issue #14): the 61 official column names,
FIPS 10-4 country codes in the ``*Geo_CountryCode`` columns, ADM1 codes where known, and
every column casus knows filled. Real DuckDB file, real gazetteer tables."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from casus import analysis
from casus.model import Location
from casus.store import Store
from tests._builders.analysis import CITIES, D, article, ev, store_with

pytestmark = pytest.mark.slow  # loads the gazetteer tables (a few seconds from the cache)

# The GDELT 2.0 Events table as the codebook names it (GDELT 1.0 has the same names, without
# the three ADM2Code columns and with a date-only DATEADDED).
OFFICIAL = """
GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode
Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode
Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale
NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code
Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code
Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code
ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL
""".split()  # noqa: SIM905  (the codebook's lines, easy to compare)

UNKNOWN = {
    f"Actor{n}{c}"
    for n in (1, 2)
    for c in ("EthnicCode", "Religion1Code", "Religion2Code", "Type2Code", "Type3Code")
} | {"AvgTone", "Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code"}
"""What casus does not know: these columns stay empty."""

BERLIN = Location("Berlin", "Berlin", "DEU", "Berlin", 52.52437, 13.41053, 2950159, "city")
MOSCOW = Location("Moscow", "Moscow", "RUS", "Moscow", 55.75222, 37.61556, 524901, "city")


@pytest.fixture
def store(tmp_db: Path) -> Store:
    meet = replace(ev("g-1", 0, "DEUGOV", "040", "RUSGOV", D(2025, 6, 2)), location=BERLIN)
    return store_with(
        tmp_db,
        [
            article(
                "g-1",
                D(2025, 6, 2),
                [
                    meet,
                    replace(ev("g-1", 1, "RUS", "111", "DEU", D(2025, 6, 2)), location=MOSCOW),
                ],
                url="https://news.example/talks",
            ),
            article(
                "g-2",
                D(2025, 6, 14),
                [
                    ev("g-2", 0, "ISRMIL", "195", "IRNGOV", D(2025, 6, 13), place="Tehran"),
                    ev("g-2", 1, "IRN", "138", "ISR", D(2025, 6, 13), place="Iran"),
                    ev("g-2", 2, "IGOUNO", "045", None, D(2025, 6, 13)),
                    ev("g-2", 3, "RUSGOV", "112", "IGOEU", D(2025, 6, 13)),
                ],
            ),
        ],
    )


@pytest.fixture
def gdelt(store: Store, tmp_path: Path) -> pd.DataFrame:
    out = tmp_path / "events.tsv"
    assert analysis.export(store, "gdelt", out) == 6
    df = pd.read_csv(out, sep="\t", header=None, names=OFFICIAL, dtype=str)
    assert df.shape == (6, 61)
    return df.set_index("EventCode", drop=False)


def test_analysis_gdelt_columns_are_the_official_ones() -> None:
    assert len(OFFICIAL) == len(set(OFFICIAL)) == 61
    assert list(analysis.exports.GDELT_COLUMNS) == OFFICIAL


def test_analysis_gdelt_geo_country_codes_are_fips(gdelt: pd.DataFrame) -> None:
    meet, accuse, strike, threat = (gdelt.loc[c] for c in ("040", "111", "195", "138"))
    # actor countries stay CAMEO/ISO3 codes; the geo columns take FIPS 10-4
    assert (meet.Actor1CountryCode, meet.Actor2CountryCode) == ("DEU", "RUS")
    assert (meet.Actor1Geo_CountryCode, meet.Actor2Geo_CountryCode) == ("GM", "RS")
    assert (strike.Actor1Geo_CountryCode, strike.Actor2Geo_CountryCode) == ("IS", "IR")
    assert (threat.Actor1Geo_CountryCode, threat.Actor2Geo_CountryCode) == ("IR", "IS")
    assert meet.ActionGeo_CountryCode == "GM" and accuse.ActionGeo_CountryCode == "RS"
    assert strike.ActionGeo_CountryCode == "IR" and threat.ActionGeo_CountryCode == "IR"
    geo = [c for c in OFFICIAL if c.endswith("Geo_CountryCode")]
    codes = set(gdelt[geo].stack().dropna())
    assert codes == {"GM", "RS", "IS", "IR"}  # no ISO3 left anywhere


def test_analysis_gdelt_adm1_names_and_points(gdelt: pd.DataFrame) -> None:
    meet, accuse, strike, threat = (gdelt.loc[c] for c in ("040", "111", "195", "138"))
    assert strike.ActionGeo_ADM1Code == "IR26"  # Tehran province, as GDELT codes it
    assert strike.ActionGeo_FullName == "Tehran, Tehran, Iran"
    assert strike.ActionGeo_FeatureID == str(CITIES["Tehran"].geonameid)
    assert (meet.ActionGeo_ADM1Code, meet.ActionGeo_FullName) == ("GM16", "Berlin, Berlin, Germany")
    assert accuse.ActionGeo_ADM1Code == "RS48"  # Moscow City
    # a country-level place: GDELT's Type 1, the FIPS code as ADM1 code and feature id
    assert threat.ActionGeo_Type == "1" and threat.ActionGeo_FullName == "Iran"
    assert threat.ActionGeo_ADM1Code == "IR" and threat.ActionGeo_FeatureID == "IR"
    # actors: their country, at country level, placed at its capital
    assert (meet.Actor1Geo_Type, meet.Actor1Geo_FullName, meet.Actor1Geo_ADM1Code) == (
        "1",
        "Germany",
        "GM",
    )
    assert float(meet.Actor1Geo_Lat) == pytest.approx(52.52, abs=0.05)
    assert float(meet.Actor2Geo_Long) == pytest.approx(37.62, abs=0.05)
    assert meet.Actor2Geo_FeatureID == "RS"


def test_analysis_gdelt_fills_every_column_casus_knows(gdelt: pd.DataFrame) -> None:
    filled = {c for c in OFFICIAL if gdelt[c].notna().any()}
    assert filled == set(OFFICIAL) - UNKNOWN
    un = gdelt.loc["045"]  # an IGO with no target and no place: nothing invented for them
    assert un.Actor1KnownGroupCode == "UNO" and pd.isna(un.Actor1CountryCode)
    assert un.Actor1Geo_Type == "0" and pd.isna(un.Actor1Geo_CountryCode)
    assert un.Actor2Geo_Type == "0" and un.ActionGeo_Type == "0"
    assert pd.isna(un.ActionGeo_FullName) and pd.isna(un.ActionGeo_CountryCode)
