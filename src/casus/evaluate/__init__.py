"""Evaluation: code gold records with the real pipeline and score the result.

:mod:`casus.evaluate.gold` runs ``casus evaluate`` over the pure scoring of ``scoring``;
``expected`` is the acceptance rule of an ``expected.json`` spec and ``where_bench`` the
geocoding measurements of ``docs/BENCHMARKS.md``. Import the public names from here.
"""

from __future__ import annotations

from .gold import *  # noqa: F403  (the names of its __all__)
from .gold import __all__ as __all__
