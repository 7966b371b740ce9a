"""Latency of the HTTP API on a million canonical events, on SQLite and on PostgreSQL.

    python bench/bench_api.py [--events 1000000] [--sqlite PATH] [--pg URL] [--runs 40] [--reuse]

Synthetic canonical events (eventwire.store.synthetic) are generated once, in parallel, and bulk
loaded into each backend — executemany in large transactions on SQLite, COPY on PostgreSQL — then the
derived tables are rebuilt set-wise (`rollup.rebuild`) and the planner statistics gathered. A mix of
realistic requests (filters by type, country, date range and their combinations; first pages and
cursor pages; timelines) goes through the FastAPI app in process, and p50/p95 per kind are printed.

--pg defaults to $EVENTWIRE_TEST_PG_URL (scripts/pg-test-server start prints one); a database named
eventwire_bench is created there. --reuse skips loading when the database already holds the events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from eventwire.api import create_app
from eventwire.ontology import EVENT_TYPE_NAMES
from eventwire.store import Store, rollup, schema
from eventwire.store.rows import canonical_row
from eventwire.store.synthetic import CITIES, canonical_events
from eventwire.synthetic import City

COLUMNS = [c.name for c in schema.canonical_events.columns]
CHUNK = 50_000
COUNTRIES = sorted({city.country for city in CITIES})


def _generate_chunk(args: tuple[int, int, int]) -> list[tuple[Any, ...]]:
    """Rows of canonical_events (record as JSON text) for keys first_key .. first_key + n."""
    n, seed, first_key = args
    rows = []
    for event in canonical_events(n, seed=seed, first_key=first_key):
        row = canonical_row(event)
        row["record"] = json.dumps(row["record"], ensure_ascii=False, separators=(",", ":"))
        rows.append(tuple(row[c] for c in COLUMNS))
    return rows


def generate(n: int, workers: int) -> Iterator[list[tuple[Any, ...]]]:
    chunks = [(min(CHUNK, n - start), start // CHUNK, start) for start in range(0, n, CHUNK)]
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(_generate_chunk, chunks)


def load_sqlite(store: Store, chunks: list[list[tuple[Any, ...]]]) -> None:
    placeholders = ", ".join("?" for _ in COLUMNS)
    quoted = ", ".join(f'"{c}"' for c in COLUMNS)
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA cache_size = -1048576")
        for rows in chunks:
            # Dates go in as SQLAlchemy stores them on SQLite: ISO text.
            cursor.executemany(
                f"INSERT INTO canonical_events ({quoted}) VALUES ({placeholders})",
                [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in rows],
            )
            raw.commit()
    finally:
        raw.close()


def load_postgres(store: Store, chunks: list[list[tuple[Any, ...]]]) -> None:
    quoted = ", ".join(f'"{c}"' for c in COLUMNS)
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for rows in chunks:
            with cursor.copy(f"COPY canonical_events ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            raw.commit()
    finally:
        raw.close()


def prepare(store: Store, chunks: list[list[tuple[Any, ...]]], loader: Callable[..., None]) -> float:
    """Bulk load as one would for a backfill: secondary indexes dropped during the load, built after."""
    started = time.perf_counter()
    indexes = sorted(schema.canonical_events.indexes, key=lambda ix: ix.name or "")
    with store.engine.begin() as conn:
        for index in indexes:
            index.drop(conn)
    loader(store, chunks)
    with store.engine.begin() as conn:
        if store.dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA cache_size = -1048576")  # 1 GiB while sorting index entries
        else:
            conn.exec_driver_sql("SET maintenance_work_mem = '1GB'")
        for index in indexes:
            index.create(conn)
    with store.engine.begin() as conn:
        rollup.rebuild(conn)
    return time.perf_counter() - started


def settle(store: Store) -> None:
    """What a database gets after a bulk load: planner statistics, and on PostgreSQL a VACUUM, whose
    visibility map lets the covering indexes answer without visiting the table."""
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def fresh_postgres(server: str) -> str:
    admin = create_engine(server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS eventwire_bench WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE eventwire_bench"))
    admin.dispose()
    return server.rsplit("/", 1)[0] + "/eventwire_bench"


# -- the request mix ---------------------------------------------------------------------------------


def _window(rng: random.Random, days: int) -> dict[str, str]:
    start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365 - days))
    return {"start": start.isoformat(), "end": (start + dt.timedelta(days=days)).isoformat()}


def _around(city: City) -> dict[str, str]:
    """A box of about 50 km around a city: few events, found through the (lat, lon) index."""
    return {"bbox": f"{city.lon - 0.25},{city.lat - 0.25},{city.lon + 0.25},{city.lat + 0.25}"}


def _type(rng: random.Random) -> str:
    return rng.choice(EVENT_TYPE_NAMES)


KINDS: dict[str, Callable[[random.Random], dict[str, Any]]] = {
    "list: no filter": lambda r: {},
    "list: type": lambda r: {"type": _type(r)},
    "list: two types": lambda r: {"type": f"{_type(r)},{_type(r)}"},
    "list: country": lambda r: {"country": r.choice(COUNTRIES)},
    "list: date range (30 d)": lambda r: _window(r, 30),
    "list: type + country": lambda r: {"type": _type(r), "country": r.choice(COUNTRIES)},
    "list: type + date range (90 d)": lambda r: {"type": _type(r), **_window(r, 90)},
    "list: type + country + range (1 y)": lambda r: {
        "type": _type(r),
        "country": r.choice(COUNTRIES),
        **_window(r, 365),
    },
    "list: min_confidence 0.9": lambda r: {"min_confidence": 0.9},
    "list: type + min_sources 2 + date range": lambda r: {"type": _type(r), "min_sources": 2, **_window(r, 180)},
    "list: bbox (Sahel)": lambda r: {"bbox": "-10,10,15,20"},
    "list: bbox (around one city)": lambda r: _around(r.choice(CITIES)),
    "list: q (one word)": lambda r: {"q": r.choice(["ceasefire", "corridors", "sanctions", "reprisals", "aid"])},
    "list: actor": lambda r: {"actor": r.choice(["Syrian", "police", "rebel", "UNO", "opposition"])},
    "list: sort confidence + type": lambda r: {"type": _type(r), "sort": "confidence"},
}
TIMELINE_KINDS: dict[str, Callable[[random.Random], dict[str, Any]]] = {
    "timeline: all, month": lambda r: {"interval": "month"},
    "timeline: all, week": lambda r: {"interval": "week"},
    "timeline: type, day, 1 y": lambda r: {"interval": "day", "type": _type(r), **_window(r, 365)},
    "timeline: country, week": lambda r: {"interval": "week", "country": r.choice(COUNTRIES)},
    "timeline: type + country, month": lambda r: {
        "interval": "month",
        "type": _type(r),
        "country": r.choice(COUNTRIES),
    },
    "timeline: min_confidence 0.9, month": lambda r: {"interval": "month", "min_confidence": 0.9},
    "timeline: min_confidence 0.93 + type, week": lambda r: {
        "interval": "week",
        "min_confidence": 0.93,
        "type": _type(r),
    },
    "timeline: min_confidence 0.6, 1 y by day": lambda r: {"interval": "day", "min_confidence": 0.6, **_window(r, 365)},
}


def _timed(client: TestClient, url: str, params: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = client.get(url, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {response.status_code} {response.text[:300]}")
    return elapsed, response.json()


def run_mix(store: Store, runs: int, seed: int = 7) -> dict[str, list[float]]:
    with TestClient(create_app(store)) as client:  # runs the app's startup, as a server does
        return _mix(client, runs, seed)


def _mix(client: TestClient, runs: int, seed: int) -> dict[str, list[float]]:
    rng = random.Random(seed)
    times: dict[str, list[float]] = {}
    for _ in range(3):  # warm the caches the way a running server has them warm
        client.get("/api/events", params={"type": _type(rng)})
    for kind, make in KINDS.items():
        for _ in range(runs):
            params = {"limit": 50, **make(rng)}
            elapsed, page = _timed(client, "/api/events", params)
            times.setdefault(kind, []).append(elapsed)
            # Follow a few cursors, as someone scrolling the table does.
            if kind in ("list: type", "list: country", "list: no filter"):
                for _ in range(3):
                    if not page["next"]:
                        break
                    elapsed, page = _timed(client, "/api/events", {**params, "cursor": page["next"]})
                    times.setdefault(f"{kind}, cursor page", []).append(elapsed)
    for kind, make in TIMELINE_KINDS.items():
        for _ in range(runs):
            elapsed, _ = _timed(client, "/api/stats/timeline", make(rng))
            times.setdefault(kind, []).append(elapsed)
    return times


def report(backend: str, times: dict[str, list[float]]) -> None:
    print(f"\n{backend}: p50 / p95 in ms ({len(next(iter(times.values())))} requests per kind)")
    for kind, values in times.items():
        p50 = statistics.median(values)
        p95 = statistics.quantiles(values, n=20)[18] if len(values) >= 2 else values[0]
        print(f"  {kind:<42} {p50:7.1f} {p95:7.1f}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--sqlite", default="bench-api.db", help="SQLite file (replaced unless --reuse)")
    parser.add_argument("--pg", default=os.environ.get("EVENTWIRE_TEST_PG_URL"), help="PostgreSQL server URL")
    parser.add_argument("--runs", type=int, default=40, help="requests per kind")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--reuse", action="store_true", help="keep a database already holding --events events")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="bench one backend")
    args = parser.parse_args()

    chunks: list[list[tuple[Any, ...]]] | None = None

    def rows() -> list[list[tuple[Any, ...]]]:
        nonlocal chunks
        if chunks is None:
            started = time.perf_counter()
            chunks = list(generate(args.events, args.workers))
            print(f"generated {args.events} canonical events in {time.perf_counter() - started:.0f} s")
        return chunks

    backends = []
    if args.only != "postgresql":
        backends.append(("sqlite", args.sqlite, load_sqlite))
    if args.only != "sqlite":
        if not args.pg:
            print("no PostgreSQL server: pass --pg or set EVENTWIRE_TEST_PG_URL (scripts/pg-test-server start)")
        else:
            backends.append(("postgresql", args.pg, load_postgres))
    for name, target, loader in backends:
        if name == "sqlite":
            path = Path(target)
            if not args.reuse:
                for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    stale.unlink(missing_ok=True)
            store = Store.from_url(str(path))
        else:
            store = Store.from_url(
                target.rsplit("/", 1)[0] + "/eventwire_bench" if args.reuse else fresh_postgres(target)
            )
        stored = store.count_rows("canonical_events")
        if stored not in (0, args.events):
            raise SystemExit(f"{name} holds {stored} events, not {args.events}: drop --reuse to start afresh")
        if stored == 0:
            seconds = prepare(store, rows(), loader)
            print(f"{name}: loaded {args.events} events and rebuilt the derived tables in {seconds:.0f} s")
        settle(store)
        report(name, run_mix(store, args.runs))
        store.close()


if __name__ == "__main__":
    main()
