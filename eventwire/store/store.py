"""Store: one database behind the library, the CLI, the API and the exporters.

`Store.from_url` opens SQLite (the embedded default, WAL mode) or PostgreSQL and brings the schema to
the newest Alembic revision. Writes happen per batch in one transaction: a crash loses at most the
batch in flight, and a re-run redoes it without duplicates (articles are upserted on their id and
their extracted rows replaced).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from eventwire.errors import ConfigError, InputError, StoreError
from eventwire.ingest.ids import article_id_for
from eventwire.records import Article, ArticleResult, CanonicalEvent, Event
from eventwire.store import rollup, schema
from eventwire.store.rows import canonical_row, chunks, count_rows, event_row, place_rows, quote_rows

DEFAULT_DB_FILE = "eventwire.db"
R = TypeVar("R", Event, CanonicalEvent)
MIGRATIONS = Path(__file__).parent / "migrations"


def default_url() -> str:
    return os.environ.get("EVENTWIRE_DB") or f"sqlite:///{DEFAULT_DB_FILE}"


def normalise_url(url: str | None) -> str:
    """A database URL from what a user typed: a URL, a postgres DSN, or a path to a SQLite file."""
    url = (url or default_url()).strip()
    if url.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" in url:
        if not url.startswith(("sqlite:", "postgresql+")):
            raise ConfigError(f"unsupported database URL {url!r}: use a SQLite path or postgresql://…")
        return url
    return f"sqlite:///{url}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def from_url(cls, url: str | None = None, *, migrate: bool = True) -> Store:
        sa_url = normalise_url(url)
        try:
            engine = create_engine(sa_url, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise ConfigError(f"cannot open database {url!r}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is current)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate database {self.engine.url!r}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------------

    def begin_run(self, command_name: str, sources: Sequence[str]) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(schema.ingest_runs).values(
                    command=command_name,
                    sources=list(sources),
                    started_at=_now(),
                    status="running",
                    n_read=0,
                    n_stored=0,
                    n_skipped=0,
                    n_failed=0,
                    n_events=0,
                )
            )
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, status: str, **tallies: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.ingest_runs)
                .where(schema.ingest_runs.c.id == run_id)
                .values(finished_at=_now(), status=status, **tallies)
            )

    def record_error(self, run_id: int | None, error: InputError, kind: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(schema.ingest_errors).values(
                    run_id=run_id,
                    source=error.source or "<input>",
                    line=error.line,
                    kind=kind,
                    reason=str(error.args[0]),
                    created_at=_now(),
                )
            )

    def write_batch(self, batch: Sequence[tuple[Article, ArticleResult]], run_id: int | None = None) -> None:
        """Store articles and everything extracted from them, in one transaction."""
        if not batch:
            return
        article_ids = [article.id for article, _ in batch]
        try:
            with self.engine.begin() as conn:
                self._upsert_articles(conn, batch, run_id)
                for table in (schema.events, schema.places, schema.counts, schema.quotes):
                    conn.execute(delete(table).where(table.c.article_id.in_(article_ids)))
                event_rows = [event_row(e) for _, result in batch for e in result.events]
                child_rows = {
                    schema.places: [r for _, res in batch for r in place_rows(res)],
                    schema.counts: [r for _, res in batch for r in count_rows(res)],
                    schema.quotes: [r for _, res in batch for r in quote_rows(res)],
                }
                if event_rows:
                    conn.execute(insert(schema.events), event_rows)
                for table, rows in child_rows.items():
                    if rows:
                        conn.execute(insert(table), rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store a batch of {len(batch)} articles: {exc}") from exc

    def _upsert_articles(
        self, conn: Connection, batch: Sequence[tuple[Article, ArticleResult]], run_id: int | None
    ) -> None:
        now = _now()
        rows = [
            {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "published": article.published,
                "text": article.text,
                "source": article.source,
                "language": article.language,
                "flags": list(article.flags),
                "content_hash": article_id_for(article.text),
                "n_events": len(result.events),
                "warnings": list(result.warnings),
                "run_id": run_id,
                "ingested_at": now,
            }
            for article, result in batch
        ]
        dialect_insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        stmt = dialect_insert(schema.articles)
        # duplicate_of belongs to deduplication and survives a re-ingest.
        updated = {c: stmt.excluded[c] for c in rows[0] if c != "id"}
        conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=updated), rows)

    def replace_canonical(
        self,
        canonical: Iterable[CanonicalEvent],
        *,
        remove_ids: Iterable[str] = (),
    ) -> None:
        """Write canonical events (replacing those with the same ids) and drop `remove_ids`."""
        rows = [canonical_row(c) for c in canonical]
        ids = [row["id"] for row in rows] + list(remove_ids)
        sources = [
            {"canonical_id": c["id"], "event_id": s["event_id"], "article_id": s["article_id"]}
            for c in rows
            for s in c["record"]["sources"]
        ]
        with self.engine.begin() as conn:
            # Counts, country index and full-text index follow the events in the same transaction.
            rollup.apply(conn, ids, rows)
            for chunk in chunks(ids):
                conn.execute(delete(schema.canonical_sources).where(schema.canonical_sources.c.canonical_id.in_(chunk)))
                conn.execute(delete(schema.canonical_events).where(schema.canonical_events.c.id.in_(chunk)))
            for chunk in chunks(rows):
                conn.execute(insert(schema.canonical_events), chunk)
            for chunk in chunks(sources, 1000):
                conn.execute(insert(schema.canonical_sources), chunk)
            for c in rows:
                event_ids = [s["event_id"] for s in c["record"]["sources"]]
                for chunk in chunks(event_ids):
                    conn.execute(
                        update(schema.events).where(schema.events.c.id.in_(chunk)).values(canonical_id=c["id"])
                    )

    # -- reading ---------------------------------------------------------------------------------

    def count_rows(self, table_name: str) -> int:
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def iter_mentions(self, where: Any = None, batch_size: int = 1000) -> Iterator[Event]:
        """Per-article events, in a stable order (article, position)."""
        c = schema.events.c
        query = select(c.record).order_by(c.article_id, c.start, c.id)
        yield from self._stream(query, where, Event, batch_size)

    def iter_canonical(self, where: Any = None, batch_size: int = 1000) -> Iterator[CanonicalEvent]:
        """Canonical events by date."""
        c = schema.canonical_events.c
        yield from self._stream(select(c.record).order_by(c.date, c.id), where, CanonicalEvent, batch_size)

    def _stream(self, query: Any, where: Any, model: type[R], batch_size: int) -> Iterator[R]:
        """Records of a one-column JSON query, streamed in partitions so memory stays flat."""
        if where is not None:
            query = query.where(where)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True).execute(query)
            for partition in result.partitions(batch_size):
                for (record,) in partition:
                    yield model.model_validate(record)

    def article_meta(self, article_ids: Sequence[str]) -> dict[str, tuple[dt.date | None, str | None]]:
        """id -> (published, url) for the given articles."""
        meta: dict[str, tuple[dt.date | None, str | None]] = {}
        table = schema.articles
        with self.engine.connect() as conn:
            for chunk in chunks(list(article_ids)):
                query = select(table.c.id, table.c.published, table.c.url).where(table.c.id.in_(chunk))
                for article_id, published, url in conn.execute(query):
                    meta[article_id] = (published, url)
        return meta

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(schema.articles.c.id).order_by(schema.articles.c.id)).scalars())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
