"""Actors stage (issue #4): resolve noun phrases to countries, sectors, IGOs, NGOs and people.

:meth:`ActorIndex.load` reads the project's data files once (``countries.tsv``,
``organisations.tsv``, ``people.tsv``, ``sectors.yaml``; see ``docs/ACTORS.md``);
:meth:`ActorIndex.entity_patterns` feeds the spaCy entity ruler; :func:`resolve` replaces an
article's NER mentions with one :class:`~casus.model.Mention` per actor-denoting noun phrase
(head = the phrase's syntactic head), plus mentions for country modifiers, pronouns and the
unresolved NER entities. The rules live in :mod:`casus.actors.rules` (with its helpers ``atoms``
and ``pronouns``), the index in ``index`` and the data-file loaders in ``data``.
"""

from __future__ import annotations

from .index import ActorIndex
from .rules import resolve

__all__ = ["ActorIndex", "resolve"]
