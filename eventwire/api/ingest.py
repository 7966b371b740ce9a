"""`POST /api/articles`: ingest articles sent as JSON, only for a caller holding the server's token."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

import eventwire
from eventwire.api import models
from eventwire.api.routes import StoreDep, json_response
from eventwire.dedup import update_canonical
from eventwire.errors import InputError, SkippedArticle
from eventwire.ingest.article import ReadOptions, finish_article, parse_date
from eventwire.pipeline import Pipeline, PipelineFailure
from eventwire.records import Article
from eventwire.store.store import Store

router = APIRouter(prefix="/api")
bearer = HTTPBearer(auto_error=False, description="The token `eventwire serve --token` was started with.")
MAX_BATCH = 100
# The process-wide pipeline is loaded on the first ingest; one request uses it at a time.
_pipeline_lock = threading.Lock()


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    token: str | None = request.app.state.token
    if token is None:
        raise HTTPException(403, "this server is read-only: start it with --token to accept articles")
    if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(
            401, "a valid 'Authorization: Bearer <token>' header is required", {"WWW-Authenticate": "Bearer"}
        )


@router.post(
    "/articles",
    tags=["ingest"],
    response_model=models.IngestResult,
    dependencies=[Depends(require_token)],
    summary="Ingest one article or a batch (needs the server's token)",
)
def post_articles(
    store: StoreDep,
    body: Annotated[models.ArticleIn | list[models.ArticleIn], Body(description=f"An article or up to {MAX_BATCH}.")],
) -> Response:
    items = body if isinstance(body, list) else [body]
    if not 1 <= len(items) <= MAX_BATCH:
        raise HTTPException(422, f"send between 1 and {MAX_BATCH} articles per request")
    articles, problems = _articles(items)
    with _pipeline_lock:
        stored, failed = _ingest(store, eventwire.get_pipeline(), articles)
    problems.extend(failed)
    return json_response(
        {"articles": [r.to_json_dict() for r in stored], "problems": sorted(problems, key=lambda p: p["index"])}
    )


def _articles(items: list[models.ArticleIn]) -> tuple[list[tuple[int, Article]], list[dict]]:
    articles: list[tuple[int, Article]] = []
    problems: list[dict] = []
    for index, item in enumerate(items):
        published = parse_date(item.published) if item.published else None
        if item.published and published is None:
            problems.append(
                {"index": index, "kind": "failed", "reason": f"unreadable published date {item.published!r}"}
            )
            continue
        try:
            article = finish_article(
                item.text,
                source=f"POST /api/articles[{index}]",
                options=ReadOptions(),
                id=item.id,
                title=item.title,
                url=item.url,
                published=published,
            )
        except SkippedArticle as exc:
            problems.append({"index": index, "kind": "skipped", "reason": str(exc.args[0])})
            continue
        except InputError as exc:
            problems.append({"index": index, "kind": "failed", "reason": str(exc.args[0])})
            continue
        articles.append((index, article))
    return articles, problems


def _ingest(store: Store, pipeline: Pipeline, articles: list[tuple[int, Article]]) -> tuple[list, list[dict]]:
    """Extract, store and deduplicate, as `eventwire ingest` does, recorded as one ingest run."""
    index_of = {id(article): index for index, article in articles}
    run_id = store.begin_run("api", [f"POST /api/articles ({len(articles)} articles)"])
    done, problems = [], []
    for article, result in pipeline.run([article for _, article in articles]):
        if isinstance(result, PipelineFailure):
            problems.append({"index": index_of[id(article)], "kind": "failed", "reason": str(result.error)})
        else:
            done.append((article, result))
    store.write_batch(done, run_id)
    update_canonical(store, [article.id for article, _ in done])
    store.finish_run(
        run_id,
        "done" if not problems else "done_with_errors",
        n_read=len(articles),
        n_stored=len(done),
        n_failed=len(problems),
        n_events=sum(len(result.events) for _, result in done),
    )
    return [result for _, result in done], problems
