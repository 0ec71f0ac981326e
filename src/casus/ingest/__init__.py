"""Ingest stage: files, folders and standard input → :class:`~casus.model.Article` values.

The readers live in :mod:`casus.ingest.read`; ``build``, ``bytes``, ``formats`` and ``norm`` are
its private helpers. Import the public names from here.
"""

from __future__ import annotations

from .read import *  # noqa: F403  (the names of its __all__)
from .read import __all__ as __all__
