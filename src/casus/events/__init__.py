"""Events stage: CAMEO 2.0 / PLOVER coding from the dependency parse (see ``docs/CODING.md``).

:mod:`casus.events.stage` holds :class:`Lexicon` and :func:`extract`; ``lexicon``, ``match``,
``syntax``, ``context`` and ``frames`` are its private helpers. Import the public names from here.
"""

from __future__ import annotations

from .stage import *  # noqa: F403  (the names of its __all__)
from .stage import __all__ as __all__
