"""The one storage interface: raw documents, articles with versions and provenance, stage progress.

Every caller (pipeline, CLI, later stages, web) goes through `Store`; nothing else writes SQL.
Calls made inside `with store.transaction():` share one transaction (a batch commits once).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, bindparam, func, select, update

from newsdesk.errors import NotFound
from newsdesk.model import (
    Article,
    RawDocument,
    RawStatus,
    Relation,
    SaveOutcome,
    Sighting,
    StoredArticle,
)
from newsdesk.store.accounts import AccountsStore
from newsdesk.store.comments import CommentsStore
from newsdesk.store.desk import DeskStore
from newsdesk.store.enrichment import EnrichmentStore
from newsdesk.store.greader import GreaderStore
from newsdesk.store.highlights import HighlightsStore
from newsdesk.store.progress import ProgressStore
from newsdesk.store.rows import (
    article_from_record,
    raw_from_row,
    raw_row,
    stored_from_row,
    strip_nul,
)
from newsdesk.store.schema import (
    article_sightings,
    article_versions,
    articles,
    raw_documents,
)
from newsdesk.store.search import SearchStore
from newsdesk.store.sources import SourcesStore
from newsdesk.store.stories import StoriesStore
from newsdesk.store.writes import ArticleWrites, CurrentVersion, current_versions


def _now() -> datetime:
    return datetime.now(UTC)


class Store(
    ProgressStore,
    EnrichmentStore,
    StoriesStore,
    SearchStore,
    SourcesStore,
    AccountsStore,
    DeskStore,
    GreaderStore,
    CommentsStore,
    HighlightsStore,
):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Per thread: pollers share one Store, and one thread's transaction is not another's.
        self._local = threading.local()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction for every store call inside the block (re-entrant, per thread)."""
        current: Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        with self.engine.begin() as connection:
            self._local.connection = connection
            try:
                yield connection
            finally:
                self._local.connection = None

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
                        raw_documents.insert(), raw_row(raw)
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
                "error": strip_nul(error),
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
        return raw_from_row(row)

    def raw_documents(
        self, status: RawStatus | None = None, limit: int = 1000
    ) -> list[RawDocument]:
        query = select(raw_documents).order_by(raw_documents.c.id).limit(limit)
        if status is not None:
            query = query.where(raw_documents.c.status == status.value)
        with self.transaction() as conn:
            return [raw_from_row(row) for row in conn.execute(query)]

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
        writes = ArticleWrites()
        results = []
        with self.transaction() as conn:
            current = current_versions(conn, [a.id for _, parsed, _ in items for a in parsed])
            for raw_id, parsed, seen_at in items:
                outcomes = []
                for article in parsed:  # one at a time: a document may list an article twice
                    outcome = writes.add(raw_id, article, current.get(article.id), seen_at)
                    if outcome.change != "unchanged":
                        current[article.id] = CurrentVersion(
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
        return stored_from_row(row)

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
            return [stored_from_row(row) for row in conn.execute(query)]

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
                batch = [stored_from_row(row) for row in conn.execute(query)]
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
            return [stored_from_row(row) for row in conn.execute(query)]

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
                found |= {row.id: stored_from_row(row) for row in conn.execute(query)}
        return found

    def articles_found_on(self, article_id: str) -> list[StoredArticle]:
        """Articles listed on this article's page (teasers of related pieces), in stored order."""
        query = (
            select(articles)
            .where(articles.c.found_on == article_id)
            .order_by(articles.c.first_seen_at, articles.c.id)
        )
        with self.transaction() as conn:
            return [stored_from_row(row) for row in conn.execute(query)]

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
