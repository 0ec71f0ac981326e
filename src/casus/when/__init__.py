"""When stage: each event's date, resolved against the publication date.

:mod:`casus.when.stage` ranks the date expressions of ``parse``; ``tree`` holds the small
dependency-tree helpers that ``where`` uses too. Import the public names from here.
"""

from __future__ import annotations

from .stage import *  # noqa: F403  (the names of its __all__)
from .stage import __all__ as __all__
