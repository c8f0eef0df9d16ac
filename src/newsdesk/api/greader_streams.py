"""Reading a Google Reader stream request (s, xt, it, n, c, r, ot, nt) into a store query, and
the item ids of `i` into article ids."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from newsdesk.api.greader_auth import Params
from newsdesk.api.greader_ids import (
    Stream,
    article_ids_for,
    continued_after,
    from_usec,
    parse_stream,
)
from newsdesk.api.greader_items import Feed, folder_selectors
from newsdesk.http import ApiError
from newsdesk.model.accounts import User
from newsdesk.store import Store
from newsdesk.store.greader import Selector, StreamQuery

LAST_SECOND = 253_402_300_799  # 9999-12-31T23:59:59Z: later times are no times
# State streams Google Reader had that newsdesk keeps nothing for: empty, not an error.
EMPTY_STATES = {"broadcast", "broadcast-friends", "like", "fresh", "tracking-kept-unread"}


def stream_of(stream_id: str) -> Stream:
    stream = parse_stream(stream_id)
    if stream is None:
        raise ApiError(400, "invalid_stream", f"no stream {stream_id!r}")
    return stream


def stream_query(
    store: Store, user: User, feeds: list[Feed], stream_id: str, params: Params
) -> StreamQuery:
    """The query for the articles of `stream_id`, with the state filters `xt` (exclude) and
    `it` (include), the time bounds `ot` and `nt` (seconds), `r=o` (oldest first) and the
    continuation `c`; the caller sets the limit."""
    assert user.id is not None
    query = StreamQuery(user.id, *_selected(store, feeds, stream_of(stream_id)))
    for target in params.every("it"):
        query = _state_filter(query, target, included=True)
    for target in params.every("xt"):
        query = _state_filter(query, target, included=False)
    since = params.integer("ot", 0, 0, LAST_SECOND)
    until = params.integer("nt", 0, 0, LAST_SECOND)
    token = params.first("c").strip()
    after = continued_after(token) if token else None
    if token and after is None:
        raise ApiError(400, "invalid_continuation", f"{token!r} is no continuation of newsdesk")
    return replace(
        query,
        since=from_usec(since * 1_000_000) if since else None,
        until=from_usec(until * 1_000_000) if until else None,
        oldest_first=params.first("r") == "o",
        after=after,
    )


def _selected(
    store: Store, feeds: list[Feed], stream: Stream
) -> tuple[tuple[Selector, ...], bool | None, bool | None]:
    """(selectors, read, starred) for a stream."""
    everything = (Selector("all"),)
    states = {
        "reading-list": (everything, None, None),
        "starred": (everything, None, True),
        "read": (everything, True, None),
        "kept-unread": (everything, False, None),
        "unread": (everything, False, None),
    }
    if stream.kind in states:
        return states[stream.kind]
    if stream.kind in EMPTY_STATES:
        return (), None, None
    if stream.kind == "label":
        selectors = folder_selectors(feeds, stream.key)
        if selectors is None:
            raise ApiError(404, "not_found", f"no folder {stream.key!r}")
        return selectors, None, None
    if stream.kind == "url":
        found = [s for s in store.list_sources() if stream.key in (s.url, s.poll_url)]
        if not found:
            raise ApiError(404, "not_found", f"no followed source at {stream.key}")
        return (Selector("source", str(found[0].id)),), None, None
    if stream.kind == "source" and Selector("source", stream.key) not in (
        f.selector for f in feeds
    ):
        raise ApiError(404, "not_found", f"no followed source {stream.key}")
    if stream.kind in ("source", "publisher", "entity", "story", "storyline"):
        return (Selector(stream.kind, stream.key),), None, None
    raise ApiError(400, "invalid_stream", f"no stream of the kind {stream.kind!r}")


def _state_filter(query: StreamQuery, target: str, included: bool) -> StreamQuery:
    stream = stream_of(target)
    if stream.kind == "read":
        return replace(query, read=included)
    if stream.kind in ("kept-unread", "unread"):
        return replace(query, read=not included)
    if stream.kind == "starred":
        return replace(query, starred=included)
    return query  # a folder or a feed as a filter: not kept apart here


def article_ids(store: Store, item_ids: list[str]) -> list[str]:
    """The stored articles the item ids name, in the order given, each once; unknown ids are
    left out (a client may hold an article the store no longer has)."""
    candidates = [article_ids_for(i) for i in item_ids]
    known = store.existing_article_ids(c for found in candidates for c in found)
    chosen = (next((c for c in found if c in known), None) for found in candidates)
    return list(dict.fromkeys(c for c in chosen if c is not None))


def moment_of(value: str) -> datetime | None:
    """`ts` of mark-all-as-read: seconds, milliseconds, microseconds or nanoseconds since 1970
    (told apart by their digits), or None."""
    text = value.strip()
    if not text.isdigit():
        return None
    digits, number = len(text), int(text)
    scale = 1_000_000 if digits <= 11 else 1_000 if digits <= 14 else 1 if digits <= 17 else 0
    microseconds = number * scale if scale else number // 1_000
    return from_usec(min(microseconds, LAST_SECOND * 1_000_000))
