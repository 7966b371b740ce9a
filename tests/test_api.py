"""The HTTP API through its ASGI app, on SQLite and PostgreSQL, over synthetic canonical events."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.ontology import EVENT_TYPE_NAMES
from eventwire.records import CanonicalEvent
from eventwire.store import Store
from eventwire.store.synthetic import fill_store

TOKEN = "test-token-4f1c"
N_EVENTS = 150


@pytest.fixture
def api(db_url: str) -> Iterator[tuple[TestClient, list[CanonicalEvent]]]:
    store = Store.from_url(db_url)
    events = fill_store(store, N_EVENTS, seed=21, batch=75)
    with TestClient(create_app(store, token=TOKEN)) as client:
        yield client, events
    store.close()


def _walk(client: TestClient, **params: object) -> list[dict]:
    events, cursor = [], None
    while True:
        response = client.get("/api/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        events.extend(body["events"])
        if body["next"] is None:
            return events
        cursor = body["next"]


def _error(response, param: str) -> str:
    assert response.status_code == 422, response.text
    body = response.json()
    assert any(error["loc"][-1] == param for error in body["detail"]), body
    return body["message"]


def test_type_filter_and_limit(api) -> None:
    client, events = api
    body = client.get("/api/events", params={"type": "ASSAULT", "limit": 5}).json()
    assert 0 < len(body["events"]) <= 5
    assert all(e["event"] == ["ASSAULT"] for e in body["events"])
    assert body["total"] == sum(e.type == "ASSAULT" for e in events)
    assert body["total_exact"] is True
    # Lowercase, repeated and comma-separated types all mean the same.
    both = _walk(client, type="assault,protest")
    assert {e["id"] for e in both} == {e["id"] for e in _walk(client, type=["ASSAULT", "PROTEST"])}
    assert {e["event"][0] for e in both} == {"ASSAULT", "PROTEST"}


def test_cursor_pagination_walks_every_event_once(api) -> None:
    client, events = api
    walked = _walk(client, limit=13)
    ids = [e["id"] for e in walked]
    assert len(ids) == len(set(ids)) == N_EVENTS
    assert set(ids) == {e.id for e in events}
    by_sources = [e["n_sources"] for e in _walk(client, limit=7, sort="n_sources")]
    assert by_sources == sorted(by_sources, reverse=True) and len(by_sources) == N_EVENTS


def test_filters_combine(api) -> None:
    client, _ = api
    combined = {"type": "ASSAULT,COERCE", "country": "ven", "start": "2020-01-01", "min_confidence": 0.5}
    found = _walk(client, **combined)
    separately = [{e["id"] for e in _walk(client, **{k: v}) } for k, v in combined.items()]  # fmt: skip
    assert {e["id"] for e in found} == set.intersection(*separately)
    for event in found:
        assert event["event"][0] in ("ASSAULT", "COERCE") and event["date"] >= "2020-01-01"
        assert event["confidence"] >= 0.5
        codes = {a["code"] for a in event["actor"][:1] + event["recipient"][:1]}
        assert "VEN" in codes | {(event["event_loc"] or {}).get("country_code")}
    inside = _walk(client, bbox="-80,0,-60,15")
    assert inside and all(-80 <= e["event_loc"]["lon"] <= -60 and 0 <= e["event_loc"]["lat"] <= 15 for e in inside)
    assert all(e["n_sources"] >= 2 for e in _walk(client, min_sources=2))


def test_q_finds_evidence_words_and_actor_matches_names(api) -> None:
    client, events = api
    with_word = {e.id for e in events if "ceasefire" in e.text}
    assert with_word
    assert {e["id"] for e in _walk(client, q="ceasefire")} == with_word
    # Stemming: "attack" finds "attacked".
    attacked = {e.id for e in events if " attacked " in e.text}
    assert {e["id"] for e in _walk(client, q="attack")} >= attacked
    syrian = {e.id for e in events if any("Syrian" in a.entity_text for a in e.actor + e.recipient)}
    assert syrian and {e["id"] for e in _walk(client, actor="syrian")} == syrian


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"limit": "abc"}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"start": "2020-02-30"}, "start"),
        ({"start": "yesterday"}, "start"),
        ({"end": "2020-1-5"}, "end"),
        ({"start": "2021-01-01", "end": "2020-01-01"}, "end"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "10,0,-10,5"}, "bbox"),
        ({"bbox": "0,0,200,5"}, "bbox"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"type": "RIOT"}, "type"),
        ({"country": "VE"}, "country"),
        ({"country": "V'N"}, "country"),
        ({"q": "x" * 201}, "q"),
        ({"q": "!!!"}, "q"),
        ({"min_confidence": 2}, "min_confidence"),
        ({"sort": "random"}, "sort"),
        ({"story": "a b"}, "story"),
    ],
)
def test_invalid_parameters_get_422_naming_the_parameter(api, params: dict, param: str) -> None:
    client, _ = api
    message = _error(client.get("/api/events", params=params), param)
    assert message.startswith(param)


def test_other_endpoints_validate_too(api) -> None:
    client, _ = api
    _error(client.get("/api/stats/timeline", params={"interval": "year"}), "interval")
    _error(client.get("/api/stats/map", params={"zoom": 30}), "zoom")
    _error(client.get("/api/actors", params={"limit": "many"}), "limit")
    _error(client.get("/api/export", params={"format": "xlsx"}), "format")
    _error(client.get("/api/places", params={"start": "2020-13-01"}), "start")


def test_a_cursor_from_other_filters_is_refused(api) -> None:
    client, _ = api
    page = client.get("/api/events", params={"type": "ASSAULT", "limit": 2}).json()
    message = _error(client.get("/api/events", params={"type": "PROTEST", "cursor": page["next"]}), "cursor")
    assert "other filters" in message


def test_unknown_ids_are_404_json(api) -> None:
    client, _ = api
    for path in ("/api/events/c-missing", "/api/articles/a-missing"):
        response = client.get(path)
        assert response.status_code == 404
        assert "no " in response.json()["detail"]


def test_event_detail_has_sources_and_evidence_spans(api) -> None:
    client, events = api
    event = next(e for e in events if e.n_sources > 1)
    body = client.get(f"/api/events/{event.id}").json()
    assert body["n_sources"] == event.n_sources
    assert [s["article_id"] for s in body["sources"]] == [s.article_id for s in event.sources]
    assert body["merge_reasons"] == event.merge_reasons
    for source in body["evidence"]:
        assert source["url"].startswith("https://")
        labels = {span["label"] for span in source["event"]["spans"]}
        assert {"trigger", "place"} <= labels
        article = client.get(f"/api/articles/{source['article_id']}").json()
        assert set(article) >= {"id", "title", "url", "published", "text", "events", "quotes", "places", "counts"}
        for span in source["event"]["spans"]:
            assert article["text"][span["start"] : span["end"]] == span["text"]


def test_timeline_map_and_top_lists(api) -> None:
    client, events = api
    dated = [e for e in events if e.date]
    for interval in ("day", "week", "month"):
        body = client.get("/api/stats/timeline", params={"interval": interval}).json()
        assert body["interval"] == interval
        assert sum(b["n"] for b in body["buckets"]) == len(dated)
        assert all(set(b) == {"date", "type", "n"} for b in body["buckets"])
    assault = client.get("/api/stats/timeline", params={"type": "ASSAULT", "interval": "month"}).json()
    assert {b["type"] for b in assault["buckets"]} == {"ASSAULT"}
    grid = client.get("/api/stats/map", params={"zoom": 4}).json()
    assert grid["n"] == sum(1 for e in events if e.event_loc and e.event_loc.lat is not None)
    assert len(grid["cells"]) < grid["n"]  # aggregated, not one marker per event
    actors = client.get("/api/actors", params={"limit": 3}).json()["actors"]
    assert len(actors) == 3 and actors[0]["n"] >= actors[-1]["n"]
    places = client.get("/api/places", params={"type": "PROTEST"}).json()["places"]
    assert places and all(p["n"] > 0 for p in places)
    countries = client.get("/api/countries").json()["countries"]
    assert countries[0]["n"] >= countries[-1]["n"]


def test_export_streams_every_matching_event(api) -> None:
    client, events = api
    protests = [e for e in events if e.type == "PROTEST"]
    plover = client.get("/api/export", params={"format": "plover", "type": "PROTEST"})
    assert plover.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in plover.text.splitlines()]
    assert sorted(e["id"] for e in lines) == sorted(e.id for e in protests)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv"}).text)))
    assert len(rows) == N_EVENTS
    geo = client.get("/api/export", params={"format": "geojson", "country": "SYR"}).json()
    assert geo["type"] == "FeatureCollection"
    assert {f["id"] for f in geo["features"]} == {e["id"] for e in _walk(client, country="SYR")}


def test_openapi_describes_every_endpoint(api) -> None:
    client, _ = api
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    expected = {
        "/api/events": "get",
        "/api/events/{event_id}": "get",
        "/api/articles/{article_id}": "get",
        "/api/articles": "post",
        "/api/stats/timeline": "get",
        "/api/stats/map": "get",
        "/api/actors": "get",
        "/api/places": "get",
        "/api/countries": "get",
        "/api/export": "get",
    }
    for path, method in expected.items():
        assert method in paths.get(path, {}), path
        assert paths[path][method]["summary"]
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert params >= {"start", "end", "type", "country", "actor", "q", "bbox", "min_confidence", "limit", "cursor"}
    assert "HTTPBearer" in json.dumps(spec["components"]["securitySchemes"])


def test_docs_and_dashboard_load_only_local_assets(api) -> None:
    client, _ = api
    for page in ("/docs", "/"):
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        html = response.text
        assert not re.search(r"https?://", html), f"{page} references an outside URL"
        assets = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert assets
        for asset in assets:
            assert asset.startswith("/"), asset
            if asset.startswith("/static/"):
                assert client.get(asset).status_code == 200, asset
    assert "validatorUrl" in client.get("/docs").text  # the online validator badge is switched off


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static/swagger/%2E%2E/%2E%2E/api/app.py",
        "/api/events/..",
    ],
)
def test_dot_dot_paths_are_rejected(api, path: str) -> None:
    client, _ = api
    # An HTTP client would resolve the dots itself: hand the app the path exactly as a raw request has it.
    status, body = _raw_get(client.app, path)
    assert status == 400
    assert b"[project]" not in body and b"create_app" not in body
    assert client.get("/static/app.js").status_code == 200


def _raw_get(app: Any, raw_path: str) -> tuple[int, bytes]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": unquote(raw_path), "raw_path": raw_path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver")], "server": ("testserver", 80), "client": ("127.0.0.1", 50000),
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_posting_articles_needs_the_token(api, db_url: str) -> None:
    client, _ = api
    article = {
        "id": "posted-1",
        "text": "Police arrested 12 protesters in Nairobi on Tuesday.",
        "published": "2024-05-07",
    }
    assert client.post("/api/articles", json=article).status_code == 401
    wrong = client.post("/api/articles", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    with TestClient(create_app(Store.from_url(db_url))) as read_only:
        refused = read_only.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 403
    assert client.get("/api/articles/posted-1").status_code == 404


def test_posting_articles_with_the_token_ingests_them(api) -> None:
    client, _ = api
    batch = [
        {"id": "posted-1", "text": "Police arrested 12 protesters in Nairobi on Tuesday.", "published": "2024-05-07"},
        {
            "text": "Soldiers attacked a village near Goma on Sunday, killing three civilians.",
            "published": "2024-05-12",
        },
        {"text": "   "},
    ]
    response = client.post("/api/articles", json=batch, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["articles"][0]["id"] == "posted-1"
    assert len(body["articles"]) == 2
    assert body["problems"] == [{"index": 2, "kind": "failed", "reason": "the text is empty or only whitespace"}]
    stored = client.get("/api/articles/posted-1").json()
    assert stored["text"] == batch[0]["text"] and stored["published"] == "2024-05-07"
    for result in body["articles"]:
        article = client.get(f"/api/articles/{result['id']}").json()
        assert [e["id"] for e in article["events"]] == [e["id"] for e in result["events"]]
        for event in result["events"]:
            assert event["event"][0] in EVENT_TYPE_NAMES
            # Deduplication ran: every new per-article event belongs to a canonical event.
            canonical = client.get(f"/api/events/{article['canonical_ids'][event['id']]}")
            assert canonical.status_code == 200
