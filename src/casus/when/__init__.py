"""When stage: each event's date, resolved against the publication date.

:mod:`casus.when.stage` ranks the date expressions of ``parse``; ``tree`` holds the small
dependency-tree helpers that ``where`` uses too. Import the public names from here.
"""

from __future__ import annotations

from .stage import DateChoice, date_events, date_of, sentence_dates

__all__ = ["DateChoice", "date_events", "date_of", "sentence_dates"]
