"""The reader's home page (latest stories, then articles by day) and the article page with its
story, entities, figures, copies and related articles."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk import search
from newsdesk.access import ViewerDep
from newsdesk.desk import muting_for
from newsdesk.errors import NotFound
from newsdesk.store import Store
from newsdesk.web.desk import article_desk, home_news
from newsdesk.web.pages import MAX_PAGE, PAGE_SIZE, StoreDep, date_key, page, page_url
from newsdesk.web.stories import story_view

router = APIRouter(include_in_schema=False)
HOME_STORIES = 8


@router.get("/", response_class=HTMLResponse)
def home(
    store: StoreDep,
    me: ViewerDep,
    source: Annotated[str | None, Query(max_length=200)] = None,
    page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    """What is new for a signed-in reader's follows and the latest stories (first page only),
    then the latest articles grouped by day, the reader's mutes left out."""
    rows = store.list_articles(PAGE_SIZE + 1, (page_number - 1) * PAGE_SIZE, source or None)
    muting = muting_for(store, me)
    shown = muting.keep(rows[:PAGE_SIZE])
    days = [(day, list(items)) for day, items in groupby(shown, key=date_key)]
    query = {"source": source} if source else {}
    first_page = page_number == 1 and not source
    stories = muting.keep_stories(store.list_stories(HOME_STORIES)) if first_page else []
    return page(
        "home.html",
        days=days,
        source=source,
        page_number=page_number,
        previous_url=page_url("/", query, page_number - 1) if page_number > 1 else None,
        next_url=page_url("/", query, page_number + 1) if len(rows) > PAGE_SIZE else None,
        total=store.count_articles(),
        stories=[story_view(store, s) for s in stories],
        story_total=store.count_stories() if first_page else 0,
        desk=home_news(store, me, muting) if first_page else None,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(store: StoreDep, me: ViewerDep, article_id: str) -> Response:
    stored = store.get_article(article_id)
    if stored.id != article_id:  # a short id: send readers to the stable address
        return RedirectResponse(f"/articles/{stored.id}", status_code=301)
    found_on = None
    if stored.article.found_on:
        try:
            found_on = store.get_article(stored.article.found_on)
        except NotFound:
            found_on = None
    return page(
        "article.html",
        stored=stored,
        a=stored.article,
        related=search.related_articles(store, stored.id, limit=5),
        listed=store.articles_found_on(stored.id),
        found_on=found_on,
        provenance=store.provenance(stored.id),
        extras=article_extras(store, stored.id),
        desk=article_desk(store, me, stored),  # opening it marks it read
    )


def article_extras(store: Store, article_id: str) -> dict[str, Any]:
    """An article's entities, figures, story, and the group of copies it belongs to."""
    story_id = store.story_of(article_id)
    original_id, copy_rows = store.copies(article_id)
    group = store.get_articles([original_id, *(r.article_id for r in copy_rows)])
    return {
        "entities": store.article_entities(article_id),
        "figures": store.find_figures(article_id=article_id),
        "story": store.get_story(story_id) if story_id is not None else None,
        "original": group.get(original_id) if copy_rows else None,
        "copies": [(r, group[r.article_id]) for r in copy_rows if r.article_id in group],
    }
