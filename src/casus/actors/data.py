"""Loading and validating the actor data files (private helper of :mod:`casus.actors`).

Files (all in ``src/casus/data/``, documented in ``docs/ACTORS.md``):

- ``countries.tsv``: extra names, demonyms, capitals and seats of government per ISO3 code
  (official and common names come from ``pycountry``);
- ``organisations.tsv``: IGOs, NGOs, armed groups and national bodies with their actor code
  and optional date ranges;
- ``people.tsv``: one office of one person a line, with dates;
- ``sectors.yaml``: sector codes, the nouns that denote them, and person titles.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from ..errors import ConfigError
from ..model import Actor

__all__ = [
    "PERSON_PRONOUNS",
    "THING_PRONOUNS",
    "Entry",
    "Office",
    "OrgPeriod",
    "Person",
    "fold",
]

DATA_FILES = ("countries.tsv", "organisations.tsv", "people.tsv", "sectors.yaml")
"""The data files the actor index is built from (and its cache keyed on)."""

# Countries pycountry lacks (or that CAMEO uses): code -> name.
_EXTRA_COUNTRIES = {"XKX": "Kosovo", "WST": "the West"}
# Actor-code prefixes without a country.
_GROUP_PREFIXES = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB"}

# Lower-case words that collide with ordinary English: an alias equal to one of these must be
# marked case-sensitive with a leading "=" in the data files (checked at load).
_COMMON = (
    "am an as at bay be bill black brown bush can car chad cook do faith gallant go "
    "grant gray green grey he hope hunt in is it jersey just kim king law lee li long "
    "love may me my no of on or page pole poles polish price reunion rice rich rose "
    "so to trump truss un up us wang we white who will xi young"
)
COMMON_WORDS = frozenset(_COMMON.split())

_DASHES = str.maketrans({"-": " ", "‐": " ", "–": " ", "—": " ", "’": "'", "‘": "'"})


PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
"""Pronouns that refer back to a person."""
THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
"""Pronouns that refer back to a country, organisation or group."""


def fold(text: str) -> str:
    """Lookup key of a phrase: lower case, no diacritics, hyphens as spaces, no leading
    ``the``, no trailing possessive ``'s``, single spaces, no dots (``U.S.`` → ``us``)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_DASHES).lower().replace(".", "")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1] in ("'s", "'"):
        words = words[:-1]
    elif words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def _without_the(text: str) -> str:
    """The phrase as written, without a leading "the" (entity-ruler patterns keep dots)."""
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else text


def strip_the(text: str) -> str:
    """The phrase without a leading ``the`` / ``The`` (case kept), for case-sensitive keys."""
    words = text.replace(".", "").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    elif words and (words[-1].endswith("'s") or words[-1].endswith("’s")):
        words[-1] = words[-1][:-2]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name denotes: ``kind`` is country, demonym, capital, seat, org or person;
    ``key`` the ISO3 code, organisation key or person key; ``sector`` for seats."""

    kind: str
    key: str
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Office:
    actor: Actor
    title: str
    start: dt.date | None
    end: dt.date | None

    def distance(self, day: dt.date) -> int:
        """Days from ``day`` to this office's date range (0 inside it)."""
        if self.start is not None and day < self.start:
            return (self.start - day).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    offices: tuple[Office, ...]

    def office_on(self, day: dt.date | None) -> Office:
        """The office held on ``day``; outside every range the nearest one; with no date the
        most recent one."""
        if day is None:
            return max(self.offices, key=lambda o: o.start or dt.date.min)
        return min(self.offices, key=lambda o: o.distance(day))


@dataclass(frozen=True, slots=True)
class OrgPeriod:
    actor: Actor
    start: dt.date | None
    end: dt.date | None


@dataclass
class Tables:
    """Mutable builder used only while loading (never kept on module level)."""

    countries: dict[str, str]
    sectors: dict[str, str]
    ci: dict[str, Entry]
    cs: dict[str, Entry]
    origin: dict[tuple[str, str], str]
    orgs: dict[str, list[OrgPeriod]]
    people: dict[str, list[Office]]
    person_names: dict[str, str]
    patterns: list[tuple[str, str, bool]]
    sector_nouns: dict[str, str]
    owned_nouns: dict[str, str]
    titles: dict[str, str]
    root: Path | None = None
    not_national: set[str] = field(default_factory=set)
    ngo_last: set[str] = field(default_factory=set)
    ngo_any: set[str] = field(default_factory=set)
    ngo_never: set[str] = field(default_factory=set)


def _read(t: Tables, name: str) -> str:
    try:
        if t.root is not None:
            return (t.root / name).read_text(encoding="utf-8")
        return resources.files("casus").joinpath("data", name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read data file: {exc}", where=f"data/{name}") from None


def tsv_rows(t: Tables, name: str, min_cols: int, max_cols: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a TSV data file (``#`` comments and blank lines skipped), checked for width."""
    for n, line in enumerate(_read(t, name).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.rstrip("\n").split("\t")]
        while len(cols) > min_cols and cols[-1] == "":
            cols.pop()
        if not min_cols <= len(cols) <= max_cols:
            raise ConfigError(
                f"expected {min_cols}-{max_cols} tab-separated columns, got {len(cols)}",
                where=f"data/{name}:{n}",
            )
        yield n, cols


def file_version(t: Tables, name: str) -> str:
    for line in _read(t, name).splitlines():
        if line.startswith("# version:"):
            return line.split(":", 1)[1].strip()
    raise ConfigError("missing '# version: ...' header line", where=f"data/{name}:1")


def parse_date(text: str, where: str) -> dt.date | None:
    if not text or text == "..":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"bad date {text!r} (use YYYY-MM-DD)", where=where) from None


def split_aliases(text: str) -> list[tuple[str, bool]]:
    """``a|=B|c`` → ``[("a", False), ("B", True), ("c", False)]`` (``=`` = case-sensitive)."""
    out: list[tuple[str, bool]] = []
    for raw in text.split("|"):
        raw = raw.strip()
        if raw:
            out.append((raw[1:], True) if raw.startswith("=") else (raw, False))
    return out


def parse_code(code: str, t: Tables, where: str) -> tuple[str | None, str | None]:
    """``ISRMIL`` → (``ISR``, ``MIL``); ``IGOUNO`` → (None, ``IGO``); ``REB`` alone is refused."""
    prefix, rest = code[:3], code[3:]
    if prefix in _GROUP_PREFIXES:
        return None, _GROUP_PREFIXES[prefix]
    if prefix not in t.countries:
        raise ConfigError(f"unknown country code {prefix!r} in actor code {code!r}", where=where)
    if rest and rest not in t.sectors:
        raise ConfigError(f"unknown sector {rest!r} in actor code {code!r}", where=where)
    return prefix, rest or None


def add_name(
    t: Tables, phrase: str, cs: bool, entry: Entry, label: str, where: str, pattern: bool = True
) -> None:
    """Register a name (checking collisions) and its entity-ruler pattern."""
    if cs:
        key = strip_the(phrase)
        table = t.cs
    else:
        key = fold(phrase)
        table = t.ci
        if key in COMMON_WORDS:
            raise ConfigError(
                f"{phrase!r} is an ordinary English word in lower case",
                where=where,
                hint="mark it case-sensitive with a leading '='",
            )
    if not key:
        raise ConfigError(f"empty name {phrase!r}", where=where)
    old = table.get(key)
    if old is not None and old != entry:
        raise ConfigError(
            f"{phrase!r} already means {old.kind} {old.key} "
            f"(from {t.origin.get((('cs' if cs else 'ci'), key), '?')})",
            where=where,
        )
    table[key] = entry
    t.origin.setdefault(("cs" if cs else "ci", key), where)
    if pattern:
        t.patterns.append((label, _without_the(phrase), cs))


def load_sectors(t: Tables) -> str:
    name = "sectors.yaml"
    try:
        doc: Any = yaml.safe_load(_read(t, name))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"invalid YAML: {exc}", where=f"data/{name}{line}") from None
    if not isinstance(doc, dict) or "version" not in doc or "sectors" not in doc:
        raise ConfigError("needs top-level 'version' and 'sectors'", where=f"data/{name}")
    sectors = doc["sectors"]
    if not isinstance(sectors, dict):
        raise ConfigError("'sectors' must be a mapping", where=f"data/{name}")
    for code, spec in sectors.items():
        where = f"data/{name}: sectors.{code}"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise ConfigError("each sector needs a 'name'", where=where)
        t.sectors[str(code)] = spec["name"]
        for key_name, table in (("nouns", t.sector_nouns), ("owned", t.owned_nouns)):
            words = spec.get(key_name, [])
            if not isinstance(words, list):
                raise ConfigError(f"'{key_name}' must be a list", where=where)
            for w in words:
                key = fold(str(w))
                if key in table and table[key] != code:
                    raise ConfigError(f"{w!r} is already {table[key]}", where=where)
                table[key] = str(code)
    ngo = doc.get("ngo_name_words", {})
    if not isinstance(ngo, dict) or not all(isinstance(ngo.get(k, []), list) for k in ngo):
        raise ConfigError(
            "'ngo_name_words' needs lists 'last', 'any', 'never'", where=f"data/{name}"
        )
    t.ngo_last.update(fold(str(w)) for w in ngo.get("last", []))
    t.ngo_any.update(fold(str(w)) for w in ngo.get("any", []))
    t.ngo_never.update(fold(str(w)) for w in ngo.get("never", []))
    blockers = doc.get("not_national", [])
    if not isinstance(blockers, list):
        raise ConfigError("'not_national' must be a list", where=f"data/{name}")
    t.not_national.update(fold(str(w)) for w in blockers)
    titles = doc.get("titles", {})
    if not isinstance(titles, dict):
        raise ConfigError("'titles' must be a mapping", where=f"data/{name}")
    for title, code in titles.items():
        if code not in t.sectors:
            raise ConfigError(f"unknown sector {code!r}", where=f"data/{name}: titles.{title}")
        t.titles[fold(str(title))] = str(code)
    return str(doc["version"])


def load_countries(t: Tables) -> str:
    name = "countries.tsv"
    version = file_version(t, name)
    for c in pycountry.countries:
        t.countries[c.alpha_3] = getattr(c, "common_name", None) or c.name
    t.countries.update(_EXTRA_COUNTRIES)
    overrides: dict[str, list[tuple[int, list[str]]]] = {}
    for n, cols in tsv_rows(t, name, 2, 5):
        overrides.setdefault(cols[0], []).append((n, cols))
    for iso3, rows in overrides.items():
        if iso3 not in t.countries:
            raise ConfigError(f"unknown ISO3 code {iso3!r}", where=f"data/{name}:{rows[0][0]}")
    cs_folded = {
        fold(p)
        for rows in overrides.values()
        for _, cols in rows
        for p, cs in split_aliases(cols[1])
        if cs
    }
    for iso3, common in t.countries.items():
        entry = Entry("country", iso3)
        official = [common]
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            official += [pc.name, getattr(pc, "official_name", pc.name)]
        for phrase in dict.fromkeys(official):
            if "," in phrase or fold(phrase) in cs_folded:
                continue
            add_name(t, phrase, False, entry, "GPE", f"pycountry:{iso3}")
    for iso3, rows in overrides.items():
        for n, cols in rows:
            where = f"data/{name}:{n}"
            cols = cols + [""] * (5 - len(cols))
            if cols[1].startswith("!"):  # preferred display name
                first = cols[1][1:].split("|")[0]
                t.countries[iso3] = first
                cols[1] = cols[1][1:]
            for phrase, cs in split_aliases(cols[1]):
                add_name(t, phrase, cs, Entry("country", iso3), "GPE", where)
            for phrase, cs in split_aliases(cols[2]):
                add_name(t, phrase, cs, Entry("demonym", iso3), "NORP", where)
            for phrase, cs in split_aliases(cols[3]):
                add_name(t, phrase, cs, Entry("capital", iso3, "GOV"), "GPE", where)
            for raw, cs in split_aliases(cols[4]):
                phrase, _, sector = raw.partition(":")
                sector = sector or "GOV"
                if sector not in t.sectors:
                    raise ConfigError(f"unknown sector {sector!r}", where=where)
                add_name(t, phrase, cs, Entry("seat", iso3, sector), "ORG", where)
    return version


def load_organisations(t: Tables) -> str:
    name = "organisations.tsv"
    version = file_version(t, name)
    for n, cols in tsv_rows(t, name, 2, 5):
        where = f"data/{name}:{n}"
        cols = cols + [""] * (5 - len(cols))
        code, display, aliases = cols[0], cols[1], cols[2]
        country, sector = parse_code(code, t, where)
        actor = Actor(code=code, name=display, country=country, sector=sector)
        key = fold(display)
        period = OrgPeriod(actor, parse_date(cols[3], where), parse_date(cols[4], where))
        t.orgs.setdefault(key, []).append(period)
        entry = Entry("org", key)
        label = "NORP" if sector in ("REB",) and country is None else "ORG"
        add_name(t, display, False, entry, label, where)
        for phrase, cs in split_aliases(aliases):
            add_name(t, phrase, cs, entry, label, where)
    return version


def load_people(t: Tables) -> str:
    name = "people.tsv"
    version = file_version(t, name)
    for n, cols in tsv_rows(t, name, 4, 6):
        where = f"data/{name}:{n}"
        cols = cols + [""] * (6 - len(cols))
        full, code, title = cols[0], cols[1], cols[2]
        start, end = parse_date(cols[3], where), parse_date(cols[4], where)
        if start and end and end < start:
            raise ConfigError(f"office ends ({end}) before it starts ({start})", where=where)
        country, sector = parse_code(code, t, where)
        key = fold(full)
        actor = Actor(code=code, name=full, country=country, sector=sector)
        office = Office(actor, fold(title), start, end)
        if office in t.people.get(key, []):
            raise ConfigError(f"duplicate office of {full!r}", where=where)
        t.people.setdefault(key, []).append(office)
        t.person_names.setdefault(key, full)
        entry = Entry("person", key)
        add_name(t, full, False, entry, "PERSON", where)
        for phrase, cs in split_aliases(cols[5]):
            add_name(t, phrase, cs, entry, "PERSON", where)
    return version


def new_tables(root: Path | None = None) -> Tables:
    return Tables({}, {}, {}, {}, {}, {}, {}, {}, [], {}, {}, {}, root)
