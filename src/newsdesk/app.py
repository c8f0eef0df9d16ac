"""The application: the JSON API and the reader over one store, and the background thread
that moves new articles through the pipeline.

    create_app("sqlite:///news.db")  ->  /api/... (JSON, OpenAPI at /api/openapi.json) and /
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from secrets import token_urlsafe
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from newsdesk import access, api, desk, http, pipeline, web
from newsdesk.live.service import Poller
from newsdesk.search import vectors
from newsdesk.settings import Settings
from newsdesk.store import Store, open_store

log = logging.getLogger("newsdesk.app")


def create_app(
    store_url: str | None = None,
    *,
    run_stages: bool = True,
    web_pages: bool = True,
    poll_sources: bool = False,
    public_reading: bool | None = None,
) -> FastAPI:
    """The API (and, with `web_pages`, the reader) over the store at `store_url` (default: the
    settings).

    With `run_stages`, the pipeline runs after start-up and after every ingest in a background
    thread, so new articles get their entities, vectors and story without blocking a request.
    With `poll_sources`, a scheduler thread polls the followed sources as they fall due.
    """
    settings = Settings()
    if store_url:
        settings.db_url = store_url
    if public_reading is not None:
        settings.public_reading = public_reading
    opened = open_store(settings.db_url)  # migrates once; requests share its engine

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        app.state.stages.request()
        poller = Poller(opened, settings, app.state.stages.request) if poll_sources else None
        if poller:
            poller.start()
        app.state.poller = poller
        yield
        if poller:
            poller.stop()
        opened.close()

    app = FastAPI(
        title="newsdesk",
        summary="Articles, stories, entities, figures, search and ingestion of a newsdesk store.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the hosted docs page loads scripts from a CDN: not under this CSP
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = opened.engine
    app.state.stages = BackgroundStages(opened, enabled=run_stages, settings=settings)
    for router in api.READ_ROUTERS:
        app.include_router(router, dependencies=[access.CanRead], responses=http.API_ERRORS)
    for router in api.ROUTERS:
        app.include_router(router, responses=http.API_ERRORS)
    _document_errors(app)
    http.add_error_handlers(app)
    app.add_exception_handler(access.SignInRequired, _to_sign_in)
    app.middleware("http")(http.refuse_nul)
    if web_pages:
        web.install(app)
    app.middleware("http")(http.security_headers)
    # Outermost: every form is checked before anything else reads it.
    app.add_middleware(http.CsrfMiddleware, secret=opened.app_secret("csrf", token_urlsafe(32)))
    return app


def _document_errors(app: FastAPI) -> None:
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = http.document_errors(plain())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


async def _to_sign_in(request: Request, error: Exception) -> Response:
    return RedirectResponse("/signin?next=" + quote(request.url.path, safe="/"), status_code=303)


class BackgroundStages:
    """Runs the pipeline's stages in one background thread whenever asked, never two at once,
    then brings the in-memory vector index up to date (3 s at 100k articles, once)."""

    def __init__(self, store: Store, enabled: bool, settings: Settings | None = None) -> None:
        self._engine = store.engine
        self.enabled = enabled
        self.settings = settings  # with it, readers' alerts and digests follow each run
        self._wanted = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.last_error: str | None = None
        self.last_reports: list[pipeline.StageReport] = []

    def request(self) -> None:
        if not self.enabled:
            return
        self._wanted.set()
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="stages", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while self._wanted.is_set():
            self._wanted.clear()
            try:
                store = Store(self._engine)
                self.last_reports = pipeline.advance(store)
                vectors.vector_index(store)  # loaded now, not by the first search by meaning
                self._alert(store)
                self.last_error = next(
                    (f"{r.stage}: {r.unavailable}" for r in self.last_reports if r.unavailable),
                    None,
                )
            except Exception as error:  # a background stage must not take the server down
                self.last_error = f"{type(error).__name__}: {error}"
                log.warning("the stages failed: %s", self.last_error)
                return

    def _alert(self, store: Store) -> None:
        """Tell readers about what just arrived (alerts, and digests when due)."""
        if self.settings is None:
            return
        try:
            run = desk.send_due(store, self.settings)
        except Exception as error:  # a failed alert run must not stop the next stage run
            log.warning("alerts failed: %s: %s", type(error).__name__, error)
            return
        for problem in run.problems:
            log.warning("alerts: %s", problem)

    def wait(self, timeout: float = 120.0) -> None:
        """Block until the current run ends (tests, and `demo` before it serves)."""
        if self._thread is not None:
            self._thread.join(timeout)
