"""What the JSON API and the reader share over HTTP: the store per request, JSON responses with
ETags, paging, parameter types, one error shape, and the security headers.

Every error is JSON under /api: {"error": {"code", "message", "parameters"?}} with a 4xx status
for a bad request; elsewhere the reader's HTML error page (when the reader is installed, it sets
`app.state.render_error`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from asgi_csrf import asgi_csrf
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.errors import NewsdeskError, NotFound, StoreError
from newsdesk.search import MAX_LIMIT
from newsdesk.store import Store

log = logging.getLogger("newsdesk.http")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
Since = Annotated[
    datetime | None, Query(description="Published at or after (ISO 8601; UTC if no zone).")
]
Until = Annotated[
    datetime | None, Query(description="Published before (ISO 8601; UTC if no zone).")
]


def get_store(request: Request) -> Iterator[Store]:
    """A Store per request over the app's engine: a Store's open transaction is not shareable."""
    yield Store(request.app.state.engine)


StoreDep = Annotated[Store, Depends(get_store)]


def json_response(request: Request, data: Any, status: int = 200) -> Response:
    """JSON with an ETag of its bytes; 304 when the client already holds exactly these bytes."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if status == 200 and etag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    return Response(body, status, headers=headers, media_type="application/json")


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """Every API error: {"error": {"code", "message", "parameters"?}}."""

    error: ErrorDetail


def _answer(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


# What any API route may answer besides success, documented once for all of them.
API_ERRORS: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the ETag sent in If-None-Match still matches"},
    400: _answer("A parameter or the body is not valid; the message says which and why"),
    401: _answer("Sign in first, or the API token is unknown or revoked"),
    403: _answer("The account's role does not allow this, or a form's CSRF token is stale"),
    404: _answer("No such record"),
    503: _answer("The store cannot be reached"),
}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI schema as the API answers: validation errors are 400 here, never 422."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            if responses.get("422", {}).get("description") == "Validation Error":
                del responses["422"]
    schema.get("components", {}).get("schemas", {}).pop("HTTPValidationError", None)
    schema.get("components", {}).get("schemas", {}).pop("ValidationError", None)
    return schema


def page_url(request: Request, offset: int) -> str:
    params = dict(request.query_params) | {"offset": str(offset)}
    return f"{request.url.path}?{urlencode(params)}"


def paged(
    request: Request, items: list[Any], limit: int, offset: int, has_more: bool, **extra: Any
) -> dict[str, Any]:
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": page_url(request, offset + limit) if has_more else None,
        **extra,
    }


def utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported"}


def _error(request: Request, status: int, code: str, message: str, **extra: Any) -> Response:
    """JSON under /api; the reader's HTML error page everywhere else (when the web app is on)."""
    render = getattr(request.app.state, "render_error", None)
    if render is not None and not request.url.path.startswith("/api"):
        return render(request, status, message)
    return JSONResponse(error_body(code, message, **extra), status_code=status)


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [
            {
                "name": str(e["loc"][-1]) if e.get("loc") else None,
                "in": str(e["loc"][0]) if e.get("loc") else None,
                "problem": e.get("msg", "invalid"),
            }
            for e in error.errors()
        ]
        message = "; ".join(f"{p['name']}: {p['problem']}" for p in problems) or "bad request"
        return _error(request, 400, "invalid_parameter", message, parameters=problems)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return _error(request, error.status, error.code, error.message)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return _error(request, 404, "not_found", str(error))

    @app.exception_handler(StoreError)
    async def store_down(request: Request, error: StoreError) -> Response:
        return _error(request, 503, "store_unavailable", str(error))

    @app.exception_handler(NewsdeskError)
    async def refused(request: Request, error: NewsdeskError) -> Response:
        return _error(request, 400, "invalid_request", str(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(error.status_code, f"http_{error.status_code}")
        message = "no such page" if error.status_code == 404 else str(error.detail)
        response = _error(request, error.status_code, code, message)
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:  # a bug: say so, no trace
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal_error", "internal error (please report it)")


async def refuse_nul(request: Request, call_next: Any) -> Response:
    """A NUL character in an address is never meaningful, and PostgreSQL text cannot hold one."""
    if "\x00" in request.url.path or "\x00" in "".join(request.query_params.values()):
        return _error(request, 400, "invalid_parameter", "the address contains a NUL character")
    return await call_next(request)


# No script runs on these pages, so none is allowed: text from a source can never become code.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'"
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


class CsrfMiddleware:
    """CSRF protection for plain HTML forms (asgi-csrf: a signed cookie and a hidden field),
    so the reader needs no script. Requests that carry no cookie, or an API token, are not
    forms a browser could be tricked into sending and pass."""

    def __init__(self, app: Any, secret: str) -> None:
        self.wrapped = asgi_csrf(
            app,
            signing_secret=secret,
            send_csrf_failed=_csrf_failed,
            skip_if_scope=_carries_a_token,
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.wrapped(scope, receive, send)


def _carries_a_token(scope: Any) -> bool:
    """Google Reader clients sign with `Authorization: GoogleLogin auth=…` (asgi-csrf already
    lets `Bearer` through): a browser never sends either on its own."""
    headers = dict(scope.get("headers") or [])
    return headers.get(b"authorization", b"").lower().startswith(b"googlelogin ")


async def _csrf_failed(scope: Any, send: Any, message_id: Any = None) -> None:
    body = json.dumps(
        error_body(
            "csrf_failed",
            "this form is stale or was not sent from this site: reload the page and try again",
        )
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": body})
