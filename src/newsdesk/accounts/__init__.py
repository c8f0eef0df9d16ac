"""Accounts: creating users, signing in and out (rate-limited), sessions, API tokens, password
changes. Secrets are hashed before they reach the store: passwords with argon2id (pwdlib),
session cookies and API tokens (long random strings) with SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from pwdlib import PasswordHash

from newsdesk.errors import NewsdeskError
from newsdesk.model.accounts import ApiToken, Role, User
from newsdesk.store import Store

MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # argon2 hashes any length; a megabyte "password" is a denial of service
MAX_NAME = 64
SIGN_IN_WINDOW = timedelta(minutes=15)
MAX_FAILS_PER_ACCOUNT = 5
MAX_FAILS_PER_ADDRESS = 20

_hasher = PasswordHash.recommended()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountError(NewsdeskError):
    """A sign-in or account change was refused; the message says why (never which of name or
    password was wrong)."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def now() -> datetime:
    return datetime.now(UTC)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password may have at most {MAX_PASSWORD} characters")


def role_named(name: str) -> Role:
    try:
        return Role(name.strip().lower())
    except ValueError:
        raise AccountError(
            f"no role {name!r}: choose one of {', '.join(r.value for r in Role)}"
        ) from None


def create_user(store: Store, name: str, password: str, role: Role = Role.READER) -> User:
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(c.isspace() or not c.isprintable() for c in name):
        raise AccountError(f"a user name is 1 to {MAX_NAME} printable characters, no spaces")
    check_password(password)
    user = store.add_user(User(name=name, role=role, password_hash=_hasher.hash(password)))
    if user is None:
        raise AccountError(f"the name {name!r} is taken")
    return user


def sign_in(
    store: Store, name: str, password: str, address: str, session_days: int = 30
) -> tuple[User, str]:
    """(the user, a new session token for the cookie); AccountError when refused."""
    moment = now()
    by_name, by_address = store.failed_sign_ins(name, address, moment - SIGN_IN_WINDOW)
    if by_name >= MAX_FAILS_PER_ACCOUNT or by_address >= MAX_FAILS_PER_ADDRESS:
        minutes = int(SIGN_IN_WINDOW.total_seconds() // 60)
        raise AccountError(
            f"too many failed sign-ins; try again in {minutes} minutes",
            retry_after=int(SIGN_IN_WINDOW.total_seconds()),
        )
    user = store.user_named(name) if len(password) <= MAX_PASSWORD else None
    valid, new_hash = _hasher.verify_and_update(
        password[:MAX_PASSWORD], user.password_hash if user else _DUMMY_HASH
    )
    if user is None or not valid or user.disabled:
        store.note_sign_in(name, address, moment, succeeded=False)
        raise AccountError("wrong name or password")
    if new_hash:  # the recommended parameters moved on since this hash was made
        user.password_hash = new_hash
        store.update_user(user)
    store.note_sign_in(name, address, moment, succeeded=True)
    return user, start_session(store, user, days=session_days)


def start_session(store: Store, user: User, days: int) -> str:
    token = secrets.token_urlsafe(32)
    moment = now()
    assert user.id is not None
    store.add_session(secret_hash(token), user.id, moment, moment + timedelta(days=days))
    return token


def session_user(store: Store, token: str) -> User | None:
    return store.session_user(secret_hash(token), now()) if token else None


def sign_out(store: Store, token: str) -> None:
    store.end_sessions(token_hash=secret_hash(token))


def change_password(store: Store, user: User, old: str, new: str) -> None:
    """Set a new password; every session of the account ends (sign in again)."""
    if not _hasher.verify(old[:MAX_PASSWORD], user.password_hash):
        raise AccountError("the current password is wrong")
    check_password(new)
    user.password_hash = _hasher.hash(new)
    store.update_user(user)
    store.end_sessions(user_id=user.id)


def create_api_token(store: Store, user: User, name: str) -> tuple[ApiToken, str]:
    """(the stored token, its secret): the secret is shown once and never stored."""
    assert user.id is not None
    secret = "nd_" + secrets.token_urlsafe(32)
    name = name.strip()[:100] or "token"
    token = store.add_api_token(
        ApiToken(user_id=user.id, name=name, token_hash=secret_hash(secret))
    )
    return token, secret


def token_user(store: Store, secret: str) -> User | None:
    return store.token_user(secret_hash(secret), now()) if secret else None
