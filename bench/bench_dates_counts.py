"""Dates and counts extraction time against spaCy's parse time, on news-like texts.

    python bench/bench_dates_counts.py [--repeat 3] [--limit 400]

Texts: the GVDB dev articles (US local news) read at run time from `$EVENTWIRE_GOLD` or
../shared/gold when present, else the bundled sample corpus. The model is loaded and warmed
before timing; each figure is the best of `--repeat` runs. The budget is 5 % of parse time for
dates and counts together. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from eventwire.demo import sample_sources
from eventwire.eval.casualties import read_gvdb
from eventwire.extract.context import ExtractionContext
from eventwire.extract.counts import extract_counts
from eventwire.extract.dates import extract_dates
from eventwire.ingest import iter_articles
from eventwire.nlp.model import load_model, parse_many
from eventwire.records import Article

BUDGET = 0.05


def news_articles(limit: int) -> tuple[str, list[Article]]:
    gold = Path(os.environ.get("EVENTWIRE_GOLD", Path(__file__).resolve().parents[2] / "shared" / "gold"))
    gvdb = gold / "gvdb_dev" / "dev.tsv"
    if gvdb.is_file():
        return "gvdb_dev", [row.article for row in read_gvdb(gvdb)][:limit]
    return "sample", [a for a in iter_articles(sample_sources()) if isinstance(a, Article)][:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()

    corpus, articles = news_articles(args.limit)
    nlp = load_model()
    parse_many([("Warm up the model.", None)], nlp)
    contexts = [ExtractionContext(article=a) for a in articles]

    def parse() -> list:
        return [doc for doc, _ in parse_many(((a.text, a) for a in articles), nlp)]

    def extract(docs: list) -> tuple[float, float]:
        dates_s = counts_s = 0.0
        for doc, ctx in zip(docs, contexts, strict=True):
            start = time.perf_counter()
            extract_dates(doc, ctx)
            middle = time.perf_counter()
            extract_counts(doc, ctx)
            dates_s += middle - start
            counts_s += time.perf_counter() - middle
        return dates_s, counts_s

    parse_times, dates_times, counts_times = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = parse()
        parse_times.append(time.perf_counter() - start)
        dates_s, counts_s = extract(docs)
        dates_times.append(dates_s)
        counts_times.append(counts_s)

    parse_s, dates_s, counts_s = min(parse_times), min(dates_times), min(counts_times)
    share = (dates_s + counts_s) / parse_s
    print(
        json.dumps(
            {
                "corpus": corpus,
                "articles": len(articles),
                "characters": sum(len(a.text) for a in articles),
                "spacy_parse_s": round(parse_s, 3),
                "dates_s": round(dates_s, 4),
                "counts_s": round(counts_s, 4),
                "dates_pct_of_parse": round(100 * dates_s / parse_s, 2),
                "counts_pct_of_parse": round(100 * counts_s / parse_s, 2),
                "dates_counts_pct_of_parse": round(100 * share, 2),
                "budget_pct": round(100 * BUDGET),
                "within_budget": share <= BUDGET,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
