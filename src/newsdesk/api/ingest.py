"""POST /api/ingest: one document in, through every stage of the pipeline."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from newsdesk import pipeline
from newsdesk.access import As
from newsdesk.http import ApiError, ErrorBody, error_body
from newsdesk.ingest import FORMATS
from newsdesk.model import RawDocument
from newsdesk.model.accounts import Role
from newsdesk.settings import Settings
from newsdesk.store import Store

router = APIRouter(prefix="/api")


@router.post(
    "/ingest",
    status_code=201,
    dependencies=[As(Role.EDITOR)],
    summary="Ingest one document: a multipart upload (field `file`) or the request body itself",
    responses={
        413: {"model": ErrorBody, "description": "The document is over the size limit"},
        422: {"model": ErrorBody, "description": "Stored, but no article could be read from it"},
    },
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
    wait: Annotated[
        bool,
        Query(
            description="Answer after every stage ran (entities, vectors, story), not as soon "
            "as the document is stored; the stages run in the background either way."
        ),
    ] = False,
) -> Response:
    settings: Settings = request.app.state.settings
    content, origin = await _read_upload(request, settings.max_input_bytes)
    raw = RawDocument(content=content, origin=origin, format_hint=format)
    store = Store(request.app.state.engine)
    outcomes = await run_in_threadpool(pipeline.ingest_raws, store, [raw], settings.max_input_bytes)
    outcome = outcomes[0]
    # Searchable by its words at once (the index stage is fast); the slower stages may wait.
    await run_in_threadpool(pipeline.run_stage, store, pipeline.INDEX)
    if wait:
        reports = await run_in_threadpool(pipeline.advance, store)
        stage_failures = [f.error for r in reports for f in r.failed]
    else:
        background.add_task(request.app.state.stages.request)
        stage_failures = []
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
                "story_id": store.story_of(s.article_id) if wait else None,
            }
            for s in outcome.saved
        ],
        "stages": "done" if wait else "queued",
        "stage_errors": stage_failures,
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
