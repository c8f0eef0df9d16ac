"""The reader web app: server-rendered pages (Jinja2), one stylesheet, no script at all.

`install(app)` adds the pages, the static files and the HTML error page to the app that
app.create_app builds, so the reader and the API share one store.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsdesk.access import CanRead
from newsdesk.web import account, ai, articles, desk, entities, feeds, following, search, stories
from newsdesk.web.comments import router as comment_pages
from newsdesk.web.pages import remember_request, render_error


def install(app: FastAPI) -> None:
    static = resources.files("newsdesk.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (articles, stories, entities, search, following, feeds, ai):
        app.include_router(module.router, dependencies=[CanRead])
    app.include_router(account.router)
    app.include_router(comment_pages)  # each route says who may use it
    app.include_router(desk.router)
    app.include_router(following.admin_router)
    app.state.render_error = render_error
    app.middleware("http")(remember_request)
