"""What each extractor adds to spaCy's parse time, on the bundled sample corpus.

    python bench/bench_pipeline.py [--repeat 3]

Models and indexes are loaded (and warmed on one pass) before timing, so the figures are the
steady-state cost per corpus. Parsing is `nlp.pipe` over all articles; each extractor is timed over
the already-parsed Docs in pipeline order, exactly as the Pipeline calls them. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import time

from eventwire.demo import sample_sources
from eventwire.extract import default_extractors
from eventwire.extract.context import ExtractionContext
from eventwire.ingest import iter_articles
from eventwire.nlp.model import load_model, parse_many
from eventwire.records import Article

GROUPS = {
    "event_coding": ("actors", "events"),
    "places_dates_counts_quotes": ("places", "dates", "counts", "quotes"),
}
BUDGET = {"event_coding": 0.25, "places_dates_counts_quotes": 0.15}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    articles = [a for a in iter_articles(sample_sources()) if isinstance(a, Article)]
    nlp = load_model()
    extractors = default_extractors()

    def parse() -> list:
        return [doc for doc, _ in parse_many(((a.text, a) for a in articles), nlp)]

    def run_extractors(docs: list) -> dict[str, float]:
        spent = dict.fromkeys(extractors, 0.0)
        for doc, article in zip(docs, articles, strict=True):
            ctx = ExtractionContext(article=article)
            for name, extractor in extractors.items():
                start = time.perf_counter()
                ctx.results[name] = extractor(doc, ctx)
                spent[name] += time.perf_counter() - start
        return spent

    start = time.perf_counter()
    docs = parse()
    run_extractors(docs)
    warmup = time.perf_counter() - start

    parse_times = []
    extractor_times: dict[str, list[float]] = {name: [] for name in extractors}
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = parse()
        parse_times.append(time.perf_counter() - start)
        for name, seconds in run_extractors(docs).items():
            extractor_times[name].append(seconds)

    parse_s = min(parse_times)
    per_extractor = {name: min(times) for name, times in extractor_times.items()}
    report = {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "first_pass_with_loading_s": round(warmup, 2),
        "spacy_parse_s": round(parse_s, 3),
        "extractors_s": {name: round(s, 4) for name, s in per_extractor.items()},
        "extractors_pct_of_parse": {name: round(100 * s / parse_s, 1) for name, s in per_extractor.items()},
    }
    for group, names in GROUPS.items():
        share = sum(per_extractor[n] for n in names) / parse_s
        report[group] = {
            "pct_of_parse": round(100 * share, 1),
            "budget_pct": round(100 * BUDGET[group]),
            "within_budget": share <= BUDGET[group],
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
