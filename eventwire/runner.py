"""The two jobs every front end runs: extract (stateless) and ingest (into a Store).

Readers yield Articles or InputErrors; articles go through the Pipeline in batches; each problem is
handed to the Reporter (stderr in the CLI) and, for ingest, recorded in the ingest-errors table.
Nothing here prints: the CLI, the API and the workers decide how to show progress.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from eventwire.errors import InputError, SkippedArticle
from eventwire.ingest import iter_articles
from eventwire.pipeline import Pipeline, PipelineFailure
from eventwire.records import Article, ArticleResult
from eventwire.store import Store

DEFAULT_BATCH = 32


@dataclass
class RunStats:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        return (
            f"read {self.read}, stored {self.stored}, skipped {self.skipped}, failed {self.failed}, "
            f"events {self.events} in {self.seconds:.1f} s ({self.rate:.1f} articles/s)"
        )


class Reporter(Protocol):
    def article_done(self, article: Article, result: ArticleResult) -> None: ...

    def problem(self, error: InputError, kind: str) -> None: ...


class SilentReporter:
    def article_done(self, article: Article, result: ArticleResult) -> None:
        pass

    def problem(self, error: InputError, kind: str) -> None:
        pass


@dataclass
class ReadOptions:
    input_format: str | None = None
    published: dt.date | None = None
    max_bytes: int = 2_000_000


def _batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if sum(isinstance(x, Article) for x in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process(
    sources: Sequence[str],
    pipeline: Pipeline,
    options: ReadOptions,
    stats: RunStats,
    on_problem: Callable[[InputError, str], None],
    batch_size: int = DEFAULT_BATCH,
) -> Iterator[list[tuple[Article, ArticleResult]]]:
    """Read and extract, yielding the successfully extracted articles batch by batch."""
    items = iter_articles(
        sources, input_format=options.input_format, published=options.published, max_bytes=options.max_bytes
    )
    for batch in _batches(items, batch_size):
        articles: list[Article] = []
        for item in batch:
            if isinstance(item, Article):
                stats.read += 1
                articles.append(item)
            elif isinstance(item, SkippedArticle):
                stats.skipped += 1
                on_problem(item, "skipped")
            else:
                stats.failed += 1
                on_problem(item, "failed")
        done: list[tuple[Article, ArticleResult]] = []
        for article, result in pipeline.run(articles):
            if isinstance(result, PipelineFailure):
                stats.failed += 1
                on_problem(InputError(str(result.error), source=article.source or article.id), "failed")
            else:
                stats.events += len(result.events)
                done.append((article, result))
        yield done


def run_extract(
    sources: Sequence[str],
    pipeline: Pipeline,
    options: ReadOptions,
    emit: Callable[[ArticleResult], None],
    reporter: Reporter | None = None,
) -> RunStats:
    reporter = reporter or SilentReporter()
    stats = RunStats()
    for batch in process(sources, pipeline, options, stats, reporter.problem):
        for article, result in batch:
            emit(result)
            reporter.article_done(article, result)
    stats.finished = time.monotonic()
    return stats


def run_ingest(
    sources: Sequence[str],
    store: Store,
    pipeline: Pipeline,
    options: ReadOptions,
    reporter: Reporter | None = None,
    batch_size: int = DEFAULT_BATCH,
    command_name: str = "ingest",
) -> RunStats:
    """Read, extract and store; deduplicate what each batch brought in."""
    from eventwire.dedup import update_canonical

    reporter = reporter or SilentReporter()
    stats = RunStats()
    run_id = store.begin_run(command_name, sources)

    def on_problem(error: InputError, kind: str) -> None:
        store.record_error(run_id, error, kind)
        reporter.problem(error, kind)

    status = "failed"
    try:
        for batch in process(sources, pipeline, options, stats, on_problem, batch_size):
            store.write_batch(batch, run_id)
            update_canonical(store, [article.id for article, _ in batch])
            stats.stored += len(batch)
            for article, result in batch:
                reporter.article_done(article, result)
        status = "done" if stats.failed == 0 else "done_with_errors"
    finally:
        stats.finished = time.monotonic()
        store.finish_run(
            run_id,
            status,
            n_read=stats.read,
            n_stored=stats.stored,
            n_skipped=stats.skipped,
            n_failed=stats.failed,
            n_events=stats.events,
        )
    return stats
