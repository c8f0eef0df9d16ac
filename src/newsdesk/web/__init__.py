"""The reader web app: server-rendered pages (Jinja2), one stylesheet, no script at all.

`install(app)` adds the pages, the static files and the HTML error page to the app that
app.create_app builds, so the reader and the API share one store.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsdesk.web import articles, entities, feeds, following, search, stories
from newsdesk.web.pages import render_error


def install(app: FastAPI) -> None:
    static = resources.files("newsdesk.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (articles, stories, entities, search, following, feeds):
        app.include_router(module.router)
    app.state.render_error = render_error
