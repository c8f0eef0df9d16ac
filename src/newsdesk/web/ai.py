"""The reader's AI pages and blocks: every sentence a source's own, its citation one click away.

    /ask?q=…                the question box and its cited answer (or "not stated")
    /wrapup?date=…          the day's top stories (a signed-in reader's follows)
    /feeds/wrapup.xml       the wrap-ups of the last days as an Atom feed

and the blocks other pages include: `_ai_article.html` (key points, why it matters) on the
article page and `_ai_story.html` (brief, perspectives) on the story page. Those read the store
themselves through the `ai_article` and `ai_story` template globals, so the article and story
routes need not know about them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import pass_context
from jinja2.runtime import Context

from newsdesk import ai
from newsdesk.access import viewer
from newsdesk.ai.ask import MAX_QUESTION_CHARS
from newsdesk.ai.wrapup import FIRST_DAY, LAST_DAY, latest_day
from newsdesk.model import StoredArticle
from newsdesk.model.accounts import User
from newsdesk.model.stories import Story
from newsdesk.search import SearchError
from newsdesk.store import Store
from newsdesk.web.pages import StoreDep, current_store, page, templates

router = APIRouter(include_in_schema=False)
FEED_DAYS = 7


def _store() -> Store | None:
    return current_store()


def _desk_id(me: User | None) -> int | None:
    return me.id if me is not None else None


def ai_article(stored: StoredArticle) -> dict[str, Any]:
    """What `_ai_article.html` shows: key points, and why it matters."""
    store = _store()
    return {
        "points": ai.key_points(stored),
        "why": ai.why_it_matters(store, stored.id) if store is not None else None,
    }


@pass_context
def ai_story(context: Context, story: Story) -> dict[str, Any]:
    """What `_ai_story.html` shows: the brief (changed since the reader looked) and the
    perspectives."""
    store = _store()
    if store is None:
        return {"brief": None, "perspectives": None}
    me = context.get("me")
    return {
        "brief": ai.story_brief(store, story.id, _desk_id(me)),
        "perspectives": ai.story_perspectives(store, story.id),
    }


templates.globals["ai_article"] = ai_article
templates.globals["ai_story"] = ai_story


@router.get("/ask", response_class=HTMLResponse)
def ask_page(
    store: StoreDep,
    q: Annotated[str, Query(max_length=MAX_QUESTION_CHARS)] = "",
) -> HTMLResponse:
    question = q.strip()
    answer, problem = None, None
    if question:
        try:
            answer = ai.ask(store, question)
        except SearchError as error:
            problem = str(error)
    return page("ask.html", q=question, answer=answer, problem=problem, not_stated=ai.NOT_STATED)


@router.get("/wrapup", response_class=HTMLResponse)
def wrapup_page(
    request: Request,
    store: StoreDep,
    day: Annotated[date | None, Query(alias="date", ge=FIRST_DAY, le=LAST_DAY)] = None,
) -> HTMLResponse:
    chosen = day or latest_day(store)
    found = ai.daily_wrapup(store, chosen, _desk_id(viewer(request)))
    return page(
        "wrapup.html",
        wrapup=found,
        previous_day=(chosen - timedelta(days=1)).isoformat(),
        next_day=(chosen + timedelta(days=1)).isoformat(),
    )


@router.get("/feeds/wrapup.xml")
def wrapup_feed(request: Request, store: StoreDep) -> Response:
    """The last FEED_DAYS wrap-ups up to the newest day with news (of the beat: a feed reader
    is no signed-in reader)."""
    newest = latest_day(store)
    days = [newest - timedelta(days=n) for n in range(FEED_DAYS)]
    wrapups = [w for w in (ai.daily_wrapup(store, d) for d in days) if w.stories]
    base = str(request.base_url).rstrip("/")
    body = ai.wrapup_feed(wrapups, str(request.url), f"{base}/wrapup", base)
    headers = {"Cache-Control": "no-cache"}
    return Response(body, headers=headers, media_type="application/atom+xml; charset=utf-8")
