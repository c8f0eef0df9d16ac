"""The reader web app: server-rendered pages (Jinja2), one stylesheet, no script at all.

`install(app)` adds the pages, the static files, the HTML error page and the security headers
to the FastAPI app that api.create_app builds, so the reader and the API share one store.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

# No script runs on these pages, so none is allowed: text from a source can never become code.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


async def security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def install(app: FastAPI) -> None:
    from newsdesk.web import routes

    static = resources.files("newsdesk.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    from newsdesk.web import routes_stories  # first: its home and article pages add panels

    app.include_router(routes_stories.router)
    app.include_router(routes.router)
    app.state.render_error = routes.render_error
    app.middleware("http")(security_headers)
