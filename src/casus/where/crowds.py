"""Generic crowds placed by their own place: *protesters in Arequipa*, *Cusco residents*.

The actor stage leaves a crowd noun (``protesters``, ``residents``, ``villagers``) with a
sector and no country; the events stage would then let the role model guess a country from
the other actors of the story, which may be a foreign one the story also names. A city or
province in the crowd's own phrase -- a compound or adjective before it, or its ``in`` /
``from`` phrase -- says whose people they are, so the mention takes that place's country
(keeping its words and sector) before the events stage runs. Country names are actors
already; only cities and provinces the gazetteer accepts count here.

A crowd that acts politically at home -- protesters, strikers, students, farmers, the
opposition (not ``CVL``: *people*, *civilians*, *residents* are as often the victims of a
foreign side) -- with no place of its own takes the story's country when the story names one
country at least twice as often as any other (:func:`_leading_country`): a looser test than the
actor stage's one-country story, which any sector noun shares. A pronoun the actor stage
resolved to a crowd's generic actor, in the crowd's sentence or the next, follows the last
such crowd (*protesters in X ... they*).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace

from ..model import Actor, Article, Mention, Sentence
from .stage import Gazetteer, ResolvedPlace, resolve_places

__all__ = ["PlaceCountries", "place_countries", "place_crowds"]

_PEOPLE = frozenset({"CVL", "OPP", "LAB", "EDU", "AGR"})  # not refugees: in X, not of X
_BEFORE = frozenset({"compound", "nmod", "amod"})
_PREPS = frozenset({"in", "from"})
_SIZEABLE = 50_000
_CLAUSE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "prep"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_HOME = frozenset({"OPP", "LAB", "EDU", "AGR"})
"""Crowds that act at home: protesters, strikers, students, farmers."""
_BLOCS = frozenset({"WST"})


def _crowd(m: Mention) -> bool:
    a = m.actor
    return a is not None and not a.country and a.sector in _PEOPLE and m.label == "ACTOR"


_PLACE_NOUNS = frozenset({"city", "town", "village", "province", "region", "district", "capital"})


def _name_country(gaz: Gazetteer, text: str) -> str | None:
    """The country of a place name when its sizeable readings all lie in one country."""
    countries = {
        c.country for c in gaz.candidates(text) if c.kind != "city" or c.population >= _SIZEABLE
    }
    if len(countries) != 1:
        return None
    return gaz.country_iso3(countries.pop())


def _place_at(sentence: Sentence, i: int, places: dict[int, str], gaz: Gazetteer) -> str | None:
    """The country of the place headed by token ``i`` (``the city of X``: of ``X``)."""
    toks = sentence.tokens
    if i in places:
        return places[i]
    t = toks[i]
    if t.ent_type in _PLACES or (t.pos == "PROPN" and not t.ent_type):
        start = i
        while start > 0 and toks[start - 1].head == i and toks[start - 1].dep == "compound":
            start -= 1
        return _name_country(gaz, " ".join(x.text for x in toks[start : i + 1]))
    if t.lemma.lower() in _PLACE_NOUNS:
        for p in toks:
            if p.head == i and p.dep == "prep" and p.text.lower() == "of":
                for o in toks:
                    if o.head == p.i and o.dep == "pobj" and o.pos == "PROPN":
                        return _place_at(sentence, o.i, places, gaz)
    return None


def _own_place(sentence: Sentence, head: int, places: dict[int, str], gaz: Gazetteer) -> str | None:
    """The country of a place attached to token ``head``: before it, or in its ``in`` phrase."""
    toks = sentence.tokens
    for t in toks:
        if t.head != head or t.i == head:
            continue
        if t.dep in _BEFORE and t.i < head:
            country = _place_at(sentence, t.i, places, gaz)
            if country:
                return country
        if t.dep == "prep" and t.text.lower() in _PREPS:
            country = _pobj_country(sentence, t.i, places, gaz)
            if country:
                return country
    return None


def _pobj_country(
    sentence: Sentence, prep: int, places: dict[int, str], gaz: Gazetteer
) -> str | None:
    """The country of the first located object of preposition ``prep``."""
    for o in sentence.tokens:
        if o.head == prep and o.dep == "pobj":
            country = _place_at(sentence, o.i, places, gaz)
            if country:
                return country
    return None


def _clause_place(
    sentence: Sentence, head: int, places: dict[int, str], gaz: Gazetteer
) -> str | None:
    """The country of the ``in`` place of the clause the crowd is the subject, object or
    prepositional object of (*crowds gathered in X*, *police fired on protesters in X*)."""
    toks = sentence.tokens
    t = toks[head]
    if t.dep == "pobj" and toks[t.head].dep == "prep" and toks[t.head].head != t.head:
        t = toks[t.head]  # "fired on protesters in X": the clause of the preposition
    if t.dep not in _CLAUSE_ROLES or t.head == t.i:
        return None
    verb = t.head
    for p in toks:
        if p.head == verb and p.dep == "prep" and p.text.lower() == "in":
            country = _pobj_country(sentence, p.i, places, gaz)
            if country:
                return country
    return None


def _by_head(gaz: Gazetteer, resolved: list[ResolvedPlace]) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for p in resolved:
        if not p.accepted or p.best is None:
            continue
        iso3 = gaz.country_iso3(p.best.country)
        if iso3:
            out[(p.span.sentence_index, p.span.head)] = iso3
    return out


def _leading_country(article: Article) -> str | None:
    """The country the article's mentions name at least twice as often as any other (or the
    only one named), else ``None``."""
    counts = Counter(
        m.actor.country
        for m in article.mentions
        if m.actor is not None and m.actor.country and m.actor.country not in _BLOCS
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def place_crowds(article: Article, gaz: Gazetteer) -> Article:
    """``article`` with each generic crowd mention given the country of its own place, else
    (a crowd acting at home) the story's country; a pronoun for a placed crowd follows it."""
    if not any(_crowd(m) for m in article.mentions):
        return article
    found = _by_head(gaz, resolve_places(gaz, article))
    home = _leading_country(article)
    sentences = {s.index: s for s in article.sentences}
    mentions: list[Mention] = []
    # the last crowd of each (generic) actor: its sentence and its placing, if it was placed;
    # a pronoun the actor stage resolved to that actor, in the same or the next sentence,
    # stands for that crowd ("protesters in X ... they")
    placed: dict[Actor, tuple[int, Actor]] = {}
    for m in article.mentions:
        sentence = sentences.get(m.sentence_index)
        a = m.actor
        if m.label == "PRON" and a is not None and not a.country and a in placed:
            si, actor = placed[a]
            if m.sentence_index - si in (0, 1):
                m = replace(m, actor=actor, via=f"{m.via}+crowd")
        if _crowd(m) and sentence is not None and m.actor is not None:
            places = {h: c for (si, h), c in found.items() if si == m.sentence_index}
            country = _own_place(sentence, m.head, places, gaz) or _clause_place(
                sentence, m.head, places, gaz
            )
            how = "place"
            if not country and home and m.actor.sector in _HOME:
                country, how = home, "story"
            a = m.actor
            placed.pop(a, None)
            if country:
                actor = Actor(code=country + (a.sector or ""), name=a.name, country=country,
                              sector=a.sector)  # fmt: skip
                placed[a] = (m.sentence_index, actor)
                m = replace(m, actor=actor, via=f"{m.via}+{how}" if m.via else how)
        mentions.append(m)
    return replace(article, mentions=tuple(mentions))


class PlaceCountries(Mapping[tuple[int, int], str]):
    """The country of every place name of an article that no actor covers and the gazetteer
    accepts, by ``(sentence index, head token)``: what :func:`place_countries` returns. The
    places are resolved the first time they are read (most articles never ask), once for the
    events stage and :func:`~casus.where.stage.locate_events` (:meth:`resolved`)."""

    __slots__ = ("_article", "_found", "_gaz", "_named", "_places")

    def __init__(self, article: Article, gaz: Gazetteer) -> None:
        self._article, self._gaz = article, gaz
        self._named = any(m.actor is None and m.label in _PLACES for m in article.mentions)
        self._places: list[ResolvedPlace] | None = None
        self._found: dict[tuple[int, int], str] | None = None

    def resolved(self) -> list[ResolvedPlace]:
        """Every place-like span of the article with its readings (``resolve_places``)."""
        if self._places is None:
            self._places = resolve_places(self._gaz, self._article)
        return self._places

    def _countries(self) -> dict[tuple[int, int], str]:
        if self._found is None:
            self._found = _by_head(self._gaz, self.resolved()) if self._named else {}
        return self._found

    def __getitem__(self, key: tuple[int, int]) -> str:
        return self._countries()[key]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._countries())

    def __len__(self) -> int:
        return len(self._countries())


def place_countries(article: Article, gaz: Gazetteer) -> PlaceCountries:
    """The country of every place name of ``article`` the gazetteer accepts, by ``(sentence
    index, head token)``, for the events stage: the side of a place attacked (*Russia struck
    Kharkiv*). The places are resolved the first time the mapping is read; an article whose
    place names are all actors already maps nothing and resolves nothing for it."""
    return PlaceCountries(article, gaz)
