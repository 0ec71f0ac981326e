"""The place columns of the GDELT export (issue #14), filled after the SQL query: FIPS 10-4
country codes, ADM1 codes, full names with the country's name, and the actors' countries.

The query (``exports._gdelt_sql``) adds three helper columns, ``_source`` and ``_target``
(the actors' ISO3 countries) and ``_place`` (the event's place as a key), which are mapped
here once per distinct value and dropped. Mapping rules are in ``docs/ANALYSIS.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

    from ..where.codes import CountryCodes, PlaceCodes

__all__ = ["HELPER_COLUMNS", "PLACE_KEY_SEPARATOR", "fill_geo"]

HELPER_COLUMNS = ("_source", "_target", "_place")
PLACE_KEY_SEPARATOR = "\x1f"
"""Between the parts of ``_place``: country, precision, geonameid, name, admin1."""

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_Values = tuple[str | None, ...]
_KEY_LIKE = re.compile(r"[A-Z]{2}\.\w+")


def _clean(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text).replace('"', "'")


def _num(value: float | None) -> str | None:
    return None if value is None else str(value)


def _actor_geo(country: CountryCodes | None) -> _Values | None:
    """An actor's country as a country-level GDELT geo (Type 1): casus codes the actor's
    country, not where in it the actor was."""
    if country is None:
        return None
    return (
        "1",
        _clean(country.name),
        country.fips,
        country.fips,
        None,
        _num(country.lat),
        _num(country.lon),
        country.fips,
    )


def _action_geo(codes: PlaceCodes, key: str) -> _Values:
    """FullName, CountryCode, ADM1Code, FeatureID of an event's place (``None``: keep the
    value the query wrote, e.g. the GeoNames id of a city)."""
    iso3, precision, gid, name, admin1 = (key.split(PLACE_KEY_SEPARATOR) + [""] * 5)[:5]
    country = codes.country(iso3)
    country_name = country.name if country else iso3
    geonameid = int(gid) if gid.isdigit() else None
    if _KEY_LIKE.fullmatch(admin1):
        admin1 = ""  # a region stored by its GeoNames key ("RS.VO"), not a name
    if precision == "country":
        full = [country_name or name]
        adm1 = country.fips if country else None
        feature = adm1
    elif precision == "admin1":
        full = [name, country_name]
        adm1 = codes.adm1(iso3, geonameid=geonameid, names=(name, admin1))
        feature = adm1
    else:
        full = [name, admin1, country_name]
        adm1 = codes.adm1(iso3, geonameid=geonameid, names=(admin1,))
        feature = None
    full_name = ", ".join(part for part in full if part) or None
    return (
        _clean(full_name) if full_name else None,
        country.fips if country else None,
        adm1,
        feature,
    )


def _put(
    table: pa.Table,
    key_column: str,
    columns: Sequence[str],
    values: Mapping[str, _Values | None],
) -> pa.Table:
    """Set ``columns`` from ``values[key]`` row by row; where a key has no values (or a value
    is ``None``) the query's value stays."""
    import pyarrow as pa
    import pyarrow.compute as pc

    known = {k: v for k, v in values.items() if v is not None}
    if not known:
        return table
    keys = pa.array(list(known), pa.string())
    index = pc.index_in(table.column(key_column), value_set=keys)
    for j, name in enumerate(columns):
        mapped = pc.take(pa.array([v[j] for v in known.values()], pa.string()), index)
        pos = table.schema.get_field_index(name)
        table = table.set_column(pos, name, pc.coalesce(mapped, table.column(name)))
    return table


def fill_geo(table: pa.Table, codes: PlaceCodes | None = None) -> pa.Table:
    """The GDELT query's result with its place columns filled and helper columns dropped."""
    import pyarrow.compute as pc

    distinct = {
        name: [k for k in pc.unique(table.column(name)).to_pylist() if k] for name in HELPER_COLUMNS
    }
    if any(distinct.values()):
        if codes is None:
            from ..where.codes import PlaceCodes  # the gazetteer tables: only when needed

            codes = PlaceCodes()
        for role, prefix in (("_source", "Actor1Geo_"), ("_target", "Actor2Geo_")):
            actor = {k: _actor_geo(codes.country(k)) for k in distinct[role]}
            table = _put(table, role, [prefix + c for c in _GEO], actor)
        places: dict[str, _Values | None] = {k: _action_geo(codes, k) for k in distinct["_place"]}
        action = ["ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code"]
        table = _put(table, "_place", [*action, "ActionGeo_FeatureID"], places)
    return table.drop_columns(list(HELPER_COLUMNS))
