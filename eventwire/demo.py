"""`eventwire demo`: the main job on the embedded default, over the bundled sample news."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventwire.console import ConsoleReporter, stderr
from eventwire.export import RENDERERS
from eventwire.pipeline import Pipeline
from eventwire.runner import ReadOptions, RunStats, run_ingest
from eventwire.store import Store
from eventwire.store.summary import Summary, summarise

SAMPLE_DIR = Path(__file__).parent / "data" / "sample"
# The corpus folder also holds its README, labels and the WARC's sources: only these are news.
SAMPLE_PATTERNS = ("*.jsonl", "html/*.html", "feeds/*.rss", "feeds/*.xml", "warc/*.warc.gz")


def sample_sources() -> list[str]:
    return sorted(str(p) for pattern in SAMPLE_PATTERNS for p in SAMPLE_DIR.glob(pattern))


@dataclass
class DemoOutcome:
    db: Path
    output: Path
    stats: RunStats
    summary: Summary
    exported: int


def run_demo(db: Path, output: Path, quiet: bool = False) -> DemoOutcome:
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    store = Store.from_url(str(db))
    with ConsoleReporter(quiet, "ingesting sample news") as reporter:
        stats = run_ingest(sample_sources(), store, Pipeline(), ReadOptions(), reporter, command_name="demo")
    with output.open("wb") as sink:
        exported = RENDERERS["plover"](store.iter_canonical(), sink)
    outcome = DemoOutcome(db, output, stats, summarise(store), exported)
    store.close()
    return outcome


def print_summary(outcome: DemoOutcome) -> None:
    s = outcome.summary
    out = stderr
    out.print(f"\n[bold]eventwire demo[/bold] — {outcome.stats.summary()}")
    out.print(
        f"articles {s.articles} · per-article events {s.mentions} · canonical events {s.canonical_events}"
        f" · stories {s.stories} · input problems {s.errors}"
    )
    out.print("\n[bold]events by type[/bold]")
    for event_type, n in s.events_by_type:
        out.print(f"  {event_type:<10} {n:>5}")
    out.print("\n[bold]top actors[/bold] (country sector)")
    for actor, n in s.top_actors:
        out.print(f"  {actor:<12} {n:>5}")
    out.print("\n[bold]top places[/bold]")
    for place, n in s.top_places:
        out.print(f"  {place:<28} {n:>5}")
    out.print(
        f"\n[bold]counts[/bold] over canonical events: dead {s.casualties['dead']}, injured {s.casualties['injured']}"
    )
    out.print(f"\ndatabase      {outcome.db.resolve()}")
    out.print(f"PLOVER events {outcome.output.resolve()} ({outcome.exported} canonical events)")
    out.print(f"dashboard     eventwire serve --db {outcome.db}   then open http://127.0.0.1:8000/")
