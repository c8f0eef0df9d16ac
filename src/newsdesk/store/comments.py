"""Comments on articles and stories, readers' reports and editors' decisions. Mixed into `Store`.

The rules (who may see, edit or report what; what is held) live in newsdesk.comments; the store
keeps the rows and counts. The per-author rate limit is counted here, in the same transaction
as the insert and behind a lock on the author's row, so processes sharing a store agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, exists, func, insert, or_, select, update

from newsdesk.errors import NotFound
from newsdesk.model.comments import (
    Comment,
    CommentReport,
    CommentStatus,
    Decision,
    ModerationDecision,
    TargetKind,
)
from newsdesk.store.schema import comment_decisions, comment_reports, comments, users


def _comment(row: Any) -> Comment:
    return Comment(
        target_kind=TargetKind(row.target_kind),
        target_id=row.target_id,
        user_id=row.user_id,
        text=row.text,
        parent_id=row.parent_id,
        depth=row.depth,
        id=row.id,
        created_at=row.created_at,
        edited_at=row.edited_at,
        deleted_at=row.deleted_at,
        status=CommentStatus(row.status),
        score=row.score,
        reasons=list(row.reasons or []),
        author=row.author,
    )


def _decision(row: Any) -> ModerationDecision:
    return ModerationDecision(
        comment_id=row.comment_id,
        decision=Decision(row.decision),
        reason=row.reason,
        decided_by=row.decided_by,
        decider=row.decider,
        id=row.id,
        decided_at=row.decided_at,
    )


def _with_author() -> Any:
    return select(comments, users.c.name.label("author")).join(
        users, users.c.id == comments.c.user_id
    )


# A comment an editor should look at: held, or published with a report nobody resolved yet.
_open_report = exists().where(
    comment_reports.c.comment_id == comments.c.id, comment_reports.c.resolved_at.is_(None)
)
_in_queue = (comments.c.deleted_at.is_(None)) & or_(
    comments.c.status == CommentStatus.HELD.value,
    (comments.c.status == CommentStatus.PUBLISHED.value) & _open_report,
)


class CommentsStore:
    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    # Comments ------------------------------------------------------------------------------

    def add_comment(
        self, comment: Comment, limits: Sequence[tuple[datetime, int]] = ()
    ) -> Comment | None:
        """Store a new comment (sets its id), unless its author would then have more than `n`
        comments since `since` for one of the (since, n) `limits`: then None, nothing stored.

        Two processes posting for one author at once are counted one after the other:
        PostgreSQL locks the author's row first (taken after the insert, the insert's own key
        lock on it would deadlock two posters); SQLite's insert takes the database's one write
        lock, and the count after it sees every comment committed before."""
        values = {
            "target_kind": comment.target_kind.value,
            "target_id": comment.target_id,
            "parent_id": comment.parent_id,
            "depth": comment.depth,
            "user_id": comment.user_id,
            "text": comment.text,
            "created_at": comment.created_at,
            "edited_at": comment.edited_at,
            "deleted_at": comment.deleted_at,
            "status": comment.status.value,
            "score": comment.score,
            "reasons": comment.reasons,
        }
        with self.transaction() as conn:
            if limits:  # FOR UPDATE: PostgreSQL only (SQLite has no row locks, and needs none)
                conn.execute(
                    select(users.c.id).where(users.c.id == comment.user_id).with_for_update()
                )
            new_id = conn.execute(insert(comments), values).inserted_primary_key[0]
            if limits:
                for since, most in limits:
                    if self._count_since(conn, comment.user_id, since) > most:
                        conn.execute(delete(comments).where(comments.c.id == new_id))
                        return None
        comment.id = new_id
        return comment

    def _count_since(self, conn: Connection, user_id: int, since: datetime) -> int:
        query = select(func.count()).where(
            comments.c.user_id == user_id, comments.c.created_at >= since
        )
        return conn.execute(query).scalar_one()

    def count_comments_since(self, user_id: int, since: datetime) -> int:
        """How many comments this author posted since `since` (deleted ones too)."""
        with self.transaction() as conn:
            return self._count_since(conn, user_id, since)

    def recent_comments_of(self, user_id: int, since: datetime, limit: int = 50) -> list[Comment]:
        """The author's comments since `since` that still have their text, newest first."""
        query = (
            _with_author()
            .where(comments.c.user_id == user_id, comments.c.created_at >= since)
            .where(comments.c.deleted_at.is_(None))
            .order_by(comments.c.created_at.desc(), comments.c.id.desc())
            .limit(limit)
        )
        with self.transaction() as conn:
            return [_comment(r) for r in conn.execute(query)]

    def get_comment(self, comment_id: int) -> Comment:
        with self.transaction() as conn:
            row = conn.execute(_with_author().where(comments.c.id == comment_id)).first()
        if row is None:
            raise NotFound(f"no comment {comment_id}")
        return _comment(row)

    def comments_on(self, kind: TargetKind, target_id: str) -> list[Comment]:
        """Every comment on an article or story, whatever its state, oldest first."""
        query = (
            _with_author()
            .where(comments.c.target_kind == kind.value, comments.c.target_id == target_id)
            .order_by(comments.c.created_at, comments.c.id)
        )
        with self.transaction() as conn:
            return [_comment(r) for r in conn.execute(query)]

    def change_comment(
        self,
        comment_id: int,
        user_id: int,
        text: str,
        status: CommentStatus,
        score: float,
        reasons: list[str],
        now: datetime,
    ) -> Comment:
        """Its author's new text for a comment, with the moderation of that text."""
        with self.transaction() as conn:
            done = conn.execute(
                update(comments)
                .where(comments.c.id == comment_id, comments.c.user_id == user_id)
                .where(comments.c.deleted_at.is_(None))
                .values(text=text, status=status.value, score=score, reasons=reasons, edited_at=now)
            )
            if done.rowcount == 0:
                raise NotFound(f"no comment {comment_id} of this account to edit")
            return self.get_comment(comment_id)

    def delete_comment(self, comment_id: int, user_id: int, now: datetime) -> None:
        """Its author deletes a comment: the text goes, the row stays for the thread's sake."""
        with self.transaction() as conn:
            done = conn.execute(
                update(comments)
                .where(comments.c.id == comment_id, comments.c.user_id == user_id)
                .where(comments.c.deleted_at.is_(None))
                .values(text="", deleted_at=now)
            )
        if done.rowcount == 0:
            raise NotFound(f"no comment {comment_id} of this account to delete")

    def set_comment_status(
        self, comment_id: int, status: CommentStatus, reasons: list[str]
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                update(comments)
                .where(comments.c.id == comment_id)
                .values(status=status.value, reasons=reasons)
            )

    # Reports -------------------------------------------------------------------------------

    def add_report(self, report: CommentReport) -> tuple[CommentReport, bool]:
        """(the report, True) when new; (the reader's earlier open report, False) when they
        reported this comment already and no editor has decided since."""
        with self.transaction() as conn:
            row = conn.execute(
                select(comment_reports).where(
                    comment_reports.c.comment_id == report.comment_id,
                    comment_reports.c.user_id == report.user_id,
                )
            ).first()
            if row is not None and row.resolved_at is None:
                report.id, report.reason, report.created_at = row.id, row.reason, row.created_at
                return report, False
            values = {"reason": report.reason, "created_at": report.created_at}
            if row is not None:  # reported again after an editor decided: a new report
                conn.execute(
                    update(comment_reports)
                    .where(comment_reports.c.id == row.id)
                    .values(resolved_at=None, **values)
                )
                report.id = row.id
            else:
                values |= {"comment_id": report.comment_id, "user_id": report.user_id}
                report.id = conn.execute(insert(comment_reports), values).inserted_primary_key[0]
        return report, True

    def open_reports(self, comment_ids: Iterable[int]) -> dict[int, list[CommentReport]]:
        """{comment id: its unresolved reports, oldest first} for these comments."""
        ids = list(dict.fromkeys(comment_ids))
        if not ids:
            return {}
        query = (
            select(comment_reports, users.c.name.label("reporter"))
            .join(users, users.c.id == comment_reports.c.user_id)
            .where(comment_reports.c.comment_id.in_(ids))
            .where(comment_reports.c.resolved_at.is_(None))
            .order_by(comment_reports.c.created_at, comment_reports.c.id)
        )
        found: dict[int, list[CommentReport]] = {}
        with self.transaction() as conn:
            for r in conn.execute(query):
                found.setdefault(r.comment_id, []).append(
                    CommentReport(
                        comment_id=r.comment_id,
                        user_id=r.user_id,
                        reason=r.reason,
                        id=r.id,
                        created_at=r.created_at,
                        resolved_at=r.resolved_at,
                        reporter=r.reporter,
                    )
                )
        return found

    # Moderation ----------------------------------------------------------------------------

    def moderation_queue(self, limit: int = 100, offset: int = 0) -> list[Comment]:
        """Held comments and reported ones no editor has decided on, oldest first."""
        query = (
            _with_author()
            .where(_in_queue)
            .order_by(comments.c.created_at, comments.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.transaction() as conn:
            return [_comment(r) for r in conn.execute(query)]

    def count_moderation_queue(self) -> int:
        with self.transaction() as conn:
            return conn.execute(
                select(func.count()).select_from(comments).where(_in_queue)
            ).scalar_one()

    def record_decision(
        self, decision: ModerationDecision, status: CommentStatus
    ) -> ModerationDecision:
        """Keep an editor's decision, give the comment its new status, and resolve its open
        reports, in one transaction."""
        with self.transaction() as conn:
            found = conn.execute(
                update(comments)
                .where(comments.c.id == decision.comment_id)
                .values(status=status.value)
            )
            if found.rowcount == 0:
                raise NotFound(f"no comment {decision.comment_id}")
            conn.execute(
                update(comment_reports)
                .where(comment_reports.c.comment_id == decision.comment_id)
                .where(comment_reports.c.resolved_at.is_(None))
                .values(resolved_at=decision.decided_at)
            )
            values = {
                "comment_id": decision.comment_id,
                "decision": decision.decision.value,
                "reason": decision.reason,
                "decided_by": decision.decided_by,
                "decider": decision.decider,
                "decided_at": decision.decided_at,
            }
            decision.id = conn.execute(insert(comment_decisions), values).inserted_primary_key[0]
        return decision

    def decisions_on(self, comment_ids: Iterable[int]) -> dict[int, list[ModerationDecision]]:
        """{comment id: every decision taken on it, oldest first}."""
        ids = list(dict.fromkeys(comment_ids))
        if not ids:
            return {}
        query = (
            select(comment_decisions)
            .where(comment_decisions.c.comment_id.in_(ids))
            .order_by(comment_decisions.c.decided_at, comment_decisions.c.id)
        )
        found: dict[int, list[ModerationDecision]] = {}
        with self.transaction() as conn:
            for r in conn.execute(query):
                found.setdefault(r.comment_id, []).append(_decision(r))
        return found

    def recent_decisions(self, limit: int = 20) -> list[ModerationDecision]:
        query = (
            select(comment_decisions)
            .order_by(comment_decisions.c.decided_at.desc(), comment_decisions.c.id.desc())
            .limit(limit)
        )
        with self.transaction() as conn:
            return [_decision(r) for r in conn.execute(query)]
