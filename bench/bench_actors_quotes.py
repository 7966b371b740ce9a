"""Actor and quote extraction time against spaCy's parse time, on news-like texts.

    python bench/bench_actors_quotes.py [--repeat 3] [--limit 200]

Texts: the bundled sample corpus (wire-style political and conflict news). The model and the actor
lexicon are loaded and warmed before timing; each figure is the best of `--repeat` runs. Actors are
part of event coding's budget (25 % of parse time together with event detection); quotes are part of
the 15 % for places, dates, counts and quotes. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import time

from spacy.tokens import Doc

from eventwire.actors import lexicon
from eventwire.demo import sample_sources
from eventwire.extract.actors import extract_actors
from eventwire.extract.context import ExtractionContext
from eventwire.extract.quotes import extract_quotes
from eventwire.ingest import iter_articles
from eventwire.nlp.model import load_model, parse_many
from eventwire.records import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()

    articles = [a for a in iter_articles(sample_sources()) if isinstance(a, Article)][: args.limit]
    nlp = load_model()
    parse_many([("Warm up the model.", None)], nlp)
    lexicon()

    def parse() -> list[Doc]:
        return [doc for doc, _ in parse_many(((a.text, a) for a in articles), nlp)]

    def extract(docs: list[Doc]) -> tuple[float, float, int, int]:
        actors_s = quotes_s = 0.0
        n_actors = n_quotes = 0
        for doc, article in zip(docs, articles, strict=True):
            ctx = ExtractionContext(article=article)
            start = time.perf_counter()
            ctx.results["actors"] = extract_actors(doc, ctx)
            middle = time.perf_counter()
            quotes = extract_quotes(doc, ctx)
            actors_s += middle - start
            quotes_s += time.perf_counter() - middle
            n_actors += len(ctx.actors)
            n_quotes += len(quotes)
        return actors_s, quotes_s, n_actors, n_quotes

    parse_times, actor_times, quote_times = [], [], []
    counts = (0, 0)
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = parse()
        parse_times.append(time.perf_counter() - start)
        actors_s, quotes_s, *found = extract(docs)
        actor_times.append(actors_s)
        quote_times.append(quotes_s)
        counts = (found[0], found[1])

    parse_s, actors_s, quotes_s = min(parse_times), min(actor_times), min(quote_times)
    print(
        json.dumps(
            {
                "corpus": "sample",
                "articles": len(articles),
                "characters": sum(len(a.text) for a in articles),
                "actor_mentions": counts[0],
                "quotes": counts[1],
                "parse_s": round(parse_s, 3),
                "actors_s": round(actors_s, 3),
                "quotes_s": round(quotes_s, 3),
                "actors_share_of_parse": round(actors_s / parse_s, 3),
                "quotes_share_of_parse": round(quotes_s / parse_s, 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
