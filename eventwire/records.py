"""Typed records that flow between the pipeline stages and serialise to the contract's JSON.

Every stage takes and returns these records; JSON appears only at the edges (CLI, store, API).
Field names follow ../shared/CONTRACT.md exactly; fields beyond the contract are additive extensions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DatePrecision = Literal["day", "week", "month", "year", "published"]
PlaceFeature = Literal["city", "admin1", "admin2", "country", "region", "landmark"]
Qualifier = Literal["exact", "at_least", "about", "at_most"]


class Record(BaseModel):
    """Base for all records: strict field names, JSON-friendly dumps."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Article(Record):
    """One article as read by an ingest reader, before any NLP."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = Field(default=None, description="file path or URL the article was read from")
    language: str | None = None
    flags: list[str] = Field(default_factory=list, description="e.g. 'replaced_undecodable_bytes'")


class Span(Record):
    """A labelled character span in the article text, for the evidence view."""

    label: str  # actor | recipient | trigger | place | date | count | quote | speaker
    start: int
    end: int
    text: str


class Actor(Record):
    entity_text: str
    code: str | None = None
    sector: str | None = None
    identifier_text: str | None = None
    start: int | None = None
    end: int | None = None


class Place(Record):
    text: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    country_code: str | None = None
    feature: PlaceFeature | None = None
    score: float = 0.0
    admin1: str | None = None


class Count(Record):
    what: str
    n: int
    qualifier: Qualifier = "exact"
    text: str
    start: int
    end: int


class Speaker(Record):
    entity_text: str
    start: int
    end: int
    code: str | None = None
    sector: str | None = None


class Quote(Record):
    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    verb: str | None = None


class TextInfo(Record):
    sequence: int
    start: int
    end: int


class Acled(Record):
    event_type: str
    sub_event_type: str


class Event(Record):
    """A PLOVER event coded from one sentence of one article."""

    id: str
    article_id: str
    date: dt.date | None = None
    date_precision: DatePrecision = "published"
    event: list[str]
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    actor: list[Actor] = Field(default_factory=list)
    recipient: list[Actor] = Field(default_factory=list)
    event_loc: Place | None = None
    size: dict[str, int | None] = Field(default_factory=dict)
    event_text: list[str] = Field(default_factory=list)
    text: str
    text_info: TextInfo
    confidence: float
    cameo: str | None = None
    acled: Acled | None = None
    # Extensions beyond the contract: where each piece of the record came from.
    # True for the sentence's main act: the event nearest the root of the sentence's parse.
    main: bool = True
    date_text: str | None = None
    spans: list[Span] = Field(default_factory=list)

    @property
    def type(self) -> str:
        return self.event[0]


class Source(Record):
    article_id: str
    url: str | None = None
    published: dt.date | None = None
    event_id: str


class CanonicalEvent(Event):
    """One real-world event reported by one or more articles (the deduplicated view)."""

    n_sources: int = 1
    # Extension: distinct near-duplicate families among the sources (a syndicated copy or a
    # republished correction is the same source again, not an independent confirmation).
    n_independent_sources: int = 1
    sources: list[Source] = Field(default_factory=list)
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None
    story_id: str | None = None
    size_range: dict[str, list[int]] = Field(default_factory=dict)
    merge_reasons: list[str] = Field(default_factory=list)


class ArticleResult(Record):
    """Everything extracted from one article: the contract's `--format article` object."""

    id: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class DateMention(Record):
    """A date expression in the text, resolved against the publication date."""

    text: str
    start: int
    end: int
    date: dt.date
    precision: DatePrecision
    # Resolution relied on the tense of the governing verb (e.g. "on Saturday" with "will meet").
    relative: bool = False


class ActorMention(Record):
    """A mention of a political entity (country, group, person, role) with its PLOVER codes.

    `canonical` is the article-wide name the mention resolves to ("Guaidó" -> "Juan Guaidó"), so
    later stages can link pronouns and surnames to one entity.
    """

    text: str
    start: int
    end: int
    code: str | None = None
    sector: str | None = None
    kind: Literal["country", "person", "organization", "group", "role"] = "group"
    canonical: str | None = None
    identifier_text: str | None = None

    def as_actor(self) -> Actor:
        return Actor(
            entity_text=self.text,
            code=self.code,
            sector=self.sector,
            identifier_text=self.identifier_text,
            start=self.start,
            end=self.end,
        )
