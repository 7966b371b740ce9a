"""The extractors, registered by name in one explicit place, in the order they run.

Each extractor is a pure function `(doc, ctx) -> list[Record]`; later extractors read earlier
results from `ctx` (events read places, dates, counts and actors). The pipeline stores each list
under the extractor's name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext

Extractor = Callable[[Doc, ExtractionContext], list[Any]]


def default_extractors() -> dict[str, Extractor]:
    """name -> extractor, in running order."""
    from eventwire.extract import actors, counts, dates, events, places, quotes

    return {
        "places": places.extract_places,
        "dates": dates.extract_dates,
        "counts": counts.extract_counts,
        "actors": actors.extract_actors,
        "quotes": quotes.extract_quotes,
        "events": events.extract_events,
    }
