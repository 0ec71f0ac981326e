"""Exports of the stored events (issue #6): GDELT 2.0 Events TSV, PLOVER JSON Lines,
month-partitioned Parquet and flat CSV. Column mappings are documented in
``docs/ANALYSIS.md`` ("Exports")."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..store.records import CONTRACT_COLUMNS
from .gdelt_geo import HELPER_COLUMNS, PLACE_KEY_SEPARATOR, fill_geo
from .sql import Queryable, check_choice

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.csv as pacsv

__all__ = ["CSV_COLUMNS", "EXPORT_FORMATS", "GDELT_COLUMNS", "export"]

EXPORT_FORMATS = ("gdelt", "plover", "parquet", "csv")

_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
"""The 61 columns of a GDELT 2.0 Events file, in order."""

CSV_COLUMNS = CONTRACT_COLUMNS
"""Columns of CSV output: the CONTRACT fields flattened, as the ``events`` table names them."""


def _clean(expr: str) -> str:
    """SQL: a text value safe for an unquoted TSV cell (no tabs, newlines or double quotes)."""
    return f"replace(regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g'), '\"', '''')"


def _actor(role: str) -> list[str]:
    code = f"e.{role}_code"
    return [
        code,
        _clean(f"upper(e.{role}_name)"),
        f"e.{role}_country",
        f"CASE WHEN {code} LIKE 'IGO%' OR {code} LIKE 'NGO%' THEN substr({code}, 4, 3) END",
        "NULL",
        "NULL",
        "NULL",
        f"e.{role}_sector",
        "NULL",
        "NULL",
    ]


_HAS_PLACE = "(e.location_name IS NOT NULL OR e.location_lat IS NOT NULL)"
_GEO_TYPE = (
    f"CASE WHEN NOT {_HAS_PLACE} THEN 0 "
    "WHEN e.location_precision = 'country' THEN 1 "
    "WHEN e.location_precision = 'admin1' THEN "
    "(CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END) "
    "ELSE (CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END) END"
)
_ACTOR_GEO = ["0", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"]
"""Filled in Python (:func:`.gdelt_geo.fill_geo`): the actor's country, at country level."""
_ACTION_GEO = [
    _GEO_TYPE,
    "NULL",  # FullName, CountryCode and ADM1Code: filled in Python
    "NULL",
    "NULL",
    "NULL",
    "e.location_lat",
    "e.location_lon",
    "e.location_geonameid",
]
_PLACE_PARTS = ", ".join(
    f"coalesce(CAST(e.location_{part} AS VARCHAR), '')"
    for part in ("country", "precision", "geonameid", "name", "admin1")
)
_KEYS = {
    "_source": "e.source_country",
    "_target": "e.target_country",
    "_place": f"CASE WHEN {_HAS_PLACE} THEN concat_ws('{PLACE_KEY_SEPARATOR}', {_PLACE_PARTS}) END",
}
"""Helper columns the GDELT query adds for :func:`.gdelt_geo.fill_geo` (dropped there)."""
assert tuple(_KEYS) == HELPER_COLUMNS

_GDELT_EXPRS = [
    "coalesce(TRY_CAST('0x' || substr(e.event_id, 1, 15) AS BIGINT), "
    "CAST(hash(e.event_id) >> 2 AS BIGINT))",
    "strftime(e.date, '%Y%m%d')",
    "strftime(e.date, '%Y%m')",
    "strftime(e.date, '%Y')",
    "printf('%.4f', year(e.date) + (month(e.date) * 30 + day(e.date)) / 365.0)",
    *_actor("source"),
    *_actor("target"),
    "CASE WHEN e.sentence_index = 0 THEN 1 ELSE 0 END",
    "e.cameo",
    "substr(e.cameo, 1, 3)",
    "e.cameo_root",
    "e.quad_class",
    "e.goldstein",
    "1",
    "1",
    "1",
    "NULL",
    *_ACTOR_GEO,
    *_ACTOR_GEO,
    *_ACTION_GEO,
    "strftime(coalesce(a.coded_at, CAST(coalesce(e.published, a.date) AS TIMESTAMP)), "
    "'%Y%m%d%H%M%S')",
    _clean("coalesce(a.url, 'casus:article/' || e.article_id)"),
]
assert len(_GDELT_EXPRS) == len(GDELT_COLUMNS) == 61

_ORDER = " ORDER BY e.date NULLS LAST, e.event_id"


def _gdelt_sql() -> str:
    cols = ", ".join(
        f'CAST({expr} AS VARCHAR) AS "{name}"'
        for expr, name in zip(_GDELT_EXPRS, GDELT_COLUMNS, strict=True)
    )
    keys = ", ".join(f"CAST({expr} AS VARCHAR) AS {name}" for name, expr in _KEYS.items())
    return (
        f"SELECT {cols}, {keys} FROM events e LEFT JOIN articles a ON a.id = e.article_id{_ORDER}"
    )


def _prepare(path: Path, fmt: str) -> None:
    if fmt == "parquet":
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise InputError(
                "output folder exists and is not empty",
                where=str(path),
                hint="give a new folder for the partitioned Parquet export",
            )
    elif path.is_dir():
        raise InputError("is a folder", where=str(path), hint="give a file name")
    if not path.parent.exists():
        raise InputError("folder does not exist", where=str(path.parent))


def export(store: Queryable, fmt: str, path: str | Path) -> int:
    """Write every stored event to ``path`` in ``fmt``; returns the number of records."""
    import pyarrow as pa  # heavy (pyarrow.dataset pulls in pandas): only when exporting
    import pyarrow.csv as pacsv
    import pyarrow.dataset as pads

    check_choice(fmt, EXPORT_FORMATS, "--format")
    out = Path(path)
    _prepare(out, fmt)
    if fmt == "gdelt":
        opts = pacsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
        return _write_gdelt(store, out, opts)
    if fmt == "csv":
        cols = ", ".join(
            "array_to_string(e.cues, ';') AS cues" if c == "cues" else f"e.{c}" for c in CSV_COLUMNS
        )
        return _write_csv(store, f"SELECT {cols} FROM events e{_ORDER}", out, None)
    if fmt == "parquet":
        sql = (
            "SELECT e.*, coalesce(strftime(e.date, '%Y-%m'), 'unknown') AS month "
            f"FROM events e{_ORDER}"
        )
        with store.query_reader(sql) as reader:
            counted = _Counted(reader)
            pads.write_dataset(
                pa.RecordBatchReader.from_batches(reader.schema, counted),
                str(out),
                format="parquet",
                partitioning=pads.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
                basename_template="part-{i}.parquet",
            )
            return counted.rows
    return _plover(store, out)


class _Counted:
    """The batches of a reader, counting their rows as they pass."""

    def __init__(self, batches: Iterable[pa.RecordBatch]) -> None:
        self.batches = batches
        self.rows = 0

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        for batch in self.batches:
            self.rows += batch.num_rows
            yield batch


def _write_csv(store: Queryable, sql: str, out: Path, opts: pacsv.WriteOptions | None) -> int:
    """Stream a query into a CSV file batch by batch (never the whole result in memory)."""
    import pyarrow.csv as pacsv

    with store.query_reader(sql) as reader:
        rows = 0
        with pacsv.CSVWriter(str(out), reader.schema, write_options=opts) as writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
        return rows


def _write_gdelt(store: Queryable, out: Path, opts: pacsv.WriteOptions) -> int:
    """The GDELT query streamed batch by batch, each with its place columns filled
    (:func:`fill_geo`; the gazetteer codes are loaded once, for the first batch with rows)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from ..where.codes import PlaceCodes

    codes: PlaceCodes | None = None
    rows = 0
    writer: pacsv.CSVWriter | None = None
    try:
        with store.query_reader(_gdelt_sql()) as reader:
            for batch in reader:
                if batch.num_rows and codes is None:
                    codes = PlaceCodes()
                table = fill_geo(pa.Table.from_batches([batch]), codes)
                if writer is None:
                    writer = pacsv.CSVWriter(str(out), table.schema, write_options=opts)
                else:
                    table = table.cast(writer.schema)
                writer.write_table(table)
                rows += table.num_rows
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        out.write_text("", encoding="utf-8")
    return rows


def _plover(store: Queryable, out: Path) -> int:
    sql = (
        "SELECT e.*, a.title AS a_title, a.url AS a_url, a.outlet AS a_outlet, "
        "a.date AS a_date FROM events e LEFT JOIN articles a ON a.id = e.article_id "
        f"WHERE e.plover IS NOT NULL{_ORDER}"
    )
    n = 0
    with store.query_reader(sql) as reader, out.open("w", encoding="utf-8") as fh:
        for batch in reader:
            for row in batch.to_pylist():
                fh.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
                n += 1
    return n


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def _party(row: dict[str, object], role: str) -> list[dict[str, object]]:
    if row.get(f"{role}_code") is None and row.get(f"{role}_name") is None:
        return []
    return [{k: row.get(f"{role}_{k}") for k in ("name", "text", "code", "country", "sector")}]


def plover_record(row: dict[str, object]) -> dict[str, object]:
    """One PLOVER/POLECAT-shaped record from a flattened events row (joined with articles)."""
    location: list[dict[str, object]] = []
    if row.get("location_name") is not None or row.get("location_lat") is not None:
        location.append(
            {
                "name": row.get("location_name"),
                "text": row.get("location_text"),
                "country": row.get("location_country"),
                "admin1": row.get("location_admin1"),
                "lat": row.get("location_lat"),
                "lon": row.get("location_lon"),
                "geonameid": row.get("location_geonameid"),
                "feature_type": row.get("location_precision"),
            }
        )
    return {
        "id": row.get("event_id"),
        "date": _iso(row.get("date")),
        "date_precision": row.get("date_precision"),
        "event_type": row.get("plover"),
        "mode": row.get("mode"),
        "context": [],
        "actor": _party(row, "source"),
        "recipient": _party(row, "target"),
        "location": location,
        "text": row.get("evidence_sentence"),
        "trigger": row.get("trigger"),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "quad_class": row.get("quad_class"),
        "confidence": row.get("confidence"),
        "cite": {
            "story_id": row.get("article_id"),
            "sentence_index": row.get("sentence_index"),
            "title": row.get("a_title"),
            "url": row.get("a_url"),
            "publisher": row.get("a_outlet"),
            "publication_date": _iso(row.get("published") or row.get("a_date")),
            "coder": "casus",
            "run_id": row.get("run_id"),
        },
    }
