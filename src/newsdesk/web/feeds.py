"""Feeds out, with no sign-in: what newsdesk found, for any feed reader to follow.

    /feeds/search.xml?q=...        /feeds/search.json?q=...       articles matching the words
    /feeds/entities/{id}.xml       /feeds/entities/{id}.json      articles naming an entity
    /feeds/stories/{id}.xml        /feeds/stories/{id}.json       the articles of one story

`.xml` is Atom 1.0, `.json` is JSON Feed 1.1; newest first, `limit` items (50, at most 200).
The documents are built by newsdesk.live.syndication; this module finds the records.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsdesk import search
from newsdesk.access import viewer
from newsdesk.desk import muting_for
from newsdesk.http import ApiError, StoreDep
from newsdesk.live.syndication import FeedInfo, atom_feed, feed_urn, json_feed, newest_first
from newsdesk.model import StoredArticle
from newsdesk.store import Store
from newsdesk.views import find_entity, find_story
from newsdesk.web.pages import entity_href

router = APIRouter(include_in_schema=False)
DEFAULT_ITEMS = 50
MAX_ITEMS = 200
Format = Literal["xml", "json"]
Limit = Annotated[int, Query(ge=1, le=MAX_ITEMS, description="Items in the feed.")]
MEDIA_TYPES = {"xml": "application/atom+xml", "json": "application/feed+json"}


@router.get("/feeds/search.{fmt}")
def search_feed(
    request: Request,
    store: StoreDep,
    fmt: Format,
    q: Annotated[str, Query(max_length=search.MAX_QUERY_CHARS)] = "",
    source: Annotated[str, Query(max_length=200)] = "",
    language: Annotated[str, Query(max_length=16)] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
    story: Annotated[str, Query(max_length=20)] = "",
    limit: Limit = DEFAULT_ITEMS,
) -> Response:
    """Articles with the words of `q` (full-text search, as the reader's "exact words")."""
    q = q.strip()
    if not q:
        raise ApiError(400, "missing_query", "a search feed needs words to look for: add ?q=…")
    given = {"source": source, "language": language, "entity": entity, "story": story}
    filters = {k: v.strip() for k, v in given.items() if v.strip()}
    found = _search(store, q, filters, limit)
    page = {"q": q, "mode": "fulltext", "order": "newest"} | filters  # the same, in the reader
    info = FeedInfo(
        title=f"newsdesk: search “{q}”",
        feed_id=feed_urn("search", urlencode(sorted(page.items()))),
        home_url=_absolute(request, "/search?" + urlencode(page)),
        base_url=_absolute(request, "/"),
        description=f"The newest articles newsdesk holds with the words “{q}”.",
    )
    return _feed(request, fmt, info, found, limit)


@router.get("/feeds/entities/{entity_id}.{fmt}")
def entity_feed(
    request: Request,
    store: StoreDep,
    entity_id: Annotated[str, Path(min_length=1, max_length=200)],
    fmt: Format,
    limit: Limit = DEFAULT_ITEMS,
) -> Response:
    """Articles naming the entity (its id, or its name), latest first."""
    entity = find_entity(store, entity_id)
    ids = [article_id for article_id, _ in store.entity_articles(entity.id, limit)]
    info = FeedInfo(
        title=f"newsdesk: {entity.name}",
        feed_id=feed_urn("entity", entity.id),
        home_url=_absolute(request, entity_href(entity.id)),
        base_url=_absolute(request, "/"),
        description=f"The newest articles newsdesk holds that name {entity.name} ({entity.type}).",
    )
    return _feed(request, fmt, info, _articles(store, ids), limit)


@router.get("/feeds/stories/{story_id}.{fmt}")
def story_feed(
    request: Request,
    store: StoreDep,
    story_id: Annotated[int, Path(ge=0, le=2_147_483_647)],
    fmt: Format,
    limit: Limit = DEFAULT_ITEMS,
) -> Response:
    """The articles of one story, latest first."""
    story = find_story(store, story_id)
    info = FeedInfo(
        title=f"newsdesk: {story.title}",
        feed_id=feed_urn("story", str(story.id)),
        home_url=_absolute(request, f"/stories/{story.id}"),
        base_url=_absolute(request, "/"),
        description=f"The articles of the story “{story.title}”, as newsdesk gathers them.",
    )
    return _feed(request, fmt, info, _articles(store, story.article_ids), limit)


def _search(store: Store, q: str, filters: dict[str, str], limit: int) -> list[StoredArticle]:
    """Up to `limit` matching articles, latest published first (search pages hold at most
    search.MAX_LIMIT, so a longer feed takes two)."""
    found: list[StoredArticle] = []
    while len(found) < limit:
        size = min(search.MAX_LIMIT, limit - len(found))
        page = search.search(
            store, q, "fulltext", order="newest", limit=size, offset=len(found), **filters
        )
        found += [hit.article for hit in page.hits]
        if not page.has_more or not page.hits:
            break
    return found


def _articles(store: Store, ids: list[str]) -> list[StoredArticle]:
    stored = store.get_articles(ids)
    return [stored[i] for i in ids if i in stored]


def _feed(
    request: Request, fmt: Format, info: FeedInfo, articles: list[StoredArticle], limit: int
) -> Response:
    muting = muting_for(Store(request.app.state.engine), viewer(request))  # a reader's token
    items = newest_first(muting.keep(articles))[:limit]
    self_url = str(request.url)
    if fmt == "xml":
        body = atom_feed(info, self_url, items)
    else:
        body = json.dumps(json_feed(info, self_url, items), ensure_ascii=False).encode()
    return _send(request, body, MEDIA_TYPES[fmt])


def _send(request: Request, body: bytes, media_type: str) -> Response:
    """The feed with an ETag of its bytes, and 304 when a reader already holds them: feed
    readers poll, and most send If-None-Match."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    asked = request.headers.get("if-none-match", "").split(",")
    held = {tag.strip().removeprefix("W/") for tag in asked}
    if etag in held:
        return Response(status_code=304, headers=headers)
    return Response(body, headers=headers, media_type=f"{media_type}; charset=utf-8")


def _absolute(request: Request, path: str) -> str:
    return str(request.base_url).rstrip("/") + path
