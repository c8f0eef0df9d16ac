"""The reader's entity pages: the most mentioned entities, and one entity over time."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.views import figure_ledger, find_entity
from newsdesk.web.pages import StoreDep, entity_href, page

router = APIRouter(include_in_schema=False)
ENTITY_ARTICLES = 20
MAX_CHART_BARS = 60
EntityType = Literal["person", "org", "country", "place", "group"]


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
        measures=store.figure_measures(found.id),
        recent=[(stored[i], m) for i, m in recent if i in stored],
    )


@router.get("/entities/{entity_id}/ledger/{measure}", response_class=HTMLResponse)
def ledger(
    store: StoreDep,
    entity_id: Annotated[str, Path(min_length=1, max_length=200)],
    measure: Annotated[str, Path(pattern=r"^[a-z_]{1,32}$")],
) -> Response:
    subject = find_entity(store, entity_id)
    if subject.id != entity_id:
        return RedirectResponse(f"{entity_href(subject.id)}/ledger/{measure}", status_code=302)
    found = figure_ledger(store, subject, measure)
    peak = max((p.high for p in found.points), default=0.0)
    return page("ledger.html", entity=subject, ledger=found, peak=peak)


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
