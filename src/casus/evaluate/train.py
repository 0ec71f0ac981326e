"""``casus train``: learn the role model (:mod:`casus.events.roles`) from article-level gold.

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

from ..errors import InputError
from ..events.roles import ROLES, RoleModel, candidates, country_key, unlocated
from ..model import Article, Participant
from .scoring import country_level

__all__ = ["C_GRID", "Example", "default_output", "examples", "fit", "top1", "train"]


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


C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
"""Inverse regularisation strengths tried; the one with the best cross-validated top-1
accuracy over the training groups is kept."""


def _fit_role(groups: Sequence[Example], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [(f, y) for g in groups for f, y in zip(g.features, g.labels, strict=True)]
    if len({y for _, y in rows}) < 2:
        return {}
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in rows])
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit(x, [int(y) for _, y in rows])
    return {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }


def top1(groups: Sequence[Example], weights: dict[str, float]) -> float:
    """Share of groups whose best-scoring candidate is one the gold names."""
    if not groups:
        return 0.0
    right = 0
    for g in groups:
        scores = [sum(weights.get(f, 0.0) for f in feats) for feats in g.features]
        right += g.labels[max(range(len(scores)), key=lambda i: (scores[i], -i))]
    return right / len(groups)


def _choose_c(groups: Sequence[Example], folds: int = 5) -> tuple[float, float]:
    best = (C_GRID[0], -1.0)
    for c in C_GRID:
        acc = 0.0
        for k in range(folds):
            test = [g for n, g in enumerate(groups) if n % folds == k]
            rest = [g for n, g in enumerate(groups) if n % folds != k]
            acc += top1(test, _fit_role(rest, c)) * len(test)
        acc /= max(len(groups), 1)
        if acc > best[1]:
            best = (c, acc)
    return best


def fit(groups: Sequence[Example], *, c: float | None = None) -> dict[str, Any]:
    """One logistic regression per role over all candidates (``c`` ``None``: chosen by
    5-fold cross-validation on ``groups``); returns the JSON model."""
    weights: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    chosen: dict[str, dict[str, float]] = {}
    for role in ROLES:
        mine = [g for g in groups if g.role == role]
        counts[role] = len(mine)
        rc, acc = (c, -1.0) if c is not None else _choose_c(mine)
        weights[role] = _fit_role(mine, rc)
        chosen[role] = {
            "c": rc,
            "cv_top1": round(acc, 4),
            "train_top1": round(top1(mine, weights[role]), 4),
        }
    return {
        "version": dt.date.today().isoformat(),
        "groups": counts,
        "fit": chosen,
        "bias": {r: -1000.0 for r in ROLES},
        "weights": weights,
    }


def default_output() -> Path:
    """The role model file the package loads (``casus/data/roles.json``)."""
    return Path(__file__).resolve().parent.parent / "data" / "roles.json"


def train(gold: Path, output: Path, *, coder: Any = None) -> dict[str, Any]:
    """Code ``gold`` (article-level CAMEO JSONL) with role filling off, fit the role model and
    write it to ``output``. Returns the model."""
    from ..pipeline import Coder
    from ..settings import Settings
    from .gold import _articles, gold_triples, read_gold

    records = read_gold(gold)
    if not records:
        raise InputError(f"{gold}: no gold records", hint="give article-level CAMEO gold JSONL")
    coder = coder or Coder(Settings.load())
    lexicon = coder.lexicon
    coder.lexicon = replace(lexicon, roles=RoleModel.off())  # what the syntax alone finds
    groups: list[Example] = []
    try:
        coded = coder.code(_articles(records, coder.settings))
        for record, article in zip(records, coded, strict=True):
            gold_set = [
                (t.source, t.type, t.target)
                for t in gold_triples(record, "cameo")
                if t.type != "01"
            ]
            groups.extend(examples(article, gold_set))
    finally:
        coder.lexicon = lexicon
    model = fit(groups)
    output.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return model
