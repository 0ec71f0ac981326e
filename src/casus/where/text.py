"""Place-like spans of a sentence and the syntactic role that ties each to its clause.

Spans come from NER mentions (GPE/LOC/FAC always; ORG/PERSON only where the gazetteer knows the
name and the role is locative, since spaCy mislabels towns as people and organisations),
demonyms (NORP) that modify a place noun ("Iranian cities"), and runs of capitalised proper
nouns the NER missed. The role says how strongly the span reads as *where* something happened
(see ``docs/WHEN_WHERE.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Mention, Sentence, Token

__all__ = ["PlaceSpan", "place_spans", "role_of"]

LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within",
     "over", "off", "along", "beyond", "between", "among", "amid", "nearby", "from"}
)  # fmt: skip
DIRECTIONAL = frozenset({"to", "into", "toward", "towards", "via", "through", "on", "onto"})
LISTING = frozenset({"including", "like", "as", "include", "includes"})
PLACE_NOUNS = frozenset(
    {"city", "cities", "town", "towns", "village", "villages", "capital", "province",
     "provinces", "region", "regions", "district", "districts", "area", "areas", "state",
     "county", "port", "enclave", "territory", "territories", "soil", "border", "borders",
     "outskirts", "suburb", "suburbs", "centre", "center", "heart", "coast", "waters",
     "airspace", "island", "islands", "peninsula", "valley", "camp", "site", "sites",
     "base", "bases", "neighbourhood", "neighborhood", "streets", "facility", "facilities",
     "north", "south", "east", "west", "part", "parts", "side", "governorate", "strip",
     "sector", "sectors", "zone", "zones", "quarter", "quarters", "hills", "mountains",
     "countryside", "frontier", "crossing", "highway", "road", "airport", "prison", "jail"}
)  # fmt: skip
STRENGTH = {"loc": 3.0, "list": 3.0, "dir": 2.5, "arg": 2.0, "mod": 1.5, "from": 1.5}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELLED = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A candidate place in a sentence: token span, head token, label and role."""

    sentence_index: int
    tok_start: int
    tok_end: int
    head: int
    text: str
    label: str
    source: str
    """``ner`` (a place label), ``ner-mislabel``, ``demonym`` or ``propn``."""
    role: str
    """``loc``, ``dir``, ``list``, ``arg``, ``mod``, ``from``, ``other`` or ``actor``."""
    actor_country: str | None = None
    modifier: bool = False
    """The head modifies a noun (``amod``/``compound``/``nmod``): "Iranian cities"."""
    metonym: bool = False
    """The actors stage read the name as its government ("Moscow said", "talks with Tehran")."""

    @property
    def strength(self) -> float:
        return STRENGTH.get(self.role, 1.0 if self.role == "other" else 0.0)


def _tok(tokens: Sequence[Token], i: int) -> Token:
    return tokens[i] if 0 <= i < len(tokens) else tokens[0]


def role_of(tokens: Sequence[Token], head: int, *, depth: int = 0) -> str:
    """How the phrase headed by ``head`` relates to its clause (a :data:`STRENGTH` key)."""
    t = _tok(tokens, head)
    if depth > 6 or t.head == t.i:
        return "other"
    parent = _tok(tokens, t.head)
    dep = t.dep
    if dep in ("conj", "appos"):
        return role_of(tokens, parent.i, depth=depth + 1)
    if dep in ("nsubj", "poss", "nsubj:poss", "agent", "csubj"):
        return "actor"
    if dep == "case":
        return "actor"
    if dep == "pobj":
        p = parent.text.lower()
        if p == "of":
            noun = _tok(tokens, parent.head)
            if noun.text.lower() in PLACE_NOUNS or noun.lemma.lower() in PLACE_NOUNS:
                return role_of(tokens, noun.i, depth=depth + 1)
            return "other"
        if p in LISTING or (p == "as" and parent.i > 0 and tokens[parent.i - 1].text == "such"):
            return "list"
        if p == "from":
            return "from"
        if p in LOCATIVE:
            return "loc"
        if p in DIRECTIONAL:
            return "dir"
        return "other"
    if dep in ("dobj", "nsubjpass", "obj", "attr"):
        return "arg"
    if dep in ("compound", "amod", "nmod", "npadvmod"):
        if parent.text.lower() in PLACE_NOUNS or parent.lemma.lower() in PLACE_NOUNS:
            outer = role_of(tokens, parent.i, depth=depth + 1)
            return outer if outer in ("loc", "dir", "list", "arg", "from") else "mod"
        return "actor" if dep in ("compound", "amod", "nmod") else "other"
    return "other"


def _has_possessive(tokens: Sequence[Token], end: int) -> bool:
    return end < len(tokens) and tokens[end].text in ("'s", "’s", "'")


def place_spans(sentence: Sentence, mentions: Sequence[Mention]) -> list[PlaceSpan]:
    """Every place-like span of ``sentence`` with its role (no gazetteer check yet)."""
    toks = sentence.tokens
    if not toks:
        return []
    out: list[PlaceSpan] = []
    covered: set[int] = set()
    seen: set[tuple[int, int]] = set()
    ranked = sorted(
        (m for m in mentions if m.sentence_index == sentence.index),
        key=lambda m: (m.label not in PLACE_LABELS, m.tok_start, -(m.tok_end - m.tok_start)),
    )
    for m in ranked:
        if m.label not in PLACE_LABELS and m.label not in MISLABELLED:
            continue
        if not 0 <= m.tok_start < m.tok_end <= len(toks):
            continue
        if (m.tok_start, m.tok_end) in seen or any(
            i in covered for i in range(m.tok_start, m.tok_end)
        ):
            continue
        start = m.tok_start
        if start < m.tok_end and toks[start].text.lower() == "the":
            start += 1
        if start >= m.tok_end:
            continue
        head = m.head if start <= m.head < m.tok_end else m.tok_end - 1
        role = "actor" if _has_possessive(toks, m.tok_end) else role_of(toks, head)
        if m.label == "NORP":
            source = "demonym"
        elif m.label in PLACE_LABELS:
            source = "ner"
        else:
            source = "ner-mislabel"
        seen.add((m.tok_start, m.tok_end))
        covered.update(range(m.tok_start, m.tok_end))
        text = " ".join(t.text for t in toks[start : m.tok_end])
        country = m.actor.country if m.actor is not None else None
        modifier = toks[head].dep in ("amod", "compound", "nmod")
        out.append(
            PlaceSpan(
                sentence.index, start, m.tok_end, head, text, m.label, source, role, country,
                modifier, m.via == "metonym",
            )
        )  # fmt: skip
    for m in mentions:
        if m.sentence_index == sentence.index:
            covered.update(range(max(0, m.tok_start), min(len(toks), m.tok_end)))
    run: list[int] = []
    for t in [*toks, None]:
        if (
            t is not None
            and t.i not in covered
            and t.tag in ("NNP", "NNPS")
            and t.text[:1].isupper()
            and t.text.isalpha()
        ):
            run.append(t.i)
            continue
        if run:
            head = run[-1]
            role = "actor" if _has_possessive(toks, run[-1] + 1) else role_of(toks, head)
            text = " ".join(toks[i].text for i in run)
            out.append(
                PlaceSpan(sentence.index, run[0], run[-1] + 1, head, text, "", "propn", role)
            )
            run = []
    return sorted(out, key=lambda p: p.tok_start)
