"""What every reader page shares: the templates, the page and error renderers, paging."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsdesk.access import viewer
from newsdesk.http import ApiError, StoreDep
from newsdesk.model import StoredArticle
from newsdesk.model.accounts import User
from newsdesk.store import Store
from newsdesk.web.render import environment

templates = environment()
PAGE_SIZE = 30
SEARCH_PAGE_SIZE = 15
MAX_PAGE = 1000


# The request a page is rendered for: the masthead shows who is signed in, and every form
# carries the CSRF token. Set by `remember_request`, so routes need not pass it down.
_request: ContextVar[Request | None] = ContextVar("newsdesk_request", default=None)


async def remember_request(request: Request, call_next: Any) -> Any:
    marker = _request.set(request)
    try:
        return await call_next(request)
    finally:
        _request.reset(marker)


def current_request() -> Request | None:
    """The request being answered (templates' helpers read the store and the reader from it)."""
    return _request.get()


def current_store() -> Store | None:
    request = _request.get()
    return Store(request.app.state.engine) if request is not None else None


def page(template: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("me", _me())
    context.setdefault("csrftoken", _csrf_token())
    html = templates.get_template(template).render(**context)
    return HTMLResponse(html, status_code=http_status)


def _me() -> User | None:
    request = _request.get()
    try:
        return viewer(request) if request is not None else None
    except ApiError:  # a revoked token: the page renders as for anyone
        return None


def _csrf_token() -> str:
    request = _request.get()
    make = request.scope.get("csrftoken") if request is not None else None
    return make() if make else ""


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 400: "That request cannot be answered", 503: "Store unavailable"}
    return page(
        "error.html",
        status,
        title=titles.get(status, "Something went wrong"),
        message=message,
    )


def date_key(stored: StoredArticle) -> tuple[date, bool]:
    """The day an article was published, or (marked undated) the day newsdesk first saw it."""
    published = stored.article.published
    return (published.utc if published else stored.first_seen_at).date(), published is not None


def page_url(path: str, query: dict[str, Any], page_number: int) -> str:
    params = {k: v for k, v in query.items() if v} | (
        {"page": page_number} if page_number > 1 else {}
    )
    return path + ("?" + urlencode(params) if params else "")


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


templates.filters |= {"day_span": day_span, "entity_href": entity_href}

__all__ = ["StoreDep", "page", "render_error", "page_url", "date_key", "templates"]
