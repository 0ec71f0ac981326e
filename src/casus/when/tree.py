"""Small dependency-tree helpers shared by the ``when`` and ``where`` stages.

Tokens carry ``head`` indices within their sentence (the root points to itself). These helpers
never assume a well-formed tree: cycles and out-of-range heads are cut off.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Token

__all__ = [
    "ancestors",
    "children",
    "clause",
    "subtree",
    "tree_distance",
    "trigger_index",
]


def _head(tokens: Sequence[Token], i: int) -> int:
    h = tokens[i].head
    return h if 0 <= h < len(tokens) else i


def ancestors(tokens: Sequence[Token], i: int) -> list[int]:
    """``i`` and its heads up to the root, nearest first (cycle-safe)."""
    out = [i]
    seen = {i}
    while True:
        h = _head(tokens, out[-1])
        if h in seen:
            return out
        out.append(h)
        seen.add(h)


def children(tokens: Sequence[Token], i: int) -> list[int]:
    return [t.i for t in tokens if t.i != i and _head(tokens, t.i) == i]


def subtree(tokens: Sequence[Token], i: int) -> frozenset[int]:
    """Indices of ``i`` and every token whose head chain passes through ``i`` (found from
    ``i`` down, each token once: a cycle is walked round once)."""
    if not 0 <= i < len(tokens):
        return frozenset()
    below: dict[int, list[int]] = {}
    for n in range(len(tokens)):
        h = _head(tokens, n)
        if h != n:
            below.setdefault(h, []).append(n)
    found = {i}
    todo = [i]
    while todo:
        for k in below.get(todo.pop(), ()):
            if k not in found:
                found.add(k)
                todo.append(k)
    return frozenset(found)


def tree_distance(tokens: Sequence[Token], a: int, b: int) -> int:
    """Number of dependency edges between tokens ``a`` and ``b`` (large if unconnected)."""
    up_a = ancestors(tokens, a)
    pos_b = {j: n for n, j in enumerate(ancestors(tokens, b))}
    for n, j in enumerate(up_a):
        if j in pos_b:
            return n + pos_b[j]
    return 10 * len(tokens) + abs(a - b)


def trigger_index(tokens: Sequence[Token], index: int) -> int:
    """The event's trigger token, or the sentence root when the event has none (``-1``)."""
    if 0 <= index < len(tokens):
        return index
    for t in tokens:
        if _head(tokens, t.i) == t.i:
            return t.i
    return 0


CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "acl"})


def clause(tokens: Sequence[Token], i: int) -> frozenset[int]:
    """The subtree of ``i`` without the clauses nested in it (other verbs' ``conj``,
    ``ccomp``, ``advcl``, ``relcl`` ... subtrees): the words of ``i``'s own clause."""
    own = subtree(tokens, i)
    cut: set[int] = set()
    for j in own:
        t = tokens[j]
        if j != i and t.dep in CLAUSE_DEPS and t.pos in ("VERB", "AUX"):
            cut |= subtree(tokens, j)
    return own - cut
