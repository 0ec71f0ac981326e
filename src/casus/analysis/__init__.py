"""Analysis: from stored events to a picture of a conflict (``docs/ANALYSIS.md``).

Dyad series and the escalation watch (``dyads``), incidents (``incident_rule``,
``incident_query``), mediation (``mediators``) and exports (``exports``), over the SQL helpers
of ``sql``. Import the public names from here.
"""

from __future__ import annotations

from .dyads import *  # noqa: F403  (the names of its __all__)
from .dyads import __all__ as __all__
