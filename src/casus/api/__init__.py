"""The HTTP API and the dashboard (``casus serve``): the only package that imports FastAPI.

:mod:`casus.api.app` wires the routes; :mod:`casus.api.service` does the work without HTTP;
``static/`` holds the dashboard. Import the public names from here.
"""

from __future__ import annotations

from .app import DEFAULT_TILES, create_app, run, serve

__all__ = ["DEFAULT_TILES", "create_app", "run", "serve"]
