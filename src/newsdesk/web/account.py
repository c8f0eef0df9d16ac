"""Signing in and out, one's account (password, API tokens), and the admin's list of users.
Plain HTML forms with a CSRF token each; no script."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk import accounts
from newsdesk.access import SESSION_COOKIE, As, Signed
from newsdesk.model.accounts import Role
from newsdesk.web.pages import StoreDep, page

router = APIRouter(include_in_schema=False)
Field = Annotated[str, Form(max_length=accounts.MAX_PASSWORD)]


def local_path(target: str) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/signin", response_class=HTMLResponse)
def signin_page(next: str = "/") -> HTMLResponse:  # noqa: A002 (the query's own name)
    return page("signin.html", next=local_path(next))


@router.post("/signin", response_model=None)
def signin(
    request: Request,
    store: StoreDep,
    name: Field,
    password: Field,
    next: Field = "/",  # noqa: A002
) -> Response:
    address = request.client.host if request.client else "unknown"
    settings = request.app.state.settings
    try:
        _, token = accounts.sign_in(store, name, password, address, settings.session_days)
    except accounts.AccountError as error:
        status = 429 if error.retry_after else 401
        response = page("signin.html", status, next=local_path(next), error=str(error), name=name)
        if error.retry_after:
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/signout")
def signout(request: Request, store: StoreDep) -> RedirectResponse:
    accounts.sign_out(store, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(me: Signed, store: StoreDep, made: str = "", done: str = "") -> HTMLResponse:
    assert me.id is not None
    return page("account.html", tokens=store.api_tokens_of(me.id), made=made, done=done)


@router.post("/account/password", response_model=None)
def change_password(me: Signed, store: StoreDep, current: Field, new: Field) -> Response:
    try:
        accounts.change_password(store, me, current, new)
    except accounts.AccountError as error:
        assert me.id is not None
        return page("account.html", 400, tokens=store.api_tokens_of(me.id), error=str(error))
    # Every session ended with the old password, this one too: sign in with the new one.
    response = RedirectResponse("/signin?next=/account", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.post("/account/tokens", response_class=HTMLResponse)
def make_token(me: Signed, store: StoreDep, name: Annotated[str, Form(max_length=100)]) -> Response:
    _, secret = accounts.create_api_token(store, me, name)
    assert me.id is not None
    # Shown once, on this page's answer: never in an address, never again.
    return page("account.html", tokens=store.api_tokens_of(me.id), secret=secret)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(me: Signed, store: StoreDep, token_id: int) -> RedirectResponse:
    assert me.id is not None
    store.revoke_api_token(me.id, token_id, accounts.now())
    return RedirectResponse("/account?done=revoked", status_code=303)


@router.get("/admin/users", response_class=HTMLResponse, dependencies=[As(Role.ADMIN)])
def users_page(store: StoreDep) -> HTMLResponse:
    return page("users.html", users=store.list_users(), roles=[r.value for r in Role])


@router.post("/admin/users", response_model=None, dependencies=[As(Role.ADMIN)])
def add_user(store: StoreDep, name: Field, password: Field, role: Field = "reader") -> Response:
    try:
        accounts.create_user(
            store, name, password, Role(role) if role in Role._value2member_map_ else Role.READER
        )
    except accounts.AccountError as error:
        roles = [r.value for r in Role]
        return page("users.html", 400, users=store.list_users(), roles=roles, error=str(error))
    return RedirectResponse(f"/admin/users?added={quote(name)}", status_code=303)
