"""GET /api/health: open to monitors without an account (counts only, no content)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from newsdesk import embeddings, pipeline
from newsdesk.http import StoreDep, json_response

router = APIRouter(prefix="/api")


@router.get("/health", summary="Store reachable; how many articles and vectors it holds")
def health(request: Request, store: StoreDep) -> Response:
    count, _ = store.embeddings_state(embeddings.MODEL_ID)
    data = {
        "status": "ok",
        "articles": store.count_articles(),
        "embedded": count,
        "stages_error": request.app.state.stages.last_error,
        "pending": {name: store.count_pending(name) for name in pipeline.STAGE_NAMES},
        "stage_failures": store.count_stage_failures(),
    }
    return json_response(request, data)
