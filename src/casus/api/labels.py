"""Display names of event actors for the dashboard (issue #14): a participant whose text is a
pronoun ("his", "he") is shown by the first full mention of that actor in its article
("Russian President Vladimir Putin"), not by the pronoun.

The store keeps no mentions, so "the first full mention" is the earliest participant text of
the same actor (code and resolved name) among the article's stored events that is not a
pronoun; when the article has none, the actor's resolved name (``Participant.name``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Event

__all__ = [
    "LABEL_COLUMNS",
    "Mention",
    "is_pronoun",
    "labels_for",
    "mentions_from",
    "mentions_of",
    "stored_labels",
]

_PRONOUN_WORDS = (
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
    "he him his himself she her hers herself it its itself they them their theirs themselves "
    "who whom whose which that this these those one ones"
)
PRONOUNS = frozenset(_PRONOUN_WORDS.split())

LABEL_COLUMNS = (
    "event_id, article_id, sentence_index, evidence_sentence, "
    "source_text, source_name, source_code, target_text, target_name, target_code"
)
"""The ``events`` columns :func:`mentions_from` reads."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One participant of one stored event, as far as naming needs it."""

    event_id: str
    role: str  # "source" or "target"
    article_id: str
    order: tuple[int, int]  # (sentence index, offset of the text in its sentence)
    text: str
    name: str | None
    code: str


def is_pronoun(text: str | None) -> bool:
    """True for an empty text or one made only of pronouns ("he", "his", "they")."""
    words = (text or "").lower().replace("’", "'").replace("'s", "").split()
    return not words or all(w.strip(".,;:") in PRONOUNS for w in words)


def _mention(
    event_id: str, role: str, article_id: str, index: int, sentence: str, p: Mapping[str, Any]
) -> Mention | None:
    if not p.get("code"):
        return None
    text = str(p.get("text") or "")
    offset = sentence.find(text) if text else -1
    name = p.get("name")
    return Mention(
        event_id=event_id,
        role=role,
        article_id=article_id,
        order=(index, offset if offset >= 0 else len(sentence)),
        text=text,
        name=str(name) if name else None,
        code=str(p["code"]),
    )


def mentions_of(events: Iterable[Event]) -> list[Mention]:
    """The participants of coded events."""
    out: list[Mention] = []
    for e in events:
        for role, p in (("source", e.source), ("target", e.target)):
            if p is None:
                continue
            found = _mention(
                e.event_id,
                role,
                e.article_id,
                e.sentence_index,
                e.evidence.sentence,
                {"text": p.text, "name": p.name, "code": p.code},
            )
            if found:
                out.append(found)
    return out


def mentions_from(rows: Sequence[Mapping[str, object]]) -> list[Mention]:
    """The participants of ``events`` rows with the :data:`LABEL_COLUMNS`."""
    out: list[Mention] = []
    for row in rows:
        index = row.get("sentence_index")
        for role in ("source", "target"):
            found = _mention(
                str(row["event_id"]),
                role,
                str(row["article_id"]),
                index if isinstance(index, int) else 0,
                str(row.get("evidence_sentence") or ""),
                {k: row.get(f"{role}_{k}") for k in ("text", "name", "code")},
            )
            if found:
                out.append(found)
    return out


def labels_for(mentions: Iterable[Mention]) -> dict[str, dict[str, str]]:
    """``{event_id: {"source": label, "target": label}}``: each participant's own text, or
    for a pronoun the first full mention of that actor in the article (else its name)."""
    items = list(mentions)
    first: dict[tuple[str, str, str | None], Mention] = {}
    for m in items:
        if is_pronoun(m.text):
            continue
        key = (m.article_id, m.code, m.name)
        if key not in first or m.order < first[key].order:
            first[key] = m
    out: dict[str, dict[str, str]] = {}
    for m in items:
        if is_pronoun(m.text):
            full = first.get((m.article_id, m.code, m.name))
            label = full.text if full else (m.name or m.code)
        else:
            label = m.text
        out.setdefault(m.event_id, {})[m.role] = label
    return out


def stored_labels(store: Any, article_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """:func:`labels_for` every stored event of these articles (one query; ``store`` is a
    ``casus.store.Store``, read-only is enough)."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)  # only placeholders go into the SQL text
    rows = store.query(f"SELECT {LABEL_COLUMNS} FROM events WHERE article_id IN ({marks})", ids)
    return labels_for(mentions_from(rows))
