"""A place name that is part of another name, or heads the story (private helper of
:mod:`casus.actors.rules`): *Iran Air*, *Michael Jordan*, *MOSCOW -*."""

from __future__ import annotations

from .atoms import _Atom, _Context, _Sent

_QUALIFIER_WORDS = (
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern greater upper "
    "lower occupied mainland rural coastal"
)
_PLACE_QUALIFIERS = frozenset(_QUALIFIER_WORDS.split())


def _part_of_a_name(st: _Sent, atom: _Atom, ctx: _Context) -> bool:
    """A one-word place name glued to another proper noun that is neither a title nor a
    known name: the head right after it ("Iran Air", "Chad Smith") or a first name right
    before it ("Michael Jordan")."""
    if atom.end - atom.start != 1:
        return False
    tokens = st.tokens
    tok = tokens[atom.head]
    words = ctx.index.key_words

    def other_name(i: int) -> bool:
        t = tokens[i]
        a = st.atom_of[i]
        return (
            t.pos == "PROPN"
            and t.text.lower() not in words
            and t.text.lower() not in _PLACE_QUALIFIERS
            and t.lemma.lower() not in words
            and (a is None or a.actor is None)
            and t.text[:1].isupper() == tok.text[:1].isupper()
        )

    if tok.dep == "compound" and tok.head == tok.i + 1 and other_name(tok.head):
        return True
    before = tok.i - 1
    return (
        before >= 0
        and tokens[before].head == tok.i
        and tokens[before].dep == "compound"
        and other_name(before)
    )


def _dateline(st: _Sent, atom: _Atom) -> bool:
    """ "new delhi: ...", "MOSCOW - ...": a place heading the story, not the government."""
    if atom.start != 0 or atom.end >= len(st.tokens):
        return False
    return st.tokens[atom.end].text in (":", "-", "—", "–", "(")
