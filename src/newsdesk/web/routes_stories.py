"""The reader's pages for what the later stages build: stories, storylines, entities, and the
story, entity, figure and copy panels of the home and article pages.

The home and article pages here take the place of those in routes.py (this router is included
first) and render the same templates with the stories/entities/figures context added.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import groupby
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk import search
from newsdesk.api_stories import (
    EntityType,
    entities_by_id,
    find_entity,
    find_story,
    find_storyline,
    story_figures,
)
from newsdesk.errors import NotFound
from newsdesk.model.stories import Story
from newsdesk.store import Store
from newsdesk.web import routes
from newsdesk.web.routes import MAX_PAGE, PAGE_SIZE, StoreDep, page

router = APIRouter(include_in_schema=False)
HOME_STORIES = 8
ENTITY_ARTICLES = 20
MAX_CHART_BARS = 60
ItemId = Annotated[int, Path(ge=0, le=2_147_483_647)]


def day_span(first: datetime | None, last: datetime | None) -> str:
    """ "3 Sep 2023" or "3 Sep – 5 Oct 2023" or "" when undated."""
    if first is None and last is None:
        return ""
    first, last = first or last, last or first
    assert first is not None and last is not None
    if first.date() == last.date():
        return f"{first:%-d %b %Y}"
    left = f"{first:%-d %b}" if first.year == last.year else f"{first:%-d %b %Y}"
    return f"{left} – {last:%-d %b %Y}"


def entity_href(entity_id: str) -> str:
    """The reader's address of an entity; ids keep their readable "type:slug" form."""
    return "/entities/" + quote(entity_id, safe=":")


routes.templates.filters |= {"day_span": day_span, "entity_href": entity_href}


def story_view(store: Store, story: Story) -> dict[str, Any]:
    return {"story": story, "entities": entities_by_id(store, story.main_entities)}


# Home and article: the latest stories and articles; an article with its story, entities,
# figures and copies -----------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(
    store: StoreDep,
    source: Annotated[str | None, Query(max_length=200)] = None,
    page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    """The latest stories (first page only), then the latest articles grouped by day."""
    rows = store.list_articles(PAGE_SIZE + 1, (page_number - 1) * PAGE_SIZE, source or None)
    days = [(day, list(items)) for day, items in groupby(rows[:PAGE_SIZE], key=routes._date_key)]
    query = {"source": source} if source else {}
    first_page = page_number == 1 and not source
    stories = store.list_stories(HOME_STORIES) if first_page else []
    return page(
        "home.html",
        days=days,
        source=source,
        page_number=page_number,
        previous_url=routes._url("/", query, page_number - 1) if page_number > 1 else None,
        next_url=routes._url("/", query, page_number + 1) if len(rows) > PAGE_SIZE else None,
        total=store.count_articles(),
        stories=[story_view(store, s) for s in stories],
        story_total=store.count_stories() if first_page else 0,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(store: StoreDep, article_id: str) -> Response:
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


# Stories -----------------------------------------------------------------------------------


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(store: StoreDep, story_id: ItemId) -> HTMLResponse:
    found = find_story(store, story_id)
    stored = store.get_articles(found.article_ids)
    line = store.get_storyline(found.storyline_id)
    return page(
        "story.html",
        story=found,
        articles=[stored[i] for i in found.article_ids if i in stored],
        entities=entities_by_id(store, found.main_entities),
        figures=story_figures(store, found),
        storyline=line if line and len(line.story_ids) > 1 else None,
    )


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline(store: StoreDep, storyline_id: ItemId) -> HTMLResponse:
    line = find_storyline(store, storyline_id)
    stories = [s for s in (store.get_story(i) for i in line.story_ids) if s is not None]
    stories.sort(key=lambda s: (s.first_published is None, s.first_published or 0, s.id))
    return page(
        "storyline.html",
        line=line,
        stories=[story_view(store, s) for s in stories],
        entities=entities_by_id(store, line.main_entities),
    )


# Entities ----------------------------------------------------------------------------------


@router.get("/entities", response_class=HTMLResponse)
def entities(store: StoreDep, type: EntityType | None = None) -> HTMLResponse:
    return page(
        "entities.html",
        counts=store.top_entities(100, type),
        type=type,
        types=["person", "org", "country", "place", "group"],
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(
    store: StoreDep, entity_id: Annotated[str, Path(min_length=1, max_length=200)]
) -> Response:
    found = find_entity(store, entity_id)
    if found.id != entity_id:  # a name: send readers to the stable address
        return RedirectResponse(entity_href(found.id), status_code=302)
    timeline = store.entity_timeline(found.id)
    recent = store.entity_articles(found.id, ENTITY_ARTICLES)
    stored = store.get_articles([i for i, _ in recent])
    return page(
        "entity.html",
        entity=found,
        chart=mention_chart(timeline),
        undated=sum(n for day, n, _ in timeline if day is None),
        articles_total=sum(n for _, n, _ in timeline),
        mentions_total=sum(m for _, _, m in timeline),
        co_mentioned=store.co_mentioned(found.id),
        figures=store.find_figures(entity_ids=[found.id], limit=50),
        recent=[(stored[i], m) for i, m in recent if i in stored],
    )


def mention_chart(timeline: list[tuple[date | None, int, int]]) -> dict[str, Any] | None:
    """Articles per month (per year when that is too many bars), every period in between shown.

    Returns {"bars": [(label, articles, mentions)], "peak": most articles in one period}.
    """
    dated = [(day, n, m) for day, n, m in timeline if day is not None]
    if not dated:
        return None
    first, last = dated[0][0], dated[-1][0]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    by_month = months <= MAX_CHART_BARS

    def period(day: date) -> tuple[int, int]:
        return (day.year, day.month if by_month else 1)

    totals: dict[tuple[int, int], list[int]] = {}
    for day, n, m in dated:
        totals.setdefault(period(day), [0, 0])
        totals[period(day)][0] += n
        totals[period(day)][1] += m
    bars = []
    year, month = period(first)
    while (year, month) <= period(last):
        n, m = totals.get((year, month), [0, 0])
        label = f"{date(year, month, 1):%b %Y}" if by_month else str(year)
        bars.append((label, n, m))
        year, month = (year, month + 1) if by_month and month < 12 else (year + 1, 1)
    return {
        "bars": bars,
        "peak": max(n for _, n, _ in bars),
        "unit": "month" if by_month else "year",
    }
