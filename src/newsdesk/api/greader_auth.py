"""Signing in Google Reader clients, their write token, and how their requests are read.

ClientLogin takes the account's name and its password (rate-limited like the sign-in page) or
one of its API tokens, and answers with an API token of the account (`Auth=`), which the client
then sends as `Authorization: GoogleLogin auth=<token>`. A password login's token is named
"Google Reader client" and is derived from the password, the account and the token's creation
time with scrypt, keyed by a secret of the store: the store keeps only its hash, as for every
token, yet the next login with the same password finds it again instead of making another.

Requests that change something carry the write token `T` (GET /reader/api/0/token), as Google
Reader asked: it is bound to the credential the request is signed with. Requests signed with
newsdesk's own `Authorization: Bearer` token are exempt, as they are from the CSRF check.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from newsdesk import accounts
from newsdesk.access import SESSION_COOKIE, Signed, presented_token
from newsdesk.api.greader_ids import usec
from newsdesk.errors import NewsdeskError, NotFound, StoreError
from newsdesk.http import ApiError
from newsdesk.model.accounts import ApiToken, User
from newsdesk.store import Store

CLIENT_TOKEN = "Google Reader client"
SECRET_NAME = "greader"
MAX_FIELDS = 20_000  # a client may send 10,000 item ids at once
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def _pepper(store: Store) -> bytes:
    return store.app_secret(SECRET_NAME, secrets.token_urlsafe(32)).encode()


def client_login(store: Store, name: str, password: str, address: str) -> str:
    """The Auth token for a client: the API token given as the password, or the account's
    Google Reader token (found again, or made). AccountError when refused."""
    if password.startswith("nd_"):
        user = accounts.token_user(store, password)
        if user is not None and user.name.casefold() == name.strip().casefold():
            return password
    user, session = accounts.sign_in(store, name, password, address)
    accounts.sign_out(store, session)  # a client signs its requests with the token instead
    return client_token(store, user, password)


def client_token(store: Store, user: User, password: str) -> str:
    assert user.id is not None
    pepper = _pepper(store)
    mine = [
        t for t in store.api_tokens_of(user.id) if t.name == CLIENT_TOKEN and t.revoked_at is None
    ]
    for token in sorted(mine, key=lambda t: t.created_at, reverse=True)[:3]:
        secret = _derived(pepper, password, user.id, token.created_at)
        if hmac.compare_digest(accounts.secret_hash(secret), token.token_hash):
            return secret
    created = accounts.now()
    secret = _derived(pepper, password, user.id, created)
    store.add_api_token(
        ApiToken(
            user_id=user.id,
            name=CLIENT_TOKEN,
            token_hash=accounts.secret_hash(secret),
            created_at=created,
        )
    )
    return secret


def _derived(pepper: bytes, password: str, user_id: int, created: datetime) -> str:
    # scrypt: whoever holds a copy of the store still pays a slow hash per password guessed.
    salt = b"newsdesk greader:" + pepper + f":{user_id}:{usec(created)}".encode()
    key = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)  # type: ignore[arg-type]
    return "nd_" + base64.urlsafe_b64encode(key).decode().rstrip("=")


def credential(request: Request) -> str:
    """What the request is signed with: its token, or its session cookie."""
    return presented_token(request) or request.cookies.get(SESSION_COOKIE, "")


def write_token(store: Store, user: User, signed_with: str) -> str:
    message = f"T:{user.id}:{signed_with}".encode()
    return hmac.new(_pepper(store), message, hashlib.sha256).hexdigest()[:57]


class Params:
    """A request's parameters, from its query and (for a POST) its form, names repeated."""

    def __init__(self, values: dict[str, list[str]]) -> None:
        self.values = values

    def first(self, name: str, default: str = "") -> str:
        return next(iter(self.values.get(name, [])), default)

    def every(self, name: str) -> list[str]:
        return self.values.get(name, [])

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        text = self.first(name).strip()
        if not text:
            return default
        if not text.lstrip("-").isdigit():
            raise ApiError(400, "invalid_parameter", f"{name} must be a whole number")
        return max(low, min(high, int(text)))


async def read_params(request: Request) -> Params:
    values: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        values.setdefault(name, []).append(value)
    if request.method == "POST":
        form = await request.form(max_fields=MAX_FIELDS)
        for name, value in form.multi_items():
            if isinstance(value, str):
                values.setdefault(name, []).append(value)
    return Params(values)


ParamsDep = Annotated[Params, Depends(read_params)]


def checked_writer(request: Request, user: Signed, params: ParamsDep) -> User:
    """The signed-in reader, once the write token `T` matched (or the request is signed with a
    Bearer token, which no browser sends by itself)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return user
    given = params.first("T").strip()
    signed_with = credential(request)
    expected = write_token(Store(request.app.state.engine), user, signed_with)
    if given and (hmac.compare_digest(given, expected) or hmac.compare_digest(given, signed_with)):
        return user
    raise ApiError(
        401, "bad_token", "the write token T is missing or stale: GET /reader/api/0/token"
    )


Writer = Annotated[User, Depends(checked_writer)]


def plain(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    extra = {"X-Reader-Google-Bad-Token": "true"} if status == 401 else {}
    return PlainTextResponse(message, status, headers=extra | (headers or {}))


class PlainErrors(APIRoute):
    """Errors as one line of plain text, as Google Reader clients expect; never the reader's
    HTML error page, whose CSRF cookie the client would then send with its writes (and have
    them refused)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handle(request)
            except ApiError as error:
                return plain(error.status, error.message)
            except NotFound as error:
                return plain(404, str(error))
            except StoreError as error:
                return plain(503, str(error))
            except NewsdeskError as error:
                return plain(400, str(error))
            except RequestValidationError as error:
                problems = [f"{e['loc'][-1]}: {e['msg']}" for e in error.errors() if e.get("loc")]
                return plain(400, "; ".join(problems) or "bad request")
            except HTTPException as error:
                return plain(error.status_code, str(error.detail), dict(error.headers or {}))

        return answer
