"""`eventwire ingest --watch`: keep ingesting what appears in folders and RSS/Atom feeds.

Every `interval` seconds the watcher scans its folders and polls the feeds that are due:

- folders (and single files): a file is read when it is new or its size or modification time changed,
  once it has stopped changing (the same size and time on two scans, or untouched for SETTLE_SECONDS),
  so a file still being written is not read half-way. What was processed is kept in `watch_files`, so
  a restart does not read everything again.
- feeds: conditional GET with the ETag / Last-Modified of the last answer (`eventwire.ingest.fetch_feed`,
  validators kept in `watch_feeds`). A failed poll — no connection, an error status, a timeout, a
  redirect loop, an oversized or unreadable document — is reported and retried after a delay that
  doubles with each consecutive failure, up to `max_backoff`; the first good poll resets it.

Articles already stored with the same text (feed items keep their guid as id; other articles are
named by a hash of their text) are skipped before extraction. New ones go through the pipeline and the
store in batches, each in its own transaction, followed by deduplication, as `eventwire ingest` does.
`stop` (set by SIGINT/SIGTERM, see `stop_on_signals`) is checked between batches: the batch in hand
is finished, and a second signal abandons it — its transaction is never committed, so nothing is half
written. One `PollReport` per scan and poll goes to the caller, which prints the status line.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite

from eventwire.dedup import update_canonical
from eventwire.errors import InputError, SkippedArticle
from eventwire.ingest import fetch_feed, iter_articles
from eventwire.ingest.detect import format_from_name
from eventwire.ingest.http import is_url
from eventwire.ingest.ids import article_id_for
from eventwire.pipeline import Pipeline, PipelineFailure
from eventwire.records import Article, ArticleResult
from eventwire.runner import DEFAULT_BATCH, ReadOptions, RunStats
from eventwire.store import Store, schema

SETTLE_SECONDS = 2.0
DEFAULT_MAX_BACKOFF = 300.0


@dataclass
class PollReport:
    """What one scan of a folder or one poll of a feed brought in."""

    source: str
    feed: bool = False
    new: int = 0
    seen: int = 0
    failed: int = 0
    events: int = 0
    not_modified: bool = False
    error: str | None = None
    retry_in: float | None = None

    @property
    def idle(self) -> bool:
        """A folder scan that found nothing to read: not worth a line every few seconds."""
        return not self.feed and not (self.new or self.seen or self.failed or self.error)

    def line(self) -> str:
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        if self.error:
            return f"{stamp} {self.source}: error: {self.error}; retrying in {self.retry_in:g} s"
        if self.not_modified:
            return f"{stamp} {self.source}: not modified"
        return (
            f"{stamp} {self.source}: {self.new} new, {self.seen} already seen, {self.failed} failed, "
            f"{self.events} events"
        )


@dataclass
class _Feed:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    due: float = 0.0


@dataclass
class _Folder:
    path: str
    # path -> (size, mtime_ns) as last seen on a scan / as last processed
    observed: dict[str, tuple[int, int]] = field(default_factory=dict)


class Watcher:
    def __init__(
        self,
        sources: Sequence[str],
        store: Store,
        pipeline: Pipeline,
        options: ReadOptions | None = None,
        *,
        interval: float = 60.0,
        max_backoff: float = DEFAULT_MAX_BACKOFF,
        fetch_timeout: float = 20.0,
        batch_size: int = DEFAULT_BATCH,
        report: Callable[[PollReport], None] = lambda _: None,
        problem: Callable[[InputError, str], None] = lambda _e, _k: None,
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.options = options or ReadOptions()
        self.interval = interval
        self.max_backoff = max(max_backoff, interval)
        self.fetch_timeout = fetch_timeout
        self.batch_size = batch_size
        self.report = report
        self.problem = problem
        self.stats = RunStats()
        self.feeds = [_Feed(s) for s in sources if is_url(s)]
        self.folders = [_Folder(os.path.abspath(s)) for s in sources if not is_url(s)]
        self.run_id: int | None = None
        self._processed = self._load_state()

    # -- the loop --------------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> RunStats:
        """Watch until `stop` is set; returns the tallies."""
        self.run_id = self.store.begin_run("watch", [f.url for f in self.feeds] + [f.path for f in self.folders])
        status = "failed"
        try:
            while not stop.is_set():
                next_scan = time.monotonic() + self.interval
                self.poll_once(stop)
                due = min([next_scan, *(f.due for f in self.feeds)])
                stop.wait(max(0.0, due - time.monotonic()))
            status = "stopped"
        finally:
            self.stats.finished = time.monotonic()
            self.store.finish_run(
                self.run_id,
                status,
                n_read=self.stats.read,
                n_stored=self.stats.stored,
                n_skipped=self.stats.skipped,
                n_failed=self.stats.failed,
                n_events=self.stats.events,
            )
        return self.stats

    def poll_once(self, stop: threading.Event | None = None) -> list[PollReport]:
        """Scan every folder and poll every feed that is due, once."""
        stop = stop or threading.Event()
        reports = []
        for folder in self.folders:
            if stop.is_set():
                break
            reports.append(self._scan(folder, stop))
        now = time.monotonic()
        for feed in self.feeds:
            if stop.is_set():
                break
            if feed.due <= now:
                reports.append(self._poll(feed, stop))
        for report in reports:
            self.report(report)
        return reports

    # -- feeds -----------------------------------------------------------------------------------

    def _poll(self, feed: _Feed, stop: threading.Event) -> PollReport:
        fetched = fetch_feed(
            feed.url,
            etag=feed.etag,
            modified=feed.last_modified,
            timeout=self.fetch_timeout,
            max_bytes=self.options.max_bytes,
            published=self.options.published,
        )
        articles = [e for e in fetched.entries if isinstance(e, Article)]
        errors = [e for e in fetched.entries if isinstance(e, InputError)]
        if errors and not articles:
            feed.failures += 1
            delay = min(self.interval * 2**feed.failures, self.max_backoff)
            feed.due = time.monotonic() + delay
            for error in errors:
                self._problem(error, "failed")
            return PollReport(feed.url, feed=True, failed=len(errors), error=str(errors[0]), retry_in=delay)
        feed.failures = 0
        feed.due = time.monotonic() + self.interval
        report = PollReport(feed.url, feed=True, not_modified=fetched.not_modified)
        for error in errors:
            self._problem(error, "skipped" if isinstance(error, SkippedArticle) else "failed")
        report.failed = len(errors)
        self._ingest(articles, report, stop)
        if fetched.etag != feed.etag or fetched.last_modified != feed.last_modified:
            feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
            self._save_feed(feed)
        return report

    # -- folders ---------------------------------------------------------------------------------

    def _scan(self, folder: _Folder, stop: threading.Event) -> PollReport:
        report = PollReport(folder.path)
        now_ns = time.time_ns()
        observed = dict(_input_files(folder.path))
        for path, signature in sorted(observed.items()):
            if stop.is_set():
                break
            if self._processed.get(path) == signature:
                continue
            settled = folder.observed.get(path) == signature or now_ns - signature[1] > SETTLE_SECONDS * 1e9
            if not settled:
                continue
            articles: list[Article] = []
            items = iter_articles(
                [path],
                input_format=self.options.input_format,
                published=self.options.published,
                max_bytes=self.options.max_bytes,
            )
            for item in items:
                if isinstance(item, Article):
                    articles.append(item)
                else:
                    report.failed += 1
                    self._problem(item, "skipped" if isinstance(item, SkippedArticle) else "failed")
            if self._ingest(articles, report, stop):
                self._save_file(path, signature)
        folder.observed = observed
        return report

    # -- extraction and storage ------------------------------------------------------------------

    def _ingest(self, articles: list[Article], report: PollReport, stop: threading.Event) -> bool:
        """Extract and store the articles not stored yet; False when stopped before the end."""
        fresh = self._unseen(articles)
        report.seen += len(articles) - len(fresh)
        for start in range(0, len(fresh), self.batch_size):
            if stop.is_set():
                return False
            batch = fresh[start : start + self.batch_size]
            self.stats.read += len(batch)
            done: list[tuple[Article, ArticleResult]] = []
            for article, result in self.pipeline.run(batch):
                if isinstance(result, PipelineFailure):
                    report.failed += 1
                    self._problem(InputError(str(result.error), source=article.source or article.id), "failed")
                else:
                    done.append((article, result))
            self.store.write_batch(done, self.run_id)
            update_canonical(self.store, [a.id for a, _ in done])
            events = sum(len(r.events) for _, r in done)
            self.stats.stored += len(done)
            self.stats.events += events
            report.new += len(done)
            report.events += events
        return True

    def _unseen(self, articles: list[Article]) -> list[Article]:
        """Articles whose id is not stored yet, or stored with another text (a corrected item)."""
        unique = list({a.id: a for a in articles}.values())
        stored: dict[str, str] = {}
        table = schema.articles
        with self.store.engine.connect() as conn:
            for start in range(0, len(unique), 500):
                ids = [a.id for a in unique[start : start + 500]]
                stored.update(conn.execute(select(table.c.id, table.c.content_hash).where(table.c.id.in_(ids))).all())
        return [a for a in unique if stored.get(a.id) != article_id_for(a.text)]

    def _problem(self, error: InputError, kind: str) -> None:
        if kind == "skipped":
            self.stats.skipped += 1
        else:
            self.stats.failed += 1
        self.store.record_error(self.run_id, error, kind)
        self.problem(error, kind)

    # -- persisted state -------------------------------------------------------------------------

    def _load_state(self) -> dict[str, tuple[int, int]]:
        with self.store.engine.connect() as conn:
            files = {
                path: (size, mtime)
                for path, size, mtime in conn.execute(
                    select(schema.watch_files.c.path, schema.watch_files.c.size, schema.watch_files.c.mtime_ns)
                )
            }
            feeds = {row.url: row for row in conn.execute(select(schema.watch_feeds))}
        for feed in self.feeds:
            if feed.url in feeds:
                feed.etag, feed.last_modified = feeds[feed.url].etag, feeds[feed.url].last_modified
        return files

    def _save_file(self, path: str, signature: tuple[int, int]) -> None:
        self._processed[path] = signature
        values = {"path": path, "size": signature[0], "mtime_ns": signature[1], "processed_at": _now()}
        self._upsert(schema.watch_files, "path", values)

    def _save_feed(self, feed: _Feed) -> None:
        values = {"url": feed.url, "etag": feed.etag, "last_modified": feed.last_modified, "polled_at": _now()}
        self._upsert(schema.watch_feeds, "url", values)

    def _upsert(self, table: Table, key: str, values: dict[str, object]) -> None:
        dialect_insert = postgresql.insert if self.store.dialect == "postgresql" else sqlite.insert
        stmt = dialect_insert(table).values(values)
        with self.store.engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=[key], set_={k: stmt.excluded[k] for k in values}))


def _input_files(root: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """(path, (size, mtime_ns)) of the input files under `root` (or `root` itself when it is a file),
    skipping what the ingest readers' folder walk skips: hidden entries, linked folders and files whose
    extension is no input format's."""
    if os.path.isfile(root):
        info = os.stat(root)
        yield root, (info.st_size, info.st_mtime_ns)
        return
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return  # a folder that vanished or is not there yet: nothing to read this time
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _input_files(entry.path)
            elif entry.is_file() and (format_from_name(entry.name) or "." not in entry.name):
                info = entry.stat()
                yield entry.path, (info.st_size, info.st_mtime_ns)
        except OSError:
            continue  # removed between listing and stat


def run_watch(sources: Sequence[str], store: Store, pipeline: Pipeline, **options: Any) -> RunStats:
    """Watch `sources` until SIGINT or SIGTERM (the command-line entry point)."""
    stop = threading.Event()
    restore = stop_on_signals(stop)
    try:
        return Watcher(sources, store, pipeline, **options).run(stop)
    finally:
        restore()


def stop_on_signals(stop: threading.Event) -> Callable[[], None]:
    """SIGINT/SIGTERM set `stop` (the batch in hand is finished); a second signal abandons the batch.
    Returns a function that restores the previous handlers."""

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
