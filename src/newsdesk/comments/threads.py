"""What a viewer sees of the comments on an article or story (a tree of replies), and what
editors see in the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.comments.rules import can_see
from newsdesk.model.accounts import User
from newsdesk.model.comments import (
    Comment,
    CommentReport,
    CommentStatus,
    ModerationDecision,
    TargetKind,
)
from newsdesk.store import Store


@dataclass
class Node:
    comment: Comment
    shown: bool  # the viewer may read its text; otherwise it stands in for its replies
    replies: list[Node] = field(default_factory=list)

    @property
    def placeholder(self) -> str:
        """What stands in for a comment the viewer cannot read: "deleted" or "not shown"."""
        if self.shown:
            return ""
        return "deleted" if self.comment.deleted else "not shown"

    @property
    def awaiting_review(self) -> bool:
        return self.shown and self.comment.status == CommentStatus.HELD

    @property
    def rejected(self) -> bool:
        return self.shown and self.comment.status == CommentStatus.REJECTED


def thread(store: Store, kind: TargetKind, target_id: str, viewer: User | None) -> list[Node]:
    """The comments this viewer sees, as trees, oldest first at every level. A comment the
    viewer cannot read (deleted, held, rejected) is kept, without its text or author, only
    when a reply under it is shown."""
    children: dict[int | None, list[Comment]] = {}
    for comment in store.comments_on(kind, target_id):
        children.setdefault(comment.parent_id, []).append(comment)

    def grow(parent_id: int | None) -> list[Node]:
        nodes = []
        for comment in children.get(parent_id, []):
            assert comment.id is not None
            node = Node(comment, can_see(comment, viewer), grow(comment.id))
            if node.shown or node.replies:
                nodes.append(node)
        return nodes

    return grow(None)


def count_shown(nodes: list[Node]) -> int:
    return sum(node.shown + count_shown(node.replies) for node in nodes)


def shown_ids(nodes: list[Node]) -> list[int]:
    """The ids of the comments shown with their text, at every depth."""
    found = []
    for node in nodes:
        if node.shown and node.comment.id is not None:
            found.append(node.comment.id)
        found += shown_ids(node.replies)
    return found


@dataclass
class QueueItem:
    comment: Comment
    target_title: str
    reports: list[CommentReport]
    decisions: list[ModerationDecision]


def queue(store: Store, limit: int = 100, offset: int = 0) -> list[QueueItem]:
    """Held and reported comments, oldest first, with their reports, earlier decisions and
    the title of what they comment on."""
    waiting = store.moderation_queue(limit, offset)
    ids = [c.id for c in waiting if c.id is not None]
    reports = store.open_reports(ids)
    decisions = store.decisions_on(ids)
    articles = store.get_articles(
        c.target_id for c in waiting if c.target_kind == TargetKind.ARTICLE
    )
    items = []
    for comment in waiting:
        if comment.target_kind == TargetKind.ARTICLE:
            found = articles.get(comment.target_id)
            title = found.article.title if found else f"article {comment.target_id}"
        else:
            story = store.get_story(int(comment.target_id))
            title = story.title if story else f"story {comment.target_id}"
        assert comment.id is not None
        items.append(
            QueueItem(comment, title, reports.get(comment.id, []), decisions.get(comment.id, []))
        )
    return items
