"""Stage progress: which article versions each later stage has processed, which it could not,
and the state a streaming stage keeps between runs. Mixed into `Store`."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, delete, exists, func, or_, select, text, update

from newsdesk.model import StoredArticle
from newsdesk.store.rows import stored_from_row
from newsdesk.store.schema import articles, stage_failures, stage_progress, stage_states

# The stream every stage reads: arrival, then publication time within one arrival (a file of
# posts is one arrival; streaming clustering expects time order), undated last, then id.
ARRIVAL_ORDER = (
    articles.c.first_seen_at,
    articles.c.published_at.is_(None),
    articles.c.published_at,
    articles.c.id,
)


@dataclass
class StageFailure:
    """An article version a stage could not process, and why."""

    stage: str
    article_id: str
    version: int
    error: str
    failed_at: datetime
    attempts: int
    retry: bool
    title: str = ""


class ProgressStore:
    """Methods `Store` gains for the stages' bookkeeping."""

    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def pending(
        self, stage: str, limit: int = 500, among: Iterable[str] | None = None
    ) -> list[StoredArticle]:
        """Articles whose newest version this stage has neither processed nor failed on (unless a
        retry was asked for), oldest first; only those of `among` when given."""
        query = _pending(select(articles), stage)
        if among is not None:
            query = query.where(articles.c.id.in_(list(among)))
        query = query.order_by(*ARRIVAL_ORDER).limit(limit)
        with self.transaction() as conn:
            return [stored_from_row(row) for row in conn.execute(query)]

    def count_pending(self, stage: str) -> int:
        with self.transaction() as conn:
            return conn.execute(
                _pending(select(func.count()).select_from(articles), stage)
            ).scalar_one()

    def mark_done(self, stage: str, processed: Iterable[tuple[str, int]]) -> None:
        """Record that `stage` has processed these (article id, version) pairs."""
        latest = dict(processed)  # one row per article: the last version given wins
        if not latest:
            return
        now = datetime.now(UTC)
        rows = [
            {"stage": stage, "article_id": article_id, "version": version, "done_at": now}
            for article_id, version in latest.items()
        ]
        with self.transaction() as conn:
            for table in (stage_progress, stage_failures):
                conn.execute(
                    delete(table).where(
                        and_(table.c.stage == stage, table.c.article_id.in_(latest))
                    )
                )
            conn.execute(stage_progress.insert(), rows)

    def hold_stage(self, stage: str) -> datetime | None:
        """Hold `stage` until this transaction ends (another worker's batch of it waits), and say
        when the stage last recorded progress, so a worker can tell whether another moved it.

        PostgreSQL: a transaction-scoped advisory lock. SQLite: the database's write lock, taken
        now by a write that changes nothing (SQLite has one writer at a time).
        """
        with self.transaction() as conn:
            if conn.dialect.name == "postgresql":
                key = zlib.crc32(f"newsdesk stage {stage}".encode())
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            else:
                conn.execute(text("UPDATE stage_states SET stage = stage WHERE 0 = 1"))
            query = select(func.max(stage_progress.c.done_at)).where(
                stage_progress.c.stage == stage
            )
            return conn.execute(query).scalar()

    def reset_stage(self, stage: str) -> None:
        """Forget a stage's progress and failures so it runs over every article again."""
        with self.transaction() as conn:
            conn.execute(delete(stage_progress).where(stage_progress.c.stage == stage))
            conn.execute(delete(stage_failures).where(stage_failures.c.stage == stage))

    # Failures ------------------------------------------------------------------------------

    def record_failure(self, stage: str, article_id: str, version: int, error: str) -> None:
        """Remember that `stage` failed on this article version; it is skipped until a retry."""
        key = and_(stage_failures.c.stage == stage, stage_failures.c.article_id == article_id)
        with self.transaction() as conn:
            attempts = conn.execute(select(stage_failures.c.attempts).where(key)).scalar() or 0
            conn.execute(delete(stage_failures).where(key))
            conn.execute(
                stage_failures.insert(),
                {
                    "stage": stage,
                    "article_id": article_id,
                    "version": version,
                    "error": error[:2000],
                    "failed_at": datetime.now(UTC),
                    "attempts": attempts + 1,
                    "retry": False,
                },
            )

    def stage_failures(self, stage: str | None = None, limit: int = 100) -> list[StageFailure]:
        """Stage failures, newest first, with the article's title."""
        query = (
            select(stage_failures, articles.c.title)
            .join(articles, articles.c.id == stage_failures.c.article_id)
            .order_by(stage_failures.c.failed_at.desc(), stage_failures.c.article_id)
            .limit(limit)
        )
        if stage:
            query = query.where(stage_failures.c.stage == stage)
        with self.transaction() as conn:
            return [
                StageFailure(
                    r.stage,
                    r.article_id,
                    r.version,
                    r.error,
                    r.failed_at,
                    r.attempts,
                    r.retry,
                    r.title,
                )
                for r in conn.execute(query)
            ]

    def count_stage_failures(self) -> int:
        with self.transaction() as conn:
            query = select(func.count()).select_from(stage_failures)
            return conn.execute(query.where(stage_failures.c.retry.is_(False))).scalar_one()

    def retry_failures(self, stage: str | None = None, article_id: str | None = None) -> int:
        """Make failed articles pending again (after the cause was fixed); how many."""
        query = update(stage_failures).values(retry=True)
        if stage:
            query = query.where(stage_failures.c.stage == stage)
        if article_id:
            query = query.where(stage_failures.c.article_id.startswith(article_id))
        with self.transaction() as conn:
            return conn.execute(query).rowcount

    # Streaming state -------------------------------------------------------------------------

    def stage_state(self, stage: str) -> dict[str, Any] | None:
        with self.transaction() as conn:
            return conn.execute(
                select(stage_states.c.state).where(stage_states.c.stage == stage)
            ).scalar()

    def save_stage_state(self, stage: str, state: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute(delete(stage_states).where(stage_states.c.stage == stage))
            conn.execute(
                stage_states.insert(),
                {"stage": stage, "state": state, "updated_at": datetime.now(UTC)},
            )


def _pending(query: Select[Any], stage: str) -> Select[Any]:
    done = stage_progress.alias("done")
    failed = (
        exists()
        .where(stage_failures.c.stage == stage)
        .where(stage_failures.c.article_id == articles.c.id)
        .where(stage_failures.c.version >= articles.c.version)
        .where(stage_failures.c.retry.is_(False))
    )
    return (
        query.outerjoin(done, and_(done.c.article_id == articles.c.id, done.c.stage == stage))
        .where(or_(done.c.version.is_(None), done.c.version < articles.c.version))
        .where(~failed)
    )
