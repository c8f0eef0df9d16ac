"""The JSON API of the offline AI features: every sentence a source's own, with its citation.

GET /api/articles/{id}/keypoints      3-5 key sentences, each with its paragraph
GET /api/articles/{id}/why            why it matters: own section, storyline, figures changed
GET /api/stories/{id}/brief           agreed, only one source, changed since you looked
GET /api/stories/{id}/perspectives    outlets side by side, figures that disagree
GET /api/ask?q=…                      an answer in cited sentences, or "not stated"
GET /api/wrapup?date=YYYY-MM-DD       the day's top stories (a signed-in reader's follows)
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsdesk import ai
from newsdesk.access import viewer
from newsdesk.ai.ask import MAX_QUESTION_CHARS
from newsdesk.ai.model import LocalModel, ModelUnavailable, Written, write_answer, write_brief
from newsdesk.ai.shapes import (
    answer_json,
    brief_json,
    key_points_json,
    perspectives_json,
    why_json,
    wrapup_json,
)
from newsdesk.ai.wrapup import FIRST_DAY, LAST_DAY, latest_day
from newsdesk.errors import StoreError
from newsdesk.http import StoreDep, json_response

router = APIRouter(prefix="/api", tags=["ai"])
StoryId = Annotated[int, Path(ge=0, le=2_147_483_647, description="A story id.")]


_models: dict[FilePath, LocalModel] = {}
_loading = threading.Lock()


def local_model(request: Request) -> LocalModel | None:
    """The operator's model (NEWSDESK_AI_MODEL), loaded once per process; None when unset. A
    model that cannot load is a 503 that names the file, not a silent fallback."""
    path = request.app.state.settings.ai_model
    if path is None:
        return None
    with _loading:
        if path not in _models:
            try:
                _models[path] = LocalModel(path)
            except ModelUnavailable as error:
                raise StoreError(f"the AI model cannot be used: {error}") from None
        return _models[path]


def written_json(written: Written) -> dict[str, object]:
    """What the model wrote, after the grounding check; `used_model` false when too much of it
    failed and the cited sentences stand instead."""
    return {"used_model": written.used_model, "sentences": written.sentences}


def desk_of(request: Request) -> int | None:
    """The signed-in reader's own id (None for anyone else, the operator token included)."""
    user = viewer(request)
    return user.id if user is not None else None


@router.get("/articles/{article_id}/keypoints", summary="An article's key sentences, cited")
def key_points(request: Request, store: StoreDep, article_id: str) -> Response:
    stored = store.get_article(article_id)
    return json_response(request, key_points_json(stored.id, ai.key_points(stored)))


@router.get("/articles/{article_id}/why", summary="Why it matters, from stored records")
def why(request: Request, store: StoreDep, article_id: str) -> Response:
    return json_response(request, why_json(ai.why_it_matters(store, article_id)))


@router.get(
    "/stories/{story_id}/brief", summary="What a story's sources agree on, and what changed"
)
def brief(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    found = ai.story_brief(store, story_id, desk_of(request))
    data = brief_json(found)
    model = local_model(request)
    if model is not None:
        data["written"] = written_json(write_brief(model, found))
    return json_response(request, data)


@router.get("/stories/{story_id}/perspectives", summary="A story's sources side by side")
def perspectives(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    return json_response(request, perspectives_json(ai.story_perspectives(store, story_id)))


@router.get("/ask", summary="A question answered with stored sentences, each cited")
def ask(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_CHARS)],
) -> Response:
    answer = ai.ask(store, q)
    data = answer_json(answer)
    model = local_model(request)
    if model is not None:
        data["written"] = written_json(write_answer(model, answer))
    return json_response(request, data)


@router.get("/wrapup", summary="The day's top stories, one or two cited sentences each")
def wrapup(
    request: Request,
    store: StoreDep,
    day: Annotated[
        date | None,
        Query(
            alias="date",
            ge=FIRST_DAY,
            le=LAST_DAY,
            description="The UTC day; the latest day by default.",
        ),
    ] = None,
) -> Response:
    found = ai.daily_wrapup(store, day or latest_day(store), desk_of(request))
    return json_response(request, wrapup_json(found))
