"""Keys of common-noun phrases in the title, sector and owned-noun tables (helpers of
:mod:`casus.actors.rules`): the longest key ending at a head noun, its word forms, and a
body named ``<head> of <noun>``."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Token
from .atoms import _Sent
from .data import fold


def _noun_key(
    tokens: tuple[Token, ...], j: int, lo: int, table: Mapping[str, str]
) -> tuple[str, str, int]:
    """Longest key (three, two, one words ending at token ``j``, not before ``lo``) found in
    ``table``: ``(key, sector, width)`` or ``("", "", 0)``."""
    lasts = _forms(tokens[j])
    for width in (3, 2, 1):
        s = j - width + 1
        if s < lo:
            continue
        prefix = " ".join(fold(t.text) for t in tokens[s:j])
        for w in lasts:
            key = f"{prefix} {w}" if prefix else w
            sector = table.get(key)
            if sector is not None:
                return key, sector, width
    return "", "", 0


def _of_name(st: _Sent, h: int, table: Mapping[str, str]) -> str | None:
    """The sector of a body named ``<head> of <noun>`` (``house of representatives``,
    ``chamber of deputies``) when the parse heads the name on its first noun."""
    toks = st.tokens
    if h + 2 >= len(toks) or toks[h + 1].text.lower() != "of" or toks[h + 2].head != h + 1:
        return None
    for w in _forms(toks[h + 2]):
        sector = table.get(f"{fold(toks[h].text)} of {w}")
        if sector is not None:
            return sector
    return None


def _forms(tok: Token) -> tuple[str, ...]:
    """The lemma and lower-case form of a noun, plus naive singulars (for poor lemmas)."""
    low = tok.text.lower()
    forms = [tok.lemma.lower(), low]
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    elif low.endswith("es"):
        forms.extend((low[:-1], low[:-2]))
    elif low.endswith("s"):
        forms.append(low[:-1])
    return tuple(forms)
