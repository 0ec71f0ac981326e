"""Atoms of the actors stage (private helper of :mod:`casus.actors.rules`): names found in a
sentence (NER/ruler spans and single known words) with their actors, and the per-article
context that coreference uses."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import Actor, Mention, Sentence, Token
from .data import PERSON_PRONOUNS, THING_PRONOUNS, fold
from .layout import is_attribute, is_stance, layout_tokens
from .territories import StoryCountry, story_country

if TYPE_CHECKING:
    from .index import ActorIndex

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "X"})
_MODIFIER_DEPS = frozenset({"compound", "flat", "amod", "nmod", "nummod"})
_LEFT_DEPS = frozenset({"compound", "flat", "amod", "nmod", "poss", "det", "case", "nummod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PERSON_PRONOUNS = PERSON_PRONOUNS
_THING_PRONOUNS = THING_PRONOUNS
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
_ACTOR_LABELS = frozenset({"PERSON", "GPE", "NORP", "ORG", "LOC", "FAC"})
_LOOKUP_POS = frozenset({"PROPN", "ADJ", "NOUN"})
_BLOCS = frozenset({"WST"})
_KIND_LABEL = {
    "country": "GPE",
    "capital": "GPE",
    "seat": "ORG",
    "org": "ORG",
    "demonym": "NORP",
    "person": "PERSON",
}


@dataclass(frozen=True, slots=True)
class _Atom:
    """A name found in the sentence: token span ``[start, end)``, head token, label and, if it
    is known, its actor; ``kind`` as in :class:`~casus.actors.data.Entry` (or ``""``)."""

    start: int
    end: int
    head: int
    label: str
    kind: str
    actor: Actor | None
    via: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class _Ref:
    """An earlier resolved mention, for pronouns."""

    sentence: int
    head: int
    actor: Actor
    person: bool
    subject: bool
    plural: bool = False
    """Plural noun or a conjunction of actors (for "they"); singular for "it"."""
    modifier: bool = False
    """A modifier inside another phrase ("India" in "All India Committee"): never "it"."""
    group: tuple[Actor, ...] = ()
    """The actors of a conjunction this mention heads ("Peru and Chile"), for "they"."""
    org_words: tuple[str, ...] = ()
    """For a named organisation, the folded words of its name as written ("the group")."""


_SHORT_SURNAMES = frozenset({"xi", "li", "wu", "hu", "lu", "ma", "yu", "ko"})
"""Two-letter family names that lead a Chinese or Korean name ("Xi Jinping" ... "Xi")."""


@dataclass
class _Context:
    """What the article has said so far (lives for one ``resolve`` call)."""

    index: ActorIndex
    day: dt.date | None
    fallback: str | None = None
    story: StoryCountry = field(default_factory=lambda: StoryCountry(None))
    """The story's country (``fallback``) with, in a territory's story, its sovereign."""
    cased: tuple[bool, ...] = ()
    """Per token of the sentence being read: its line uses capitals, so a lower-case "turkey"
    or "guinea" there is not a name."""
    names: dict[str, tuple[Actor, bool]] = field(default_factory=dict)
    titles: dict[str, Actor] = field(default_factory=dict)
    refs: list[_Ref] = field(default_factory=list)
    former: set[str] = field(default_factory=set)
    """Folded names of listed people out of their listed office on the story's day."""
    roles: dict[str, Actor] = field(default_factory=dict)
    """Folded name (and surname) → the international body the story names them for."""
    continued: frozenset[int] = frozenset()
    """Sentences left unparsed (parse-less mode) that open with *he* or *she*: the person
    the story was about goes on through them ("X resigned. He had ... Later he ...")."""

    def remember_person(self, actor: Actor, name: str, title: str) -> None:
        key = fold(name)
        if key:
            self.names[key] = (actor, True)
            words = key.split()
            if len(words[-1]) > 2:
                self.names[words[-1]] = (actor, True)
            if len(words) == 2 and (len(words[0]) > 2 or words[0] in _SHORT_SURNAMES):
                # "Wang Yi" ... "Wang", "Xi Jinping" ... "Xi": surname-first names (later
                # ones override).
                self.names.setdefault(words[0], (actor, True))
            if len(words) == 3 and len(words[0]) > 2 and all(len(w) <= 4 for w in words[1:]):
                # "Kim Jong Un" ... "Kim", "Yoon Suk Yeol" ... "Yoon": a split given name
                self.names.setdefault(words[0], (actor, True))
        self.remember_title(actor, title)

    def remember_title(self, actor: Actor, title: str) -> None:
        if title:
            self.titles[title] = actor
            self.titles[title.split()[-1]] = actor


_PARTY_WORDS = frozenset(
    [
        "democratic",
        "republican",
        "labour",
        "labor",
        "conservative",
        "liberal",
        "socialist",
        "communist",
        "green",
        "greens",
        "national",
        "people's",
        "progressive",
        "party",
    ]
)


def _generic_party(actor: Actor) -> bool:
    """A party named only with words many countries' parties share ("Labour Party")."""
    words = fold(actor.name).split()
    return actor.sector == "PTY" and len(words) > 1 and _PARTY_WORDS.issuperset(words)


def _ethnic(tokens: tuple[Token, ...], atom: _Atom) -> bool:
    """A demonym after "ethnic" ("ethnic Albanian separatists") names a people, not a state."""
    return (
        atom.kind == "demonym"
        and atom.start > 0
        and tokens[atom.start - 1].text.lower() == "ethnic"
    )


def _single_country(atoms: list[list[_Atom]], sentences: tuple[Sentence, ...] = ()) -> StoryCountry:
    """The article's country when it is clearly a one-country story: the only country named,
    or named at least three times, at least three times as often as any other and in at
    least 60% of all country mentions (a territory's sovereign counting for the territory,
    see :func:`~casus.actors.territories.story_country`)."""
    counts: Counter[str] = Counter()
    for n, sentence_atoms in enumerate(atoms):
        tokens = sentences[n].tokens if n < len(sentences) else ()
        for a in sentence_atoms:
            if a.actor is None or a.actor.country is None:
                continue
            if a.start <= len(tokens) and _ethnic(tokens, a):
                continue  # "ethnic Albanians" in Serbia are not Albania's story
            if a.kind == "org" and _generic_party(a.actor):
                continue  # "the Labour Party" says nothing of the country
            if a.actor.country in _BLOCS:
                continue  # "the West" is no story's country
            counts[a.actor.country] += 1
    return story_country(counts)


# -- atoms -------------------------------------------------------------------------------


def _atoms(sentence: Sentence, mentions: list[Mention], ctx: _Context) -> list[_Atom]:
    tokens = sentence.tokens
    index = ctx.index
    covered = [False] * len(tokens)
    out: list[_Atom] = []
    for m in mentions:
        if m.tok_end > len(tokens) or m.tok_start >= m.tok_end:
            continue
        atom = _span_atom(m, tokens, ctx)
        out.append(atom)
        for i in range(m.tok_start, m.tok_end):
            covered[i] = True
    for tok in tokens:
        if covered[tok.i] or not tok.text[:1].isalpha():
            continue
        short = _short_form_position(tokens, tok)
        if (tok.pos not in _LOOKUP_POS and not short) or (
            _cased(ctx, tok.i) and tok.text.islower()
        ):
            continue
        entry = index.lookup(tok.text, short)
        if entry is None or (
            entry.kind == "person" and _inside_longer_name(tokens, tok, index.noun_words)
        ):
            continue
        actor, via, title = index.entry_actor(entry, ctx.day)
        out.append(
            _Atom(tok.i, tok.i + 1, tok.i, _KIND_LABEL[entry.kind], entry.kind, actor, via, title)
        )
    layout = layout_tokens(sentence)
    return [
        replace(a, actor=None)
        if _continental(tokens, a)
        or a.start in layout
        or is_attribute(tokens, a.end)
        or (a.kind in _STANCE_KINDS and is_stance(tokens, a.start))
        or _bloc_in_a_name(tokens, a)
        else a
        for a in out
    ]


_STANCE_KINDS = frozenset({"country", "demonym", "org"})
"""Names whose *pro-*/*anti-* form is a stance (*pro-Russian*, *anti-NATO*). Not a capital, seat
or leader: *the pro-Damascus daily*, *pro-Kremlin commentators*, *pro-Putin bloggers* are
mostly the government's own camp at home."""


def _bloc_in_a_name(tokens: tuple[Token, ...], atom: _Atom) -> bool:
    """ "West" or "Western" before a capitalised word is part of a name (*West Bank*,
    *West African*, *Western Sahara*), not the West."""
    if atom.actor is None or atom.actor.country not in _BLOCS or atom.end >= len(tokens):
        return False
    nxt = tokens[atom.end]
    return nxt.text[:1].isupper()


_CONTINENT_PARTS = frozenset({"latin", "south", "north", "central", "meso", "pan"})


def _continental(tokens: tuple[Token, ...], atom: _Atom) -> bool:
    """ "South American", "Latin American", "Central American": the adjective of a part of
    the continent, not of the United States."""
    i = atom.start
    if atom.kind != "demonym" or atom.end - i != 1 or tokens[i].text.lower() != "american":
        return False
    return i > 0 and tokens[i - 1].text.lower() in _CONTINENT_PARTS


_DETERMINERS = frozenset({"the", "a", "an"})


def _short_form_position(tokens: tuple[Token, ...], tok: Token) -> bool:
    """Where a lower-case short form ("us", "un") cannot be the English word: after a
    determiner ("the us", "a us drone") or modifying a noun ("us officials")."""
    if tok.i > 0 and tokens[tok.i - 1].text.lower() in _DETERMINERS:
        return True
    return tok.dep in ("compound", "nmod", "amod") and tokens[tok.head].pos in ("NOUN", "PROPN")


def _inside_longer_name(tokens: tuple[Token, ...], tok: Token, titles: frozenset[str]) -> bool:
    """A surname alias inside a longer name ("yunus" in "mohammad yunus siddiqui") is
    someone else; titles ("president putin") do not make a longer name."""

    def name_word(t: Token) -> bool:
        return t.pos == "PROPN" and t.text.lower() not in titles

    if tok.dep == "compound" and name_word(tokens[tok.head]):
        return True
    return any(t.head == tok.i and t.dep == "compound" and name_word(t) for t in tokens)


def _cased(ctx: _Context, i: int) -> bool:
    return ctx.cased[i] if i < len(ctx.cased) else True


def _span_atom(m: Mention, tokens: tuple[Token, ...], ctx: _Context) -> _Atom:
    """Resolve one NER span: the whole text, then (for names) without leading words."""
    index = ctx.index
    if m.label in _ACTOR_LABELS:
        after_the = _short_form_position(tokens, tokens[m.tok_start])
        for s in range(m.tok_start, m.tok_end):
            if s > m.tok_start and (m.label not in ("PERSON", "ORG") or s > m.head):
                break
            text = _span_text(tokens, s, m.tok_end)
            if _cased(ctx, s) and text.islower():
                break  # "turkey", "guinea fowl" in a capitalised text: ordinary words
            entry = index.lookup(text, after_the and s == m.tok_start)
            if entry is None:
                continue
            actor, via, title = index.entry_actor(entry, ctx.day)
            label = _KIND_LABEL[entry.kind]
            head = m.head if m.tok_start <= m.head < m.tok_end else m.tok_end - 1
            return _Atom(m.tok_start, m.tok_end, head, label, entry.kind, actor, via, title)
    return _Atom(m.tok_start, m.tok_end, m.head, m.label, "", None, "")


def _span_text(tokens: tuple[Token, ...], start: int, end: int) -> str:
    parts: list[str] = []
    for tok in tokens[start:end]:
        parts.append(tok.text)
        parts.append(tok.whitespace)
    return "".join(parts[:-1])


@dataclass
class _Sent:
    """Per-sentence working data."""

    sentence: Sentence
    tokens: tuple[Token, ...]
    children: list[list[int]]
    atom_of: list[_Atom | None]
    by_head: dict[int, Mention]
    extra: dict[int, list[Mention]] = field(default_factory=dict)
    """Further mentions of a head that stands for several actors ("they": Peru and Chile)."""

    def mention(
        self, start: int, end: int, head: int, label: str, actor: Actor | None, via: str
    ) -> Mention:
        toks = self.tokens
        while start < head and (toks[start].pos in ("DET", "PUNCT") or toks[start].dep == "case"):
            start += 1
        s0 = self.sentence.start
        a, b = toks[start].start, toks[end - 1].end
        text = self.sentence.text[a - s0 : b - s0]
        return Mention(
            sentence_index=self.sentence.index,
            start=a,
            end=b,
            tok_start=start,
            tok_end=end,
            text=text,
            label=label,
            head=head,
            actor=actor,
            via=via,
        )
