"""`create_app(store, token)`: the HTTP API, its offline OpenAPI page and the dashboard.

Read-only unless a token is given; then `POST /api/articles` accepts articles from a caller that
sends it. Static files are served from `eventwire/web/static` (built by `npm run build` in
`eventwire/web`, committed, so no Node is needed at install or run time), Swagger UI included:
nothing is loaded from a CDN.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

import eventwire
from eventwire.api import ingest, routes
from eventwire.store import queries
from eventwire.store.store import Store

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
DESCRIPTION = """Political events coded from news articles (PLOVER, with CAMEO and ACLED crosswalks), deduplicated
into canonical events, each traceable to the sentences it was coded from.

Lists page with an opaque `cursor` (the `next` of the previous page). Filters combine with AND.
Invalid parameters are answered with HTTP 422 and a message."""


class RejectDotSegments:
    """Refuse any path with a `..` segment (also percent-encoded) before routing or file lookup."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = scope.get("raw_path") or b""
            segments = scope["path"].replace("\\", "/").split("/") + raw.decode("latin-1").lower().split("/")
            if any(s in ("..", "%2e%2e", ".%2e", "%2e.") for s in segments):
                response = JSONResponse({"detail": "paths may not contain '..'"}, status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {key: value for key, value in error.items() if key in ("type", "loc", "msg", "input")} for error in exc.errors()
    ]
    message = "; ".join(f"{error['loc'][-1]}: {error['msg']}" for error in errors if error.get("loc"))
    return JSONResponse({"detail": errors, "message": message}, status_code=422)


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # What is alive once the app is up (modules, models, the app) lives as long as the process; left
    # to the cyclic garbage collector, each full collection walks it all and stalls a request ~100 ms.
    gc.freeze()
    yield


def create_app(store: Store, token: str | None = None) -> FastAPI:
    app = FastAPI(
        title="eventwire",
        version=eventwire.__version__,
        description=DESCRIPTION,
        docs_url=None,  # served below from local assets
        redoc_url=None,  # ReDoc has no bundled copy here; Swagger UI covers the same description
        lifespan=_lifespan,
    )
    # Planner statistics first: without them SQLite may sort a million rows to show fifty.
    queries.ensure_statistics(store)
    app.state.store = store
    app.state.token = token or None
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(RejectDotSegments)
    app.include_router(routes.router)
    app.include_router(ingest.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            # The default validator badge calls an online service.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/", include_in_schema=False)
    def dashboard() -> Any:
        index = STATIC / "index.html"
        if not index.exists():
            return JSONResponse(
                {"detail": "the dashboard is not built: run `npm ci && npm run build` in eventwire/web"}, 503
            )
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app
