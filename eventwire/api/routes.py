"""Read-only endpoints: each validates its parameters, makes one query call and returns its JSON."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from eventwire.api import models
from eventwire.api.params import MAX_LIMIT, event_filter, invalid
from eventwire.export import RENDERERS
from eventwire.records import CanonicalEvent
from eventwire.store import queries
from eventwire.store.filters import EventFilter
from eventwire.store.store import Store

router = APIRouter(prefix="/api")
Filters = Annotated[EventFilter, Depends(event_filter)]
Id = Annotated[str, Path(max_length=128)]
TopN = Annotated[int, Query(ge=1, le=100, description="How many to return.")]

EXPORTS: dict[str, tuple[str, str]] = {
    "plover": ("application/x-ndjson", "events.plover.jsonl"),
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
}


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]


def json_response(data: Any) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body, media_type="application/json")


@router.get("/events", tags=["events"], response_model=models.EventPage, summary="Canonical events, filtered and paged")
def list_events(
    store: StoreDep,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events per page.")] = 50,
    cursor: Annotated[str | None, Query(max_length=1000, description="`next` of the previous page.")] = None,
    sort: Annotated[queries.Sort, Query(description="date_desc, date_asc, or most confidence / sources first.")] = (
        "date_desc"
    ),
) -> Response:
    try:
        page = queries.list_events(store, filters, sort=sort, limit=limit, cursor=cursor or None)
    except queries.CursorError as exc:
        raise invalid("cursor", str(exc), cursor) from None
    return json_response(
        {"events": page.events, "next": page.next, "total": page.total, "total_exact": page.total_exact}
    )


@router.get(
    "/events/{event_id}",
    tags=["events"],
    response_model=models.EventDetail,
    summary="One canonical event and its evidence",
)
def get_event(store: StoreDep, event_id: Id) -> Response:
    event = queries.get_event(store, event_id)
    if event is None:
        raise HTTPException(404, f"no canonical event with id {event_id!r}")
    return json_response(event)


@router.get(
    "/articles/{article_id}",
    tags=["events"],
    response_model=models.ArticleDetail,
    summary="One article and its extractions",
)
def get_article(store: StoreDep, article_id: Id) -> Response:
    article = queries.get_article(store, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return json_response(article)


@router.get(
    "/stats/timeline",
    tags=["aggregates"],
    response_model=models.Timeline,
    summary="Event counts per day, week or month and type",
)
def timeline(
    store: StoreDep,
    filters: Filters,
    interval: Annotated[queries.Interval, Query(description="Bucket size.")] = "day",
) -> Response:
    return json_response({"interval": interval, "buckets": queries.timeline(store, filters, interval)})


@router.get(
    "/stats/map", tags=["aggregates"], response_model=models.MapGrid, summary="Located events aggregated on a grid"
)
def map_cells(
    store: StoreDep,
    filters: Filters,
    zoom: Annotated[int, Query(ge=0, le=queries.MAX_ZOOM, description="Map zoom: cells are 45°/2^zoom wide.")] = 2,
) -> Response:
    return json_response(queries.map_cells(store, filters, zoom))


@router.get("/actors", tags=["aggregates"], response_model=models.Actors, summary="Most frequent actors and recipients")
def actors(store: StoreDep, filters: Filters, limit: TopN = 20) -> Response:
    return json_response({"actors": queries.top_actors(store, filters, limit)})


@router.get("/places", tags=["aggregates"], response_model=models.Places, summary="Most frequent event locations")
def places(store: StoreDep, filters: Filters, limit: TopN = 20) -> Response:
    return json_response({"places": queries.top_places(store, filters, limit)})


@router.get(
    "/countries",
    tags=["aggregates"],
    response_model=models.Countries,
    summary="Countries involved, by number of events",
)
def countries(store: StoreDep, filters: Filters, limit: TopN = 50) -> Response:
    return json_response({"countries": queries.top_countries(store, filters, limit)})


@router.get(
    "/export",
    tags=["export"],
    summary="Every matching canonical event as PLOVER JSON Lines, CSV or GeoJSON (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {media: {} for media, _ in EXPORTS.values()}}},
)
def export(
    store: StoreDep,
    filters: Filters,
    output_format: Annotated[Literal["plover", "csv", "geojson"], Query(alias="format")] = "plover",
) -> StreamingResponse:
    media_type, filename = EXPORTS[output_format]
    events = (CanonicalEvent.model_validate(r) for r in queries.iter_events(store, filters))
    return StreamingResponse(
        _render_stream(output_format, events),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


class _QueueWriter:
    """A binary sink that hands each write to the response; writing stops once the client has gone."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], gone: threading.Event) -> None:
        self.chunks = chunks
        self.gone = gone

    def write(self, data: bytes) -> int:
        if self.gone.is_set():
            raise BrokenPipeError("the client closed the connection")
        self.chunks.put(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return False


def _render_stream(output_format: str, events: Iterator[CanonicalEvent]) -> Iterator[bytes]:
    """Run the exporter's renderer (which writes to a stream) in a thread and yield what it writes."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=64)
    gone = threading.Event()
    sink: Any = _QueueWriter(chunks, gone)

    def produce() -> None:
        try:
            RENDERERS[output_format](events, sink)
            chunks.put(None)
        except BrokenPipeError:
            return
        except Exception as exc:  # handed to the response, which ends the stream with it
            chunks.put(exc)

    worker = threading.Thread(target=produce, name="export", daemon=True)
    worker.start()
    try:
        while (chunk := chunks.get()) is not None:
            if isinstance(chunk, BaseException):
                raise chunk
            yield chunk
    finally:
        gone.set()
        while worker.is_alive():
            try:
                chunks.get_nowait()
            except queue.Empty:
                worker.join(0.05)
