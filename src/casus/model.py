"""The types that flow between pipeline stages: frozen dataclasses, changed with ``replace``.

An :class:`Article` is read by ``ingest``; ``nlp`` fills its ``sentences`` (with tokens and
their dependency parse) and its named-entity ``mentions``; ``actors`` resolves mentions to
:class:`Actor` values and adds mentions for sector nouns, titles and pronouns; ``events`` adds
:class:`Event` values; ``when`` and ``where`` fill their dates and locations. Output follows
schema version 1 of ``CONTRACT.md`` via :meth:`Event.to_dict`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "Event",
    "Evidence",
    "Location",
    "Mention",
    "Participant",
    "Sentence",
    "Token",
    "make_event_id",
]

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence. Indices are within the sentence; ``start`` is a
    character offset in the article text."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    """Index of the syntactic head within the sentence (the root points to itself)."""
    start: int
    ent_type: str = ""
    """Entity label of the token (``GPE``, ``NORP``, ``PERSON``, ``ORG``, ...) or ``""``."""
    ent_iob: str = "O"
    whitespace: str = " "
    """Whitespace that follows the token in the text (``""`` or ``" "`` ...)."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``start``/``end`` are character offsets in ``Article.text``."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: CAMEO-style ``code`` (``RUSGOV``, ``ISR``, ``IGOUNO``), a canonical
    ``name``, ISO3 ``country`` (``None`` for IGOs/NGOs) and CAMEO ``sector`` (or ``None``)."""

    code: str
    name: str
    country: str | None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A noun phrase in a sentence, with the actor it resolves to (``None`` if unresolved).

    ``head`` is the token index (within the sentence) of the phrase's syntactic head; the
    events stage finds the actor of a subject or object through it. ``tok_start``/``tok_end``
    (exclusive) are token indices, ``start``/``end`` character offsets in the article text.
    ``label`` is the entity label (``PERSON``, ``GPE``, ``NORP``, ``ORG``, ``LOC``, ``FAC``)
    or ``ACTOR`` for sector nouns and titles, ``PRON`` for resolved pronouns.
    ``via`` says how the actor was found (``gazetteer``, ``title``, ``person``, ``metonym``,
    ``demonym``, ``coref``, ``sector`` ...), for evidence and debugging.
    """

    sentence_index: int
    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    label: str
    head: int
    actor: Actor | None = None
    via: str = ""


@dataclass(frozen=True, slots=True)
class Location:
    """A geocoded place (CONTRACT ``location``) with its ``precision``: city, admin1, country."""

    text: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    precision: str = "city"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Participant:
    """The source or target of an event as the CONTRACT prints it."""

    text: str
    name: str
    code: str
    country: str | None
    sector: str | None

    @classmethod
    def from_mention(cls, mention: Mention) -> Participant:
        if mention.actor is None:
            raise ValueError("mention has no actor")
        a = mention.actor
        return cls(text=mention.text, name=a.name, code=a.code, country=a.country, sector=a.sector)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event was coded: its sentence (offsets in the article), the trigger words and
    their offsets, and the cues that agreed (see ``docs/CODING.md``)."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None
    cues: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "cues": list(self.cues),
        }


def make_event_id(
    article_id: str, sentence_index: int, source: str | None, cameo: str, target: str | None
) -> str:
    """Deterministic event id: the same article, sentence, source, code and target always give
    the same id, so re-runs and retries deduplicate."""
    key = "\x1f".join([article_id, str(sentence_index), source or "", cameo, target or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event. ``to_dict`` gives the CONTRACT schema-1 record."""

    event_id: str
    article_id: str
    sentence_index: int
    cameo: str
    cameo_root: str
    plover: str | None
    mode: str | None
    quad_class: int
    goldstein: float
    evidence: Evidence
    confidence: float
    source: Participant | None = None
    target: Participant | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    location: Location | None = None
    trigger_index: int = -1
    """Token index (within the sentence) of the trigger, for the when/where stages."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "mode": self.mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
        }

    def to_row(self) -> dict[str, Any]:
        """The CONTRACT record flattened to the column names of the ``events`` table (and of
        CSV and Parquet exports): ``source_code``, ``location_lat``, ``trigger`` ..."""
        row: dict[str, Any] = {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "date": self.date,
            "date_precision": self.date_precision,
        }
        for role, who in (("source", self.source), ("target", self.target)):
            for key in ("text", "name", "code", "country", "sector"):
                row[f"{role}_{key}"] = getattr(who, key) if who else None
        row.update(
            cameo=self.cameo,
            cameo_root=self.cameo_root,
            plover=self.plover,
            mode=self.mode,
            quad_class=self.quad_class,
            goldstein=self.goldstein,
        )
        loc = self.location
        for key in ("text", "name", "country", "admin1", "lat", "lon", "geonameid", "precision"):
            row[f"location_{key}"] = getattr(loc, key) if loc else None
        ev = self.evidence
        row.update(
            evidence_sentence=ev.sentence,
            evidence_start=ev.start,
            evidence_end=ev.end,
            trigger=ev.trigger,
            trigger_start=ev.trigger_start,
            trigger_end=ev.trigger_end,
            cues=list(ev.cues),
            confidence=self.confidence,
        )
        return row


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as read, and as it grows through the stages.

    ``text`` is the normalised body (NFC, mojibake repaired, whitespace tidied, any leading
    outlet marker such as ``(MENAFN)`` removed and recorded in ``outlet``). All offsets in
    sentences, mentions and events refer to this text.
    """

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None
    """Where it was read from (a path, ``path:line``, a URL or ``-``)."""
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The article's own fields (without stage output), as stored and as JSON input."""
        return {
            "id": self.id,
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "url": self.url,
            "source": self.outlet,
            "origin": self.origin,
        }
