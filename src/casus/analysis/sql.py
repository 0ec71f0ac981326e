"""SQL fragments and small pure helpers shared by ``dyads`` and ``exports`` (issue #6).

Every identifier put into SQL text comes from a constant here; every value travels as a
``?`` parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

import pycountry

from ..errors import InputError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "DEDUP_MODES",
    "PERIODS",
    "PERIOD_INDEX",
    "SC",
    "TC",
    "Queryable",
    "country_name",
    "dyad_filter",
    "period_from_index",
    "period_index",
    "period_sql",
    "period_start",
    "resolve_actor",
    "sparkline",
]

SC = "coalesce(source_country, source_code)"
"""Country-level key of the source: its ISO3 country, else its code (IGOs, NGOs)."""
TC = "coalesce(target_country, target_code)"
DEDUP_MODES = ("none", "daily", "incident")
PERIODS = ("day", "week", "month")

_ALIASES = {
    "RUSSIA": "RUS",
    "UK": "GBR",
    "BRITAIN": "GBR",
    "GREAT BRITAIN": "GBR",
    "ENGLAND": "GBR",
    "US": "USA",
    "U.S.": "USA",
    "AMERICA": "USA",
    "UNITED STATES OF AMERICA": "USA",
    "TURKEY": "TUR",
    "IVORY COAST": "CIV",
    "SOUTH KOREA": "KOR",
    "NORTH KOREA": "PRK",
    "IRAN": "IRN",
    "SYRIA": "SYR",
    "VIETNAM": "VNM",
    "LAOS": "LAO",
    "BOLIVIA": "BOL",
    "VENEZUELA": "VEN",
    "TANZANIA": "TZA",
    "MOLDOVA": "MDA",
    "CZECHIA": "CZE",
    "CZECH REPUBLIC": "CZE",
    "PALESTINE": "PSE",
    "TAIWAN": "TWN",
    "CONGO": "COG",
    "DR CONGO": "COD",
    "DRC": "COD",
    "DEMOCRATIC REPUBLIC OF THE CONGO": "COD",
    "KOSOVO": "XKX",
    "VATICAN": "VAT",
    "BRUNEI": "BRN",
}


class Queryable(Protocol):
    """What analysis needs from :class:`casus.store.Store`."""

    def query(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, object]]: ...

    def query_arrow(self, sql: str, params: Sequence[object] = ()) -> pa.Table: ...

    def query_reader(
        self, sql: str, params: Sequence[object] = (), *, batch_size: int = ...
    ) -> AbstractContextManager[pa.RecordBatchReader]: ...


def resolve_actor(text: str) -> str:
    """An ISO3 country code for a code or country name (``"Israel"`` → ``ISR``); IGO/NGO
    codes (``IGOUNO``) pass through. Raises :class:`InputError` when nothing matches."""
    raw = text.strip()
    up = raw.upper()
    if not up:
        raise InputError("empty actor", where="dyad", hint="give an ISO3 code such as ISR")
    if up.startswith(("IGO", "NGO")) and up.isalnum() and len(up) >= 5:
        return up
    if up in _ALIASES:
        return _ALIASES[up]
    try:
        return str(pycountry.countries.lookup(raw).alpha_3)
    except LookupError:
        pass
    try:
        found = {str(c.alpha_3) for c in pycountry.countries.search_fuzzy(raw)}
    except LookupError:
        found = set()
    if len(found) == 1:
        return found.pop()
    raise InputError(
        f"unknown country {text!r}",
        where="dyad",
        hint="use an ISO 3166-1 alpha-3 code such as ISR, IRN, RUS",
    )


def country_name(code: str | None) -> str:
    """A readable name for a country-level key (the key itself if it is not a country)."""
    if not code:
        return "?"
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def dyad_filter(a: str, b: str, directed: bool) -> tuple[str, list[object]]:
    """WHERE fragment selecting events between ``a`` and ``b`` (both directions unless
    ``directed``)."""
    if directed:
        return f"({SC} = ? AND {TC} = ?)", [a, b]
    return f"(({SC} = ? AND {TC} = ?) OR ({SC} = ? AND {TC} = ?))", [a, b, b, a]


def period_start(day: dt.date, by: str) -> dt.date:
    """First day of the period (``day``, ISO ``week`` from Monday, ``month``) holding ``day``."""
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise InputError(f"unknown period {by!r}", where="--by", hint="use day, week or month")


def next_period(start: dt.date, by: str) -> dt.date:
    """First day of the period after the one starting at ``start``."""
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1, day=1)
    return start.replace(month=start.month + 1, day=1)


_EPOCH = dt.date(1970, 1, 1)
_EPOCH_MONDAY = dt.date(1970, 1, 5)
PERIOD_INDEX = {
    "day": "(date - DATE '1970-01-01')",
    "week": "((date - DATE '1970-01-05') // 7)",
    "month": "(year(date) * 12 + month(date) - 1)",
}
"""SQL giving the integer number of the period (day, ISO week, month) of ``date``."""


def period_sql(by: str, expr: str) -> str:
    """:data:`PERIOD_INDEX` for another date expression (a constant identifier of ours)."""
    return PERIOD_INDEX[by].replace("date", expr)


def period_index(day: dt.date, by: str) -> int:
    """Integer number of the period holding ``day`` (as :data:`PERIOD_INDEX` computes)."""
    if by == "day":
        return (day - _EPOCH).days
    if by == "week":
        return (day - _EPOCH_MONDAY).days // 7
    return day.year * 12 + day.month - 1


def period_from_index(index: int, by: str) -> dt.date:
    """First day of the period numbered ``index``."""
    if by == "day":
        return _EPOCH + dt.timedelta(days=index)
    if by == "week":
        return _EPOCH_MONDAY + dt.timedelta(days=7 * index)
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled to the largest (all-zero gives low bars)."""
    top = max((v for v in values), default=0.0)
    if top <= 0:
        return _BARS[0] * len(values)
    return "".join(_BARS[min(len(_BARS) - 1, round(v / top * (len(_BARS) - 1)))] for v in values)


def check_choice(value: str, choices: Sequence[str], where: str) -> str:
    if value not in choices:
        raise InputError(f"unknown value {value!r}", where=where, hint="use " + "|".join(choices))
    return value
