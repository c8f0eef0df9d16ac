"""Subscribing from a Google Reader client: any reader follows (or unfollows, or renames) an
entity, a story, a storyline or one of the desk's sources; a feed's address becomes a source of
the desk only when an admin adds it (quickadd, or subscribe to `feed/<address>`)."""

from __future__ import annotations

from newsdesk.api.greader_auth import Params
from newsdesk.api.greader_ids import FOLLOW_KINDS, Stream, source_stream
from newsdesk.api.greader_items import safe_url
from newsdesk.api.greader_streams import stream_of
from newsdesk.errors import NotFound
from newsdesk.http import ApiError
from newsdesk.live import follow as following
from newsdesk.model.accounts import Follow, FollowKind, Role, User
from newsdesk.store import Store

FOLLOWABLE = ("source", *FOLLOW_KINDS)


def edit_subscription(store: Store, user: User, params: Params) -> None:
    """subscription/edit: `ac` subscribe, unsubscribe or edit (`t` renames) each stream `s`.
    Moving a subscription to another folder changes nothing: newsdesk's folders are fixed."""
    action, title = params.first("ac"), params.first("t").strip()
    streams = [stream_of(s) for s in params.every("s")]
    if not streams:
        raise ApiError(400, "missing_parameter", "name the subscription with s=")
    if action not in ("subscribe", "unsubscribe", "edit"):
        raise ApiError(400, "invalid_parameter", "ac is subscribe, unsubscribe or edit")
    for stream in streams:
        if action == "subscribe":
            subscribe(store, user, stream, title)
        elif action == "unsubscribe":
            unsubscribe(store, user, stream)
        elif title:
            rename(store, user, stream, title)


def subscribe(store: Store, user: User, stream: Stream, title: str) -> None:
    assert user.id is not None
    if stream.kind == "url":
        _must_be_admin(user)
        quick_add(store, user, stream.key)
        return
    if stream.kind not in FOLLOWABLE:
        raise ApiError(400, "invalid_stream", f"a {stream.kind} stream cannot be subscribed to")
    follow = Follow(
        user.id, FollowKind(stream.kind), stream.key, label=title or _name(store, stream)
    )
    store.add_follow(follow)


def _name(store: Store, stream: Stream) -> str:
    """What the followed thing is called (NotFound when it does not exist)."""
    number = int(stream.key) if stream.key.isdigit() else -1
    found: object = None
    if stream.kind == "entity":
        entity = store.get_entity(stream.key)
        found = entity and entity.name
    elif stream.kind == "story":
        story = store.get_story(number) if number >= 0 else None
        found = story and story.title
    elif stream.kind == "storyline":
        line = store.get_storyline(number) if number >= 0 else None
        found = line and line.title
    elif number >= 1:
        source = store.get_source(number)
        found = source.name or source.url
    if not found:
        raise NotFound(f"no {stream.kind} {stream.key!r}")
    return str(found)


def _follow_of(store: Store, user: User, stream: Stream) -> Follow | None:
    assert user.id is not None
    return next(
        (
            f
            for f in store.follows_of(user.id)
            if f.kind.value == stream.kind and f.target == stream.key
        ),
        None,
    )


def unsubscribe(store: Store, user: User, stream: Stream) -> None:
    if stream.kind not in FOLLOWABLE:
        raise ApiError(400, "invalid_stream", f"a {stream.kind} stream cannot be unsubscribed")
    follow = _follow_of(store, user, stream)
    if follow is not None:
        assert user.id is not None and follow.id is not None
        store.remove_follow(user.id, follow.id)
    elif stream.kind == "source":
        raise ApiError(
            403,
            "forbidden",
            "this source is the desk's, followed for everyone: an admin stops it "
            "(newsdesk sources remove)",
        )


def rename(store: Store, user: User, stream: Stream, title: str) -> None:
    follow = _follow_of(store, user, stream) if stream.kind in FOLLOW_KINDS else None
    if follow is not None:
        follow.label = title[:200]
        store.update_follow(follow)
    elif stream.kind == "source":
        _must_be_admin(user)
        source = store.get_source(int(stream.key))
        source.name = title[:200]
        store.save_source(source)
    else:
        raise NotFound(f"no subscription {stream.kind} {stream.key!r} to rename")


def quick_add(store: Store, user: User, address: str) -> dict[str, object]:
    """An admin follows a feed's (or site's) address for the desk, and the reader follows it."""
    assert user.id is not None
    url = address.strip().removeprefix("feed/")
    if not safe_url(url):
        raise ApiError(400, "invalid_parameter", "quickadd is a feed's http(s) address")
    source, _ = following.follow(store, url)
    assert source.id is not None
    name = source.name or source.url
    store.add_follow(Follow(user.id, FollowKind.SOURCE, str(source.id), label=name))
    return {
        "numResults": 1,
        "query": url,
        "streamId": source_stream(source.id),
        "streamName": name,
    }


def _must_be_admin(user: User) -> None:
    if not user.role.allows(Role.ADMIN):
        raise ApiError(
            403, "forbidden", f"this needs the admin role; your account is a {user.role.value}"
        )
