"""Deduplication time for 20k and 200k synthetic per-article events, and their ratio.

The events come from `eventwire.dedup.synthetic`: incidents over 60 cities in 30 countries, each
reported by 1 to 6 articles with noisy dates, places, actors, counts and wording, at a steady rate
per day (a larger archive covers more days). Timed: what `eventwire dedup --rebuild` computes in
memory (`eventwire.dedup.update.deduplicate`) — features, articles' accounts, blocking, scoring,
clustering, the canonical records and stories. Blocking keeps the work proportional to the events
per block and window, so ten times the events should take about ten times as long (the issue asks
for under 15×). CPU time is compared, since wall time on a shared machine measures the neighbours.

    python bench/bench_dedup.py [--small 20000] [--large 200000]
"""

from __future__ import annotations

import argparse
import gc
import time

from eventwire.dedup.synthetic import generate
from eventwire.dedup.update import deduplicate


def run(n_events: int) -> tuple[float, float, int, int, int]:
    """(wall seconds, CPU seconds, canonical events, multi-source ones, stories) for `n_events` events."""
    reports = generate(n_events, seed=1)
    events = [r.event for r in reports]
    infos = {r.event.article_id: r.article for r in reports}
    del reports
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    canonical, _, stories = deduplicate(events, infos)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall, cpu, len(canonical), sum(c.n_sources > 1 for c in canonical), len(stories)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--large", type=int, default=200_000)
    args = parser.parse_args()
    timings = []
    for n in (args.small, args.large):
        wall, cpu, n_canonical, multi, n_stories = run(n)
        timings.append(cpu)
        print(
            f"{n:>8} events: {cpu:6.1f} s CPU ({wall:6.1f} s wall, {n / cpu:,.0f} events/s) -> "
            f"{n_canonical} canonical ({multi} multi-source), {n_stories} stories"
        )
    ratio = timings[1] / timings[0]
    size_ratio = args.large / args.small
    verdict = "under" if ratio < 1.5 * size_ratio else "over"
    print(f"ratio {ratio:.1f}x (CPU time) for {size_ratio:.0f}x the events: {verdict} 1.5x linear")


if __name__ == "__main__":
    main()
