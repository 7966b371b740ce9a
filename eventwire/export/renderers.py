"""Output formats for stored events, each a renderer writing an iterable of events to a binary stream.

Renderers stream: memory stays flat however many events are exported (Parquet writes row groups).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from eventwire.export.acled import ACLED_COLUMNS, acled_row
from eventwire.export.flatten import COLUMNS, flat_row
from eventwire.records import Event

Renderer = Callable[[Iterable[Event], IO[bytes]], int]
PARQUET_ROW_GROUP = 10_000


def _text(out: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def render_plover(events: Iterable[Event], out: IO[bytes]) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event.to_json_dict(), ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n


def _render_csv(rows: Iterator[dict[str, Any]], columns: list[str], out: IO[bytes]) -> int:
    text = _text(out)
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    text.flush()
    text.detach()
    return n


def render_csv(events: Iterable[Event], out: IO[bytes]) -> int:
    return _render_csv((flat_row(e) for e in events), COLUMNS, out)


def render_acled(events: Iterable[Event], out: IO[bytes]) -> int:
    """ACLED-style CSV: only events with an ACLED equivalent, in ACLED's column names."""
    rows = (acled_row(e) for e in events if e.acled is not None)
    return _render_csv(rows, ACLED_COLUMNS, out)


def render_parquet(events: Iterable[Event], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    float_columns = {"lat", "lon", "confidence"}
    int_columns = {"dead", "injured", "arrested", "start", "end", "n_sources"}
    arrow_schema = pa.schema(
        [(c, pa.float64() if c in float_columns else pa.int64() if c in int_columns else pa.string()) for c in COLUMNS]
    )
    n = 0
    with pq.ParquetWriter(out, arrow_schema) as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append(flat_row(event))
            if len(batch) >= PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema))
            n += len(batch)
    return n


def render_geojson(events: Iterable[Event], out: IO[bytes]) -> int:
    """A FeatureCollection; events without coordinates keep a null geometry (valid GeoJSON)."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    n = 0
    for event in events:
        row = flat_row(event)
        geometry = (
            {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
            if row["lat"] is not None and row["lon"] is not None
            else None
        )
        feature = {"type": "Feature", "id": event.id, "geometry": geometry, "properties": row}
        out.write((b",\n" if n else b"") + json.dumps(feature, ensure_ascii=False).encode("utf-8"))
        n += 1
    out.write(b"\n]}\n")
    return n


RENDERERS: dict[str, Renderer] = {
    "plover": render_plover,
    "csv": render_csv,
    "parquet": render_parquet,
    "geojson": render_geojson,
    "acled": render_acled,
}
