"""The JSON API over articles: list, one, related, versions, search, publishers.

Lists page with `limit`/`offset` and give the `next` page's address; single records carry stable
ids and ETags (send If-None-Match to get 304).
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsdesk import search
from newsdesk.access import viewer
from newsdesk.desk import muting_for
from newsdesk.http import Limit, Offset, Since, StoreDep, Until, json_response, paged, utc
from newsdesk.model import Relation
from newsdesk.views import article_json, article_summary, hit_json

router = APIRouter(prefix="/api")


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
        utc(since),
        utc(until),
        Relation(relation) if relation else None,
    )
    items = [article_summary(r) for r in muting_for(store, viewer(request)).keep(rows[:limit])]
    return json_response(request, paged(request, items, limit, offset, len(rows) > limit))


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
        since=utc(since),
        until=utc(until),
        entity=entity,
        story=story,
        limit=limit,
        offset=offset,
        order=order,
    )
    items = [hit_json(h) for h in muting_for(store, viewer(request)).keep(page.hits)]
    data = paged(request, items, limit, offset, page.has_more, query=q, mode=mode, notes=page.notes)
    return json_response(request, data)


@router.get("/publishers", summary="Publishers with their article counts")
def publishers(request: Request, store: StoreDep) -> Response:
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
