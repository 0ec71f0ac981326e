"""Analysis: from stored events to a picture of a conflict (``docs/ANALYSIS.md``).

Dyad series and the escalation watch (``dyads``), incidents (``incident_rule``,
``incident_query``), mediation (``mediators``) and exports (``exports``), over the SQL helpers
of ``sql``. Import the public names from here.
"""

from __future__ import annotations

from .dyads import (
    Incident,
    IncidentReport,
    MediationItem,
    SeriesRow,
    WatchItem,
    dyad_series,
    escalation_index,
    export,
    incidents,
    latest_date,
    mediation,
    resolve_actor,
    sparkline,
    watch,
)

__all__ = [
    "Incident",
    "IncidentReport",
    "MediationItem",
    "SeriesRow",
    "WatchItem",
    "dyad_series",
    "escalation_index",
    "export",
    "incidents",
    "latest_date",
    "mediation",
    "resolve_actor",
    "sparkline",
    "watch",
]
