"""The rules of comments: who may post, edit, delete, report and decide on what; the limits of
length, depth and rate; what each viewer sees of a thread.

Every new or edited text is moderated (moderation.py). A held comment is shown to its author
(marked awaiting review) and to editors, to nobody else, until an editor approves it. Reports
put a comment in the editors' queue; enough readers reporting one holds it meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from newsdesk.comments.moderation import ModerationSettings, moderate
from newsdesk.errors import NewsdeskError, NotFound
from newsdesk.model.accounts import Role, User
from newsdesk.model.comments import (
    Comment,
    CommentReport,
    CommentStatus,
    Decision,
    ModerationDecision,
    TargetKind,
)
from newsdesk.store import Store


class CommentError(NewsdeskError):
    """A comment, edit, report or decision was refused; the message says why."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotYours(CommentError):
    """Someone tried to change a comment that is not theirs (or decide without the role)."""


@dataclass(frozen=True)
class CommentSettings:
    max_length: int = 5000  # characters
    per_minute: int = 5  # comments an account may post, counted in the store
    per_day: int = 50
    max_depth: int = 5  # a reply to a comment this deep joins that comment's own parent
    max_reason: int = 500  # characters of a report's or a decision's reason
    hide_after_reports: int = 3  # readers reporting a published comment hold it for review
    moderation: ModerationSettings = field(default_factory=ModerationSettings)


DEFAULT = CommentSettings()
RECENT = timedelta(days=1)  # the earlier comments moderation compares a new one with


def now() -> datetime:
    return datetime.now(UTC)


def is_editor(user: User | None) -> bool:
    return user is not None and user.role.allows(Role.EDITOR)


def can_see(comment: Comment, viewer: User | None) -> bool:
    """Whether this viewer may read the comment's text."""
    if comment.deleted:
        return False
    if comment.status == CommentStatus.PUBLISHED:
        return True
    return viewer is not None and (viewer.id == comment.user_id or is_editor(viewer))


def check_text(text: str, settings: CommentSettings = DEFAULT) -> None:
    if not text.strip():
        raise CommentError("a comment needs some text")
    if len(text) > settings.max_length:
        raise CommentError(
            f"a comment may have at most {settings.max_length:,} characters "
            f"(this one has {len(text):,})"
        )
    if "\x00" in text:
        raise CommentError("a comment cannot contain a NUL character")


def _reason(reason: str, settings: CommentSettings, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise CommentError(f"{what} needs a reason")
    if len(reason) > settings.max_reason:
        raise CommentError(f"a reason may have at most {settings.max_reason} characters")
    return reason


def _account(user: User) -> int:
    if user.id is None:
        raise NotYours("the operator token has no account to comment as: use an account's token")
    return user.id


def target_of(store: Store, kind: TargetKind, target_id: str) -> str:
    """The stored id of the article or story commented on; NotFound when there is none."""
    if kind == TargetKind.ARTICLE:
        return store.get_article(target_id).id
    if not target_id.isdigit() or store.get_story(int(target_id)) is None:
        raise NotFound(f"no story {target_id}")
    return str(int(target_id))


def post(
    store: Store,
    user: User,
    kind: TargetKind,
    target_id: str,
    text: str,
    parent_id: int | None = None,
    settings: CommentSettings = DEFAULT,
    at: datetime | None = None,
) -> Comment:
    """A new comment (or reply), moderated and stored; CommentError when refused."""
    user_id = _account(user)
    moment = at or now()
    check_text(text, settings)
    target = target_of(store, kind, target_id)
    parent, depth = None, 0
    if parent_id is not None:
        parent, depth = _parent(store, user, kind, target, parent_id, settings)
    verdict = moderate(
        text, store.recent_comments_of(user_id, moment - RECENT), settings.moderation, moment
    )
    comment = Comment(
        target_kind=kind,
        target_id=target,
        user_id=user_id,
        text=text,
        parent_id=parent,
        depth=depth,
        created_at=moment,
        status=CommentStatus.HELD if verdict.held else CommentStatus.PUBLISHED,
        score=verdict.score,
        reasons=verdict.reasons,
        author=user.name,
    )
    limits = [
        (moment - timedelta(minutes=1), settings.per_minute),
        (moment - timedelta(days=1), settings.per_day),
    ]
    stored = store.add_comment(comment, limits)
    if stored is None:
        last_minute = store.count_comments_since(user_id, moment - timedelta(minutes=1))
        if last_minute >= settings.per_minute:
            raise CommentError(
                f"you have posted {settings.per_minute} comments in the last minute: wait a minute",
                retry_after=60,
            )
        raise CommentError(
            f"you have posted {settings.per_day} comments in the last day: try again tomorrow",
            retry_after=3600,
        )
    return stored


def _parent(
    store: Store,
    user: User,
    kind: TargetKind,
    target: str,
    parent_id: int,
    settings: CommentSettings,
) -> tuple[int, int]:
    """(the comment a reply hangs under, the reply's depth): past the depth cap a reply joins
    the list its parent is in, so threads stay readable."""
    parent = store.get_comment(parent_id)
    if (parent.target_kind, parent.target_id) != (kind, target) or not can_see(parent, user):
        raise NotFound(f"no comment {parent_id} here to reply to")
    if parent.status != CommentStatus.PUBLISHED:
        raise CommentError(
            "that comment is not published: replies wait until an editor approves it"
        )
    if parent.depth >= settings.max_depth and parent.parent_id is not None:
        return parent.parent_id, parent.depth
    return parent_id, parent.depth + 1


def edit(
    store: Store,
    user: User,
    comment_id: int,
    text: str,
    settings: CommentSettings = DEFAULT,
    at: datetime | None = None,
) -> Comment:
    """Its author's new text, moderated again; NotYours for anyone else's comment."""
    user_id = _account(user)
    moment = at or now()
    comment = store.get_comment(comment_id)
    if comment.user_id != user_id:
        raise NotYours("only its author may edit a comment")
    if comment.deleted:
        raise CommentError("this comment was deleted")
    if comment.status == CommentStatus.REJECTED:
        raise CommentError("an editor rejected this comment: it cannot be edited")
    check_text(text, settings)
    earlier = [c for c in store.recent_comments_of(user_id, moment - RECENT) if c.id != comment_id]
    # An edit is not a new post: the posting-rate rule does not apply to it.
    verdict = moderate(text, earlier, replace(settings.moderation, burst=0), moment)
    reported = comment.status == CommentStatus.HELD and bool(
        store.open_reports([comment_id]).get(comment_id)
    )
    held = verdict.held or reported  # an edit does not take a reported comment out of review
    reasons = verdict.reasons or (comment.reasons if reported else [])
    status = CommentStatus.HELD if held else CommentStatus.PUBLISHED
    return store.change_comment(comment_id, user_id, text, status, verdict.score, reasons, moment)


def delete(store: Store, user: User, comment_id: int, at: datetime | None = None) -> None:
    user_id = _account(user)
    comment = store.get_comment(comment_id)
    if comment.user_id != user_id:
        raise NotYours("only its author may delete a comment")
    if comment.deleted:
        return
    store.delete_comment(comment_id, user_id, at or now())


def report(
    store: Store,
    user: User,
    comment_id: int,
    reason: str,
    settings: CommentSettings = DEFAULT,
    at: datetime | None = None,
) -> tuple[CommentReport, bool]:
    """Report a comment to the editors, with a reason: (the report, whether it is new)."""
    user_id = _account(user)
    comment = store.get_comment(comment_id)
    if not can_see(comment, user):
        raise NotFound(f"no comment {comment_id}")
    if comment.user_id == user_id:
        raise CommentError("you cannot report your own comment: edit or delete it instead")
    reason = _reason(reason, settings, "a report")
    filed, new = store.add_report(
        CommentReport(comment_id=comment_id, user_id=user_id, reason=reason, created_at=at or now())
    )
    reporters = len(store.open_reports([comment_id]).get(comment_id, []))
    published = comment.status == CommentStatus.PUBLISHED
    if new and published and reporters >= settings.hide_after_reports:
        reasons = [*comment.reasons, f"reported by {reporters} readers"]
        store.set_comment_status(comment_id, CommentStatus.HELD, reasons)
    return filed, new


def decide(
    store: Store,
    editor: User,
    comment_id: int,
    decision: Decision,
    reason: str,
    settings: CommentSettings = DEFAULT,
    at: datetime | None = None,
) -> ModerationDecision:
    """An editor approves (publishes) or rejects (hides) a comment; the reason is kept with
    who decided and when, and the comment's open reports are resolved."""
    if not is_editor(editor):
        raise NotYours("deciding on comments needs the editor role")
    reason = _reason(reason, settings, "a decision")
    comment = store.get_comment(comment_id)
    if comment.deleted:
        raise CommentError("its author deleted this comment: there is nothing to decide")
    status = CommentStatus.PUBLISHED if decision == Decision.APPROVED else CommentStatus.REJECTED
    made = ModerationDecision(
        comment_id=comment_id,
        decision=decision,
        reason=reason,
        decided_by=editor.id,
        decider=editor.name,
        decided_at=at or now(),
    )
    return store.record_decision(made, status)
