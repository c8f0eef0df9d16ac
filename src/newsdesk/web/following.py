"""The reader's Sources page: every followed source, what it turned out to be, and how its
polling goes (last fetch, status, the last error in words, when it is next due). An admin also
gets the forms to follow a source, pause, resume or unfollow one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.access import As
from newsdesk.errors import NewsdeskError
from newsdesk.live import follow as following
from newsdesk.model.accounts import Role
from newsdesk.web.pages import StoreDep, page

router = APIRouter(include_in_schema=False)
admin_router = APIRouter(include_in_schema=False, dependencies=[As(Role.ADMIN)])


@router.get("/sources", response_class=HTMLResponse)
def sources(store: StoreDep) -> HTMLResponse:
    return page("sources.html", sources=store.list_sources(), every=following.DEFAULT_EVERY)


@admin_router.post("/sources", response_model=None)
def add_source(
    store: StoreDep,
    url: Annotated[str, Form(max_length=2000)],
    every: Annotated[str, Form(max_length=16)] = following.DEFAULT_EVERY,
) -> Response:
    try:
        source, _ = following.follow(store, url, None, every)
    except NewsdeskError as error:
        found = store.list_sources()
        return page("sources.html", 400, sources=found, every=every, error=str(error), url=url)
    return RedirectResponse(f"/sources#source-{source.id}", status_code=303)


@admin_router.post("/sources/{source_id}/{action}")
def change_source(store: StoreDep, source_id: int, action: str) -> RedirectResponse:
    source = store.get_source(source_id)
    if action == "remove":
        store.remove_source(source_id)
        return RedirectResponse("/sources", status_code=303)
    if action not in ("pause", "resume"):
        raise NewsdeskError(f"no action {action!r}: pause, resume or remove")
    source.paused = action == "pause"
    store.save_source(source)
    return RedirectResponse(f"/sources#source-{source_id}", status_code=303)
