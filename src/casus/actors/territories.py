"""Self-governing territories and their sovereigns (private helper of the actors stage).

A story about Hong Kong names China, one about New Caledonia names France, often more than
the territory itself: the sovereign made the law, sent the police or rules on appeal. Such
a story is still the territory's: its people, protesters, courts and (mostly) its own
government belong to the territory. Only the sectors the sovereign keeps there (defence,
and for France and Denmark also the police and the state's own representatives) stay the
sovereign's. World facts by class, not by article (issue #12)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["TERRITORIES", "StoryCountry", "Territory", "story_country"]


@dataclass(frozen=True, slots=True)
class Territory:
    sovereign: str
    kept: frozenset[str]
    """Sectors the sovereign keeps in the territory (its forces, its state)."""


_DEFENCE = frozenset({"MIL"})
_STATE = frozenset({"MIL", "COP", "GOV"})
_DEFENCE_POLICE = frozenset({"MIL", "COP"})


def _table() -> dict[str, Territory]:
    out: dict[str, Territory] = {}
    groups = (
        ("CHN", _DEFENCE, "HKG MAC"),
        ("FRA", _STATE, "NCL PYF WLF GLP MTQ GUF REU MYT SPM BLM MAF ATF"),
        ("USA", _DEFENCE, "PRI GUM VIR ASM MNP"),
        ("GBR", _DEFENCE, "GIB BMU CYM FLK VGB AIA MSR TCA SHN PCN IMN JEY GGY"),
        ("NLD", _DEFENCE, "ABW CUW SXM"),
        ("DNK", _DEFENCE_POLICE, "GRL FRO"),
        ("AUS", _DEFENCE, "NFK CXR CCK"),
        ("NZL", _DEFENCE, "COK NIU TKL"),
        ("NOR", _DEFENCE_POLICE, "SJM"),
        ("FIN", _DEFENCE, "ALA"),
    )
    for sovereign, kept, codes in groups:
        for code in codes.split():
            out[code] = Territory(sovereign, kept)
    return out


TERRITORIES: Mapping[str, Territory] = MappingProxyType(_table())


@dataclass(frozen=True, slots=True)
class StoryCountry:
    """The story's country for phrases that name none, and, in a territory's story, the
    sovereign that the kept sectors fall back to."""

    country: str | None
    sovereign: str | None = None
    kept: frozenset[str] = frozenset()

    def for_sector(self, sector: str | None) -> str | None:
        if self.sovereign is not None and sector in self.kept:
            return self.sovereign
        return self.country


def _dominant(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    if len(ranked) == 1:
        return ranked[0][0]
    (top, n1), (_, n2) = ranked
    return top if n1 >= 3 and n1 >= 3 * n2 and n1 >= 0.6 * sum(counts.values()) else None


def story_country(counts: Counter[str]) -> StoryCountry:
    """The story's country from its country mentions: clearly one country (named at least
    three times, three times as often as any other and in 60% of the mentions, or the only
    one), where a territory's sovereign, when the territory is named at least twice and at
    least a quarter as often as the sovereign, counts for the territory. In a territory's
    story the sectors its sovereign keeps fall back to the sovereign."""
    if not counts:
        return StoryCountry(None)
    for code, n in counts.items():
        t = TERRITORIES.get(code)
        if t is None or t.sovereign not in counts or n < 2 or 4 * n < counts[t.sovereign]:
            continue
        merged = Counter(counts)
        merged[code] += merged.pop(t.sovereign)
        if _dominant(merged) == code:
            return StoryCountry(code, t.sovereign, t.kept)
    top = _dominant(counts)
    t = TERRITORIES.get(top or "")
    return StoryCountry(top) if t is None else StoryCountry(top, t.sovereign, t.kept)
