"""Response shapes, for the OpenAPI description. Endpoints return stored records as they are."""

from __future__ import annotations

from pydantic import BaseModel, Field

from eventwire.records import CanonicalEvent, Count, Event, Place, Quote


class EventPage(BaseModel):
    events: list[CanonicalEvent]
    next: str | None = Field(description="Cursor of the next page; null on the last page.")
    total: int = Field(description="Number of matching events (a floor when total_exact is false).")
    total_exact: bool = Field(description="False when counting stopped at a cap: there are at least `total`.")


class EvidenceSource(BaseModel):
    article_id: str
    title: str | None
    url: str | None
    published: str | None
    event: Event | None = Field(description="The per-article event: evidence sentence and labelled spans.")


class EventDetail(CanonicalEvent):
    evidence: list[EvidenceSource]


class ArticleDetail(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: str | None
    text: str
    events: list[Event]
    quotes: list[Quote]
    places: list[Place]
    counts: list[Count]
    duplicate_of: str | None = Field(description="The article this one is a near-copy of, if any.")
    canonical_ids: dict[str, str] = Field(description="Per-article event id -> its canonical event id.")


class Bucket(BaseModel):
    date: str = Field(description="First day of the bucket (a Monday for weeks).")
    type: str
    n: int


class Timeline(BaseModel):
    interval: str
    buckets: list[Bucket]


class ActorCount(BaseModel):
    code: str | None
    sector: str | None
    n: int
    example: str | None = Field(description="One name the actor appears under.")


class Actors(BaseModel):
    actors: list[ActorCount]


class PlaceCount(BaseModel):
    name: str | None
    country: str | None
    n: int
    lat: float
    lon: float


class Places(BaseModel):
    places: list[PlaceCount]


class CountryCount(BaseModel):
    code: str
    n: int


class Countries(BaseModel):
    countries: list[CountryCount]


class MapCell(BaseModel):
    n: int
    lat: float = Field(description="Centroid of the cell's events.")
    lon: float
    sources: int
    dead: int
    injured: int
    types: dict[str, int]
    event_id: str | None = Field(description="The event's id when the cell holds exactly one.")


class MapGrid(BaseModel):
    cell_size: float = Field(description="Edge of a grid cell in degrees.")
    n: int
    cells: list[MapCell]


class ArticleIn(BaseModel):
    id: str | None = Field(default=None, max_length=128)
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, description="YYYY-MM-DD or ISO 8601.")


class IngestProblem(BaseModel):
    index: int
    kind: str = Field(description="failed or skipped")
    reason: str


class IngestResult(BaseModel):
    articles: list[dict] = Field(description="One `--format article` object per stored article.")
    problems: list[IngestProblem]
