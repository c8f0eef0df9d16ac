"""Each reader's own desk: read and saved articles, follows and mutes. Mixed into `Store`."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from newsdesk.errors import NotFound
from newsdesk.model.accounts import Follow, FollowKind, Mute, MuteKind
from newsdesk.store.schema import article_states, follows, mutes


def _follow(row: Any) -> Follow:
    return Follow(
        user_id=row.user_id,
        kind=FollowKind(row.kind),
        target=row.target,
        label=row.label,
        id=row.id,
        created_at=row.created_at,
        last_looked_at=row.last_looked_at,
        alert=row.alert,
    )


class DeskStore:
    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    # Read and saved ------------------------------------------------------------------------

    def set_article_state(
        self,
        user_id: int,
        article_ids: list[str],
        *,
        read: bool | None = None,
        saved: bool | None = None,
        now: datetime,
    ) -> None:
        """Mark articles read or unread, saved or not, for one reader."""
        values: dict[str, datetime | None] = {}
        if read is not None:
            values["read_at"] = now if read else None
        if saved is not None:
            values["saved_at"] = now if saved else None
        if not values or not article_ids:
            return
        with self.transaction() as conn:
            known = set(
                conn.execute(
                    select(article_states.c.article_id).where(
                        article_states.c.user_id == user_id,
                        article_states.c.article_id.in_(article_ids),
                    )
                ).scalars()
            )
            if known:
                conn.execute(
                    update(article_states)
                    .where(article_states.c.user_id == user_id)
                    .where(article_states.c.article_id.in_(known))
                    .values(**values)
                )
            fresh = [a for a in dict.fromkeys(article_ids) if a not in known]
            if fresh:
                conn.execute(
                    insert(article_states),
                    [
                        {"user_id": user_id, "article_id": a, "read_at": None, "saved_at": None}
                        | values
                        for a in fresh
                    ],
                )

    def article_states_of(
        self, user_id: int, article_ids: list[str]
    ) -> dict[str, tuple[datetime | None, datetime | None]]:
        """{article id: (read at, saved at)} for the articles this reader touched."""
        if not article_ids:
            return {}
        with self.transaction() as conn:
            rows = conn.execute(
                select(article_states).where(
                    article_states.c.user_id == user_id,
                    article_states.c.article_id.in_(article_ids),
                )
            )
            return {r.article_id: (r.read_at, r.saved_at) for r in rows}

    def read_article_ids(self, user_id: int) -> set[str]:
        with self.transaction() as conn:
            query = select(article_states.c.article_id).where(
                article_states.c.user_id == user_id, article_states.c.read_at.is_not(None)
            )
            return set(conn.execute(query).scalars())

    def saved_article_ids(self, user_id: int) -> list[str]:
        """Saved articles, the latest saved first."""
        with self.transaction() as conn:
            query = (
                select(article_states.c.article_id)
                .where(article_states.c.user_id == user_id, article_states.c.saved_at.is_not(None))
                .order_by(article_states.c.saved_at.desc())
            )
            return list(conn.execute(query).scalars())

    # Follows -------------------------------------------------------------------------------

    def add_follow(self, follow: Follow) -> Follow:
        """Follow something; following it again returns the existing follow."""
        with self.transaction() as conn:
            row = conn.execute(
                select(follows).where(
                    follows.c.user_id == follow.user_id,
                    follows.c.kind == follow.kind.value,
                    follows.c.target == follow.target,
                )
            ).first()
            if row is not None:
                return _follow(row)
            values = {
                "user_id": follow.user_id,
                "kind": follow.kind.value,
                "target": follow.target,
                "label": follow.label,
                "created_at": follow.created_at,
                "last_looked_at": follow.last_looked_at,
                "alert": follow.alert,
            }
            follow.id = conn.execute(insert(follows), values).inserted_primary_key[0]
        return follow

    def follows_of(self, user_id: int) -> list[Follow]:
        with self.transaction() as conn:
            query = select(follows).where(follows.c.user_id == user_id).order_by(follows.c.id)
            return [_follow(r) for r in conn.execute(query)]

    def all_alerting_follows(self) -> list[Follow]:
        with self.transaction() as conn:
            query = select(follows).where(follows.c.alert).order_by(follows.c.id)
            return [_follow(r) for r in conn.execute(query)]

    def update_follow(self, follow: Follow) -> None:
        with self.transaction() as conn:
            done = conn.execute(
                update(follows)
                .where(follows.c.id == follow.id, follows.c.user_id == follow.user_id)
                .values(
                    last_looked_at=follow.last_looked_at, alert=follow.alert, label=follow.label
                )
            )
        if done.rowcount == 0:
            raise NotFound(f"no follow {follow.id} of this account")

    def remove_follow(self, user_id: int, follow_id: int) -> None:
        with self.transaction() as conn:
            done = conn.execute(
                delete(follows).where(follows.c.id == follow_id, follows.c.user_id == user_id)
            )
        if done.rowcount == 0:
            raise NotFound(f"no follow {follow_id} of this account")

    # Mutes ---------------------------------------------------------------------------------

    def add_mute(self, mute: Mute) -> Mute:
        with self.transaction() as conn:
            row = conn.execute(
                select(mutes.c.id).where(
                    mutes.c.user_id == mute.user_id,
                    mutes.c.kind == mute.kind.value,
                    mutes.c.value == mute.value,
                )
            ).first()
            if row is not None:
                mute.id = row.id
                return mute
            values = {
                "user_id": mute.user_id,
                "kind": mute.kind.value,
                "value": mute.value,
                "created_at": mute.created_at,
            }
            mute.id = conn.execute(insert(mutes), values).inserted_primary_key[0]
        return mute

    def mutes_of(self, user_id: int) -> list[Mute]:
        with self.transaction() as conn:
            query = select(mutes).where(mutes.c.user_id == user_id).order_by(mutes.c.id)
            return [
                Mute(
                    user_id=r.user_id,
                    kind=MuteKind(r.kind),
                    value=r.value,
                    id=r.id,
                    created_at=r.created_at,
                )
                for r in conn.execute(query)
            ]

    def remove_mute(self, user_id: int, mute_id: int) -> None:
        with self.transaction() as conn:
            done = conn.execute(
                delete(mutes).where(mutes.c.id == mute_id, mutes.c.user_id == user_id)
            )
        if done.rowcount == 0:
            raise NotFound(f"no mute {mute_id} of this account")
