"""The JSON API (FastAPI, OpenAPI at /api/openapi.json) and the app that also serves the reader.

    create_app("sqlite:///news.db")  ->  /api/... (JSON) and / (the reader web app)

Same store, same functions as the CLI. Lists page with `limit`/`offset` and give the `next` page's
address; single records carry stable ids and ETags (send If-None-Match to get 304). Every error
is JSON: {"error": {"code", "message", "parameters"?}} with a 4xx status for a bad request.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk import embeddings, pipeline, search, vectors
from newsdesk.errors import NewsdeskError, NotFound, StoreError
from newsdesk.export import article_json, timestamp_json
from newsdesk.ingest import FORMATS
from newsdesk.model import RawDocument, Relation, StoredArticle
from newsdesk.settings import Settings
from newsdesk.store import Store, open_store

log = logging.getLogger("newsdesk.api")
router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=search.MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
Since = Annotated[
    datetime | None, Query(description="Published at or after (ISO 8601; UTC if no zone).")
]
Until = Annotated[
    datetime | None, Query(description="Published before (ISO 8601; UTC if no zone).")
]


# The app -----------------------------------------------------------------------------------


def create_app(
    store_url: str | None = None, *, embed_in_background: bool = True, web: bool = True
) -> FastAPI:
    """The API (and, with `web`, the reader) over the store at `store_url` (default: settings).

    With `embed_in_background`, the embed stage runs after start-up and after every ingest, in a
    background thread, so new articles become findable by meaning without blocking a request.
    """
    settings = Settings()
    if store_url:
        settings.db_url = store_url
    opened = open_store(settings.db_url)  # migrates once; requests share its engine

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        if embed_in_background:
            app.state.embedder.request()
        yield
        opened.close()

    app = FastAPI(
        title="newsdesk",
        summary="Articles, search and ingestion of a newsdesk store.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the hosted docs page loads scripts from a CDN: not under this CSP
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = opened.engine
    app.state.embedder = BackgroundEmbedder(opened, enabled=embed_in_background)
    app.include_router(router)
    from newsdesk.api_stories import router as stories_router  # it imports this module

    app.include_router(stories_router)
    _add_error_handlers(app)
    app.middleware("http")(_refuse_nul)
    if web:
        from newsdesk.web import install

        install(app)
    else:
        _add_security_headers(app)
    return app


def get_store(request: Request) -> Iterator[Store]:
    """A Store per request over the app's engine: a Store's open transaction is not shareable."""
    yield Store(request.app.state.engine)


StoreDep = Annotated[Store, Depends(get_store)]


class BackgroundEmbedder:
    """Runs the embed stage in one background thread whenever asked, never two at once, then
    brings the in-memory vector index up to date (3 s at 100k articles, once)."""

    def __init__(self, store: Store, enabled: bool) -> None:
        self._engine = store.engine
        self.enabled = enabled
        self._wanted = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.last_error: str | None = None

    def request(self) -> None:
        if not self.enabled:
            return
        self._wanted.set()
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="embed", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while self._wanted.is_set():
            self._wanted.clear()
            try:
                store = Store(self._engine)
                embeddings.embed_pending(store)
                vectors.vector_index(store)  # loaded now, not by the first search by meaning
                self.last_error = None
            except Exception as error:  # a background stage must not take the server down
                self.last_error = f"{type(error).__name__}: {error}"
                log.warning("embed stage failed: %s", self.last_error)
                return

    def wait(self, timeout: float = 60.0) -> None:
        """Block until the current run ends (tests, and `demo` before it serves)."""
        if self._thread is not None:
            self._thread.join(timeout)


# Responses ---------------------------------------------------------------------------------


def json_response(request: Request, data: Any, status: int = 200) -> Response:
    """JSON with an ETag of its bytes; 304 when the client already holds exactly these bytes."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if status == 200 and etag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    return Response(body, status, headers=headers, media_type="application/json")


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def _page_url(request: Request, offset: int) -> str:
    params = dict(request.query_params) | {"offset": str(offset)}
    return f"{request.url.path}?{urlencode(params)}"


def _paged(
    request: Request, items: list[Any], limit: int, offset: int, has_more: bool, **extra: Any
) -> dict[str, Any]:
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": _page_url(request, offset + limit) if has_more else None,
        **extra,
    }


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def article_summary(stored: StoredArticle) -> dict[str, Any]:
    """The fields a list shows; the whole record is at `href`."""
    a = stored.article
    return {
        "id": stored.id,
        "version": stored.version,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "published": timestamp_json(a.published),
        "date_text": a.date_text,
        "language": a.language,
        "word_count": a.word_count,
        "is_teaser": a.is_teaser,
        "relation": a.relation.value,
        "href": f"/api/articles/{stored.id}",
    }


def _highlighted(value: search.Highlighted) -> dict[str, Any]:
    return {"text": value.text, "highlights": [list(r) for r in value.highlights]}


def hit_json(hit: search.SearchHit) -> dict[str, Any]:
    return {
        "article": article_summary(hit.article),
        "score": round(hit.score, 6),
        "matched_by": list(hit.matched_by),
        "title": _highlighted(hit.title),
        "snippet": _highlighted(hit.snippet),
    }


# Endpoints ---------------------------------------------------------------------------------


@router.get("/health", summary="Store reachable; how many articles and vectors it holds")
def health(request: Request, store: StoreDep) -> Response:
    count, _ = store.embeddings_state(embeddings.MODEL_ID)
    data = {
        "status": "ok",
        "articles": store.count_articles(),
        "embedded": count,
        "embed_error": request.app.state.embedder.last_error,
    }
    return json_response(request, data)


@router.get("/articles", summary="Articles, newest first")
def list_articles(
    request: Request,
    store: StoreDep,
    limit: Limit = 20,
    offset: Offset = 0,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    relation: Literal["main", "related"] | None = None,
) -> Response:
    rows = store.list_articles(
        limit + 1,
        offset,
        source,
        _utc(since),
        _utc(until),
        Relation(relation) if relation else None,
    )
    items = [article_summary(r) for r in rows[:limit]]
    return json_response(request, _paged(request, items, limit, offset, len(rows) > limit))


@router.get("/articles/{article_id}", summary="One article with its text and provenance")
def get_article(request: Request, store: StoreDep, article_id: str) -> Response:
    stored = store.get_article(article_id)
    data = article_json(store, stored) | {
        "related_href": f"/api/articles/{stored.id}/related",
        "listed_on_its_page": [article_summary(a) for a in store.articles_found_on(stored.id)],
    }
    return json_response(request, data)


@router.get("/articles/{article_id}/related", summary="Articles about the same thing")
def related(
    request: Request,
    store: StoreDep,
    article_id: str,
    limit: Annotated[int, Query(ge=1, le=50)] = 5,
) -> Response:
    hits = search.related_articles(store, article_id, limit)
    return json_response(request, {"items": [hit_json(h) for h in hits]})


@router.get("/articles/{article_id}/versions", summary="Every version of an article")
def versions(request: Request, store: StoreDep, article_id: str) -> Response:
    stored = store.get_article(article_id)
    items = [
        {"version": v, "recorded_at": at.isoformat(), "title": a.title, "word_count": a.word_count}
        for v, at, a in store.article_versions(stored.id)
    ]
    return json_response(request, {"id": stored.id, "items": items})


@router.get("/search", summary="Full-text, semantic or hybrid search with highlighted snippets")
def search_articles(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=search.MAX_QUERY_CHARS)],
    mode: Literal["fulltext", "semantic", "hybrid"] = "hybrid",
    limit: Limit = 20,
    offset: Offset = 0,
    source: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    since: Since = None,
    until: Until = None,
    entity: Annotated[
        str | None, Query(description="Entity id or name: only articles naming it.")
    ] = None,
    story: Annotated[str | None, Query(description="Story id: only its articles.")] = None,
    order: Annotated[
        Literal["relevance", "newest"],
        Query(description="relevance: best first; newest: latest published first."),
    ] = "relevance",
) -> Response:
    page = search.search(
        store,
        q,
        mode,
        source=source,
        language=language,
        since=_utc(since),
        until=_utc(until),
        entity=entity,
        story=story,
        limit=limit,
        offset=offset,
        order=order,
    )
    items = [hit_json(h) for h in page.hits]
    data = _paged(
        request, items, limit, offset, page.has_more, query=q, mode=mode, notes=page.notes
    )
    return json_response(request, data)


@router.get("/sources", summary="Publishers with their article counts")
def sources(request: Request, store: StoreDep) -> Response:
    items = [
        {
            "name": name,
            "articles": count,
            "newest_published": newest.isoformat() if newest else None,
            "href": "/api/articles?" + urlencode({"source": name}) if name else None,
        }
        for name, count, newest in store.source_counts()
    ]
    return json_response(request, {"items": items})


@router.post(
    "/ingest",
    status_code=201,
    summary="Ingest one document: a multipart upload (field `file`) or the request body itself",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
                "application/json": {"schema": {}},
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            }
        }
    },
)
async def ingest(
    request: Request,
    background: BackgroundTasks,
    format: Annotated[Literal[FORMATS] | None, Query(description="Skip detection.")] = None,  # type: ignore[valid-type]
) -> Response:
    settings: Settings = request.app.state.settings
    content, origin = await _read_upload(request, settings.max_input_bytes)
    raw = RawDocument(content=content, origin=origin, format_hint=format)
    store = Store(request.app.state.engine)
    outcomes = await run_in_threadpool(pipeline.ingest_raws, store, [raw], settings.max_input_bytes)
    outcome = outcomes[0]
    background.add_task(request.app.state.embedder.request)
    data = {
        "origin": outcome.origin,
        "status": outcome.status,
        "raw_document_id": outcome.raw_id,
        "format": outcome.format,
        "error": outcome.error,
        "articles": [
            {
                "id": s.article_id,
                "version": s.version,
                "change": s.change,
                "href": f"/api/articles/{s.article_id}",
            }
            for s in outcome.saved
        ],
    }
    if outcome.status == "failed":
        message = outcome.error or "the input could not be read"
        return JSONResponse(error_body("unreadable_input", message, result=data), status_code=422)
    return JSONResponse(data, status_code=201 if outcome.status == "parsed" else 200)


async def _read_upload(request: Request, max_bytes: int) -> tuple[bytes, str]:
    """The uploaded bytes and an origin naming them; ApiError for a missing or oversized body."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes + 1_000_000:
        raise ApiError(413, "too_large", f"the upload is over the {max_bytes} byte limit")
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(400, "missing_file", "send the document in a form field named 'file'")
        content = await upload.read()
        origin = f"upload:{upload.filename or 'file'}"
    else:
        content = await request.body()
        origin = "api:body"
    if len(content) > max_bytes:
        raise ApiError(413, "too_large", f"the upload is over the {max_bytes} byte limit")
    if not content:
        raise ApiError(400, "empty", "the document is empty")
    return content, origin


# Errors ------------------------------------------------------------------------------------


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported"}


def _error(request: Request, status: int, code: str, message: str, **extra: Any) -> Response:
    """JSON under /api; the reader's HTML error page everywhere else (when the web app is on)."""
    render = getattr(request.app.state, "render_error", None)
    if render is not None and not request.url.path.startswith("/api"):
        return render(request, status, message)
    return JSONResponse(error_body(code, message, **extra), status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [
            {
                "name": str(e["loc"][-1]) if e.get("loc") else None,
                "in": str(e["loc"][0]) if e.get("loc") else None,
                "problem": e.get("msg", "invalid"),
            }
            for e in error.errors()
        ]
        message = "; ".join(f"{p['name']}: {p['problem']}" for p in problems) or "bad request"
        return _error(request, 400, "invalid_parameter", message, parameters=problems)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return _error(request, error.status, error.code, error.message)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return _error(request, 404, "not_found", str(error))

    @app.exception_handler(StoreError)
    async def store_down(request: Request, error: StoreError) -> Response:
        return _error(request, 503, "store_unavailable", str(error))

    @app.exception_handler(NewsdeskError)
    async def refused(request: Request, error: NewsdeskError) -> Response:
        return _error(request, 400, "invalid_request", str(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(error.status_code, f"http_{error.status_code}")
        message = "no such page" if error.status_code == 404 else str(error.detail)
        response = _error(request, error.status_code, code, message)
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:  # a bug: say so, no trace
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal_error", "internal error (please report it)")


async def _refuse_nul(request: Request, call_next: Any) -> Response:
    """A NUL character in an address is never meaningful, and PostgreSQL text cannot hold one."""
    if "\x00" in request.url.path or "\x00" in "".join(request.query_params.values()):
        return _error(request, 400, "invalid_parameter", "the address contains a NUL character")
    return await call_next(request)


def _add_security_headers(app: FastAPI) -> None:
    from newsdesk.web import security_headers

    app.middleware("http")(security_headers)
