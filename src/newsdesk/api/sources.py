"""The JSON API for followed sources.

GET /api/sources, /api/sources/{id}          (reading: open like the rest of the API)
POST /api/sources, /api/sources/import       (writes: need the API token)
PATCH /api/sources/{id}  {"paused", "name", "every"}
DELETE /api/sources/{id}
GET /api/sources/export                      (OPML 2.0)
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsdesk.access import As, CanRead
from newsdesk.http import StoreDep, json_response
from newsdesk.live import follow as following
from newsdesk.model.accounts import Role
from newsdesk.views import source_json

router = APIRouter(prefix="/api")

SourceId = Annotated[int, Path(ge=1, le=2_147_483_647, description="A source id.")]
MAX_OPML_BYTES = 5 * 1024 * 1024


class NewSource(BaseModel):
    url: str = Field(max_length=2000, description="A feed, a WordPress site, a sitemap or a page.")
    name: str | None = Field(None, max_length=200)
    every: str = Field(following.DEFAULT_EVERY, max_length=16, description="15m, 2h, 1d…")


class SourceChange(BaseModel):
    paused: bool | None = None
    name: str | None = Field(None, max_length=200)
    every: str | None = Field(None, max_length=16)


@router.get(
    "/sources", dependencies=[CanRead], summary="Followed sources and how their polling goes"
)
def list_sources(request: Request, store: StoreDep) -> Response:
    return json_response(request, {"sources": [source_json(s) for s in store.list_sources()]})


@router.get("/sources/export", dependencies=[CanRead], summary="Followed sources as OPML 2.0")
def export_sources(store: StoreDep) -> Response:
    return Response(following.export_opml(store), media_type="text/x-opml; charset=utf-8")


@router.get("/sources/{source_id}", dependencies=[CanRead], summary="One source")
def get_source(request: Request, source_id: SourceId, store: StoreDep) -> Response:
    return json_response(request, source_json(store.get_source(source_id)))


@router.post("/sources", status_code=201, dependencies=[As(Role.ADMIN)], summary="Follow a source")
def add_source(request: Request, body: NewSource, store: StoreDep) -> Response:
    source, created = following.follow(store, body.url, body.name, body.every)
    return json_response(
        request, source_json(source) | {"created": created}, 201 if created else 200
    )


@router.patch(
    "/sources/{source_id}", dependencies=[As(Role.ADMIN)], summary="Pause, resume, rename"
)
def change_source(
    request: Request, source_id: SourceId, body: SourceChange, store: StoreDep
) -> Response:
    source = store.get_source(source_id)
    if body.paused is not None:
        source.paused = body.paused
    if body.name is not None:
        source.name = body.name or None
    if body.every is not None:
        source.every_seconds = following.parse_interval(body.every)
    store.save_source(source)
    return json_response(request, source_json(source))


@router.delete(
    "/sources/{source_id}", status_code=204, dependencies=[As(Role.ADMIN)], summary="Unfollow"
)
def remove_source(source_id: SourceId, store: StoreDep) -> Response:
    store.remove_source(source_id)
    return Response(status_code=204)


@router.post(
    "/sources/import",
    dependencies=[As(Role.ADMIN)],
    summary="Follow every feed of an OPML file (the request body; nothing is fetched)",
    openapi_extra={"requestBody": {"content": {"text/x-opml": {"schema": {"type": "string"}}}}},
)
async def import_sources(request: Request, store: StoreDep) -> Response:
    data = await request.body()
    if len(data) > MAX_OPML_BYTES:
        return json_response(
            request, {"error": {"code": "too_large", "message": "OPML over 5 MB"}}, 413
        )
    report = await run_in_threadpool(following.import_opml, store, data, "upload")
    return json_response(
        request,
        {
            "added": [source_json(s) for s in report.added],
            "already": [source_json(s) for s in report.already],
            "skipped": [{"what": what, "reason": why} for what, why in report.skipped],
        },
    )
