"""Event filters shared by `export`, the HTTP API and the dashboard: one definition, bound parameters only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Table, and_, or_, true

from eventwire.store import schema
from eventwire.store.rollup import SearchMatch


@dataclass
class EventFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    types: list[str] = field(default_factory=list)
    country: str | None = None
    min_confidence: float | None = None
    min_sources: int | None = None
    story: str | None = None
    # (min_lon, min_lat, max_lon, max_lat)
    bbox: tuple[float, float, float, float] | None = None
    # Words searched in the names and codes of actors and recipients (canonical events only).
    actor: str | None = None
    # Words searched in the evidence sentence (canonical events only).
    q: str | None = None

    def where(self, mentions: bool = False) -> ColumnElement[bool]:
        table: Table = schema.events if mentions else schema.canonical_events
        c = table.c
        clauses: list[ColumnElement[bool]] = []
        if self.start:
            clauses.append(c.date >= self.start)
        if self.end:
            clauses.append(c.date <= self.end)
        if self.types:
            clauses.append(c.type.in_(self.types))
        if self.country:
            clauses.append(
                or_(
                    c.actor_code == self.country,
                    c.recipient_code == self.country,
                    c.loc_country == self.country,
                )
            )
        if self.min_confidence is not None:
            clauses.append(c.confidence >= self.min_confidence)
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            clauses.append(and_(c.lat.between(min_lat, max_lat), c.lon.between(min_lon, max_lon)))
        if not mentions:
            if self.min_sources is not None:
                clauses.append(c.n_sources >= self.min_sources)
            if self.story:
                clauses.append(c.story_id == self.story)
            if self.actor:
                clauses.append(SearchMatch("actors", self.actor))
            if self.q:
                clauses.append(SearchMatch("evidence", self.q))
        elif self.actor or self.q:
            # The full-text index covers canonical events; per-article events have none.
            raise ValueError("actor and q filters apply to canonical events only")
        return and_(true(), *clauses)
