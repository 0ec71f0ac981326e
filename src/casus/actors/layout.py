"""Names that the layout of a story, not its content, puts in a sentence (private helper of
:mod:`casus.actors.atoms`): datelines (*DUBAI, United Arab Emirates —*, *WASHINGTON -*, a
place alone on its line), credit and byline lines (*Picture: PA*, *By Jane Doe, Reuters*)
and a place fused to a word that makes it an attribute (*Washington-based*, *Soviet-era*,
*Iranian-made*) or a stance (*pro-Russian*, *anti-American*). Such a name is where the story
was filed, who wrote or photographed it, what a thing is like or whom a group sides with or
against; it is not an actor (issue #12)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ..model import Sentence, Token

__all__ = ["is_attribute", "is_stance", "layout_tokens"]

_DASHES = frozenset({"—", "–", "-", "--"})
_CREDITS = frozenset({"picture", "pictures", "photo", "photos", "photograph", "image", "credit"})
_CREDITS |= frozenset({"illustration", "video", "file"})
_ATTRIBUTE_SUFFIXES = frozenset(
    {"based", "era", "style", "made", "built", "designed", "headquartered", "occupied", "annexed"}
)
"""Words that, joined to a place by a hyphen, make it a property of something else:
*Washington-based group*, *Soviet-era borders*, *Iranian-made drones*, *the
Israeli-occupied Golan* (the place is the land, not its occupier). Not a flag
(*Liberian-flagged ship*): the news codes a ship by its flag."""
_STANCE_PREFIXES = frozenset({"pro", "anti"})
"""Words that, joined by a hyphen before a place or its adjective, make it a stance: *the
pro-Russian party*, *anti-American protesters* side with or against that country and are
not its own (a party of Moldova, protesters in Peru)."""
_MAX_DATELINE = 14


def _breaks(sentence: Sentence) -> tuple[bool, ...]:
    """For each token, whether a line break comes right after it (read from the text: the
    tokens' own whitespace may not keep it)."""
    tokens, text, s0 = sentence.tokens, sentence.text, sentence.start
    out = [False] * len(tokens)
    if "\n" not in text:
        return tuple(out)
    for t, nxt in pairwise(tokens):
        out[t.i] = "\n" in text[t.start - s0 + len(t.text) : nxt.start - s0]
    return tuple(out)


def _gap(tokens: Sequence[Token], j: int) -> bool:
    """Whether space separates token ``j`` from the next (read from the offsets: a parse-less
    token does not keep its whitespace)."""
    return j + 1 < len(tokens) and tokens[j + 1].start > tokens[j].start + len(tokens[j].text)


def _line_end(br: Sequence[bool], i: int) -> int:
    """One past the last token of the line token ``i`` is on."""
    j = i
    while j < len(br) - 1 and not br[j]:
        j += 1
    return j + 1


def _dateline_end(tokens: Sequence[Token], br: Sequence[bool], i: int) -> int:
    """End of a dateline starting at line start ``i`` (``i`` if there is none): names and
    commas, an optional agency in brackets, then a spaced dash (*KYIV, Ukraine (AP) —*,
    *Kyiv, Ukraine —*: in capitals or with a comma, so a title-case headline is not one) or,
    for a name in capitals, a colon (*NEW DELHI:*); or a name in capitals alone on its line
    (*WARSAW*). Several places filed from are joined by slashes (*LIMA/SANTIAGO -*); a
    hyphen inside a name is part of it (*PORT-AU-PRINCE, Haiti (AP) —*)."""
    j = i
    caps = False
    comma = False
    while j < len(tokens) and j - i < _MAX_DATELINE:
        t = tokens[j]
        if t.text == "-" and j > i and not _gap(tokens, j - 1) and not _gap(tokens, j):
            j += 1  # a hyphen inside a name (*PORT-AU-PRINCE*)
            continue
        if t.text in _DASHES:
            spaced = j > i and _gap(tokens, j - 1)
            ok = j > i and (spaced or t.text != "-") and (caps or (comma and j - i <= 6))
            return j + 1 if ok else i
        if t.text == ":":
            return j + 1 if caps else i
        if t.text in ("(", ")", ",", "/"):
            comma = comma or (t.text == "," and j > i)
            j += 1
            continue
        if t.pos != "PROPN" and not (t.text.isupper() and t.text.isalpha()):
            return i
        if t.text.isupper() and len(t.text) > 1 and j == i:
            caps = True
        if br[j]:
            return j + 1 if caps else i
        j += 1
    return i


def _credit_end(tokens: Sequence[Token], br: Sequence[bool], i: int) -> int:
    """End of a credit or byline line starting at ``i`` (*Picture: PA*, *By Jane Doe and
    John Roe, Reuters*), ``i`` if the line is not one."""
    end = _line_end(br, i)
    first = tokens[i].text.lower()
    if first in _CREDITS and i + 1 < end and tokens[i + 1].text == ":":
        return end
    if tokens[i].text == "By" and end - i <= 12:
        rest = tokens[i + 1 : end]
        if rest and all(t.pos in ("PROPN", "PUNCT", "CCONJ") or _capitals(t) for t in rest):
            return end
    return i


def _capitals(t: Token) -> bool:
    """A word in capitals (the tagger often takes a name in capitals for a common word)."""
    return t.text.isupper() and t.text.isalpha()


def is_attribute(tokens: Sequence[Token], end: int) -> bool:
    """The name ending before token ``end`` is joined by a hyphen to an attribute word."""
    if end + 1 >= len(tokens) or tokens[end].text != "-":
        return False
    if _gap(tokens, end - 1) or _gap(tokens, end):
        return False
    return tokens[end + 1].text.lower() in _ATTRIBUTE_SUFFIXES


def is_stance(tokens: Sequence[Token], start: int) -> bool:
    """The name starting at token ``start`` follows *pro-* or *anti-* (hyphen, no spaces)."""
    if start < 2 or tokens[start - 1].text != "-":
        return False
    if _gap(tokens, start - 2) or _gap(tokens, start - 1):
        return False
    return tokens[start - 2].text.lower() in _STANCE_PREFIXES


def layout_tokens(sentence: Sentence) -> frozenset[int]:
    """Indices of the tokens of the sentence's datelines, credit and byline lines."""
    tokens = sentence.tokens
    br = _breaks(sentence)
    out: set[int] = set()
    i = 0
    while i < len(tokens):
        if i > 0 and not br[i - 1]:
            i += 1
            continue
        end = max(_dateline_end(tokens, br, i), _credit_end(tokens, br, i))
        out.update(range(i, end))
        i = max(end, i + 1)
    return frozenset(out)
