"""One Pipeline object, built the same way by the CLI, the API, the exporters and the workers.

Articles go through spaCy in batches (`nlp.pipe`), then through the registered extractors in
order; the results are assembled into one ArticleResult per article. A failing article becomes a
`PipelineFailure` and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ExtractionError
from eventwire.extract import Extractor, default_extractors
from eventwire.extract.context import ExtractionContext
from eventwire.ingest.ids import article_id_for
from eventwire.nlp.model import load_model, parse_many
from eventwire.records import Article, ArticleResult


@dataclass
class PipelineFailure:
    article: Article
    error: ExtractionError


class Pipeline:
    def __init__(
        self,
        extractors: Mapping[str, Extractor] | None = None,
        nlp: Language | None = None,
        batch_size: int = 32,
    ) -> None:
        self.extractors = dict(extractors) if extractors is not None else default_extractors()
        self._nlp = nlp
        self.batch_size = batch_size

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_model()
        return self._nlp

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, ArticleResult | PipelineFailure]]:
        """Yield (article, result or failure) for every article, in input order."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in parse_many(pairs, self.nlp, self.batch_size):
            yield article, self.extract_doc(doc, article)

    def extract_doc(self, doc: Doc, article: Article) -> ArticleResult | PipelineFailure:
        ctx = ExtractionContext(article=article)
        for name, extractor in self.extractors.items():
            try:
                ctx.results[name] = extractor(doc, ctx)
            except Exception as exc:
                message = f"extractor '{name}' failed: {type(exc).__name__}: {exc}"
                return PipelineFailure(article, ExtractionError(message))
        return ArticleResult(
            id=article.id,
            title=article.title,
            url=article.url,
            published=article.published,
            events=ctx.results.get("events", []),
            quotes=ctx.quotes,
            places=ctx.places,
            counts=ctx.counts,
            warnings=list(article.flags),
        )

    def extract(self, text: str, published: dt.date | str | None = None, id: str | None = None) -> ArticleResult:
        article = make_article(text, published=published, id=id)
        _, result = next(self.run([article]))
        if isinstance(result, PipelineFailure):
            raise result.error
        return result


def make_article(
    text: str,
    published: dt.date | str | None = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    if isinstance(published, str):
        published = parse_published(published)
    return Article(id=id or article_id_for(text), text=text, title=title, url=url, published=published)


def parse_published(value: str) -> dt.date:
    """A `YYYY-MM-DD` or ISO 8601 timestamp as a date."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
