"""Pronouns and the subject/number facts they need (private helper of the actors stage)."""

from __future__ import annotations

from ..model import Mention, Token
from .atoms import (
    _LEFT_DEPS,
    _PERSON_PRONOUNS,
    _RELATIVE_PRONOUNS,
    _SUBJECT_DEPS,
    _THING_PRONOUNS,
    _Context,
    _Sent,
)


def _ref_plural(tokens: tuple[Token, ...], children: list[list[int]], h: int, label: str) -> bool:
    if label == "PRON":
        return tokens[h].text.lower() in _PLURAL_PRONOUNS
    return _plural(tokens[h]) or any(tokens[c].dep == "conj" for c in children[h])


def _is_subject(tokens: tuple[Token, ...], h: int) -> bool:
    """The token is a subject, or modifies one ("Israel" in "Israel's army said")."""
    for _ in range(4):
        tok = tokens[h]
        if tok.dep in _SUBJECT_DEPS:
            return True
        if (tok.dep not in _LEFT_DEPS and tok.dep != "appos") or tok.head == h:
            return False
        h = tok.head
    return False


def _plural(tok: Token) -> bool:
    if tok.tag:
        return tok.tag in ("NNS", "NNPS")
    return tok.text.lower() != tok.lemma.lower() and tok.text.lower().endswith("s")


def _pronoun(st: _Sent, tok: Token, ctx: _Context) -> tuple[Mention | None, bool]:
    word = tok.text.lower()
    h = tok.i
    s = st.sentence.index
    if word in _RELATIVE_PRONOUNS:
        verb = st.tokens[tok.head]
        if word == "whose":  # "Chile, whose army ...": up through the possessed noun
            verb = st.tokens[verb.head]
        if verb.dep != "relcl":
            return None, False
        ante = st.by_head.get(verb.head)
        if ante is None or ante.actor is None:
            return None, False
        person = ante.label == "PERSON" or (ante.label == "ACTOR" and ante.via == "title")
        return st.mention(h, h + 1, h, "PRON", ante.actor, "coref"), person
    want_person = word in _PERSON_PRONOUNS
    if not want_person and (word not in _THING_PRONOUNS or _expletive(st, tok)):
        return None, False
    plural = word in _PLURAL_PRONOUNS
    for ref in reversed(ctx.refs):
        if ref.sentence < s - 1:
            break
        if ref.sentence == s and ref.head >= h:
            continue
        if want_person and ref.person and ref.subject:
            return st.mention(h, h + 1, h, "PRON", ref.actor, "coref"), True
        if not want_person and not ref.person and not ref.modifier and ref.plural == plural:
            return st.mention(h, h + 1, h, "PRON", ref.actor, "coref"), False
    return None, False


_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_EMPTY_VERBS = frozenset({"be", "seem", "appear", "look", "become", "remain", "happen", "take"})


def _expletive(st: _Sent, tok: Token) -> bool:
    """ "it" that is not an actor: expletive ("it was decided", "it seems"), or an object
    ("we accept it"), which is almost always a thing."""
    if tok.text.lower() != "it":
        return False
    if tok.dep != "nsubj":
        return True
    verb = st.tokens[tok.head]
    if verb.lemma.lower() in _EMPTY_VERBS:
        return True
    return any(st.tokens[c].dep in ("auxpass", "nsubjpass") for c in st.children[verb.i])
