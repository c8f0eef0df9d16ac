"""Readers' comments on articles and stories, the reports readers make about them, and the
decisions editors take on them (who, when, why)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum


class TargetKind(str, Enum):  # noqa: UP042
    ARTICLE = "article"  # target: an article id
    STORY = "story"  # target: a story id (as text)


class CommentStatus(str, Enum):  # noqa: UP042
    PUBLISHED = "published"  # everyone sees it
    HELD = "held"  # awaiting review: only its author and editors see it
    REJECTED = "rejected"  # an editor turned it down: only its author and editors see it


class Decision(str, Enum):  # noqa: UP042
    APPROVED = "approved"
    REJECTED = "rejected"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Comment:
    target_kind: TargetKind
    target_id: str
    user_id: int
    text: str  # exactly as typed (blanked when its author deletes it)
    parent_id: int | None = None
    depth: int = 0  # 0 for a comment on the target, parent's depth + 1 for a reply
    id: int | None = None
    created_at: datetime = field(default_factory=_now)
    edited_at: datetime | None = None
    deleted_at: datetime | None = None
    status: CommentStatus = CommentStatus.PUBLISHED
    score: float = 0.0  # the moderation score of the latest text (0 clean .. 1 abusive)
    reasons: list[str] = field(default_factory=list)  # why it was held, in words
    author: str = ""  # the author's name, filled in by the store when read

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass
class CommentReport:
    """A reader's report that a comment breaks the rules, with the reason they gave."""

    comment_id: int
    user_id: int
    reason: str
    id: int | None = None
    created_at: datetime = field(default_factory=_now)
    resolved_at: datetime | None = None  # an editor decided on the comment since
    reporter: str = ""  # the reporter's name, filled in by the store when read


@dataclass
class ModerationDecision:
    """An editor's approval or rejection of a comment: kept for good, with who, when and why."""

    comment_id: int
    decision: Decision
    reason: str
    decided_by: int | None  # the editor's account; None for the operator's token
    decider: str  # the editor's name as it was then
    id: int | None = None
    decided_at: datetime = field(default_factory=_now)
