"""eventwire: news articles in, verifiable political event data out.

>>> import eventwire
>>> result = eventwire.extract("Police arrested 12 protesters in Nairobi.", published="2024-05-07")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

# The extractors live in the subpackage `eventwire.extract`; importing it here, before the function of
# the same name is defined, keeps `eventwire.extract` the function: Python binds a subpackage to its
# parent's attribute only when it is first imported.
import eventwire.extract as _extractors  # noqa: F401
from eventwire.records import (
    Actor,
    Article,
    ArticleResult,
    CanonicalEvent,
    Count,
    Event,
    Place,
    Quote,
)

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "Article",
    "ArticleResult",
    "CanonicalEvent",
    "Count",
    "Event",
    "Place",
    "Quote",
    "extract",
    "extract_many",
    "get_pipeline",
]


@lru_cache(maxsize=1)
def get_pipeline() -> Any:
    """The process-wide default Pipeline (model loaded once, reused)."""
    from eventwire.pipeline import Pipeline

    return Pipeline()


def extract(text: str, published: dt.date | str | None = None, id: str | None = None) -> ArticleResult:
    """Extract events, places, counts and quotes from one article's text."""
    return get_pipeline().extract(text, published=published, id=id)


def extract_many(items: Iterable[str | dict[str, Any] | Article]) -> Iterator[ArticleResult]:
    """Extract from many articles with batched parsing.

    Items are texts, dicts with the JSON Lines fields (`text`, `id`, `published`, `title`, `url`) or
    Articles. Raises ExtractionError for an article the pipeline cannot process.
    """
    from eventwire.pipeline import PipelineFailure, make_article

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
            elif isinstance(item, str):
                yield make_article(item)
            else:
                yield make_article(
                    item["text"],
                    published=item.get("published"),
                    id=item.get("id"),
                    title=item.get("title"),
                    url=item.get("url"),
                )

    for _, result in get_pipeline().run(articles()):
        if isinstance(result, PipelineFailure):
            raise result.error
        yield result
