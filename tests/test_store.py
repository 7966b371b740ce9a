"""The store against a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from eventwire.dedup import update_canonical
from eventwire.errors import InputError
from eventwire.export import RENDERERS
from eventwire.records import (
    Acled,
    Actor,
    Article,
    ArticleResult,
    Count,
    Event,
    Place,
    Quote,
    Speaker,
    TextInfo,
)
from eventwire.store import Store, normalise_url, rollup
from eventwire.store.filters import EventFilter
from eventwire.store.schema import metadata

TEXT = (
    "CUCUTA, Colombia — Venezuelan troops fired tear gas at aid convoys on Saturday. "
    'Two people were killed. "We will not stop," Guaidó said.'
)


def _article(article_id: str = "a1", text: str = TEXT) -> Article:
    return Article(id=article_id, text=text, published=dt.date(2019, 2, 25), source="test")


def _result(article: Article, n_events: int = 2) -> ArticleResult:
    place = Place(
        text="CUCUTA",
        start=0,
        end=6,
        name="Cúcuta",
        lat=7.89,
        lon=-72.51,
        geonames_id=3685533,
        country_code="COL",
        feature="city",
        score=0.9,
    )
    events = [
        Event(
            id=f"{article.id}-e{i}",
            article_id=article.id,
            date=dt.date(2019, 2, 23),
            date_precision="day",
            event=["ASSAULT" if i == 0 else "COERCE"],
            mode=["firearms"] if i == 0 else [],
            actor=[Actor(entity_text="Venezuelan troops", code="VEN", sector="MIL", start=20, end=37)],
            recipient=[Actor(entity_text="aid convoys", code=None, sector="CVL")],
            event_loc=place,
            size={"dead": 2, "injured": None},
            event_text=["fired"],
            text="Venezuelan troops fired tear gas at aid convoys on Saturday.",
            text_info=TextInfo(sequence=0, start=20, end=80),
            confidence=0.8 - i * 0.1,
            cameo="180",
            acled=Acled(event_type="Violence against civilians", sub_event_type="Attack"),
        )
        for i in range(n_events)
    ]
    return ArticleResult(
        id=article.id,
        published=article.published,
        events=events,
        places=[place],
        counts=[Count(what="dead", n=2, qualifier="exact", text="Two people were killed", start=81, end=103)],
        quotes=[
            Quote(
                text="We will not stop,",
                start=106,
                end=123,
                speaker=Speaker(entity_text="Guaidó", start=125, end=131, code="VEN", sector="OPP"),
                verb="said",
            )
        ],
    )


def test_url_forms() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("data/x.db") == "sqlite:///data/x.db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    store = Store.from_url(db_url)
    with store.engine.connect() as conn:
        # The full-text index is dialect-specific SQL outside the model (eventwire/store/rollup.py).
        context = MigrationContext.configure(conn, opts={"include_name": rollup.modelled})
        diffs = compare_metadata(context, metadata)
    assert diffs == []
    store.migrate()  # a second run is a no-op


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:
    store = Store.from_url(str(tmp_path / "wal.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_write_is_idempotent(db_url: str) -> None:
    store = Store.from_url(db_url)
    article = _article()
    for _ in range(2):
        store.write_batch([(article, _result(article))], run_id=None)
        update_canonical(store, [article.id])
    assert store.count_rows("articles") == 1
    assert store.count_rows("events") == 2
    assert store.count_rows("places") == 1
    assert store.count_rows("counts") == 1
    assert store.count_rows("quotes") == 1
    assert store.count_rows("canonical_events") == 2
    assert sorted(e.id for e in store.iter_mentions()) == ["a1-e0", "a1-e1"]


def test_reingest_replaces_extracted_rows(db_url: str) -> None:
    store = Store.from_url(db_url)
    article = _article()
    store.write_batch([(article, _result(article, n_events=3))])
    store.write_batch([(article, _result(article, n_events=1))])
    assert [e.id for e in store.iter_mentions()] == ["a1-e0"]


def test_records_round_trip(db_url: str) -> None:
    store = Store.from_url(db_url)
    article = _article()
    result = _result(article)
    store.write_batch([(article, result)])
    assert list(store.iter_mentions()) == sorted(result.events, key=lambda e: (e.text_info.start, e.id))


def test_runs_and_errors_are_recorded(db_url: str) -> None:
    store = Store.from_url(db_url)
    run_id = store.begin_run("ingest", ["folder/"])
    store.record_error(run_id, InputError("invalid JSON", source="bad.jsonl", line=3), "failed")
    store.finish_run(run_id, "done_with_errors", n_read=1, n_failed=1)
    assert store.count_rows("ingest_errors") == 1
    assert store.count_rows("ingest_runs") == 1


def test_filters_select_events(db_url: str) -> None:
    store = Store.from_url(db_url)
    first, second = _article("a1"), _article("a2", TEXT + " More.")
    store.write_batch([(first, _result(first)), (second, _result(second))])
    update_canonical(store, ["a1", "a2"])
    only_assault = EventFilter(types=["ASSAULT"])
    assert {e.type for e in store.iter_canonical(only_assault.where())} == {"ASSAULT"}
    # a2 is a near-copy of a1 reporting the same two events: deduplication merges them into two.
    assert len(list(store.iter_canonical(EventFilter(country="VEN").where()))) == 2
    assert list(store.iter_canonical(EventFilter(country="FRA").where())) == []
    late = EventFilter(start=dt.date(2019, 3, 1))
    assert list(store.iter_mentions(late.where(mentions=True))) == []
    in_box = EventFilter(bbox=(-73.0, 7.0, -72.0, 8.0), min_confidence=0.75)
    assert {e.type for e in store.iter_canonical(in_box.where())} == {"ASSAULT"}


@pytest.mark.parametrize("fmt", ["plover", "csv", "geojson", "acled", "parquet"])
def test_exporters_write_every_event(fmt: str, tmp_path) -> None:
    article = _article()
    events = _result(article).events
    buffer = io.BytesIO()
    n = RENDERERS[fmt](events, buffer)
    assert n == 2
    data = buffer.getvalue()
    if fmt == "plover":
        assert [json.loads(line)["id"] for line in data.splitlines()] == ["a1-e0", "a1-e1"]
    elif fmt in ("csv", "acled"):
        lines = data.decode().splitlines()
        assert len(lines) == 3
        assert ("Violence against civilians" in lines[1]) and ("sub_event_type" in lines[0] or "acled" in lines[0])
    elif fmt == "geojson":
        features = json.loads(data)["features"]
        assert features[0]["geometry"]["coordinates"] == [-72.51, 7.89]
    else:
        path = tmp_path / "e.parquet"
        path.write_bytes(data)
        table = pq.read_table(path)
        assert table.num_rows == 2
        assert table.column("actor_code").to_pylist() == ["VEN", "VEN"]
