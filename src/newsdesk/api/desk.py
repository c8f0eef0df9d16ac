"""The JSON API over a reader's own desk (an account's token or session; the operator token has
no desk). The same rules as the reader's pages: newsdesk.desk decides, this only translates.

    GET/POST /api/desk/follows        PATCH/DELETE /api/desk/follows/{id}
    GET /api/desk/follows/{id}/articles                 GET /api/desk/new
    GET/PUT /api/desk/articles/{id}   (read, saved)     GET /api/desk/saved
    GET/POST /api/desk/mutes          DELETE /api/desk/mutes/{id}
    GET/POST /api/desk/highlights     DELETE /api/desk/highlights/{id}
    GET /api/desk/alerts              POST /api/desk/alerts/seen
    GET/PUT /api/desk/mail
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from newsdesk import desk
from newsdesk.access import Signed
from newsdesk.desk import highlights as marks
from newsdesk.desk.follows import arrived, follow_of, latest, look, now
from newsdesk.desk.mail import check_address
from newsdesk.desk.muting import muting_for, new_mute
from newsdesk.http import StoreDep, json_response
from newsdesk.model.accounts import Follow, Mute, User
from newsdesk.store import Store
from newsdesk.store.highlights import Alert, Highlight, MailSettings
from newsdesk.views import article_summary

router = APIRouter(prefix="/api/desk", tags=["desk"])
ItemId = Annotated[int, Path(ge=0, le=2_147_483_647)]
ArticleId = Annotated[str, Path(min_length=6, max_length=16, description="An article id.")]


class NewFollow(BaseModel):
    kind: str = Field(max_length=16, description="source, entity, story, storyline or search")
    target: str = Field(max_length=1000, description="An id; for a search, its words or query")
    alert: bool = False


class FollowChange(BaseModel):
    alert: bool | None = None
    looked: bool = Field(False, description="true: what arrived so far is no longer new")


class StateChange(BaseModel):
    read: bool | None = None
    saved: bool | None = None


class NewMute(BaseModel):
    kind: str = Field(max_length=16, description="word, source (a publisher) or entity")
    value: str = Field(max_length=200)


class NewHighlight(BaseModel):
    article_id: str = Field(min_length=6, max_length=16)
    paragraph: int = Field(ge=0, le=100_000, description="Index among the article's paragraphs")
    quote: str = Field("", max_length=marks.MAX_QUOTE)
    note: str = Field("", max_length=marks.MAX_NOTE)


class MailChange(BaseModel):
    address: str = Field("", max_length=254)
    alerts: bool = True
    digest: bool = False


def _id(me: User) -> int:
    assert me.id is not None  # Signed: an account with a desk
    return me.id


def follow_json(follow: Follow, new: int | str | None = None) -> dict[str, Any]:
    data = {
        "id": follow.id,
        "kind": follow.kind.value,
        "target": follow.target,
        "label": follow.label,
        "alert": follow.alert,
        "created_at": follow.created_at.isoformat(),
        "last_looked_at": follow.last_looked_at.isoformat(),
        "page": desk.follow_href(follow),
        "articles_href": f"/api/desk/follows/{follow.id}/articles",
    }
    return data | ({"new": new} if new is not None else {})


def _count(news: desk.FollowNews) -> int | str:
    return news.count if news.more else len(news.new)


@router.get("/follows", summary="What the reader follows, with how many new since last looked")
def list_follows(request: Request, me: Signed, store: StoreDep) -> Response:
    news = desk.news(store, _id(me), muting_for(store, me))
    return json_response(request, {"items": [follow_json(n.follow, _count(n)) for n in news]})


@router.post(
    "/follows", status_code=201, summary="Follow a source, entity, story, storyline or search"
)
def add_follow(request: Request, me: Signed, store: StoreDep, body: NewFollow) -> Response:
    made = store.add_follow(desk.new_follow(store, _id(me), body.kind, body.target, body.alert))
    return json_response(request, follow_json(made), status=201)


@router.patch("/follows/{follow_id}", summary="Alerts on or off; mark what arrived as looked at")
def change_follow(
    request: Request, me: Signed, store: StoreDep, follow_id: ItemId, body: FollowChange
) -> Response:
    chosen = follow_of(store, _id(me), follow_id)
    if body.alert is not None:
        chosen.alert = body.alert
        store.update_follow(chosen)
    if body.looked:
        look(store, chosen)
    return json_response(request, follow_json(chosen))


@router.delete("/follows/{follow_id}", status_code=204, summary="Unfollow")
def remove_follow(me: Signed, store: StoreDep, follow_id: ItemId) -> Response:
    store.remove_follow(_id(me), follow_id)
    return Response(status_code=204)


@router.get("/follows/{follow_id}/articles", summary="A follow's latest articles, new ones marked")
def follow_articles(
    request: Request,
    me: Signed,
    store: StoreDep,
    follow_id: ItemId,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    new_only: bool = False,
) -> Response:
    """Reading this does not move the follow's mark: PATCH it with {"looked": true}."""
    chosen = follow_of(store, _id(me), follow_id)
    muting = muting_for(store, me)
    new, more = arrived(store, chosen, chosen.last_looked_at, muting, limit)
    shown = new if new_only else latest(store, chosen, muting, limit)
    fresh = {s.id for s in new}
    items = [article_summary(s) | {"new": s.id in fresh} for s in shown]
    return json_response(request, {"follow": follow_json(chosen), "items": items, "more_new": more})


@router.get("/new", summary="Per follow, what arrived since the reader last looked")
def new_articles(request: Request, me: Signed, store: StoreDep) -> Response:
    news = desk.news(store, _id(me), muting_for(store, me))
    items = [
        follow_json(n.follow, _count(n)) | {"articles": [article_summary(s) for s in n.new]}
        for n in news
        if n.new
    ]
    return json_response(request, {"items": items})


def _state(store: Store, user_id: int, article_id: str) -> dict[str, Any]:
    read_at, saved_at = store.article_states_of(user_id, [article_id]).get(article_id, (None, None))
    return {
        "id": article_id,
        "read": read_at is not None,
        "read_at": read_at.isoformat() if read_at else None,
        "saved": saved_at is not None,
        "saved_at": saved_at.isoformat() if saved_at else None,
    }


@router.get("/articles/{article_id}", summary="The reader's read and saved state of an article")
def article_state(request: Request, me: Signed, store: StoreDep, article_id: ArticleId) -> Response:
    stored = store.get_article(article_id)
    return json_response(request, _state(store, _id(me), stored.id))


@router.put("/articles/{article_id}", summary="Mark an article read or unread, saved or not")
def set_article_state(
    request: Request, me: Signed, store: StoreDep, article_id: ArticleId, body: StateChange
) -> Response:
    stored = store.get_article(article_id)
    store.set_article_state(_id(me), [stored.id], read=body.read, saved=body.saved, now=now())
    return json_response(request, _state(store, _id(me), stored.id))


@router.get("/saved", summary="Saved articles, the latest saved first")
def saved(request: Request, me: Signed, store: StoreDep) -> Response:
    ids = store.saved_article_ids(_id(me))
    found = store.get_articles(ids)
    return json_response(request, {"items": [article_summary(found[i]) for i in ids if i in found]})


def mute_json(mute: Mute) -> dict[str, Any]:
    return {"id": mute.id, "kind": mute.kind.value, "value": mute.value}


@router.get("/mutes", summary="Muted words, publishers and entities")
def list_mutes(request: Request, me: Signed, store: StoreDep) -> Response:
    return json_response(request, {"items": [mute_json(m) for m in store.mutes_of(_id(me))]})


@router.post("/mutes", status_code=201, summary="Mute a word, a publisher or an entity")
def add_mute(request: Request, me: Signed, store: StoreDep, body: NewMute) -> Response:
    made = store.add_mute(new_mute(store, _id(me), body.kind, body.value))
    return json_response(request, mute_json(made), status=201)


@router.delete("/mutes/{mute_id}", status_code=204, summary="Unmute")
def remove_mute(me: Signed, store: StoreDep, mute_id: ItemId) -> Response:
    store.remove_mute(_id(me), mute_id)
    return Response(status_code=204)


def highlight_json(highlight: Highlight) -> dict[str, Any]:
    anchor = marks.anchor(highlight.paragraph)
    return {
        "id": highlight.id,
        "article_id": highlight.article_id,
        "paragraph": highlight.paragraph,
        "quote": highlight.quote,
        "note": highlight.note,
        "created_at": highlight.created_at.isoformat(),
        "page": f"/articles/{highlight.article_id}#{anchor}",
    }


@router.get("/highlights", summary="Highlights and notes, newest first")
def list_highlights(request: Request, me: Signed, store: StoreDep) -> Response:
    found = store.highlights_of(_id(me))
    return json_response(request, {"items": [highlight_json(h) for h in found]})


@router.post("/highlights", status_code=201, summary="Highlight a paragraph (or words in it)")
def add_highlight(request: Request, me: Signed, store: StoreDep, body: NewHighlight) -> Response:
    made = marks.add_highlight(
        store, _id(me), body.article_id, body.paragraph, body.quote, body.note
    )
    return json_response(request, highlight_json(made), status=201)


@router.delete("/highlights/{highlight_id}", status_code=204, summary="Remove a highlight")
def remove_highlight(me: Signed, store: StoreDep, highlight_id: ItemId) -> Response:
    store.remove_highlight(_id(me), highlight_id)
    return Response(status_code=204)


def alert_json(alert: Alert, label: str) -> dict[str, Any]:
    return {
        "id": alert.id,
        "follow_id": alert.follow_id,
        "follow": label,
        "article_id": alert.article_id,
        "created_at": alert.created_at.isoformat(),
        "seen": alert.seen_at is not None,
        "mailed": alert.mailed,
        "href": f"/api/articles/{alert.article_id}",
    }


@router.get("/alerts", summary="Alerts raised for follows with alerts on, newest first")
def list_alerts(request: Request, me: Signed, store: StoreDep) -> Response:
    items = [alert_json(a, label) for a, label in store.alerts_of(_id(me))]
    unseen = store.unseen_alert_count(_id(me))
    return json_response(request, {"items": items, "unseen": unseen})


@router.post("/alerts/seen", status_code=204, summary="Mark every alert seen")
def alerts_seen(me: Signed, store: StoreDep) -> Response:
    store.mark_alerts_seen(_id(me), now())
    return Response(status_code=204)


def mail_json(settings: MailSettings | None) -> dict[str, Any]:
    if settings is None:
        return {"address": "", "alerts": True, "digest": False}
    return {"address": settings.address, "alerts": settings.alerts, "digest": settings.digest}


@router.get("/mail", summary="Where and what the reader is mailed")
def get_mail(request: Request, me: Signed, store: StoreDep) -> Response:
    return json_response(request, mail_json(store.mail_settings_of(_id(me))))


@router.put("/mail", summary="Set the mail address, alerts by mail and the daily digest")
def set_mail(request: Request, me: Signed, store: StoreDep, body: MailChange) -> Response:
    settings = MailSettings(_id(me), check_address(body.address), body.alerts, body.digest)
    store.set_mail_settings(settings)
    return json_response(request, mail_json(settings))
