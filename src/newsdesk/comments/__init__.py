"""Comments on articles and stories: threads, editing and deleting one's own, reports, and
moderation that runs offline (a classifier and word lists, plus rules), with a queue that
editors approve or reject from, every decision kept with who, when and why.

    comment = comments.post(store, user, TargetKind.ARTICLE, article_id, text)
    comment.status      # published, or held for an editor (comment.reasons says why)
    comments.thread(store, TargetKind.ARTICLE, article_id, viewer)   # what a viewer sees
    comments.decide(store, editor, comment.id, Decision.APPROVED, "fair criticism")
"""

from newsdesk.comments.moderation import ModerationSettings, Past, Verdict, moderate
from newsdesk.comments.rules import (
    DEFAULT,
    CommentError,
    CommentSettings,
    NotYours,
    can_see,
    check_text,
    decide,
    delete,
    edit,
    is_editor,
    post,
    report,
    target_of,
)
from newsdesk.comments.threads import (
    Node,
    QueueItem,
    count_shown,
    queue,
    shown_ids,
    thread,
)

__all__ = [
    "DEFAULT",
    "CommentError",
    "CommentSettings",
    "ModerationSettings",
    "Node",
    "NotYours",
    "Past",
    "QueueItem",
    "Verdict",
    "can_see",
    "check_text",
    "count_shown",
    "decide",
    "delete",
    "edit",
    "is_editor",
    "moderate",
    "post",
    "queue",
    "report",
    "shown_ids",
    "target_of",
    "thread",
]
