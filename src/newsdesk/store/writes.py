"""How a batch of parsed articles becomes rows: new articles, new versions, re-sightings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from newsdesk.model import Article, SaveOutcome
from newsdesk.store.rows import article_row, record_from_row
from newsdesk.store.schema import article_sightings, article_versions, articles


@dataclass
class CurrentVersion:
    """What decides whether a newly read article is a new version of the stored one."""

    version: int
    version_hash: str
    word_count: int


def current_versions(conn: Connection, ids: list[str]) -> dict[str, CurrentVersion]:
    if not ids:
        return {}
    query = select(
        articles.c.id, articles.c.version, articles.c.version_hash, articles.c.word_count
    ).where(articles.c.id.in_(set(ids)))
    return {
        r.id: CurrentVersion(r.version, r.version_hash, r.word_count) for r in conn.execute(query)
    }


def is_lesser_copy(article: Article, current: CurrentVersion) -> bool:
    """A teaser, a cut-off copy or a much shorter text of a stored article is a sighting of it,
    not a new version: a feed's summary must not replace the full text read from the page."""
    shorter = article.word_count < current.word_count
    partial = (
        article.is_teaser or article.is_truncated or article.word_count * 2 < current.word_count
    )
    return shorter and partial


class ArticleWrites:
    """Rows to write for a batch of parsed articles, flushed as a few bulk statements."""

    def __init__(self) -> None:
        self.inserts: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []
        self.touches: dict[str, dict[str, Any]] = {}  # re-sightings: last_seen_at only
        self.latest_rows: dict[str, dict[str, Any]] = {}  # newest insert/update row per id
        self.versions: list[dict[str, Any]] = []
        self.sightings: dict[tuple[str, int], dict[str, Any]] = {}

    def add(
        self, raw_id: int, article: Article, current: CurrentVersion | None, seen_at: datetime
    ) -> SaveOutcome:
        if current is not None and (
            current.version_hash == article.version_hash or is_lesser_copy(article, current)
        ):
            self._touch(article.id, seen_at)
            self._sighting(article.id, raw_id, current.version, seen_at)
            return SaveOutcome(article.id, current.version, "unchanged")
        version = 1 if current is None else current.version + 1
        self._sighting(article.id, raw_id, version, seen_at)
        touched = self.touches.pop(article.id, {"last_seen_at": seen_at})["last_seen_at"]
        fields = article_row(article)
        row = fields | {
            "version": version,
            "raw_document_id": raw_id,
            "last_seen_at": max(seen_at, touched),
        }
        if current is None:
            self.inserts.append(row | {"first_seen_at": seen_at})
            self.latest_rows[article.id] = self.inserts[-1]
        else:
            self.updates.append(row | {"article_id": row["id"]})
            del self.updates[-1]["id"]
            self.latest_rows[article.id] = self.updates[-1]
        self.versions.append(
            {
                "article_id": article.id,
                "version": version,
                "version_hash": article.version_hash,
                "raw_document_id": raw_id,
                "recorded_at": seen_at,
                "record": record_from_row(fields),
            }
        )
        return SaveOutcome(article.id, version, "new" if current is None else "updated")

    def _touch(self, article_id: str, seen_at: datetime) -> None:
        """Move last_seen_at forward, on a row about to be written or as its own update."""
        row = self.latest_rows.get(article_id) or self.touches.setdefault(
            article_id, {"article_id": article_id, "last_seen_at": seen_at}
        )
        row["last_seen_at"] = max(row["last_seen_at"], seen_at)

    def _sighting(self, article_id: str, raw_id: int, version: int, seen_at: datetime) -> None:
        self.sightings[(article_id, raw_id)] = {
            "article_id": article_id,
            "raw_document_id": raw_id,
            "version": version,
            "seen_at": seen_at,
        }

    def flush(self, conn: Connection) -> None:
        # Parameters passed apart from the statement keep SQLAlchemy's compiled-SQL cache hot.
        by_id = articles.c.id == bindparam("article_id")
        if self.inserts:
            conn.execute(articles.insert(), self.inserts)
        if self.updates:
            conn.execute(update(articles).where(by_id), self.updates)
        if self.touches:
            conn.execute(update(articles).where(by_id), list(self.touches.values()))
        if self.versions:
            conn.execute(article_versions.insert(), self.versions)
        if not self.sightings:
            return
        stored = _existing(conn, self.sightings)
        fresh = [row for key, row in self.sightings.items() if key not in stored]
        if fresh:
            conn.execute(article_sightings.insert(), fresh)


def _existing(conn: Connection, keys: dict[tuple[str, int], Any]) -> set[tuple[str, int]]:
    """Which (article id, raw id) sightings are stored already (re-ingesting a raw document)."""
    raw_ids = {raw_id for _, raw_id in keys}
    query = select(article_sightings.c.article_id, article_sightings.c.raw_document_id).where(
        article_sightings.c.raw_document_id.in_(raw_ids)
    )
    return {(r.article_id, r.raw_document_id) for r in conn.execute(query)}
