"""The reader's own desk: following (with what is new since one last looked), saved articles,
read and unread, mutes, highlights and notes (and their Markdown), alerts and mail settings.
Plain forms with a CSRF token each, answered with a redirect; no script.

Other pages' templates use what is registered at the bottom, for the signed-in reader of the
request being rendered: the `unmuted` filter on any list of articles or hits, `desk_follow`
(is this followed?), `desk_alerts` (unseen alerts), `desk_here` and `paragraph_html`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from newsdesk import desk
from newsdesk.access import Signed, viewer
from newsdesk.desk import highlights as marks
from newsdesk.desk.follows import arrived, follow_of, followed, latest, look, now
from newsdesk.desk.mail import check_address
from newsdesk.desk.muting import Muting, muting_for, new_mute
from newsdesk.http import ApiError
from newsdesk.model import StoredArticle
from newsdesk.model.accounts import MuteKind, User
from newsdesk.store import Store
from newsdesk.store.highlights import MailSettings
from newsdesk.web.account import local_path
from newsdesk.web.pages import StoreDep, current_request, page, templates

router = APIRouter(include_in_schema=False)
Short = Annotated[str, Form(max_length=500)]
Long = Annotated[str, Form(max_length=marks.MAX_NOTE)]
Target = Annotated[str, Form(max_length=2000)]  # a saved search's fields, or an id
Id = Annotated[int, Path(ge=0, le=2_147_483_647)]


def _back(target: str, fallback: str) -> RedirectResponse:
    return RedirectResponse(local_path(target or fallback), status_code=303)


def _id(me: User) -> int:
    assert me.id is not None  # Signed: an account with a desk
    return me.id


# Following --------------------------------------------------------------------------------


@router.get("/desk/following", response_class=HTMLResponse)
def following(me: Signed, store: StoreDep) -> HTMLResponse:
    return page(
        "desk_following.html",
        news=desk.news(store, _id(me), muting_for(store, me)),
        sources=store.list_sources(),
    )


@router.post("/desk/follow")
def follow(
    me: Signed,
    store: StoreDep,
    kind: Short,
    target: Target,
    alert: Short = "",
    next: Short = "",  # noqa: A002 (the form's own name)
) -> RedirectResponse:
    store.add_follow(desk.new_follow(store, _id(me), kind, target, alert=alert == "on"))
    return _back(next, "/desk/following")


@router.post("/desk/follows/{follow_id}/remove")
def unfollow(me: Signed, store: StoreDep, follow_id: Id, next: Short = "") -> RedirectResponse:  # noqa: A002
    store.remove_follow(_id(me), follow_id)
    return _back(next, "/desk/following")


@router.post("/desk/follows/{follow_id}/alert")
def set_alert(
    me: Signed,
    store: StoreDep,
    follow_id: Id,
    alert: Short = "",
    next: Short = "",  # noqa: A002
) -> RedirectResponse:
    chosen = follow_of(store, _id(me), follow_id)
    chosen.alert = alert == "on"
    store.update_follow(chosen)
    return _back(next, "/desk/following")


@router.get("/desk/follows/{follow_id}", response_class=HTMLResponse)
def follow_page(me: Signed, store: StoreDep, follow_id: Id) -> HTMLResponse:
    """What the follow matched, the new since the last look marked; looking moves the mark."""
    chosen = follow_of(store, _id(me), follow_id)
    muting = muting_for(store, me)
    new, more = arrived(store, chosen, chosen.last_looked_at, muting)
    shown = latest(store, chosen, muting, limit=max(50, len(new)))
    looked_before = chosen.last_looked_at
    look(store, chosen)
    return page(
        "desk_follow.html",
        follow=chosen,
        href=desk.follow_href(chosen),
        articles=shown,
        new_ids={s.id for s in new},
        more=more,
        looked_before=looked_before,
        states=_states(store, me, shown),
    )


def _states(store: Store, me: User, shown: list[StoredArticle]) -> dict[str, Any]:
    return store.article_states_of(_id(me), [s.id for s in shown])


# Read, unread, saved ------------------------------------------------------------------------


@router.post("/desk/articles/{article_id}/state")
def set_state(
    me: Signed,
    store: StoreDep,
    article_id: Annotated[str, Path(min_length=6, max_length=16)],
    read: Short = "",
    saved: Short = "",
    next: Short = "",  # noqa: A002
) -> RedirectResponse:
    """read / saved: "1" or "0" (left out: unchanged)."""
    stored = store.get_article(article_id)
    store.set_article_state(
        _id(me),
        [stored.id],
        read={"1": True, "0": False}.get(read),
        saved={"1": True, "0": False}.get(saved),
        now=now(),
    )
    return _back(next, f"/articles/{stored.id}")


@router.get("/desk/saved", response_class=HTMLResponse)
def saved(me: Signed, store: StoreDep) -> HTMLResponse:
    ids = store.saved_article_ids(_id(me))
    found = store.get_articles(ids)
    shown = [found[i] for i in ids if i in found]  # saved stays saved, muted or not
    return page("desk_saved.html", articles=shown, states=_states(store, me, shown))


# Mutes --------------------------------------------------------------------------------------


@router.get("/desk/mutes", response_class=HTMLResponse)
def mutes(me: Signed, store: StoreDep) -> HTMLResponse:
    found = store.mutes_of(_id(me))
    entities = [store.get_entity(m.value) for m in found if m.kind is MuteKind.ENTITY]
    names = {e.id: e.name for e in entities if e is not None}
    return page(
        "desk_mutes.html",
        mutes=found,
        names=names,
        kinds=[k.value for k in MuteKind],
        publishers=[name for name, _, _ in store.source_counts() if name],
    )


@router.post("/desk/mutes")
def mute(
    me: Signed,
    store: StoreDep,
    kind: Short,
    value: Short,
    next: Short = "",  # noqa: A002
) -> RedirectResponse:
    store.add_mute(new_mute(store, _id(me), kind, value))
    return _back(next, "/desk/mutes")


@router.post("/desk/mutes/{mute_id}/remove")
def unmute(me: Signed, store: StoreDep, mute_id: Id, next: Short = "") -> RedirectResponse:  # noqa: A002
    store.remove_mute(_id(me), mute_id)
    return _back(next, "/desk/mutes")


# Highlights and notes -----------------------------------------------------------------------


@router.get("/desk/highlights", response_class=HTMLResponse)
def highlights_page(me: Signed, store: StoreDep) -> HTMLResponse:
    return page("desk_highlights.html", groups=marks.by_article(store, _id(me)))


@router.get("/desk/highlights.md")
def highlights_markdown(request: Request, me: Signed, store: StoreDep) -> Response:
    text = marks.markdown(marks.by_article(store, _id(me)), str(request.base_url), me.name, now())
    return Response(
        text,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="newsdesk-highlights.md"'},
    )


@router.post("/desk/highlights")
def add_highlight(
    me: Signed,
    store: StoreDep,
    article_id: Short,
    paragraph: Annotated[int, Form(ge=1, le=100_000)],
    quote: Long = "",
    note: Long = "",
) -> RedirectResponse:
    """`paragraph` counts from 1, as the article page shows them."""
    made = marks.add_highlight(store, _id(me), article_id, paragraph - 1, quote, note)
    return _back(f"/articles/{made.article_id}#{marks.anchor(made.paragraph)}", "/")


@router.post("/desk/highlights/{highlight_id}/remove")
def remove_highlight(
    me: Signed,
    store: StoreDep,
    highlight_id: Id,
    next: Short = "",  # noqa: A002
) -> RedirectResponse:
    store.remove_highlight(_id(me), highlight_id)
    return _back(next, "/desk/highlights")


# Alerts and mail ----------------------------------------------------------------------------


@router.get("/desk/alerts", response_class=HTMLResponse)
def alerts_page(me: Signed, store: StoreDep) -> HTMLResponse:
    """The reader's alerts, newest first; seeing them clears the masthead's count."""
    found = store.alerts_of(_id(me))  # read before they are marked: the unseen stay marked
    store.mark_alerts_seen(_id(me), now())
    stored = store.get_articles(a.article_id for a, _ in found)
    return page(
        "desk_alerts.html",
        alerts=[(a, label, stored[a.article_id]) for a, label in found if a.article_id in stored],
        mail=store.mail_settings_of(_id(me)),
        alerting=[f for f in store.follows_of(_id(me)) if f.alert],
    )


@router.post("/desk/mail")
def set_mail(
    me: Signed,
    store: StoreDep,
    address: Short = "",
    alerts: Short = "",
    digest: Short = "",
) -> RedirectResponse:
    settings = MailSettings(_id(me), check_address(address), alerts == "on", digest == "on")
    store.set_mail_settings(settings)
    return _back("/desk/alerts?saved=1", "/desk/alerts")


# What the pages around the desk show --------------------------------------------------------


def home_news(store: Store, me: User | None, muting: Muting) -> list[desk.FollowNews] | None:
    """The signed-in reader's follows with something new since the last look (home page)."""
    if me is None or me.id is None:
        return None
    return [n for n in desk.news(store, me.id, muting) if n.new]


def article_desk(store: Store, me: User | None, stored: StoredArticle) -> dict[str, Any] | None:
    """What the article page shows a signed-in reader: opening it marks it read; its saved
    state, the reader's highlights on it, and a choice of its paragraphs to highlight."""
    if me is None or me.id is None:
        return None
    store.set_article_state(me.id, [stored.id], read=True, now=now())
    read_at, saved_at = store.article_states_of(me.id, [stored.id]).get(stored.id, (None, None))
    found = marks.marked_on(stored, store.highlights_of(me.id, stored.id))
    marked: dict[int, list[str]] = {}
    for mark in found:
        marked.setdefault(mark.highlight.paragraph + 1, []).append(mark.highlight.quote)
    return {
        "read": read_at is not None,
        "saved": saved_at is not None,
        "highlights": found,
        "marked": marked,
        "paragraphs": [
            (n, " ".join(p.split()[:8])) for n, p in enumerate(stored.article.paragraphs, 1)
        ],
    }


# Helpers for every template -----------------------------------------------------------------
def _reader() -> tuple[Store, User, Request] | None:
    request = current_request()
    if request is None:
        return None
    try:
        user = viewer(request)
    except ApiError:
        return None
    if user is None or user.id is None:
        return None
    return Store(request.app.state.engine), user, request


def unmuted(items: list[Any]) -> list[Any]:
    """The items (articles, search hits, (article, …) pairs) the reader has not muted."""
    found = _reader()
    if found is None:
        return list(items)
    store, user, request = found
    muting = getattr(request.state, "desk_muting", None)
    if muting is None:
        muting = request.state.desk_muting = muting_for(store, user)
    return muting.keep(list(items))


def desk_follow(kind: str, target: str) -> Any:
    found = _reader()
    return followed(found[0], _id(found[1]), kind, str(target)) if found else None


def desk_alerts() -> int:
    found = _reader()
    return found[0].unseen_alert_count(_id(found[1])) if found else 0


def desk_here() -> str:
    request = current_request()
    if request is None:
        return "/"
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def paragraph_html(text: str, number: int, article: dict[str, Any] | None = None) -> Markup:
    """An article's paragraph with its anchor (#p3), the reader's quoted words marked."""
    quotes = (article or {}).get("marked", {}).get(number)
    if quotes is None:
        return Markup('<p id="p{}">{}</p>').format(number, text)
    spans = [q for q in quotes if q]
    html = escape(text)
    if spans:
        pattern = re.compile("|".join(r"\s+".join(map(re.escape, q.split())) for q in spans), re.I)
        pieces, last = [], 0
        for match in pattern.finditer(text):
            pieces += [
                escape(text[last : match.start()]),
                Markup("<mark>{}</mark>").format(match[0]),
            ]
            last = match.end()
        html = Markup("").join([*pieces, escape(text[last:])])
    else:
        html = Markup("<mark>{}</mark>").format(text)
    return Markup('<p id="p{}" class="highlighted">{}</p>').format(number, html)


templates.filters |= {"unmuted": unmuted, "paragraph_html": paragraph_html}
templates.globals |= {
    "desk_follow": desk_follow,
    "desk_alerts": desk_alerts,
    "desk_here": desk_here,
}
