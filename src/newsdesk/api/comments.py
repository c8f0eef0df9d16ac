"""The JSON API for comments and their moderation.

    GET    /api/comments?article=ID | ?story=ID   the thread, as the caller may see it (reading)
    GET    /api/comments/{id}                     one comment (reading)
    POST   /api/comments  {"article"|"story", "text", "parent_id"?}   an account
    PATCH  /api/comments/{id}  {"text"}            its author
    DELETE /api/comments/{id}                      its author
    POST   /api/comments/{id}/reports  {"reason"}  an account
    GET    /api/moderation                         editors: the queue and recent decisions
    POST   /api/moderation/{id}  {"decision": "approve"|"reject", "reason"}   editors

A held comment is answered with "status": "held" to its author and to editors; anyone else is
told there is no such comment. Editors also get each comment's moderation score and reasons.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from newsdesk import comments
from newsdesk.access import As, CanRead, Signed, ViewerDep
from newsdesk.errors import NotFound
from newsdesk.http import ApiError, StoreDep, error_body, json_response
from newsdesk.model.accounts import Role, User
from newsdesk.model.comments import (
    Comment,
    CommentReport,
    Decision,
    ModerationDecision,
    TargetKind,
)

router = APIRouter(prefix="/api")

CommentId = Annotated[int, Path(ge=1, le=2_147_483_647, description="A comment id.")]
Editor = Annotated[User, As(Role.EDITOR)]
MAX_BODY_TEXT = 50_000  # the rule (5,000 characters) answers with its own message below this


class NewComment(BaseModel):
    article: str | None = Field(None, min_length=1, max_length=64, description="An article id.")
    story: int | None = Field(None, ge=0, le=2_147_483_647, description="A story id.")
    text: str = Field(max_length=MAX_BODY_TEXT, description="Plain text, stored as sent.")
    parent_id: int | None = Field(None, ge=1, le=2_147_483_647, description="Replying to.")


class CommentChange(BaseModel):
    text: str = Field(max_length=MAX_BODY_TEXT)


class NewReport(BaseModel):
    reason: str = Field(max_length=2000, description="Why an editor should look at it.")


class NewDecision(BaseModel):
    decision: Literal["approve", "reject"]
    reason: str = Field(max_length=2000, description="Kept with who decided and when.")


def comment_json(comment: Comment, viewer: User | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": comment.id,
        "target": {"kind": comment.target_kind.value, "id": comment.target_id},
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "author": comment.author,
        "text": comment.text,
        "created_at": comment.created_at.isoformat(),
        "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
        "status": comment.status.value,
        "mine": viewer is not None and viewer.id == comment.user_id,
    }
    if comments.is_editor(viewer):
        data |= {"score": comment.score, "reasons": comment.reasons}
    return data


def node_json(node: comments.Node, viewer: User | None) -> dict[str, Any]:
    replies = [node_json(r, viewer) for r in node.replies]
    if node.shown:
        return comment_json(node.comment, viewer) | {"replies": replies}
    gone = node.comment
    return {"id": gone.id, "parent_id": gone.parent_id, "depth": gone.depth} | {
        "placeholder": node.placeholder,
        "text": None,
        "author": None,
        "replies": replies,
    }


def report_json(report: CommentReport) -> dict[str, Any]:
    return {
        "reporter": report.reporter,
        "reason": report.reason,
        "created_at": report.created_at.isoformat(),
    }


def decision_json(decision: ModerationDecision) -> dict[str, Any]:
    return {
        "comment_id": decision.comment_id,
        "decision": decision.decision.value,
        "reason": decision.reason,
        "decider": decision.decider,
        "decided_at": decision.decided_at.isoformat(),
    }


def refused(error: comments.CommentError) -> Response:
    """403 for someone else's comment, 429 over the rate limit, 400 for the rest."""
    if isinstance(error, comments.NotYours):
        raise ApiError(403, "forbidden", str(error))
    if error.retry_after:
        return JSONResponse(
            error_body("rate_limited", str(error)),
            status_code=429,
            headers={"Retry-After": str(error.retry_after)},
        )
    raise ApiError(400, "invalid_request", str(error))


@router.get("/comments", dependencies=[CanRead], summary="The comments on an article or story")
def list_comments(
    request: Request,
    store: StoreDep,
    me: ViewerDep,
    article: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    story: Annotated[int | None, Query(ge=0, le=2_147_483_647)] = None,
) -> Response:
    kind, given = _target(article, story)
    target = comments.target_of(store, kind, given)
    nodes = comments.thread(store, kind, target, me)
    data = {
        "target": {"kind": kind.value, "id": target},
        "count": comments.count_shown(nodes),
        "items": [node_json(n, me) for n in nodes],
    }
    return json_response(request, data)


def _target(article: str | None, story: int | None) -> tuple[TargetKind, str]:
    if (article is None) == (story is None):
        raise ApiError(400, "invalid_parameter", "give exactly one of `article` and `story`")
    if article is not None:
        return TargetKind.ARTICLE, article
    return TargetKind.STORY, str(story)


@router.get("/comments/{comment_id}", dependencies=[CanRead], summary="One comment")
def get_comment(
    request: Request, store: StoreDep, me: ViewerDep, comment_id: CommentId
) -> Response:
    found = store.get_comment(comment_id)
    if not comments.can_see(found, me):
        raise NotFound(f"no comment {comment_id}")
    return json_response(request, comment_json(found, me))


@router.post("/comments", status_code=201, summary="Comment on an article or story, or reply")
def post_comment(request: Request, store: StoreDep, me: Signed, body: NewComment) -> Response:
    kind, given = _target(body.article, body.story)
    try:
        made = comments.post(store, me, kind, given, body.text, body.parent_id)
    except comments.CommentError as error:
        return refused(error)
    return json_response(request, comment_json(made, me), 201)


@router.patch("/comments/{comment_id}", summary="Edit one's own comment")
def edit_comment(
    request: Request, store: StoreDep, me: Signed, comment_id: CommentId, body: CommentChange
) -> Response:
    try:
        changed = comments.edit(store, me, comment_id, body.text)
    except comments.CommentError as error:
        return refused(error)
    return json_response(request, comment_json(changed, me))


@router.delete("/comments/{comment_id}", summary="Delete one's own comment")
def delete_comment(
    request: Request, store: StoreDep, me: Signed, comment_id: CommentId
) -> Response:
    try:
        comments.delete(store, me, comment_id)
    except comments.CommentError as error:
        return refused(error)
    return json_response(request, {"id": comment_id, "deleted": True})


@router.post(
    "/comments/{comment_id}/reports", status_code=201, summary="Report a comment to the editors"
)
def report_comment(
    request: Request, store: StoreDep, me: Signed, comment_id: CommentId, body: NewReport
) -> Response:
    try:
        filed, new = comments.report(store, me, comment_id, body.reason)
    except comments.CommentError as error:
        return refused(error)
    return json_response(request, report_json(filed) | {"new": new}, 201 if new else 200)


@router.get("/moderation", summary="Editors: held and reported comments, recent decisions")
def moderation_queue(
    request: Request,
    store: StoreDep,
    me: Editor,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Response:
    items = [
        comment_json(item.comment, me)
        | {
            "target_title": item.target_title,
            "reports": [report_json(r) for r in item.reports],
            "decisions": [decision_json(d) for d in item.decisions],
        }
        for item in comments.queue(store, limit, offset)
    ]
    data = {
        "total": store.count_moderation_queue(),
        "items": items,
        "recent_decisions": [decision_json(d) for d in store.recent_decisions(30)],
    }
    return json_response(request, data)


@router.post("/moderation/{comment_id}", summary="Editors: approve or reject a comment")
def decide_comment(
    request: Request, store: StoreDep, me: Editor, comment_id: CommentId, body: NewDecision
) -> Response:
    chosen = Decision.APPROVED if body.decision == "approve" else Decision.REJECTED
    try:
        made = comments.decide(store, me, comment_id, chosen, body.reason)
    except comments.CommentError as error:
        return refused(error)
    found = store.get_comment(comment_id)
    return json_response(request, decision_json(made) | {"comment": comment_json(found, me)})
