"""The JSON API for what the later stages build: stories, storylines, entities and figures.

    GET /api/stories, /api/stories/{id}, /api/storylines, /api/storylines/{id},
        /api/entities, /api/entities/{id}, /api/figures, /api/ledger/{entity}/{measure}

Same conventions as the article endpoints: lists page with `limit`/`offset` and give the `next`
address, every response carries an ETag, and a bad id or parameter gets a 4xx JSON error.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsdesk import search
from newsdesk.access import viewer
from newsdesk.desk import muting_for
from newsdesk.http import Limit, Offset, StoreDep, json_response, paged
from newsdesk.views import (
    article_summary,
    day_json,
    entity_json,
    figure_json,
    figure_ledger,
    find_entity,
    find_story,
    find_storyline,
    ledger_json,
    story_detail,
    story_summary,
    storyline_json,
)

router = APIRouter(prefix="/api")

EntityType = Literal["person", "org", "country", "place", "group"]
StoryId = Annotated[int, Path(ge=0, le=2_147_483_647, description="A story id.")]
StorylineId = Annotated[int, Path(ge=0, le=2_147_483_647, description="A storyline id.")]
EntityId = Annotated[str, Path(min_length=1, max_length=200, description="An entity id.")]
Measure = Annotated[
    str,
    Path(
        pattern=r"^[a-z_]{1,32}$",
        description="What the figures count: deployed, killed, wounded, shells, money...",
    ),
]


@router.get("/stories", summary="Stories, latest activity first")
def list_stories(
    request: Request,
    store: StoreDep,
    limit: Limit = 20,
    offset: Offset = 0,
    storyline: Annotated[int | None, Query(ge=0, le=2_147_483_647)] = None,
) -> Response:
    rows = store.list_stories(limit + 1, offset, storyline)
    items = [story_summary(store, s) for s in rows[:limit]]
    data = paged(request, items, limit, offset, len(rows) > limit, total=store.count_stories())
    return json_response(request, data)


@router.get("/stories/{story_id}", summary="One story: its articles in time order, figures")
def get_story(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    data = story_detail(store, find_story(store, story_id))
    muting = muting_for(store, viewer(request))
    if muting.rules:  # a signed-in reader's mutes: their articles leave the list
        shown = {
            s.id
            for s in muting.keep(
                list(store.get_articles([a["id"] for a in data["article_list"]]).values())
            )
        }
        data["article_list"] = [a for a in data["article_list"] if a["id"] in shown]
    return json_response(request, data)


@router.get("/storylines", summary="Storylines, most stories first")
def list_storylines(
    request: Request,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=search.MAX_LIMIT)] = 30,
) -> Response:
    items = [
        {
            "id": line.id,
            "title": line.title,
            "stories": len(line.story_ids),
            "href": f"/api/storylines/{line.id}",
        }
        for line in store.list_storylines(limit)
    ]
    return json_response(request, {"items": items})


@router.get("/storylines/{storyline_id}", summary="One storyline with its stories in time order")
def get_storyline(request: Request, store: StoreDep, storyline_id: StorylineId) -> Response:
    return json_response(request, storyline_json(store, find_storyline(store, storyline_id)))


@router.get("/entities", summary="The most mentioned entities")
def list_entities(
    request: Request,
    store: StoreDep,
    limit: Limit = 30,
    type: EntityType | None = None,
) -> Response:
    items = [
        entity_json(c.entity)
        | {"articles": c.articles, "mentions": c.mentions, "variants": c.variants}
        for c in store.top_entities(limit, type)
    ]
    return json_response(request, {"items": items, "type": type})


@router.get("/entities/{entity_id}", summary="One entity: mentions over time, co-mentions")
def get_entity(
    request: Request,
    store: StoreDep,
    entity_id: EntityId,
    limit: Annotated[int, Query(ge=1, le=search.MAX_LIMIT, description="Recent articles.")] = 20,
) -> Response:
    entity = find_entity(store, entity_id)
    recent = store.entity_articles(entity.id, limit)
    stored = store.get_articles([i for i, _ in recent])
    shown = {s.id for s in muting_for(store, viewer(request)).keep(list(stored.values()))}
    stored = {i: s for i, s in stored.items() if i in shown}
    data = entity_json(entity) | {
        "timeline": [
            {"date": day_json(day), "articles": n, "mentions": m}
            for day, n, m in store.entity_timeline(entity.id)
        ],
        "co_mentioned": [
            {"entity": entity_json(e), "shared_articles": n}
            for e, n in store.co_mentioned(entity.id)
        ],
        "recent_articles": [
            article_summary(stored[i]) | {"mentions": m} for i, m in recent if i in stored
        ],
        "figures_href": f"/api/figures?entity={entity.id}",
    }
    return json_response(request, data)


@router.get(
    "/ledger/{entity_id}/{measure}",
    summary="One measure of one subject over time: each number, who claims it, disagreements",
)
def figure_ledger_json(
    request: Request, store: StoreDep, entity_id: EntityId, measure: Measure
) -> Response:
    subject = find_entity(store, entity_id)
    return json_response(request, ledger_json(figure_ledger(store, subject, measure), subject))


@router.get("/figures", summary="Reported figures, newest article first")
def list_figures(
    request: Request,
    store: StoreDep,
    about: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    entity: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    article: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    measure: Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    entity_ids = [find_entity(store, entity).id] if entity else None
    article_id = store.get_article(article).id if article else None
    rows = store.find_figures(
        about, entity_ids, article_id, limit=offset + limit + 1, measure=measure
    )
    items = [figure_json(r) for r in rows[offset : offset + limit]]
    data = paged(request, items, limit, offset, len(rows) > offset + limit)
    return json_response(request, data)
