"""The reader's search page (words, meaning or both, with filters) and its publishers page."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from newsdesk import search
from newsdesk.web.pages import MAX_PAGE, SEARCH_PAGE_SIZE, StoreDep, page, page_url

router = APIRouter(include_in_schema=False)
ENTITY_CHOICES = 60  # the most mentioned entities offered as the search form's suggestions


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
        "without_story_url": page_url("/search", form | {"story": ""}, 1),
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
    context["previous_url"] = (
        page_url("/search", form, page_number - 1) if page_number > 1 else None
    )
    context["next_url"] = page_url("/search", form, page_number + 1) if results.has_more else None
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


@router.get("/publishers", response_class=HTMLResponse)
def publishers(store: StoreDep) -> HTMLResponse:
    return page("publishers.html", sources=store.source_counts())
