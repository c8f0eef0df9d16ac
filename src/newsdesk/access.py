"""Who is asking, and what they may do: the session cookie, an API token (`Authorization:
Bearer …`, or Google Reader's `GoogleLogin auth=…`), or the operator's token from the settings
(an admin without a desk of its own). Reading needs an account unless the operator made
reading public; every write needs the role it names.

    @router.get(..., dependencies=[CanRead])
    @router.post(..., dependencies=[As(Role.EDITOR)])
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from newsdesk import accounts
from newsdesk.http import ApiError
from newsdesk.model.accounts import Role, User
from newsdesk.store import Store

SESSION_COOKIE = "newsdesk_session"
OPERATOR = "operator"
_UNSET = object()


class SignInRequired(Exception):
    """A reader page asked for by someone not signed in: the app answers with the sign-in page."""


def presented_token(request: Request) -> str:
    """The API token a request carries, if any (header, or `?token=` for feed readers)."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "googlelogin" and value.strip().lower().startswith("auth="):
        return value.strip()[5:]
    if request.url.path.startswith("/feeds/"):
        return request.query_params.get("token", "")
    return ""


def viewer(request: Request) -> User | None:
    """The account behind a request (looked up once per request), or None."""
    known = getattr(request.state, "viewer", _UNSET)
    if known is not _UNSET:
        return known  # type: ignore[return-value]
    store = Store(request.app.state.engine)
    token = presented_token(request)
    operator_token = request.app.state.settings.api_token
    user: User | None
    if token and operator_token and hmac.compare_digest(token, operator_token):
        user = User(name=OPERATOR, role=Role.ADMIN)
    elif token:
        user = accounts.token_user(store, token)
        if user is None:
            raise ApiError(401, "unauthorized", "that API token is unknown or revoked")
    else:
        user = accounts.session_user(store, request.cookies.get(SESSION_COOKIE, ""))
    request.state.viewer = user
    return user


def _refuse_anonymous(request: Request) -> None:
    path = request.url.path
    if path.startswith(("/api", "/feeds", "/reader", "/accounts")) or request.method != "GET":
        raise ApiError(
            401,
            "unauthorized",
            "sign in first: send an account's API token as "
            "`Authorization: Bearer <token>` (or sign in on the reader's /signin page)",
        )
    raise SignInRequired(path)


def can_read(request: Request) -> User | None:
    user = viewer(request)
    if user is None and not request.app.state.settings.public_reading:
        _refuse_anonymous(request)
    return user


def require(role: Role) -> Callable[[Request], User]:
    """A dependency that lets through accounts of `role` or above."""

    def check(request: Request) -> User:
        user = viewer(request)
        if user is None:
            _refuse_anonymous(request)
        assert user is not None
        if not user.role.allows(role):
            raise ApiError(
                403,
                "forbidden",
                f"this needs the {role.value} role; your account is a {user.role.value}",
            )
        return user

    return check


def desk_owner(request: Request) -> User:
    """A signed-in account with a desk of its own (the operator token has none)."""
    user = require(Role.READER)(request)
    if user.id is None:
        raise ApiError(403, "forbidden", "the operator token has no desk: use an account's token")
    return user


CanRead = Depends(can_read)
Signed = Annotated[User, Depends(desk_owner)]
ViewerDep = Annotated[User | None, Depends(viewer)]


def As(role: Role) -> Any:  # noqa: N802 (reads as a phrase: dependencies=[As(Role.ADMIN)])
    return Depends(require(role))
