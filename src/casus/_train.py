"""``casus train``: learn the role model (:mod:`casus._events_roles`) from article-level gold.

The coder runs over the gold articles with role filling off; every event that leaves its
source or target empty, and whose other side and CAMEO root match a gold event of the same
article, becomes one training group: its candidates, labelled by whether their country is the
gold one. A logistic regression over the candidates' string features (scikit-learn, CPU, a few
seconds) gives one weight per feature and role, written as JSON to ``data/roles.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ._events_roles import ROLES, RoleModel, candidates, country_key, unlocated
from ._scoring import country_level
from .errors import InputError
from .model import Article, Participant

__all__ = ["Example", "examples", "fit", "train"]


@dataclass(frozen=True, slots=True)
class Example:
    """The candidates of one empty role and which of them the gold names."""

    role: str
    features: tuple[tuple[str, ...], ...]
    labels: tuple[bool, ...]


def _key(p: Participant | None) -> str | None:
    return None if p is None else country_level(country_key(p.code, p.country))


def examples(article: Article, gold: Iterable[tuple[str | None, str, str | None]]) -> list[Example]:
    """Training groups of one coded article (role filling off) against its gold triples
    ``(source, root, target)`` at country level."""
    triples = list(gold)
    out: list[Example] = []
    for event in article.events:
        for role in ROLES:
            if not unlocated(getattr(event, role)):
                continue
            other = _key(event.source if role == "target" else event.target)
            root = event.cameo_root
            if role == "target":
                wanted = {t for s, r, t in triples if r == root and s == other and t}
            else:
                wanted = {
                    s for s, r, t in triples if r == root and (t == other or other is None) and s
                }
            if not wanted:
                continue
            cands = candidates(article, event, role)
            labels = tuple(country_level(c.key) in wanted for c in cands)
            if any(labels) and not all(labels):
                out.append(Example(role, tuple(c.features for c in cands), labels))
    return out


def fit(groups: Sequence[Example], *, c: float = 0.5) -> dict[str, Any]:
    """One logistic regression per role over all candidates; returns the JSON model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    weights: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for role in ROLES:
        rows = [
            (f, y)
            for g in groups
            if g.role == role
            for f, y in zip(g.features, g.labels, strict=True)
        ]
        counts[role] = sum(1 for g in groups if g.role == role)
        if len({y for _, y in rows}) < 2:
            weights[role] = {}
            continue
        vec = DictVectorizer()
        x = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in rows])
        y = [int(v) for _, v in rows]
        lr = LogisticRegression(C=c, max_iter=2000)
        lr.fit(x, y)
        weights[role] = {
            name: round(float(w), 4)
            for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
            if abs(w) >= 1e-4
        }
    return {
        "version": dt.date.today().isoformat(),
        "groups": counts,
        "bias": {r: -1000.0 for r in ROLES},
        "weights": weights,
    }


def train(gold: Path, output: Path, *, coder: Any = None) -> dict[str, Any]:
    """Code ``gold`` (article-level CAMEO JSONL) with role filling off, fit the role model and
    write it to ``output``. Returns the model."""
    from .evaluate import _articles, gold_triples, read_gold
    from .pipeline import Coder
    from .settings import Settings

    records = read_gold(gold)
    if not records:
        raise InputError(f"{gold}: no gold records", hint="give article-level CAMEO gold JSONL")
    coder = coder or Coder(Settings.load())
    coder.lexicon = replace(coder.lexicon, roles=RoleModel.off())
    groups: list[Example] = []
    for record, article in zip(
        records, coder.code(_articles(records, coder.settings)), strict=True
    ):
        gold_set = [
            (t.source, t.type, t.target) for t in gold_triples(record, "cameo") if t.type != "01"
        ]
        groups.extend(examples(article, gold_set))
    model = fit(groups)
    output.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return model
