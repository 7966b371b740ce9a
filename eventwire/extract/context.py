"""What an extractor sees besides the Doc: the article and what earlier extractors found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eventwire.records import ActorMention, Article, Count, DateMention, Place, Quote


@dataclass
class ExtractionContext:
    article: Article
    # Results of the extractors that already ran, by registered name.
    results: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def published(self) -> dt.date | None:
        return self.article.published

    @property
    def places(self) -> list[Place]:
        return self.results.get("places", [])

    @property
    def dates(self) -> list[DateMention]:
        return self.results.get("dates", [])

    @property
    def counts(self) -> list[Count]:
        return self.results.get("counts", [])

    @property
    def actors(self) -> list[ActorMention]:
        return self.results.get("actors", [])

    @property
    def quotes(self) -> list[Quote]:
        return self.results.get("quotes", [])
