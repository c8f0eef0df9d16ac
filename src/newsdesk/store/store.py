"""The one storage interface: raw documents, articles with versions and provenance, stage progress.

Every caller (pipeline, CLI, later stages, web) goes through `Store`; nothing else writes SQL.
Calls made inside `with store.transaction():` share one transaction (a batch commits once).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, func, or_, select, update

from newsdesk.errors import NotFound
from newsdesk.model import (
    Article,
    RawDocument,
    RawStatus,
    Relation,
    SaveOutcome,
    Section,
    Sighting,
    StoredArticle,
    Timestamp,
)
from newsdesk.store.enrichment import EnrichmentStore
from newsdesk.store.schema import (
    article_sightings,
    article_versions,
    articles,
    raw_documents,
    stage_progress,
)
from newsdesk.store.search import SearchStore
from newsdesk.store.stories import StoriesStore


def _now() -> datetime:
    return datetime.now(UTC)


class Store(EnrichmentStore, StoriesStore, SearchStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction for every store call inside the block (re-entrant)."""
        if self._connection is not None:
            yield self._connection
            return
        with self.engine.begin() as connection:
            self._connection = connection
            try:
                yield connection
            finally:
                self._connection = None

    # Raw documents -------------------------------------------------------------------------

    def add_raw(self, raw: RawDocument) -> tuple[int, bool]:
        """Store a raw document unless its bytes are stored already: (id, needs parsing).

        Bytes stored before need parsing again only if they failed then (an adapter may have
        been fixed since); otherwise re-ingesting them changes nothing.
        """
        return self.add_raws([raw])[0]

    def add_raws(self, raws: list[RawDocument]) -> list[tuple[int, bool]]:
        """`add_raw` for many documents in one round trip; also sets each `raw.id`."""
        with self.transaction() as conn:
            hashes = {raw.content_sha256 for raw in raws}
            query = select(raw_documents.c.sha256, raw_documents.c.id, raw_documents.c.status)
            known = {
                r.sha256: (r.id, r.status == RawStatus.FAILED.value)
                for r in conn.execute(query.where(raw_documents.c.sha256.in_(hashes)))
            }
            results = []
            for raw in raws:  # one at a time: a batch may hold the same bytes twice
                if raw.content_sha256 not in known:
                    raw_id = conn.execute(
                        raw_documents.insert(), _raw_row(raw)
                    ).inserted_primary_key[0]
                    results.append((raw_id, True))
                    known[raw.content_sha256] = (raw_id, False)
                else:
                    results.append(known[raw.content_sha256])
                    known[raw.content_sha256] = (known[raw.content_sha256][0], False)
                raw.id = results[-1][0]
            return results

    def finish_raw(
        self, raw_id: int, status: RawStatus, fmt: str | None, error: str | None, count: int
    ) -> None:
        self.finish_raws([(raw_id, status, fmt, error, count)])

    def finish_raws(
        self, results: list[tuple[int, RawStatus, str | None, str | None, int]]
    ) -> None:
        """Record how parsing went: (raw id, status, format, error, article count) each."""
        if not results:
            return
        rows = [
            {
                "raw_id": raw_id,
                "status": status.value,
                "format": fmt,
                "error": _strip_nul(error),
                "article_count": count,
            }
            for raw_id, status, fmt, error, count in results
        ]
        with self.transaction() as conn:
            conn.execute(
                update(raw_documents).where(raw_documents.c.id == bindparam("raw_id")), rows
            )

    def get_raw(self, raw_id: int) -> RawDocument:
        with self.transaction() as conn:
            row = conn.execute(select(raw_documents).where(raw_documents.c.id == raw_id)).first()
        if row is None:
            raise NotFound(f"no raw document #{raw_id}")
        return _raw_from_row(row)

    def raw_documents(
        self, status: RawStatus | None = None, limit: int = 1000
    ) -> list[RawDocument]:
        query = select(raw_documents).order_by(raw_documents.c.id).limit(limit)
        if status is not None:
            query = query.where(raw_documents.c.status == status.value)
        with self.transaction() as conn:
            return [_raw_from_row(row) for row in conn.execute(query)]

    # Articles ------------------------------------------------------------------------------

    def save_articles(
        self, raw_id: int, parsed: list[Article], seen_at: datetime | None = None
    ) -> list[SaveOutcome]:
        """Store articles read from one raw document: new, a new version, or a re-sighting."""
        return self.save_batch([(raw_id, parsed, seen_at or _now())])[0]

    def save_batch(
        self, items: list[tuple[int, list[Article], datetime]]
    ) -> list[list[SaveOutcome]]:
        """`save_articles` for many raw documents at once: one round of bulk writes."""
        writes = _Writes()
        results = []
        with self.transaction() as conn:
            current = _current_versions(conn, [a.id for _, parsed, _ in items for a in parsed])
            for raw_id, parsed, seen_at in items:
                outcomes = []
                for article in parsed:  # one at a time: a document may list an article twice
                    outcome = writes.add(raw_id, article, current.get(article.id), seen_at)
                    if outcome.change != "unchanged":
                        current[article.id] = _Current(
                            outcome.version, article.version_hash, article.word_count
                        )
                    outcomes.append(outcome)
                results.append(outcomes)
            writes.flush(conn)
        return results

    def get_article(self, article_id: str) -> StoredArticle:
        """The article with this id, or with the only id starting with it (at least 6 chars)."""
        with self.transaction() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None and len(article_id) >= 6:
                rows = conn.execute(
                    select(articles).where(articles.c.id.startswith(article_id)).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        return _stored_from_row(row)

    def list_articles(
        self,
        limit: int = 50,
        offset: int = 0,
        source: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        relation: Relation | None = None,
    ) -> list[StoredArticle]:
        """Newest first (by published time, then first seen), with optional filters."""
        query = select(articles)
        if source:
            query = query.where(func.lower(articles.c.source) == source.lower())
        if since:
            query = query.where(articles.c.published_at >= since)
        if until:
            query = query.where(articles.c.published_at < until)
        if relation:
            query = query.where(articles.c.relation == relation.value)
        order = func.coalesce(articles.c.published_at, articles.c.first_seen_at)
        query = query.order_by(order.desc(), articles.c.id).limit(limit).offset(offset)
        with self.transaction() as conn:
            return [_stored_from_row(row) for row in conn.execute(query)]

    def iter_articles(self, batch_size: int = 500) -> Iterator[StoredArticle]:
        """Every article in id order, read a batch at a time (memory stays flat)."""
        after = ""
        while True:
            query = (
                select(articles)
                .where(articles.c.id > after)
                .order_by(articles.c.id)
                .limit(batch_size)
            )
            with self.transaction() as conn:
                batch = [_stored_from_row(row) for row in conn.execute(query)]
            yield from batch
            if len(batch) < batch_size:
                return
            after = batch[-1].id

    def articles_from_raw(self, raw_id: int) -> list[StoredArticle]:
        """The articles read from one raw document, in the order they were stored."""
        query = (
            select(articles)
            .join(article_sightings, article_sightings.c.article_id == articles.c.id)
            .where(article_sightings.c.raw_document_id == raw_id)
            .order_by(article_sightings.c.seen_at, articles.c.relation, articles.c.id)
        )
        with self.transaction() as conn:
            return [_stored_from_row(row) for row in conn.execute(query)]

    def count_articles(self) -> int:
        with self.transaction() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    def article_versions(self, article_id: str) -> list[tuple[int, datetime, Article]]:
        query = (
            select(article_versions)
            .where(article_versions.c.article_id == article_id)
            .order_by(article_versions.c.version)
        )
        with self.transaction() as conn:
            return [
                (r.version, r.recorded_at, article_from_record(r.record))
                for r in conn.execute(query)
            ]

    def provenance(self, article_id: str) -> list[Sighting]:
        """Every raw document this article was read from, oldest first."""
        query = (
            select(article_sightings, raw_documents)
            .join(raw_documents, raw_documents.c.id == article_sightings.c.raw_document_id)
            .where(article_sightings.c.article_id == article_id)
            .order_by(article_sightings.c.seen_at, raw_documents.c.id)
        )
        with self.transaction() as conn:
            return [
                Sighting(
                    raw_document_id=r.raw_document_id,
                    origin=r.origin,
                    sha256=r.sha256,
                    received_at=r.received_at,
                    format=r.format,
                    version=r.version,
                    seen_at=r.seen_at,
                )
                for r in conn.execute(query)
            ]

    # Stage progress ------------------------------------------------------------------------

    def pending(self, stage: str, limit: int = 500) -> list[StoredArticle]:
        """Articles whose newest version this stage has not processed yet, oldest first."""
        done = stage_progress.alias("done")
        query = (
            select(articles)
            .outerjoin(done, and_(done.c.article_id == articles.c.id, done.c.stage == stage))
            .where(or_(done.c.version.is_(None), done.c.version < articles.c.version))
            .order_by(articles.c.first_seen_at, articles.c.id)
            .limit(limit)
        )
        with self.transaction() as conn:
            return [_stored_from_row(row) for row in conn.execute(query)]

    def mark_done(self, stage: str, processed: Iterable[tuple[str, int]]) -> None:
        """Record that `stage` has processed these (article id, version) pairs."""
        latest = dict(processed)  # one row per article: the last version given wins
        if not latest:
            return
        rows = [
            {"stage": stage, "article_id": article_id, "version": version, "done_at": _now()}
            for article_id, version in latest.items()
        ]
        with self.transaction() as conn:
            conn.execute(
                stage_progress.delete().where(
                    and_(stage_progress.c.stage == stage, stage_progress.c.article_id.in_(latest))
                )
            )
            conn.execute(stage_progress.insert(), rows)

    def reset_stage(self, stage: str) -> None:
        """Forget a stage's progress so it runs over every article again."""
        with self.transaction() as conn:
            conn.execute(stage_progress.delete().where(stage_progress.c.stage == stage))

    # Search --------------------------------------------------------------------------------
    # Thin wrappers over store/fulltext.py and the article_embeddings table, for search.py, the
    # API and the web app. Imports are local so this section stays apart from the rest.

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, StoredArticle]:
        """The stored articles with these ids (exact ids; missing ones are left out)."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, StoredArticle] = {}
        with self.transaction() as conn:
            for start in range(0, len(ids), 500):
                query = select(articles).where(articles.c.id.in_(ids[start : start + 500]))
                found |= {row.id: _stored_from_row(row) for row in conn.execute(query)}
        return found

    def articles_found_on(self, article_id: str) -> list[StoredArticle]:
        """Articles listed on this article's page (teasers of related pieces), in stored order."""
        query = (
            select(articles)
            .where(articles.c.found_on == article_id)
            .order_by(articles.c.first_seen_at, articles.c.id)
        )
        with self.transaction() as conn:
            return [_stored_from_row(row) for row in conn.execute(query)]

    def source_counts(self) -> list[tuple[str | None, int, datetime | None]]:
        """(source, article count, newest published time) for every source, most articles first."""
        count = func.count().label("n")
        query = (
            select(articles.c.source, count, func.max(articles.c.published_at).label("newest"))
            .group_by(articles.c.source)
            .order_by(count.desc(), articles.c.source)
        )
        with self.transaction() as conn:
            return [
                (r.source, r.n, r.newest.replace(tzinfo=UTC) if r.newest else None)
                for r in conn.execute(query)
            ]

    def language_counts(self) -> list[tuple[str, int]]:
        """(language, article count) for every known language, most articles first."""
        count = func.count().label("n")
        query = (
            select(articles.c.language, count)
            .where(articles.c.language.is_not(None))
            .group_by(articles.c.language)
            .order_by(count.desc(), articles.c.language)
        )
        with self.transaction() as conn:
            return [(r.language, r.n) for r in conn.execute(query)]


@dataclass
class _Current:
    """What decides whether a newly read article is a new version of the stored one."""

    version: int
    version_hash: str
    word_count: int


def _current_versions(conn: Connection, ids: list[str]) -> dict[str, _Current]:
    if not ids:
        return {}
    query = select(
        articles.c.id, articles.c.version, articles.c.version_hash, articles.c.word_count
    ).where(articles.c.id.in_(set(ids)))
    return {r.id: _Current(r.version, r.version_hash, r.word_count) for r in conn.execute(query)}


def _is_lesser_copy(article: Article, current: _Current) -> bool:
    """A teaser, a cut-off copy or a much shorter text of a stored article is a sighting of it,
    not a new version: a feed's summary must not replace the full text read from the page."""
    shorter = article.word_count < current.word_count
    partial = (
        article.is_teaser or article.is_truncated or article.word_count * 2 < current.word_count
    )
    return shorter and partial


class _Writes:
    """Rows to write for a batch of parsed articles, flushed as a few bulk statements."""

    def __init__(self) -> None:
        self.inserts: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []
        self.touches: dict[str, dict[str, Any]] = {}  # re-sightings: last_seen_at only
        self.latest_rows: dict[str, dict[str, Any]] = {}  # newest insert/update row per id
        self.versions: list[dict[str, Any]] = []
        self.sightings: dict[tuple[str, int], dict[str, Any]] = {}

    def add(
        self, raw_id: int, article: Article, current: _Current | None, seen_at: datetime
    ) -> SaveOutcome:
        if current is not None and (
            current.version_hash == article.version_hash or _is_lesser_copy(article, current)
        ):
            self._touch(article.id, seen_at)
            self._sighting(article.id, raw_id, current.version, seen_at)
            return SaveOutcome(article.id, current.version, "unchanged")
        version = 1 if current is None else current.version + 1
        self._sighting(article.id, raw_id, version, seen_at)
        touched = self.touches.pop(article.id, {"last_seen_at": seen_at})["last_seen_at"]
        row = _article_row(article) | {
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
                "record": article_record(article),
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


def _article_row(article: Article) -> dict[str, Any]:
    return _strip_nul(_article_fields(article))


def _strip_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL characters; they carry nothing a reader needs."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: _strip_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_nul(v) for v in value]
    return value


def _article_fields(article: Article) -> dict[str, Any]:
    published, updated = article.published, article.updated
    return {
        "id": article.id,
        "identity_key": article.identity_key,
        "version_hash": article.version_hash,
        "title": article.title,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "guid": article.guid,
        "source": article.source,
        "site": article.site,
        "authors": article.authors,
        "published_at": published.utc if published else None,
        "published_offset": published.utc_offset_minutes if published else None,
        "published_precision": published.precision if published else None,
        "updated_at": updated.utc if updated else None,
        "updated_offset": updated.utc_offset_minutes if updated else None,
        "updated_precision": updated.precision if updated else None,
        "date_text": article.date_text,
        "language": article.language,
        "excerpt": article.excerpt,
        "tags": article.tags,
        "sections": [asdict(s) for s in article.sections],
        "body_text": article.body_text,
        "word_count": article.word_count,
        "is_truncated": article.is_truncated,
        "is_teaser": article.is_teaser,
        "relation": article.relation.value,
        "found_on": article.found_on,
        "notes": article.notes,
        "extra": _jsonable(article.extra),
    }


def _timestamp(utc: datetime | None, offset: int | None, precision: str | None) -> Timestamp | None:
    if utc is None:
        return None
    return Timestamp(utc=utc, utc_offset_minutes=offset, precision=precision or "second")


def _article_from_row(row: Any) -> Article:
    return Article(
        title=row.title,
        sections=[Section(s["heading"], list(s["paragraphs"])) for s in row.sections],
        url=row.url,
        canonical_url=row.canonical_url,
        guid=row.guid,
        source=row.source,
        site=row.site,
        authors=list(row.authors),
        published=_timestamp(row.published_at, row.published_offset, row.published_precision),
        updated=_timestamp(row.updated_at, row.updated_offset, row.updated_precision),
        date_text=row.date_text,
        language=row.language,
        excerpt=row.excerpt,
        tags=list(row.tags),
        is_truncated=row.is_truncated,
        is_teaser=row.is_teaser,
        relation=Relation(row.relation),
        found_on=row.found_on,
        notes=list(row.notes),
        extra=dict(row.extra),
    )


def _stored_from_row(row: Any) -> StoredArticle:
    return StoredArticle(
        id=row.id,
        version=row.version,
        article=_article_from_row(row),
        raw_document_id=row.raw_document_id,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
    )


def article_record(article: Article) -> dict[str, Any]:
    """The whole article as JSON-ready data (what a version keeps)."""
    row = _article_row(article)
    for key in ("published_at", "updated_at"):
        row[key] = row[key].isoformat() if row[key] else None
    return row


def article_from_record(record: dict[str, Any]) -> Article:
    values = dict(record)
    for key in ("published_at", "updated_at"):
        values[key] = datetime.fromisoformat(values[key]) if values.get(key) else None
    return _article_from_row(_Row(values))


class _Row:
    """Attribute access over a dict, so records and database rows share one reader."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _raw_row(raw: RawDocument) -> dict[str, Any]:
    return {
        "sha256": raw.content_sha256,
        "origin": raw.origin,
        "received_at": raw.received_at,
        "crawled_at": raw.crawled_at,
        "size": raw.size,
        "content": raw.content if raw.content or not raw.size else None,
        "format_hint": raw.format_hint,
        "format": raw.detected_format,
        "status": raw.status.value,
        "error": _strip_nul(raw.error),
        "article_count": 0,
    }


def _raw_from_row(row: Any) -> RawDocument:
    return RawDocument(
        content=row.content or b"",
        origin=row.origin,
        received_at=row.received_at,
        format_hint=row.format_hint,
        crawled_at=row.crawled_at,
        size=row.size,
        content_sha256=row.sha256,
        id=row.id,
        status=RawStatus(row.status),
        error=row.error,
        detected_format=row.format,
    )
