"""Events stage: CAMEO 2.0 / PLOVER coding from the dependency parse (see ``docs/CODING.md``).

:mod:`casus.events.stage` holds :class:`Lexicon`, :func:`extract` and
:func:`domestic_violence`; ``lexicon``, ``match``, ``syntax``, ``context``, ``frame``,
``frames``, ``reported`` and ``roles`` are its helpers. Import the public names from here.
"""

from __future__ import annotations

from .stage import *  # noqa: F403  (the names of its __all__)
from .stage import __all__ as __all__
