"""The JSON API for what the later stages build: stories, storylines, entities and figures.

    GET /api/stories, /api/stories/{id}, /api/storylines, /api/storylines/{id},
        /api/entities, /api/entities/{id}, /api/figures

Same conventions as api.py: lists page with `limit`/`offset` and give the `next` address, every
response carries an ETag, and a bad id or parameter gets a 4xx JSON error, never a 500.
The `*_json` builders are shared with the reader's pages (web/routes_stories.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsdesk import search
from newsdesk.api import Limit, Offset, StoreDep, _paged, article_summary, json_response
from newsdesk.errors import NotFound
from newsdesk.model.enrichment import Entity
from newsdesk.model.stories import Story, Storyline
from newsdesk.store import Store
from newsdesk.store.enrichment import FigureRow

router = APIRouter(prefix="/api")

EntityType = Literal["person", "org", "country", "place", "group"]
StoryId = Annotated[int, Path(ge=0, le=2_147_483_647, description="A story id.")]
StorylineId = Annotated[int, Path(ge=0, le=2_147_483_647, description="A storyline id.")]
EntityId = Annotated[str, Path(min_length=1, max_length=200, description="An entity id.")]
MAX_STORY_FIGURES = 200


# Finding records (NotFound becomes a 404 JSON error) ---------------------------------------


def find_story(store: Store, story_id: int) -> Story:
    story = store.get_story(story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id}")
    return story


def find_storyline(store: Store, storyline_id: int) -> Storyline:
    line = store.get_storyline(storyline_id)
    if line is None:
        raise NotFound(f"no storyline with id {storyline_id}")
    return line


def find_entity(store: Store, id_or_name: str) -> Entity:
    """The entity with this id, else the one entity with this name or alias."""
    entity = store.get_entity(id_or_name)
    if entity is not None:
        return entity
    named = store.find_entities(id_or_name)
    if not named:
        raise NotFound(f"no entity with id or name '{id_or_name}'")
    return named[0]  # known entities sort first


def entities_by_id(store: Store, ids: list[str]) -> list[Entity]:
    """The entities of these ids, in order, skipping any the store no longer has."""
    found = (store.get_entity(i) for i in ids)
    return [e for e in found if e is not None]


# JSON builders -----------------------------------------------------------------------------


def _day(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "known": entity.known,
        "href": f"/api/entities/{entity.id}",
    }


def figure_json(row: FigureRow) -> dict[str, Any]:
    f = row.figure
    return {
        "text": f.text,
        "number": f.number,
        "value": f.value,
        "kind": f.kind,
        "scale": f.scale,
        "unit": f.unit,
        "item": f.item,
        "qualifier": f.qualifier,
        "qualifier_text": f.qualifier_text,
        "is_change": f.is_change,
        "direction": f.direction,
        "low": f.low,
        "high": f.high,
        "subject_entity_id": f.subject_entity_id,
        "sentence": f.sentence,
        "date": _day(f.date),
        "article": {
            "id": row.article_id,
            "title": row.title,
            "source": row.source,
            "published": _day(row.published_at),
            "href": f"/api/articles/{row.article_id}",
        },
    }


def story_summary(store: Store, story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "articles": len(story.article_ids),
        "first_published": _day(story.first_published),
        "last_published": _day(story.last_published),
        "sources": list(story.sources),
        "main_entities": [
            {"id": e.id, "name": e.name, "type": e.type}
            for e in entities_by_id(store, story.main_entities)
        ],
        "storyline_id": story.storyline_id,
        "is_open": story.is_open,
        "href": f"/api/stories/{story.id}",
    }


def story_figures(store: Store, story: Story) -> list[FigureRow]:
    rows: list[FigureRow] = []
    for article_id in story.article_ids:
        rows += store.find_figures(article_id=article_id, limit=MAX_STORY_FIGURES)
    return rows[:MAX_STORY_FIGURES]


def story_detail(store: Store, story: Story) -> dict[str, Any]:
    stored = store.get_articles(story.article_ids)
    articles = [article_summary(stored[i]) for i in story.article_ids if i in stored]
    return story_summary(store, story) | {
        "article_list": articles,
        "figures": [figure_json(r) for r in story_figures(store, story)],
        "storyline_href": f"/api/storylines/{story.storyline_id}",
    }


def storyline_json(store: Store, line: Storyline) -> dict[str, Any]:
    stories = [s for s in (store.get_story(i) for i in line.story_ids) if s is not None]
    stories.sort(key=lambda s: (s.first_published is None, s.first_published or 0, s.id))
    return {
        "id": line.id,
        "title": line.title,
        "main_entities": [entity_json(e) for e in entities_by_id(store, line.main_entities)],
        "stories": [story_summary(store, s) for s in stories],
        "href": f"/api/storylines/{line.id}",
    }


# Endpoints ---------------------------------------------------------------------------------


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
    data = _paged(request, items, limit, offset, len(rows) > limit, total=store.count_stories())
    return json_response(request, data)


@router.get("/stories/{story_id}", summary="One story: its articles in time order, figures")
def get_story(request: Request, store: StoreDep, story_id: StoryId) -> Response:
    return json_response(request, story_detail(store, find_story(store, story_id)))


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
    data = entity_json(entity) | {
        "timeline": [
            {"date": _day(day), "articles": n, "mentions": m}
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


@router.get("/figures", summary="Reported figures, newest article first")
def list_figures(
    request: Request,
    store: StoreDep,
    about: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    entity: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    article: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    entity_ids = [find_entity(store, entity).id] if entity else None
    article_id = store.get_article(article).id if article else None
    rows = store.find_figures(about, entity_ids, article_id, limit=offset + limit + 1)
    items = [figure_json(r) for r in rows[offset : offset + limit]]
    data = _paged(request, items, limit, offset, len(rows) > offset + limit)
    return json_response(request, data)
