"""What the Google Reader API reads from the store: one reader's articles in a stream (every
article, a source, a publisher, an entity, a story, a storyline; starred, read or unread) in a
stable order that pages by keyset, unread counts, and marking a whole stream read. Mixed into
`Store`.

An article's time in a stream is its publication time, or when newsdesk first saw it when it
has none (the order the reader's lists use). Articles that came through a followed source belong
to that source; the rest to their publisher.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    true,
    update,
)

from newsdesk.store.schema import (
    UTCDateTime,
    article_sightings,
    article_states,
    articles,
    mentions,
    raw_documents,
    sources,
    stories,
    story_articles,
)

# Publication time, or first seen: the stream order, its time bounds and its continuation.
stream_time = func.coalesce(articles.c.published_at, articles.c.first_seen_at)
MAX_INTEGER = 2**63 - 1


@dataclass(frozen=True)
class Selector:
    """One part of a stream. `kind`: "all"; "source" (key: a source id); "sourced" (any
    followed source); "publisher" (key: the publisher's name, "" for none; only articles that
    came through no followed source); "unsourced" (every such article); "entity" (key: an
    entity id); "story", "storyline" (key: its id)."""

    kind: str
    key: str = ""


@dataclass(frozen=True)
class StreamQuery:
    """One reader's articles in the union of `selectors`, optionally only read or unread,
    starred or not, within [since, until), after a continuation point, at most `limit`."""

    user_id: int
    selectors: tuple[Selector, ...] = (Selector("all"),)
    read: bool | None = None
    starred: bool | None = None
    since: datetime | None = None
    until: datetime | None = None
    oldest_first: bool = False
    after: tuple[datetime, str] | None = None  # (stream time, article id) of the last one sent
    limit: int = 1000


def _integer(key: str) -> int | None:
    value = int(key) if key.isdigit() else -1
    return value if 0 <= value <= MAX_INTEGER else None


def _through_sources(source_id: int | None = None) -> Select[Any]:
    """Ids of the articles seen in something fetched from a (still followed) source."""
    query = (
        select(article_sightings.c.article_id)
        .join(raw_documents, raw_documents.c.id == article_sightings.c.raw_document_id)
        .join(sources, sources.c.id == raw_documents.c.source_id)
    )
    return query if source_id is None else query.where(raw_documents.c.source_id == source_id)


def _selected(selector: Selector) -> ColumnElement[bool]:
    kind, key = selector.kind, selector.key
    number = _integer(key)
    if kind == "all":
        return true()
    if kind == "sourced":
        return articles.c.id.in_(_through_sources())
    if kind == "unsourced":
        return articles.c.id.not_in(_through_sources())
    if kind == "publisher":
        named = (
            or_(articles.c.source.is_(None), articles.c.source == "")
            if key == ""
            else articles.c.source == key
        )
        return and_(named, articles.c.id.not_in(_through_sources()))
    if kind == "entity":
        return articles.c.id.in_(select(mentions.c.article_id).where(mentions.c.entity_id == key))
    if number is None:
        return false()
    if kind == "source":
        return articles.c.id.in_(_through_sources(number))
    if kind == "story":
        return articles.c.id.in_(
            select(story_articles.c.article_id).where(story_articles.c.story_id == number)
        )
    if kind == "storyline":
        return articles.c.id.in_(
            select(story_articles.c.article_id)
            .join(stories, stories.c.id == story_articles.c.story_id)
            .where(stories.c.storyline_id == number)
        )
    raise ValueError(f"no stream selector of kind {kind!r}")


def _in_stream(query: StreamQuery) -> list[ColumnElement[bool]]:
    """The conditions on `articles` (outer-joined to the reader's states) for a stream."""
    conditions = [or_(*(_selected(s) for s in query.selectors)) if query.selectors else false()]
    if query.read is not None:
        read_at = article_states.c.read_at
        conditions.append(read_at.is_not(None) if query.read else read_at.is_(None))
    if query.starred is not None:
        saved_at = article_states.c.saved_at
        conditions.append(saved_at.is_not(None) if query.starred else saved_at.is_(None))
    if query.since is not None:
        conditions.append(stream_time >= query.since)
    if query.until is not None:
        conditions.append(stream_time < query.until)
    if query.after is not None:
        moment, article_id = query.after
        if query.oldest_first:
            later = or_(
                stream_time > moment, and_(stream_time == moment, articles.c.id > article_id)
            )
        else:
            later = or_(
                stream_time < moment, and_(stream_time == moment, articles.c.id < article_id)
            )
        conditions.append(later)
    return conditions


def _with_states(user_id: int) -> Any:
    return articles.outerjoin(
        article_states,
        and_(article_states.c.article_id == articles.c.id, article_states.c.user_id == user_id),
    )


def _aware(value: Any) -> datetime | None:
    """A stream time read back from an aggregate (SQLite may hand back its text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class GreaderStore:
    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def stream_items(self, query: StreamQuery) -> list[tuple[str, datetime]]:
        """(article id, stream time) of a stream's articles, newest first (or oldest first)."""
        order = (
            [stream_time.asc(), articles.c.id.asc()]
            if query.oldest_first
            else [stream_time.desc(), articles.c.id.desc()]
        )
        statement = (
            select(articles.c.id, stream_time.label("stream_time"))
            .select_from(_with_states(query.user_id))
            .where(*_in_stream(query))
            .order_by(*order)
            .limit(query.limit)
        )
        with self.transaction() as conn:
            return [(r.id, _aware(r.stream_time)) for r in conn.execute(statement)]  # type: ignore[misc]

    def stream_count(self, query: StreamQuery) -> tuple[int, datetime | None]:
        """(articles in the stream, the newest one's stream time)."""
        statement = (
            select(func.count(), func.max(stream_time))
            .select_from(_with_states(query.user_id))
            .where(*_in_stream(query))
        )
        with self.transaction() as conn:
            count, newest = conn.execute(statement).one()
        return count, _aware(newest)

    def unread_by_source(self, user_id: int) -> dict[int, tuple[int, datetime | None]]:
        """{source id: (unread articles, the newest one's stream time)} per followed source."""
        statement = (
            select(
                raw_documents.c.source_id,
                func.count(func.distinct(articles.c.id)),
                func.max(stream_time),
            )
            .select_from(
                _with_states(user_id)
                .join(article_sightings, article_sightings.c.article_id == articles.c.id)
                .join(raw_documents, raw_documents.c.id == article_sightings.c.raw_document_id)
                .join(sources, sources.c.id == raw_documents.c.source_id)
            )
            .where(article_states.c.read_at.is_(None))
            .group_by(raw_documents.c.source_id)
        )
        with self.transaction() as conn:
            return {r[0]: (r[1], _aware(r[2])) for r in conn.execute(statement)}

    def publishers_without_source(
        self, user_id: int
    ) -> list[tuple[str, int, int, datetime | None]]:
        """(publisher, articles, unread, the newest unread one's stream time) for the articles
        that came through no followed source, by publisher ("" for none), in name order."""
        publisher = func.coalesce(articles.c.source, "")
        is_unread = article_states.c.read_at.is_(None)
        unread = func.count().filter(is_unread)
        statement = (
            select(publisher, func.count(), unread, func.max(stream_time).filter(is_unread))
            .select_from(_with_states(user_id))
            .where(articles.c.id.not_in(_through_sources()))
            .group_by(publisher)
            .order_by(publisher)
        )
        with self.transaction() as conn:
            return [(r[0], r[1], r[2], _aware(r[3])) for r in conn.execute(statement)]

    def article_sources(self, article_ids: Iterable[str]) -> dict[str, int]:
        """{article id: the (lowest) id of a followed source it came through}."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, int] = {}
        with self.transaction() as conn:
            for start in range(0, len(ids), 500):
                statement = (
                    _through_sources()
                    .with_only_columns(
                        article_sightings.c.article_id, func.min(raw_documents.c.source_id)
                    )
                    .where(article_sightings.c.article_id.in_(ids[start : start + 500]))
                    .group_by(article_sightings.c.article_id)
                )
                found |= {r[0]: r[1] for r in conn.execute(statement)}
        return found

    def existing_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        with self.transaction() as conn:
            for start in range(0, len(ids), 500):
                statement = select(articles.c.id).where(articles.c.id.in_(ids[start : start + 500]))
                found |= set(conn.execute(statement).scalars())
        return found

    def mark_stream_read(self, query: StreamQuery, now: datetime) -> int:
        """Mark every unread article of the stream read at `now` (in SQL: a stream may hold
        every article of the store); how many were marked."""
        unread = StreamQuery(
            user_id=query.user_id,
            selectors=query.selectors,
            starred=query.starred,
            since=query.since,
            until=query.until,
        )
        joined = _with_states(query.user_id)
        # No auto-correlation: inside the UPDATE, article_states here is the joined table.
        in_stream = select(articles.c.id).select_from(joined).where(*_in_stream(unread))
        in_stream = in_stream.correlate(None)
        fresh = (
            select(literal(query.user_id), articles.c.id, literal(now, UTCDateTime()), null())
            .select_from(joined)
            .where(article_states.c.user_id.is_(None), *_in_stream(unread))
        )
        columns = ["user_id", "article_id", "read_at", "saved_at"]
        with self.transaction() as conn:
            marked = conn.execute(
                update(article_states)
                .where(article_states.c.user_id == query.user_id)
                .where(article_states.c.read_at.is_(None))
                .where(article_states.c.article_id.in_(in_stream))
                .values(read_at=now)
            ).rowcount
            marked += conn.execute(insert(article_states).from_select(columns, fresh)).rowcount
        return marked
