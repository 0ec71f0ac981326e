"""The HTTP API and the dashboard (``casus serve``): the only package that imports FastAPI.

:mod:`casus.api.app` wires the routes; :mod:`casus.api.service` does the work without HTTP;
``static/`` holds the dashboard. Import the public names from here.
"""

from __future__ import annotations

from .app import *  # noqa: F403  (the names of its __all__)
from .app import __all__ as __all__
