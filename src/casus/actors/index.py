"""The actor index of the actors stage: every actor list, loaded once from the data files.

A module of its own so that the rules (:mod:`casus.actors.rules`) and their atoms can use
:class:`ActorIndex` without importing the package back. Import it from :mod:`casus.actors`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import cached
from ..model import Actor
from ..nlp import EntityPattern
from . import data
from .data import PERSON_PRONOUNS, THING_PRONOUNS, Entry, OrgPeriod, Person, fold, strip_the

__all__ = ["ActorIndex"]


@dataclass(frozen=True)
class ActorIndex:
    """Actor lists loaded once from the package's data files (see ``docs/ACTORS.md``)."""

    version: str
    countries: Mapping[str, str]
    """ISO3 → display name."""
    sector_names: Mapping[str, str]
    ci: Mapping[str, Entry] = field(repr=False)
    """Folded name (see :func:`~casus.actors.data.fold`) → entry, matched in any case."""
    cs: Mapping[str, Entry] = field(repr=False)
    """Exact name → entry, matched only with this capitalisation."""
    orgs: Mapping[str, tuple[OrgPeriod, ...]] = field(repr=False)
    people: Mapping[str, Person] = field(repr=False)
    sector_nouns: Mapping[str, str] = field(repr=False)
    owned_nouns: Mapping[str, str] = field(repr=False)
    titles: Mapping[str, str] = field(repr=False)
    patterns: tuple[EntityPattern, ...] = field(repr=False)
    not_national: frozenset[str] = field(repr=False, default=frozenset())
    """Modifiers that block the one-country fallback ("Arab", "foreign", "Kurdish")."""
    ngo_last: frozenset[str] = field(repr=False, default=frozenset())
    """Last words that make an unlisted organisation an NGO ("Foundation", "Watch")."""
    ngo_any: frozenset[str] = field(repr=False, default=frozenset())
    """Words anywhere in its name that make it an NGO ("rights")."""
    ngo_never: frozenset[str] = field(repr=False, default=frozenset())
    """Words that make it a public body, never an NGO ("commission", "ministry")."""
    noun_words: frozenset[str] = field(repr=False, default=frozenset())
    """Last words of every title, sector noun and owned noun (a cheap first filter)."""
    key_words: frozenset[str] = field(repr=False, default=frozenset())
    """Every word of every title, sector noun and owned noun ("foreign", "supreme")."""

    @classmethod
    def load(cls, data_dir: Path | None = None, cache_dir: str | None = None) -> ActorIndex:
        """Read and validate every actor data file (raises ``ConfigError`` naming file:line).

        The package's files are compiled once into the cache (``casus.cache``, rebuilt when a
        file or pycountry changes). ``data_dir`` replaces the package's ``data/`` folder (for
        tests and experiments) and is never cached."""
        if data_dir is not None:
            return cls._build(data_dir)
        return cached(
            "actors",
            cls._build,
            data_files=data.DATA_FILES,
            packages=("pycountry",),
            folder=cache_dir or None,
        )

    @classmethod
    def _build(cls, data_dir: Path | None = None) -> ActorIndex:
        t = data.new_tables(data_dir)
        versions = [
            data.load_sectors(t),
            data.load_countries(t),
            data.load_organisations(t),
            data.load_people(t),
        ]
        people = {
            key: Person(t.person_names[key], tuple(offices)) for key, offices in t.people.items()
        }
        return cls(
            version="+".join(dict.fromkeys(versions)),
            countries=t.countries,
            sector_names=t.sectors,
            ci=t.ci,
            cs=t.cs,
            orgs={k: tuple(v) for k, v in t.orgs.items()},
            people=people,
            sector_nouns=t.sector_nouns,
            owned_nouns=t.owned_nouns,
            titles=t.titles,
            patterns=tuple(dict.fromkeys(t.patterns)),
            not_national=frozenset(t.not_national),
            ngo_last=frozenset(t.ngo_last),
            ngo_any=frozenset(t.ngo_any),
            ngo_never=frozenset(t.ngo_never),
            key_words=frozenset(
                w
                for table in (t.titles, t.sector_nouns, t.owned_nouns)
                for key in table
                for w in key.split()
            ),
            noun_words=frozenset(
                key.split()[-1]
                for table in (t.titles, t.sector_nouns, t.owned_nouns)
                for key in table
            ),
        )

    def cue_words(self) -> frozenset[str]:
        """Lower-case single words that can denote or point to an actor: one-word names
        (folded), the last word of every title, sector noun and owned noun, and pronouns.
        A sentence with none of them, none of :meth:`exact_cue_words` (and no phrase match
        or capitalised word inside it) holds no actor, so no event (the parse-less filter,
        ``Settings.parse_less``)."""
        names = {k for k in self.ci if " " not in k}
        return frozenset(names | self.noun_words | PERSON_PRONOUNS | THING_PRONOUNS)

    def exact_cue_words(self) -> frozenset[str]:
        """One-word names matched with their case (``US``, ``IS``, ``PA``): in lower case
        they are names only after a determiner or before a noun (:meth:`lookup`)."""
        return frozenset(k for k in self.cs if " " not in k)

    def entity_patterns(self) -> list[EntityPattern]:
        """``(label, phrase, case_sensitive)`` for the phrase matcher: countries and capitals
        (GPE), demonyms (NORP), organisations (ORG), listed people (PERSON)."""
        return list(self.patterns)

    # -- lookups -------------------------------------------------------------------------

    def lookup(self, text: str, after_the: bool = False) -> Entry | None:
        """The entry a name denotes. A case-sensitive short form (``US``, ``UN``) also matches
        in lower case where the word cannot be English (``after_the``: after a determiner or
        modifying a noun, "the us", "us officials"), or when the text starts with "the"."""
        key = fold(text)
        entry = self.ci.get(key)
        if entry is not None:
            return entry
        entry = self.cs.get(strip_the(text))
        if entry is not None:
            return entry
        if (
            (after_the or text[:4].lower() == "the ")
            and len(key) <= 4
            and strip_the(text).islower()
        ):
            # "the us", "us officials"; not a capitalised word ("Car horns" is no CAR).
            return self.cs.get(key.upper())
        return None

    def ngo_like(self, name: str) -> bool:
        """An organisation's name that says NGO ("Clean Water Foundation", "... Rights")."""
        key = fold(name)
        words = key.split()
        if not words or not self.ngo_never.isdisjoint(words):
            return False
        if words[-1] in self.ngo_last or " ".join(words[-3:]) in self.ngo_last:
            return True
        padded = f" {key} "
        return any(f" {w} " in padded for w in self.ngo_any)

    def country_actor(self, iso3: str, sector: str | None = None) -> Actor:
        name = self.countries.get(iso3, iso3)
        if sector is None:
            return Actor(code=iso3, name=name, country=iso3, sector=None)
        return Actor(
            code=iso3 + sector,
            name=f"{name} {self.sector_names.get(sector, sector).lower()}",
            country=iso3,
            sector=sector,
        )

    def sector_actor(self, sector: str) -> Actor:
        return Actor(
            code=sector,
            name=self.sector_names.get(sector, sector).lower(),
            country=None,
            sector=sector,
        )

    def org_actor(self, key: str, day: dt.date | None) -> Actor:
        periods = self.orgs[key]
        if len(periods) == 1:
            return periods[0].actor
        if day is None:
            return max(periods, key=lambda p: p.start or dt.date.min).actor

        def distance(p: OrgPeriod) -> int:
            if p.start is not None and day < p.start:
                return (p.start - day).days
            if p.end is not None and day > p.end:
                return (day - p.end).days
            return 0

        return min(periods, key=distance).actor

    def entry_actor(self, entry: Entry, day: dt.date | None) -> tuple[Actor, str, str]:
        """``(actor, via, title)`` of an entry on ``day``."""
        if entry.kind == "person":
            office = self.people[entry.key].office_on(day)
            # Outside the office's dates the title is not theirs ("the president" is not).
            held = day is None or office.distance(day) == 0
            return office.actor, "person", office.title if held else ""
        if entry.kind == "org":
            return self.org_actor(entry.key, day), "gazetteer", ""
        if entry.kind in ("capital", "seat"):
            return self.country_actor(entry.key, entry.sector), "metonym", ""
        if entry.kind == "demonym":
            return self.country_actor(entry.key), "demonym", ""
        return self.country_actor(entry.key), "gazetteer", ""
