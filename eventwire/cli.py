"""The `eventwire` command line: thin commands that parse options, make one call, format the output.

Exit codes: 0 success; 1 some inputs failed (each reported on stderr, the rest processed); 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from eventwire.console import ConsoleReporter, say, stderr
from eventwire.errors import ConfigError, EventwireError

app = typer.Typer(
    name="eventwire",
    help="Turn news articles into verifiable political event data (PLOVER, CAMEO, ACLED), offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")
_state = {"debug": False}

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite path (default: $EVENTWIRE_DB or ./eventwire.db)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no final summary line.")]
InputFormatOption = Annotated[
    str | None,
    typer.Option("--input-format", help="Override auto-detection: text, html, jsonl, feed, warc."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Reject texts larger than this many bytes.", min=1)]


class OutputFormat(StrEnum):
    article = "article"
    plover = "plover"


class ExportFormat(StrEnum):
    plover = "plover"
    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"
    acled = "acled"


@app.callback()
def main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False) -> None:
    _state["debug"] = debug


def _guard(action: Callable[[], T]) -> T:
    """Run a command body: a user sees a sentence, `--debug` shows the traceback."""
    try:
        return action()
    except ConfigError as exc:
        if _state["debug"]:
            raise
        stderr.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except EventwireError as exc:
        if _state["debug"]:
            raise
        stderr.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None


def _date_option(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        from eventwire.pipeline import parse_published

        return parse_published(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from None


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders; '-' or nothing reads stdin.")] = None,
    published: PublishedOption = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="article: one object per article; plover: one event per line."),
    ] = OutputFormat.article,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    input_format: InputFormatOption = None,
    max_bytes: MaxBytesOption = 2_000_000,
    quiet: QuietOption = False,
) -> None:
    """Extract events, places, counts and quotes as JSON Lines. Stateless: no database."""
    from eventwire.pipeline import Pipeline
    from eventwire.records import ArticleResult
    from eventwire.runner import ReadOptions, run_extract

    options = ReadOptions(input_format, _date_option(published, "--published"), max_bytes)
    sink = output.open("w", encoding="utf-8") if output else sys.stdout

    def emit(result: ArticleResult) -> None:
        records = [result] if output_format is OutputFormat.article else result.events
        for record in records:
            sink.write(json.dumps(record.to_json_dict(), ensure_ascii=False) + "\n")
        sink.flush()

    def body() -> Any:
        with ConsoleReporter(quiet) as reporter:
            return run_extract(paths or ["-"], Pipeline(), options, emit, reporter)

    try:
        stats = _guard(body)
    finally:
        if output:
            sink.close()
    say(stats.summary(), quiet)
    raise typer.Exit(1 if stats.failed else 0)


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, or RSS/Atom URLs.")],
    db: DbOption = None,
    published: PublishedOption = None,
    input_format: InputFormatOption = None,
    max_bytes: MaxBytesOption = 2_000_000,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = 32,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Keep watching: read new or changed files in the folders and new feed items, until SIGINT or "
            "SIGTERM (exit code 0). Feeds that fail are retried with growing delays.",
        ),
    ] = False,
    interval: Annotated[
        float, typer.Option("--interval", min=0.1, help="With --watch: seconds between folder scans and feed polls.")
    ] = 60.0,
    quiet: QuietOption = False,
) -> None:
    """Read articles into the database, extract events and deduplicate them. Idempotent."""
    from eventwire.pipeline import Pipeline
    from eventwire.runner import ReadOptions, run_ingest
    from eventwire.store import Store

    options = ReadOptions(input_format, _date_option(published, "--published"), max_bytes)
    if watch:
        from eventwire.watch import run_watch

        def status(poll: Any) -> None:
            if not quiet and not poll.idle:
                say(poll.line())

        def watch_body() -> Any:
            store = Store.from_url(db)
            timeout = min(20.0, max(5.0, 2 * interval))
            return run_watch(
                sources, store, Pipeline(), options=options, interval=interval, fetch_timeout=timeout,
                batch_size=batch_size, report=status, problem=ConsoleReporter(quiet).problem,
            )  # fmt: skip

        say(_guard(watch_body).summary(), quiet)
        raise typer.Exit(0)

    def body() -> Any:
        store = Store.from_url(db)
        with ConsoleReporter(quiet, "ingesting") as reporter:
            return run_ingest(sources, store, Pipeline(), options, reporter, batch_size)

    stats = _guard(body)
    say(stats.summary(), quiet)
    raise typer.Exit(1 if stats.failed else 0)


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")],
    db: DbOption = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Per-article events instead of canonical (deduplicated) ones.")
    ] = False,
    start: Annotated[str | None, typer.Option("--start", help="Events on or after this date.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Events on or before this date.")] = None,
    event_type: Annotated[list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-3 of actor or location.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Write stored events (canonical by default) as plover JSONL, CSV, Parquet, GeoJSON or ACLED CSV."""
    from eventwire.export import RENDERERS
    from eventwire.store import Store
    from eventwire.store.filters import EventFilter

    filters = EventFilter(
        start=_date_option(start, "--start"),
        end=_date_option(end, "--end"),
        types=[t.upper() for t in event_type or []],
        country=country.upper() if country else None,
    )
    if output_format is ExportFormat.parquet and output is None:
        raise typer.BadParameter("Parquet is binary: give an output file with -o", param_hint="--format")

    def body() -> int:
        store = Store.from_url(db)
        events = (
            store.iter_mentions(filters.where(mentions=True))
            if mentions
            else store.iter_canonical(filters.where(mentions=False))
        )
        renderer = RENDERERS[output_format.value]
        if output is None:
            return renderer(events, sys.stdout.buffer)
        with output.open("wb") as sink:
            return renderer(events, sink)

    n = _guard(body)
    say(f"exported {n} {'per-article' if mentions else 'canonical'} events", quiet)


@app.command()
def dedup(
    db: DbOption = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Recompute near-duplicate links, canonical events and stories from all stored per-article events.",
        ),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Deduplicate stored events: the articles not deduplicated yet, or everything with --rebuild."""
    from eventwire.dedup import deduplicate_pending
    from eventwire.dedup import rebuild as rebuild_all
    from eventwire.store import Store

    summary = _guard(lambda: (rebuild_all if rebuild else deduplicate_pending)(Store.from_url(db)))
    say(summary.line(), quiet)


@app.command(name="eval")
def evaluate(
    dataset: Annotated[str, typer.Argument(help="plover-gsr, geo, gvdb or dedup.")],
    path: Annotated[Path, typer.Argument(help="The gold file.", exists=True, dir_okay=False)],
) -> None:
    """Score eventwire against a gold dataset; prints metrics (system and baseline) as JSON."""
    from eventwire.eval import get_evaluator

    report = _guard(lambda: get_evaluator(dataset)(path))
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="SQLite file to create (replaced if it exists).")] = Path(
        "eventwire-demo.db"
    ),
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the PLOVER events.")] = Path(
        "events.plover.jsonl"
    ),
    quiet: QuietOption = False,
) -> None:
    """Ingest the bundled sample news into a fresh SQLite file and print a summary."""
    from eventwire.demo import print_summary, run_demo

    outcome = _guard(lambda: run_demo(db, output, quiet))
    print_summary(outcome)
    raise typer.Exit(1 if outcome.stats.failed else 0)


DEMO_DB = Path("eventwire-demo.db")


@app.command()
def serve(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL or SQLite path (default: $EVENTWIRE_DB, else ./eventwire-demo.db if it exists)."
        ),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="EVENTWIRE_TOKEN",
            help="Accept POST /api/articles from callers sending this bearer token.",
        ),
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web dashboard at /. Read-only without --token."""
    import os

    import uvicorn

    from eventwire.api import create_app
    from eventwire.store import Store

    if db is None and not os.environ.get("EVENTWIRE_DB") and DEMO_DB.exists():
        db = str(DEMO_DB)
    store = _guard(lambda: Store.from_url(db))
    stderr.print(
        f"serving {store.engine.url.render_as_string(hide_password=True)} at http://{host}:{port}/ (API: /docs)"
    )
    uvicorn.run(create_app(store, token), host=host, port=port, log_level="warning")
