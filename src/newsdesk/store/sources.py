"""Sources followed live and their polling state. Mixed into `Store`."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, update

from newsdesk.errors import NotFound
from newsdesk.model.live import Source, SourceKind
from newsdesk.store.schema import article_sightings, articles, raw_documents, sources

_COLUMNS = [f.name for f in fields(Source) if f.name != "id"]


def _row(source: Source) -> dict[str, Any]:
    row = {name: getattr(source, name) for name in _COLUMNS}
    row["kind"] = source.kind.value if source.kind else None
    return row


def _source(row: Any) -> Source:
    values = {name: getattr(row, name) for name in _COLUMNS}
    values["kind"] = SourceKind(row.kind) if row.kind else None
    return Source(id=row.id, **values)


class SourcesStore:
    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def add_source(self, source: Source) -> tuple[Source, bool]:
        """Follow a source: (the stored source, True), or (the one already following that URL,
        False)."""
        with self.transaction() as conn:
            known = conn.execute(select(sources).where(sources.c.url == source.url)).first()
            if known is not None:
                return _source(known), False
            source.id = conn.execute(sources.insert(), _row(source)).inserted_primary_key[0]
            return source, True

    def get_source(self, source_id: int) -> Source:
        with self.transaction() as conn:
            row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
        if row is None:
            raise NotFound(f"no source with id {source_id}")
        return _source(row)

    def list_sources(self) -> list[Source]:
        with self.transaction() as conn:
            return [_source(r) for r in conn.execute(select(sources).order_by(sources.c.id))]

    def save_source(self, source: Source) -> None:
        """Write a source's settings and polling state back."""
        with self.transaction() as conn:
            done = conn.execute(update(sources).where(sources.c.id == source.id), _row(source))
        if done.rowcount == 0:
            raise NotFound(f"no source with id {source.id}")

    def remove_source(self, source_id: int) -> None:
        """Stop following a source; what it brought in stays."""
        with self.transaction() as conn:
            done = conn.execute(delete(sources).where(sources.c.id == source_id))
        if done.rowcount == 0:
            raise NotFound(f"no source with id {source_id}")

    def claim_due_sources(self, now: datetime, limit: int, lease: timedelta) -> list[Source]:
        """Sources due at `now` (not paused), each leased to the caller: its due time moves to
        `now + lease`, so no other poller takes it meanwhile, and if the caller dies the source
        falls due again when the lease ends. PostgreSQL skips rows another poller is claiming."""
        with self.transaction() as conn:
            query = (
                select(sources)
                .where(~sources.c.paused)
                .where(or_(sources.c.next_due_at.is_(None), sources.c.next_due_at <= now))
                .order_by(sources.c.next_due_at.is_not(None), sources.c.next_due_at, sources.c.id)
                .limit(limit)
            )
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            claimed = [_source(row) for row in conn.execute(query)]
            if claimed:
                conn.execute(
                    update(sources)
                    .where(sources.c.id.in_([s.id for s in claimed]))
                    .values(next_due_at=now + lease)
                )
        return claimed

    def next_due_at(self) -> datetime | None:
        """When the earliest unpaused source falls due (None if none is followed)."""
        with self.transaction() as conn:
            query = select(func.min(func.coalesce(sources.c.next_due_at, sources.c.added_at)))
            return conn.execute(query.where(~sources.c.paused)).scalar()

    def count_source_articles(self, source_id: int) -> int:
        """Articles seen in anything fetched from the source (counted from what is stored, so a
        poll cut short by a crash is counted right by the next one)."""
        with self.transaction() as conn:
            query = (
                select(func.count(func.distinct(article_sightings.c.article_id)))
                .select_from(
                    article_sightings.join(
                        raw_documents, raw_documents.c.id == article_sightings.c.raw_document_id
                    )
                )
                .where(raw_documents.c.source_id == source_id)
            )
            return conn.execute(query).scalar_one()

    def source_raw_count(self, source_id: int) -> int:
        with self.transaction() as conn:
            query = select(func.count()).where(raw_documents.c.source_id == source_id)
            return conn.execute(query).scalar_one()

    def known_urls(self, urls: list[str]) -> set[str]:
        """Those of `urls` already fetched (as a raw document's origin) or stored as an article's
        address: a poll fetches each article page once."""
        if not urls:
            return set()
        with self.transaction() as conn:
            fetched = select(raw_documents.c.origin).where(raw_documents.c.origin.in_(urls))
            stored = select(articles.c.url).where(articles.c.url.in_(urls))
            return {row[0] for row in conn.execute(fetched.union(stored))}
