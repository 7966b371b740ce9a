"""`eventwire ingest --watch`: folders and feeds polled against a local HTTP server that changes,
fails, recovers and misbehaves; a real watcher process stopped with SIGTERM."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from eventwire.pipeline import Pipeline, PipelineFailure
from eventwire.records import Article, ArticleResult
from eventwire.store import Store, schema
from eventwire.watch import PollReport, Watcher

STORIES = [
    (
        "wire:aid-convoy",
        "Venezuelan troops fired tear gas at volunteers pushing aid trucks across the Simón Bolívar bridge on "
        "Saturday, and two people were killed, officials in the border town of Cúcuta said.",
    ),
    (
        "wire:kharkiv",
        "Russian drones hit two apartment blocks in the Ukrainian city of Kharkiv overnight, killing four people "
        "and injuring more than twenty, the regional governor said on Sunday.",
    ),
    (
        "wire:belgrade",
        "Tens of thousands of people marched through the centre of Belgrade on Saturday to demand accountability "
        "for the collapse of a railway station canopy, in the largest protest the city has seen in years.",
    ),
]


@dataclass
class FeedServer:
    """The state behind the handler: which items the feed has and how the server behaves."""

    items: list[tuple[str, str]] = field(default_factory=list)
    mode: str = "ok"  # ok | error | garbage | loop | huge | slow
    requests: list[dict[str, str]] = field(default_factory=list)

    @property
    def etag(self) -> str:
        return f'"v{len(self.items)}"'

    def rss(self) -> bytes:
        stamp = format_datetime(dt.datetime(2025, 3, 23, 12, 0, tzinfo=dt.UTC))
        items = "".join(
            f"<item><title>{guid}</title><guid isPermaLink='false'>{guid}</guid><pubDate>{stamp}</pubDate>"
            f"<description>{text}</description></item>"
            for guid, text in self.items
        )
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode()


class _Handler(BaseHTTPRequestHandler):
    state: FeedServer

    def do_GET(self) -> None:
        state = self.state
        state.requests.append({"path": self.path, "if-none-match": self.headers.get("If-None-Match", "")})
        if state.mode == "error":
            self._send(500, b"internal error")
        elif state.mode == "garbage":
            self._send(200, b"\x00\x01\x02 this is not a feed \xff\xfe" * 100, "application/rss+xml")
        elif state.mode == "loop":
            self.send_response(302)
            self.send_header("Location", "/feed.xml" if self.path != "/feed.xml" else "/elsewhere")
            self.end_headers()
        elif state.mode == "huge":
            self._huge()
        elif state.mode == "slow":
            time.sleep(1.5)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the watcher stopped waiting
                self._send(200, state.rss(), "application/rss+xml")
        elif self.headers.get("If-None-Match") == state.etag:
            self.send_response(304)
            self.end_headers()
        else:
            self._send(200, state.rss(), "application/rss+xml", {"ETag": state.etag})

    def _send(self, status: int, body: bytes, content_type: str = "text/plain", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _huge(self) -> None:
        """50 MB, without a Content-Length: the client has to count and give up by itself."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        chunk = b"<rss>" + b"x" * (1 << 20)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the watcher hung up at its limit
            for _ in range(50):
                self.wfile.write(chunk)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    """A feed server on a fixed port that can be stopped (connection refused) and started again."""

    def __init__(self, state: FeedServer) -> None:
        self.state = state
        self.httpd: ThreadingHTTPServer | None = None
        self.port = 0
        self.start()

    def start(self) -> None:
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.httpd is not None
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/feed.xml"


@pytest.fixture
def feed() -> Iterator[Server]:
    server = Server(FeedServer(items=list(STORIES[:1])))
    yield server
    server.stop()


class CountingPipeline(Pipeline):
    """A real pipeline (spaCy parse, no extractors) that records which articles it was given."""

    def __init__(self) -> None:
        super().__init__(extractors={})
        self.given: list[str] = []

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, ArticleResult | PipelineFailure]]:
        batch = list(articles)
        self.given.extend(a.id for a in batch)
        yield from super().run(batch)


def _watcher(store: Store, sources: list[str], **options: object) -> tuple[Watcher, CountingPipeline, list]:
    pipeline = CountingPipeline()
    reports: list[PollReport] = []
    options = {"interval": 0.01, "max_backoff": 0.04, "fetch_timeout": 0.5, **options}
    watcher = Watcher(sources, store, pipeline, report=reports.append, **options)  # type: ignore[arg-type]
    return watcher, pipeline, reports


def _poll_when_due(watcher: Watcher) -> PollReport:
    """Poll the (only) feed as soon as its backoff allows."""
    for _ in range(200):
        reports = watcher.poll_once()
        if reports:
            return reports[0]
        time.sleep(0.01)
    raise AssertionError("the feed never became due")


def _stored(store: Store) -> list[str]:
    return store.article_ids()


def test_new_items_are_picked_up_on_the_next_poll_and_repeats_skipped(feed: Server, tmp_path: Path) -> None:
    store = Store.from_url(str(tmp_path / "w.db"))
    watcher, pipeline, _ = _watcher(store, [feed.url])
    first = _poll_when_due(watcher)
    assert (first.new, first.seen, first.error) == (1, 0, None)
    assert _stored(store) == ["wire:aid-convoy"]

    unchanged = _poll_when_due(watcher)
    assert unchanged.not_modified and feed.state.requests[-1]["if-none-match"] == '"v1"'
    assert not unchanged.idle and unchanged.line().endswith("not modified")  # every poll gets a line

    feed.state.items.append(STORIES[1])
    second = _poll_when_due(watcher)
    assert (second.new, second.seen) == (1, 1)
    assert pipeline.given == ["wire:aid-convoy", "wire:kharkiv"]  # the repeat never reached extraction
    assert sorted(_stored(store)) == ["wire:aid-convoy", "wire:kharkiv"]
    assert "1 new, 1 already seen" in second.line()

    # A new process starts from the stored validators and articles.
    again, pipeline_again, _ = _watcher(store, [feed.url])
    assert _poll_when_due(again).not_modified and pipeline_again.given == []


def test_a_running_watcher_picks_up_a_new_item(feed: Server, tmp_path: Path) -> None:
    store = Store.from_url(str(tmp_path / "w.db"))
    watcher, _, reports = _watcher(store, [feed.url], interval=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,))
    thread.start()
    try:
        _wait_for(lambda: len(_stored(store)) == 1)
        feed.state.items.append(STORIES[2])
        _wait_for(lambda: len(_stored(store)) == 2)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    with store.engine.connect() as conn:
        status = conn.execute(select(schema.ingest_runs.c.status)).scalar_one()
    assert status == "stopped"
    assert any(r.new == 1 for r in reports)


def _wait_for(condition: object, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.05)


def test_a_server_that_goes_down_and_comes_back_is_survived_with_backoff(feed: Server, tmp_path: Path) -> None:
    store = Store.from_url(str(tmp_path / "w.db"))
    watcher, _, _ = _watcher(store, [feed.url])
    assert _poll_when_due(watcher).new == 1

    feed.stop()  # connection refused
    refused = [_poll_when_due(watcher) for _ in range(3)]
    assert all(r.error and "could not fetch" in r.error for r in refused)
    assert [r.retry_in for r in refused] == [0.02, 0.04, 0.04]  # doubling, capped at max_backoff

    feed.start()
    feed.state.mode = "error"
    failed = _poll_when_due(watcher)
    assert failed.error and "HTTP 500" in failed.error and failed.retry_in == 0.04
    feed.state.mode = "slow"
    slow = _poll_when_due(watcher)
    assert slow.error and "no answer within" in slow.error

    feed.state.mode = "ok"
    feed.state.items.append(STORIES[1])
    back = _poll_when_due(watcher)
    assert (back.error, back.new) == (None, 1)
    after = _poll_when_due(watcher)
    assert after.not_modified  # the failure count was reset: polled again at the normal interval
    with store.engine.connect() as conn:
        reasons = list(conn.execute(select(schema.ingest_errors.c.reason)).scalars())
    assert len(reasons) == 5


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("garbage", "not"),
        ("loop", "redirects"),
        ("huge", "size limit"),
    ],
)
def test_a_misbehaving_feed_is_logged_and_backed_off(feed: Server, tmp_path: Path, mode: str, message: str) -> None:
    store = Store.from_url(str(tmp_path / "w.db"))
    watcher, pipeline, _ = _watcher(store, [feed.url])
    feed.state.mode = mode
    first, second = _poll_when_due(watcher), _poll_when_due(watcher)
    assert first.error and message in first.error
    assert (first.retry_in, second.retry_in) == (0.02, 0.04)
    feed.state.mode = "ok"
    assert _poll_when_due(watcher).new == 1
    assert pipeline.given == ["wire:aid-convoy"]


def test_folders_new_and_changed_files_are_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    store = Store.from_url(str(tmp_path / "w.db"))
    watcher, pipeline, _ = _watcher(store, [str(folder)])
    lines = [f'{{"id": "{guid}", "text": "{text}", "published": "2025-03-23"}}\n' for guid, text in STORIES]
    (folder / "wire.jsonl").write_text(lines[0] + lines[1], encoding="utf-8")
    (folder / "README.md").write_text("Not an article: the folder walk skips it.", encoding="utf-8")
    _settle(folder / "wire.jsonl")

    assert watcher.poll_once()[0].new == 2
    unchanged = watcher.poll_once()[0]
    assert unchanged.new == 0 and unchanged.idle  # not read again, and not worth a status line

    with (folder / "wire.jsonl").open("a", encoding="utf-8") as sink:
        sink.write(lines[2])
    _settle(folder / "wire.jsonl")
    changed = watcher.poll_once()[0]
    assert (changed.new, changed.seen) == (1, 2)
    assert pipeline.given == ["wire:aid-convoy", "wire:kharkiv", "wire:belgrade"]

    restarted, pipeline_again, _ = _watcher(store, [str(folder)])
    assert restarted.poll_once()[0].new == 0 and pipeline_again.given == []


def test_a_file_still_being_written_waits_for_the_next_scan(tmp_path: Path) -> None:
    store = Store.from_url(str(tmp_path / "w.db"))
    watcher, _, _ = _watcher(store, [str(tmp_path / "inbox")])
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.txt").write_text(STORIES[0][1], encoding="utf-8")
    assert watcher.poll_once()[0].new == 0  # just written: it may still grow
    assert watcher.poll_once()[0].new == 1  # the same size and time on the next scan


def _settle(path: Path) -> None:
    """Backdate the file so the watcher treats it as complete."""
    old = time.time() - 60
    os.utime(path, (old, old))


def test_the_watch_command_stops_cleanly_on_sigterm(feed: Server, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    eventwire = Path(sys.executable).parent / "eventwire"
    command = [str(eventwire), "ingest", "--watch", feed.url, "--interval", "1", "--db", str(db)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    try:
        store = Store.from_url(str(db))
        _wait_for(lambda: _stored(store) == ["wire:aid-convoy"], limit=120)
        feed.state.items.append(STORIES[1])
        _wait_for(lambda: len(_stored(store)) == 2, limit=60)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert f"{feed.url}: 1 new" in stderr
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.ingest_runs.c.status)).scalar_one() == "stopped"
