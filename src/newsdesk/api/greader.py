"""The Google Reader API, so that mobile reader apps (Reeder, FeedMe, Read You, NetNewsWire…)
read newsdesk, the way Miniflux and FreshRSS serve it:

    POST /accounts/ClientLogin                 Email, Passwd -> SID=…, LSID=…, Auth=<token>
    GET  /reader/api/0/token                   the write token T for the POSTs below
    GET  /reader/api/0/user-info, subscription/list, tag/list, unread-count
    GET  /reader/api/0/stream/items/ids        s, xt, it, n, c, r, ot, nt -> short item ids
    GET|POST /reader/api/0/stream/items/contents   i (any id form) -> items
    GET  /reader/api/0/stream/contents/<stream id>  items of a stream, with continuation
    POST /reader/api/0/edit-tag                i, a/r read or starred
    POST /reader/api/0/mark-all-as-read        s, ts
    POST /reader/api/0/subscription/edit, subscription/quickadd (an admin adds a source)

Read and starred are the reader's own read and saved articles, the same the web app shows
(GET /api/articles/{id}/state says them as JSON). Streams and ids: see greader_ids.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from newsdesk import accounts
from newsdesk.access import As, Signed
from newsdesk.api.greader_auth import (
    ParamsDep,
    PlainErrors,
    Writer,
    credential,
    plain,
    write_token,
)
from newsdesk.api.greader_auth import client_login as login
from newsdesk.api.greader_ids import (
    READ,
    READING_LIST,
    STARRED,
    continuation,
    label_stream,
    short_item_id,
    usec,
)
from newsdesk.api.greader_items import (
    Feed,
    folders_of,
    item_json,
    origin_feeds,
    publisher_feed,
    reader_feeds,
    unread_counts,
)
from newsdesk.api.greader_streams import article_ids, moment_of, stream_of, stream_query
from newsdesk.api.greader_subscriptions import edit_subscription, quick_add
from newsdesk.desk import muting_for
from newsdesk.http import ApiError, StoreDep, json_response
from newsdesk.model.accounts import Role, User
from newsdesk.store import Store

router = APIRouter()  # the reader's own state, as JSON under /api
reader = APIRouter(route_class=PlainErrors, include_in_schema=False)
API = "/reader/api/0"
MAX_IDS, MAX_ITEMS = 10_000, 1_000


def home(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@reader.post("/accounts/ClientLogin")
def client_login(request: Request, store: StoreDep, params: ParamsDep) -> Response:
    name, password = params.first("Email").strip(), params.first("Passwd")
    if not name or not password:
        return PlainTextResponse("Error=BadRequest\nInfo=send Email and Passwd", 400)
    try:
        token = login(store, name, password, request.client.host if request.client else "")
    except accounts.AccountError as error:
        if error.retry_after:
            headers = {"Retry-After": str(error.retry_after)}
            return PlainTextResponse(f"Error=TooManyAttempts\nInfo={error}", 429, headers=headers)
        return PlainTextResponse("Error=BadAuthentication", 401)
    if params.first("output") == "json":
        return JSONResponse({"SID": token, "LSID": token, "Auth": token})
    return PlainTextResponse(f"SID={token}\nLSID={token}\nAuth={token}\n")


@reader.get(f"{API}/token")
def token(request: Request, store: StoreDep, user: Signed) -> Response:
    return PlainTextResponse(write_token(store, user, credential(request)))


@reader.get(f"{API}/user-info")
def user_info(request: Request, user: Signed) -> Response:
    data = {
        "userId": str(user.id),
        "userName": user.name,
        "userProfileId": str(user.id),
        "userEmail": user.name,
    }
    return json_response(request, data)


@reader.get(f"{API}/subscription/list")
def subscriptions(request: Request, store: StoreDep, user: Signed) -> Response:
    feeds = reader_feeds(store, user, home(request))
    return json_response(request, {"subscriptions": [f.json() for f in feeds]})


@reader.get(f"{API}/tag/list")
def tags(request: Request, store: StoreDep, user: Signed) -> Response:
    folders = folders_of(reader_feeds(store, user, home(request)))
    found: list[dict[str, str]] = [{"id": STARRED}, {"id": READ}, {"id": READING_LIST}]
    found += [{"id": label_stream(f), "label": f, "type": "folder"} for f in folders]
    return json_response(request, {"tags": found})


@reader.get(f"{API}/unread-count")
def unread_count(request: Request, store: StoreDep, user: Signed) -> Response:
    counts = unread_counts(store, user, reader_feeds(store, user, home(request)))
    return json_response(request, {"max": counts[-1]["count"], "unreadcounts": counts})


@reader.get(f"{API}/stream/items/ids")
def item_ids(request: Request, store: StoreDep, user: Signed, params: ParamsDep) -> Response:
    feeds = reader_feeds(store, user, home(request))
    query = stream_query(store, user, feeds, _required(params.first("s"), "s"), params)
    limit = params.integer("n", 1000, 1, MAX_IDS)
    rows = store.stream_items(replace(query, limit=limit + 1))
    shown = set(unmuted(store, user, [i for i, _ in rows[:limit]]))
    refs = [
        {"id": short_item_id(i), "timestampUsec": str(usec(t))}
        for i, t in rows[:limit]
        if i in shown
    ]
    data: dict[str, object] = {"itemRefs": refs}
    if len(rows) > limit:
        data["continuation"] = continuation(rows[limit - 1][1], rows[limit - 1][0])
    return json_response(request, data)


@reader.api_route(f"{API}/stream/items/contents", methods=["GET", "POST"])
def item_contents(request: Request, store: StoreDep, user: Signed, params: ParamsDep) -> Response:
    if not params.every("i"):
        raise ApiError(400, "missing_items", "name the items with i=")
    ids = article_ids(store, params.every("i")[:MAX_ITEMS])
    items = _items(request, store, user, ids)
    if params.first("r") == "o":
        items.sort(key=lambda item: int(str(item["timestampUsec"])))
    return json_response(request, _contents(request, user, READING_LIST, items))


@reader.get(f"{API}/stream/contents")
def reading_list_contents(
    request: Request, store: StoreDep, user: Signed, params: ParamsDep
) -> Response:
    """The stream named by `s`, or the reading list (as FreshRSS answers FeedMe, EasyRSS)."""
    return _stream_contents(request, store, user, params, params.first("s") or READING_LIST)


@reader.get(f"{API}/stream/contents/{{stream_id:path}}")
def stream_contents(
    request: Request, store: StoreDep, user: Signed, params: ParamsDep, stream_id: str
) -> Response:
    return _stream_contents(request, store, user, params, stream_id)


def _stream_contents(
    request: Request, store: Store, user: User, params: ParamsDep, stream_id: str
) -> Response:
    feeds = reader_feeds(store, user, home(request))
    query = stream_query(store, user, feeds, stream_id, params)
    limit = params.integer("n", 20, 1, MAX_ITEMS)
    rows = store.stream_items(replace(query, limit=limit + 1))
    ids = unmuted(store, user, [i for i, _ in rows[:limit]])
    items = _items(request, store, user, ids, feeds)
    data = _contents(request, user, stream_id, items)
    if len(rows) > limit:
        data["continuation"] = continuation(rows[limit - 1][1], rows[limit - 1][0])
    return json_response(request, data)


def unmuted(store: Store, user: User, ids: list[str]) -> list[str]:
    """The ids a reader's mute rules leave (a page may come out short; the continuation still
    follows the unfiltered stream, so nothing after it is skipped)."""
    stored = store.get_articles(ids)
    kept = muting_for(store, user).keep([stored[i] for i in ids if i in stored])
    return [s.id for s in kept]


def _items(
    request: Request, store: Store, user: User, ids: list[str], feeds: list[Feed] | None = None
) -> list[dict[str, object]]:
    assert user.id is not None
    base = home(request)
    feeds = feeds if feeds is not None else reader_feeds(store, user, base)
    stored = store.get_articles(ids)
    states = store.article_states_of(user.id, ids)
    origins = origin_feeds(store, feeds, ids)
    items = []
    for article_id in ids:
        if (found := stored.get(article_id)) is None:
            continue
        a = found.article
        stream_time = a.published.utc if a.published else found.first_seen_at
        feed = origins.get(article_id) or publisher_feed(a.source or "", base)
        items.append(item_json(found, states.get(article_id), feed, stream_time, base))
    return items


def _contents(
    request: Request, user: User, stream_id: str, items: list[dict[str, object]]
) -> dict[str, object]:
    return {
        "direction": "ltr",
        "id": stream_id,
        "title": "Reading List" if stream_id == READING_LIST else stream_id,
        "self": [{"href": str(request.url)}],
        "updated": usec(accounts.now()) // 1_000_000,
        "items": items,
        "author": user.name,
    }


def _required(value: str, name: str) -> str:
    if not value.strip():
        raise ApiError(400, "missing_parameter", f"send {name}=")
    return value


@reader.post(f"{API}/edit-tag")
def edit_tag(store: StoreDep, user: Writer, params: ParamsDep) -> Response:
    assert user.id is not None
    if not params.every("i"):
        raise ApiError(400, "missing_items", "name the items with i=")
    wanted: dict[str, set[bool]] = {"read": set(), "starred": set()}
    for added, targets in ((True, params.every("a")), (False, params.every("r"))):
        for target in targets:
            kind = stream_of(target).kind
            if kind == "kept-unread":  # kept unread is not read
                wanted["read"].add(not added)
            elif kind in wanted:  # labels, like, broadcast: newsdesk keeps none of them
                wanted[kind].add(added)
    if any(len(values) > 1 for values in wanted.values()):
        raise ApiError(400, "conflicting_tags", "a tag cannot be added and removed at once")
    read = next(iter(wanted["read"]), None)
    saved = next(iter(wanted["starred"]), None)
    ids = article_ids(store, params.every("i"))
    store.set_article_state(user.id, ids, read=read, saved=saved, now=accounts.now())
    return PlainTextResponse("OK")


@reader.post(f"{API}/mark-all-as-read")
def mark_all_as_read(
    request: Request, store: StoreDep, user: Writer, params: ParamsDep
) -> Response:
    feeds = reader_feeds(store, user, home(request))
    query = stream_query(store, user, feeds, _required(params.first("s"), "s"), params)
    stamp = params.first("ts")
    before = moment_of(stamp) if stamp else accounts.now()
    if before is None:
        raise ApiError(400, "invalid_parameter", "ts must be a time since 1970 in digits")
    # Up to and with `ts`: the items the client had when it asked.
    store.mark_stream_read(replace(query, until=before + timedelta(microseconds=1)), accounts.now())
    return PlainTextResponse("OK")


@reader.post(f"{API}/subscription/edit")
def subscription_edit(store: StoreDep, user: Writer, params: ParamsDep) -> Response:
    edit_subscription(store, user, params)
    return PlainTextResponse("OK")


@reader.post(f"{API}/subscription/quickadd", dependencies=[As(Role.ADMIN)])
def subscription_quickadd(
    request: Request, store: StoreDep, user: Writer, params: ParamsDep
) -> Response:
    return json_response(request, quick_add(store, user, params.first("quickadd")))


@reader.api_route(API + "/{rest:path}", methods=["GET", "POST"])
def not_kept(request: Request, user: Signed, rest: str) -> Response:
    """Other Google Reader calls (preferences, friends, …): nothing to read, nothing done."""
    if request.method == "GET":
        return JSONResponse([])
    return plain(501, f"newsdesk does not implement {rest}")


@router.get("/api/articles/{article_id}/state", summary="The reader's read and saved state")
def article_state(request: Request, store: StoreDep, user: Signed, article_id: str) -> Response:
    """Whether the signed-in reader has read and saved (Google Reader: starred) an article."""
    assert user.id is not None
    stored = store.get_article(article_id)
    read_at, saved_at = store.article_states_of(user.id, [stored.id]).get(stored.id, (None, None))
    data = {
        "id": stored.id,
        "read": read_at is not None,
        "read_at": read_at.isoformat() if read_at else None,
        "saved": saved_at is not None,
        "saved_at": saved_at.isoformat() if saved_at else None,
    }
    return json_response(request, data)


router.include_router(reader)
