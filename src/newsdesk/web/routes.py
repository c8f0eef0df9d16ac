"""The reader's pages: latest articles, an article, search, sources. Thin: the store and search
do the work; templates only lay it out.

Stories, entities and figures get their pages once the stages that build them are in the store;
the article page and the search filters have their places ready (see the templates).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsdesk import search
from newsdesk.api import get_store
from newsdesk.model import StoredArticle
from newsdesk.store import Store
from newsdesk.web.render import environment

router = APIRouter(include_in_schema=False)
templates = environment()
StoreDep = Annotated[Store, Depends(get_store)]
PAGE_SIZE = 30
SEARCH_PAGE_SIZE = 15
MAX_PAGE = 1000
ENTITY_CHOICES = 60  # the most mentioned entities offered as the search form's suggestions


def page(template: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    html = templates.get_template(template).render(**context)
    return HTMLResponse(html, status_code=http_status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 400: "That request cannot be answered", 503: "Store unavailable"}
    return page(
        "error.html",
        status,
        title=titles.get(status, "Something went wrong"),
        message=message,
    )


def _date_key(stored: StoredArticle) -> tuple[date, bool]:
    """The day an article was published, or (marked undated) the day newsdesk first saw it."""
    published = stored.article.published
    return (published.utc if published else stored.first_seen_at).date(), published is not None


def _url(path: str, query: dict[str, Any], page_number: int) -> str:
    params = {k: v for k, v in query.items() if v} | (
        {"page": page_number} if page_number > 1 else {}
    )
    return path + ("?" + urlencode(params) if params else "")


@router.get("/search", response_class=HTMLResponse)
def search_page(
    store: StoreDep,
    q: Annotated[str, Query(max_length=search.MAX_QUERY_CHARS)] = "",
    mode: Annotated[str, Query(max_length=16)] = "hybrid",
    source: Annotated[str, Query(max_length=200)] = "",
    language: Annotated[str, Query(max_length=16)] = "",
    since: Annotated[str, Query(max_length=32)] = "",
    until: Annotated[str, Query(max_length=32)] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
    story: Annotated[str, Query(max_length=20)] = "",
    order: Annotated[str, Query(max_length=16)] = "",
    page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    form = {"q": q, "mode": mode, "source": source, "language": language}
    form |= {"since": since, "until": until, "entity": entity, "story": story, "order": order}
    found_story = store.get_story(int(story)) if story.isdigit() else None
    found_entity = store.get_entity(entity.strip()) if entity.strip() else None
    context: dict[str, Any] = {
        "form": form,
        "modes": search.MODES,
        "sources": [name for name, _, _ in store.source_counts() if name],
        "languages": [name for name, _ in store.language_counts()],
        "entity_names": [count.entity.name for count in store.top_entities(ENTITY_CHOICES)],
        "story": found_story,
        "entity_name": found_entity.name if found_entity else entity,  # an id reads as its name
        "without_story_url": _url("/search", form | {"story": ""}, 1),
        "results": None,
        "error": None,
    }
    if not q.strip():
        return page("search.html", **context)
    try:
        results = search.search(
            store,
            q,
            mode,
            source=source or None,
            language=language or None,
            since=_day(since, "since"),
            until=_day(until, "until", end=True),
            entity=entity.strip() or None,
            story=story.strip() or None,
            order=order or "relevance",
            limit=SEARCH_PAGE_SIZE,
            offset=(page_number - 1) * SEARCH_PAGE_SIZE,
        )
    except search.SearchError as error:
        return page("search.html", 400, **(context | {"error": str(error)}))
    context["results"] = results
    context["previous_url"] = _url("/search", form, page_number - 1) if page_number > 1 else None
    context["next_url"] = _url("/search", form, page_number + 1) if results.has_more else None
    context["page_number"] = page_number
    return page("search.html", **context)


def _day(value: str, name: str, end: bool = False) -> datetime | None:
    """A date field of the form (YYYY-MM-DD) as UTC midnight; `end` takes the day after."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise search.SearchError(f"'{name}' must be a date like 2025-04-16") from None
    moment = datetime.combine(day, time(), tzinfo=UTC)
    return moment + timedelta(days=1) if end else moment


@router.get("/sources", response_class=HTMLResponse)
def sources(store: StoreDep) -> HTMLResponse:
    return page("sources.html", sources=store.source_counts())
