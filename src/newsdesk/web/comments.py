"""Comments on the article and story pages (the `_comments.html` partial), the forms that post,
reply, edit, delete and report, and the editors' moderation queue. Plain forms, no script.

Comment text is shown as typed: escaped, its line breaks kept, http(s) addresses made links
with rel="nofollow ugc noopener" (anything else, `javascript:` included, stays text), and the
result passed through nh3 with only <a href> and <br> allowed, as a second line of defence.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

import nh3
from fastapi import APIRouter, Form, Path
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from newsdesk import comments
from newsdesk.access import As, Signed
from newsdesk.comments.links import find_links, link_target
from newsdesk.model.accounts import Role, User
from newsdesk.model.comments import Comment, Decision, TargetKind
from newsdesk.web.pages import StoreDep, current_store, page, templates
from newsdesk.web.render import safe_link

router = APIRouter(include_in_schema=False)
CommentId = Annotated[int, Path(ge=1, le=2_147_483_647)]
# Bounded well above the rule's 5,000 characters, so the rule (not a 400) says what is wrong.
Text = Annotated[str, Form(max_length=50_000)]
Reason = Annotated[str, Form(max_length=2_000)]
LINK_REL = "nofollow ugc noopener"


def target_href(kind: TargetKind, target_id: str) -> str:
    return f"/{'articles' if kind == TargetKind.ARTICLE else 'stories'}/{quote(target_id)}"


# Rendering ----------------------------------------------------------------------------------


def comment_html(text: str) -> Markup:
    """A comment's text as HTML: escaped, line breaks as <br>, web addresses as links."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    html = Markup("<br>\n").join(_linked(line) for line in lines)
    return Markup(
        nh3.clean(
            str(html),
            tags={"a", "br"},
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )


def _linked(line: str) -> Markup:
    parts, cursor = [], 0
    for start, end in find_links(line):
        address = line[start:end]
        href = safe_link(link_target(address))
        if href is None:
            continue
        parts += [escape(line[cursor:start])]
        parts += [Markup('<a href="%s" rel="%s">%s</a>') % (href, LINK_REL, address)]
        cursor = end
    parts.append(escape(line[cursor:]))
    return Markup("").join(parts)


@pass_context
def comment_thread(context: Context, kind: str, target_id: Any) -> dict[str, Any]:
    """What `_comments.html` shows: the viewer's view of the thread, and what they may do."""
    # The partial reads the comments itself: the article and story pages need not know them.
    store = current_store()
    assert store is not None, "rendered outside a request"
    me: User | None = context.get("me")
    target = TargetKind(kind)
    nodes = comments.thread(store, target, str(target_id), me)
    editor = comments.is_editor(me)
    reported: set[int] = set()
    if me is not None and me.id is not None:
        open_reports = store.open_reports(comments.shown_ids(nodes))
        reported = {
            i for i, found in open_reports.items() if any(r.user_id == me.id for r in found)
        }
    return {
        "kind": target.value,
        "target": str(target_id),
        "href": target_href(target, str(target_id)),
        "nodes": nodes,
        "count": comments.count_shown(nodes),
        "can_post": me is not None and me.id is not None,
        "reported": reported,
        "editor": editor,
        "waiting": store.count_moderation_queue() if editor else 0,
        "max_length": comments.DEFAULT.max_length,
    }


templates.filters["comment_html"] = comment_html
templates.globals["comment_thread"] = comment_thread


# Forms --------------------------------------------------------------------------------------


def _back(comment: Comment) -> RedirectResponse:
    href = target_href(comment.target_kind, comment.target_id)
    return RedirectResponse(f"{href}#comment-{comment.id}", status_code=303)


def _refused(error: comments.CommentError, back: str, retry: dict[str, Any] | None) -> Response:
    status = 403 if isinstance(error, comments.NotYours) else 429 if error.retry_after else 400
    response = page("comment_error.html", status, message=str(error), back=back, retry=retry)
    if error.retry_after:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _typed(text: str) -> str:
    """Browsers send a textarea's line breaks as CRLF; the reader typed plain line breaks."""
    return text.replace("\r\n", "\n")


@router.post("/comments", response_model=None)
def post_comment(
    me: Signed,
    store: StoreDep,
    kind: Annotated[TargetKind, Form()],
    target: Annotated[str, Form(max_length=64)],
    text: Text,
    parent: Annotated[int | None, Form(ge=1, le=2_147_483_647)] = None,
) -> Response:
    typed = _typed(text)
    try:
        made = comments.post(store, me, kind, target, typed, parent)
    except comments.CommentError as error:
        retry = {"action": "/comments", "kind": kind.value, "target": target, "parent": parent}
        return _refused(error, target_href(kind, target), retry | {"text": typed})
    return _back(made)


@router.post("/comments/{comment_id}/edit", response_model=None)
def edit_comment(me: Signed, store: StoreDep, comment_id: CommentId, text: Text) -> Response:
    typed = _typed(text)
    try:
        changed = comments.edit(store, me, comment_id, typed)
    except comments.CommentError as error:
        found = store.get_comment(comment_id)
        retry = {"action": f"/comments/{comment_id}/edit", "text": typed}
        return _refused(error, target_href(found.target_kind, found.target_id), retry)
    return _back(changed)


@router.post("/comments/{comment_id}/delete", response_model=None)
def delete_comment(me: Signed, store: StoreDep, comment_id: CommentId) -> Response:
    found = store.get_comment(comment_id)
    try:
        comments.delete(store, me, comment_id)
    except comments.CommentError as error:
        return _refused(error, target_href(found.target_kind, found.target_id), None)
    return _back(found)


@router.post("/comments/{comment_id}/report", response_model=None)
def report_comment(me: Signed, store: StoreDep, comment_id: CommentId, reason: Reason) -> Response:
    found = store.get_comment(comment_id)
    try:
        comments.report(store, me, comment_id, reason)
    except comments.CommentError as error:
        return _refused(error, target_href(found.target_kind, found.target_id), None)
    return _back(found)


# The moderation queue -----------------------------------------------------------------------


@router.get("/moderation", response_class=HTMLResponse)
def moderation_page(
    store: StoreDep, editor: Annotated[User, As(Role.EDITOR)], done: str = ""
) -> HTMLResponse:
    items = comments.queue(store)
    return page(
        "moderation.html",
        items=items,
        total=store.count_moderation_queue(),
        decisions=store.recent_decisions(30),
        hrefs={
            item.comment.id: target_href(item.comment.target_kind, item.comment.target_id)
            for item in items
        },
        done=done if done in ("approved", "rejected") else "",
    )


@router.post("/moderation/{comment_id}", response_model=None)
def decide_comment(
    store: StoreDep,
    editor: Annotated[User, As(Role.EDITOR)],
    comment_id: CommentId,
    decision: Annotated[str, Form(pattern="^(approve|reject)$")],
    reason: Reason,
) -> Response:
    chosen = Decision.APPROVED if decision == "approve" else Decision.REJECTED
    try:
        comments.decide(store, editor, comment_id, chosen, reason)
    except comments.CommentError as error:
        return _refused(error, "/moderation", None)
    return RedirectResponse(f"/moderation?done={chosen.value}#queue", status_code=303)
