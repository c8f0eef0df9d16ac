"""The reader's Sources page: every followed source, what it turned out to be, and how its
polling goes (last fetch, status, the last error in words, when it is next due)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from newsdesk.web.pages import StoreDep, page

router = APIRouter(include_in_schema=False)


@router.get("/sources", response_class=HTMLResponse)
def sources(store: StoreDep) -> HTMLResponse:
    return page("sources.html", sources=store.list_sources())
