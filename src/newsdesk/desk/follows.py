"""Follows: what a reader follows (a source, an entity, a story or storyline, a saved search),
which articles match one, and what is new since the reader last looked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, quote, urlencode

from newsdesk import search
from newsdesk.desk.muting import Muting
from newsdesk.errors import NewsdeskError, NotFound
from newsdesk.model import StoredArticle
from newsdesk.model.accounts import Follow, FollowKind
from newsdesk.store import Store

NEW_LIMIT = 100  # at most this many new articles counted per follow ("100+")
SEARCH_FIELDS = ("q", "source", "language", "entity", "story")  # what a saved search keeps
MAX_ID = 2_147_483_647
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class DeskError(NewsdeskError):
    """A reader's desk refused a change (a follow of nothing, a highlight off the article);
    the message says what to fix."""


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class FollowNews:
    """One follow and what arrived for it since the reader last looked (mutes applied)."""

    follow: Follow
    new: list[StoredArticle]  # the latest arrived first
    more: bool  # more than NEW_LIMIT arrived

    @property
    def count(self) -> str:
        return f"{len(self.new)}+" if self.more else str(len(self.new))


def new_follow(store: Store, user_id: int, kind: str, target: str, alert: bool = False) -> Follow:
    """A follow of something that exists, labelled with its name (not yet stored).
    DeskError for an unknown kind or a bad target, NotFound for a target the store lacks."""
    try:
        chosen = FollowKind(kind.strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in FollowKind)
        raise DeskError(f"no follow kind {kind!r}: choose one of {kinds}") from None
    target = target.strip()
    if not target:
        raise DeskError("say what to follow: the target is empty")
    target, label = _resolve(store, chosen, target)
    return Follow(user_id=user_id, kind=chosen, target=target, label=label, alert=alert)


def _resolve(store: Store, kind: FollowKind, target: str) -> tuple[str, str]:
    """(the target as stored, its label)."""
    if kind is FollowKind.ENTITY:
        entity = store.get_entity(target) or next(iter(store.find_entities(target)), None)
        if entity is None:
            raise NotFound(f"no entity with id or name {target!r}")
        return entity.id, entity.name
    if kind is FollowKind.SEARCH:
        fields = search_fields(target)
        if not fields.get("q"):
            raise DeskError("a saved search needs words to look for")
        try:
            search.parse_query(fields["q"])
        except search.SearchError as error:
            raise DeskError(str(error)) from None
        return urlencode(fields), fields["q"]
    number = _number(target, kind)
    if kind is FollowKind.SOURCE:
        source = store.get_source(number)
        return str(number), source.name or source.url
    if kind is FollowKind.STORY:
        story = store.get_story(number)
        if story is None:
            raise NotFound(f"no story with id {number}")
        return str(number), story.title
    line = store.get_storyline(number)
    if line is None:
        raise NotFound(f"no storyline with id {number}")
    return str(number), line.title


def _number(target: str, kind: FollowKind) -> int:
    if not target.isdigit() or int(target) > MAX_ID:
        raise DeskError(f"a {kind.value} is followed by its id (a number), not {target!r}")
    return int(target)


def search_fields(target: str) -> dict[str, str]:
    """A saved search's fields (q, source, language, entity, story), from a query string or
    from bare words."""
    if "=" not in target:
        return {"q": target.strip()}
    given = dict(parse_qsl(target, keep_blank_values=False))
    return {k: given[k].strip() for k in SEARCH_FIELDS if given.get(k, "").strip()}


def follow_href(follow: Follow) -> str:
    """The reader's page of what is followed."""
    if follow.kind is FollowKind.ENTITY:
        return "/entities/" + quote(follow.target, safe=":")
    if follow.kind is FollowKind.STORY:
        return f"/stories/{follow.target}"
    if follow.kind is FollowKind.STORYLINE:
        return f"/storylines/{follow.target}"
    if follow.kind is FollowKind.SOURCE:
        return "/sources"
    return "/search?" + urlencode(search_fields(follow.target) | {"order": "newest"})


def matching_ids(store: Store, follow: Follow, since: datetime, limit: int) -> list[str]:
    """Ids of articles that arrived after `since` and match the follow, the latest first."""
    if follow.kind is FollowKind.SEARCH:
        return _search_ids(store, follow.target, since, limit)
    if follow.kind is FollowKind.ENTITY:
        return store.arrived_article_ids(since, entity_id=follow.target, limit=limit)
    if not follow.target.isdigit():
        return []
    number = int(follow.target)
    if follow.kind is FollowKind.SOURCE:
        return store.arrived_article_ids(since, source_id=number, limit=limit)
    if follow.kind is FollowKind.STORY:
        return store.arrived_article_ids(since, story_id=number, limit=limit)
    return store.arrived_article_ids(since, storyline_id=number, limit=limit)


def _search_ids(store: Store, target: str, since: datetime, limit: int) -> list[str]:
    """A saved search's newest matches that arrived after `since` (searched as exact words,
    newest published first, over the newest search.MAX_LIMIT matches)."""
    fields = search_fields(target)
    words = fields.pop("q", "")
    if not words:
        return []
    try:
        found = search.search(
            store, words, "fulltext", order="newest", limit=search.MAX_LIMIT, **fields
        )
    except search.SearchError:  # its entity or story is gone: nothing matches any more
        return []
    hits = [hit.article for hit in found.hits if hit.article.first_seen_at > since]
    hits.sort(key=lambda s: (s.first_seen_at, s.id), reverse=True)
    return [s.id for s in hits[:limit]]


def arrived(
    store: Store, follow: Follow, since: datetime, muting: Muting, limit: int = NEW_LIMIT
) -> tuple[list[StoredArticle], bool]:
    """(the unmuted articles matching the follow that arrived after `since`, latest first;
    whether more than `limit` matched)."""
    ids = matching_ids(store, follow, since, limit + 1)
    stored = store.get_articles(ids)
    found = muting.keep([stored[i] for i in ids if i in stored])
    return found[:limit], len(ids) > limit


def news(store: Store, user_id: int, muting: Muting, limit: int = NEW_LIMIT) -> list[FollowNews]:
    """Every follow of a reader with what arrived since its last look, in the order followed."""
    result = []
    for follow in store.follows_of(user_id):
        found, more = arrived(store, follow, follow.last_looked_at, muting, limit)
        result.append(FollowNews(follow, found, more))
    return result


def latest(store: Store, follow: Follow, muting: Muting, limit: int = 50) -> list[StoredArticle]:
    """The follow's latest arrived articles, new or not (its list page)."""
    return arrived(store, follow, EPOCH, muting, limit)[0]


def look(store: Store, follow: Follow, moment: datetime | None = None) -> None:
    """The reader looked at the follow's list: what arrived so far is no longer new."""
    follow.last_looked_at = moment or now()
    store.update_follow(follow)


def follow_of(store: Store, user_id: int, follow_id: int) -> Follow:
    for follow in store.follows_of(user_id):
        if follow.id == follow_id:
            return follow
    raise NotFound(f"no follow {follow_id} of this account")


def followed(store: Store, user_id: int, kind: str, target: str) -> Follow | None:
    """The reader's follow of this thing, if any (a saved search compared by its fields)."""
    if kind == FollowKind.SEARCH.value:
        target = urlencode(search_fields(target))
    for follow in store.follows_of(user_id):
        if follow.kind.value == kind and follow.target == target:
            return follow
    return None
