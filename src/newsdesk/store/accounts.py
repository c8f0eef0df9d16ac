"""Accounts: users, sign-in sessions, API tokens, sign-in attempts and the app's own secrets.
Mixed into `Store`. Tokens arrive here already hashed: the store never sees a secret."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from newsdesk.errors import NotFound
from newsdesk.model.accounts import ApiToken, Role, User
from newsdesk.store.schema import api_tokens, app_secrets, sessions, sign_in_attempts, users


def name_key(name: str) -> str:
    return name.strip().casefold()


def _user(row: Any) -> User:
    return User(
        name=row.name,
        role=Role(row.role),
        id=row.id,
        password_hash=row.password_hash,
        created_at=row.created_at,
        disabled=row.disabled,
    )


def _token(row: Any) -> ApiToken:
    return ApiToken(
        user_id=row.user_id,
        name=row.name,
        token_hash=row.token_hash,
        id=row.id,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


class AccountsStore:
    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    # Users ---------------------------------------------------------------------------------

    def add_user(self, user: User) -> User | None:
        """Store a new user; None when the name (case-folded) is taken."""
        with self.transaction() as conn:
            key = name_key(user.name)
            if conn.execute(select(users.c.id).where(users.c.name_key == key)).first():
                return None
            row = {
                "name": user.name.strip(),
                "name_key": key,
                "role": user.role.value,
                "password_hash": user.password_hash,
                "created_at": user.created_at,
                "disabled": user.disabled,
            }
            user.id = conn.execute(insert(users), row).inserted_primary_key[0]
        return user

    def user_named(self, name: str) -> User | None:
        with self.transaction() as conn:
            row = conn.execute(select(users).where(users.c.name_key == name_key(name))).first()
        return _user(row) if row else None

    def get_user(self, user_id: int) -> User:
        with self.transaction() as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
        if row is None:
            raise NotFound(f"no user with id {user_id}")
        return _user(row)

    def list_users(self) -> list[User]:
        with self.transaction() as conn:
            return [_user(r) for r in conn.execute(select(users).order_by(users.c.id))]

    def count_users(self) -> int:
        with self.transaction() as conn:
            return conn.execute(select(func.count()).select_from(users)).scalar_one()

    def update_user(self, user: User) -> None:
        with self.transaction() as conn:
            conn.execute(
                update(users)
                .where(users.c.id == user.id)
                .values(
                    role=user.role.value, password_hash=user.password_hash, disabled=user.disabled
                )
            )

    # Sessions ------------------------------------------------------------------------------

    def add_session(self, token_hash: str, user_id: int, now: datetime, expires: datetime) -> None:
        with self.transaction() as conn:
            conn.execute(
                insert(sessions),
                {
                    "token_hash": token_hash,
                    "user_id": user_id,
                    "created_at": now,
                    "expires_at": expires,
                },
            )

    def session_user(self, token_hash: str, now: datetime) -> User | None:
        """The user of an unexpired session of an enabled account."""
        with self.transaction() as conn:
            row = conn.execute(
                select(users)
                .join(sessions, sessions.c.user_id == users.c.id)
                .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > now)
                .where(~users.c.disabled)
            ).first()
        return _user(row) if row else None

    def end_sessions(self, *, token_hash: str | None = None, user_id: int | None = None) -> None:
        """End one session, or every session of a user (after a password change)."""
        with self.transaction() as conn:
            if token_hash is not None:
                conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))
            if user_id is not None:
                conn.execute(delete(sessions).where(sessions.c.user_id == user_id))

    # API tokens ----------------------------------------------------------------------------

    def add_api_token(self, token: ApiToken) -> ApiToken:
        with self.transaction() as conn:
            row = {
                "user_id": token.user_id,
                "name": token.name,
                "token_hash": token.token_hash,
                "created_at": token.created_at,
            }
            token.id = conn.execute(insert(api_tokens), row).inserted_primary_key[0]
        return token

    def api_tokens_of(self, user_id: int) -> list[ApiToken]:
        with self.transaction() as conn:
            query = select(api_tokens).where(api_tokens.c.user_id == user_id)
            return [_token(r) for r in conn.execute(query.order_by(api_tokens.c.id))]

    def token_user(self, token_hash: str, now: datetime) -> User | None:
        """The user of an unrevoked token (noting its use), if the account is enabled."""
        with self.transaction() as conn:
            row = conn.execute(
                select(users, api_tokens.c.id.label("token_id"))
                .join(api_tokens, api_tokens.c.user_id == users.c.id)
                .where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None))
                .where(~users.c.disabled)
            ).first()
            if row is None:
                return None
            conn.execute(
                update(api_tokens).where(api_tokens.c.id == row.token_id).values(last_used_at=now)
            )
        return _user(row)

    def revoke_api_token(self, user_id: int, token_id: int, now: datetime) -> None:
        with self.transaction() as conn:
            done = conn.execute(
                update(api_tokens)
                .where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id)
                .values(revoked_at=now)
            )
        if done.rowcount == 0:
            raise NotFound(f"no API token {token_id} of this account")

    # Sign-in attempts ----------------------------------------------------------------------

    def note_sign_in(self, name: str, address: str, at: datetime, succeeded: bool) -> None:
        with self.transaction() as conn:
            conn.execute(
                insert(sign_in_attempts),
                {"name_key": name_key(name), "address": address, "at": at, "succeeded": succeeded},
            )

    def failed_sign_ins(self, name: str, address: str, since: datetime) -> tuple[int, int]:
        """Failed attempts since `since`: (on this account, from this address)."""
        with self.transaction() as conn:
            failed = and_(~sign_in_attempts.c.succeeded, sign_in_attempts.c.at >= since)
            counts = (
                select(
                    func.count().filter(sign_in_attempts.c.name_key == name_key(name)),
                    func.count().filter(sign_in_attempts.c.address == address),
                )
                .where(failed)
                .where(
                    or_(
                        sign_in_attempts.c.name_key == name_key(name),
                        sign_in_attempts.c.address == address,
                    )
                )
            )
            by_name, by_address = conn.execute(counts).one()
        return by_name, by_address

    # Secrets -------------------------------------------------------------------------------

    def app_secret(self, name: str, make: str) -> str:
        """The secret called `name`, stored as `make` the first time: every process and machine
        sharing the store signs with the same one."""
        with self.transaction() as conn:
            row = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == name))
            found = row.scalar()
            if found is None:
                conn.execute(insert(app_secrets), {"name": name, "value": make})
                found = make
        return found
