"""What search reads and writes: the full-text index (store/fulltext.py) and article vectors.

A mixin of `Store`, like the enrichment and stories parts: every method opens (or joins) the
store's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from newsdesk.model import StoredArticle
from newsdesk.store import fulltext
from newsdesk.store.fulltext import Filters, TextHit, TextQuery
from newsdesk.store.schema import article_embeddings as table
from newsdesk.store.schema import articles


class SearchStore:
    """Full-text queries and the stored sentence vectors of articles."""

    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def search_text(
        self,
        query: TextQuery,
        filters: Filters,
        limit: int,
        offset: int = 0,
        newest: bool = False,
    ) -> list[TextHit]:
        """Full-text matches, best first or newest first (see store/fulltext.py)."""
        with self.transaction() as conn:
            return fulltext.search(conn, query, filters, limit, offset, newest)

    def published_times(self, article_ids: Iterable[str]) -> dict[str, datetime | None]:
        """When each of these articles was published (None: unknown), by id."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, datetime | None] = {}
        with self.transaction() as conn:
            for start in range(0, len(ids), 500):
                query = select(articles.c.id, articles.c.published_at).where(
                    articles.c.id.in_(ids[start : start + 500])
                )
                found |= {
                    row.id: row.published_at.replace(tzinfo=UTC) if row.published_at else None
                    for row in conn.execute(query)
                }
        return found

    def like_scan(self, words: list[str], limit: int) -> list[str]:
        """Ids of articles containing every word as a substring: a benchmark's floor."""
        with self.transaction() as conn:
            return fulltext.like_scan(conn, words, limit)

    def index_articles(self, batch: list[StoredArticle]) -> None:
        """The index stage's work: make these article versions (as `pending("index")` gave
        them) findable by full-text search, replacing what the index held for them.

        Mark the same versions done for stage "index" after this call, in the same
        transaction: what the index holds for an article is read from that stage's progress.
        """
        with self.transaction() as conn:
            fulltext.index_articles(conn, [(stored.id, stored.version) for stored in batch])

    def rebuild_search_index(self) -> None:
        """Re-index every article's current text and mark every article done for the index
        stage (after a restore, a VACUUM that renumbered rows, or a doubt)."""
        with self.transaction() as conn:
            fulltext.rebuild(conn)

    def save_embeddings(self, model: str, rows: list[tuple[str, int, bytes, int]]) -> None:
        """Store (article id, version, float32 vector bytes, dimension) rows, replacing older."""
        if not rows:
            return
        now = datetime.now(UTC)
        with self.transaction() as conn:
            seq = conn.execute(
                select(func.coalesce(func.max(table.c.seq), 0)).where(table.c.model == model)
            ).scalar_one()
            ids = [article_id for article_id, *_ in rows]
            conn.execute(table.delete().where(table.c.model == model, table.c.article_id.in_(ids)))
            conn.execute(
                table.insert(),
                [
                    {
                        "article_id": article_id,
                        "model": model,
                        "version": version,
                        "dimension": dimension,
                        "vector": vector,
                        "seq": seq + index + 1,
                        "embedded_at": now,
                    }
                    for index, (article_id, version, vector, dimension) in enumerate(rows)
                ],
            )

    def embeddings_state(self, model: str) -> tuple[int, int]:
        """(how many vectors, highest seq) for a model: tells a reader whether to reload."""
        query = select(func.count(), func.coalesce(func.max(table.c.seq), 0)).where(
            table.c.model == model
        )
        with self.transaction() as conn:
            count, seq = conn.execute(query).one()
        return count, seq

    def embeddings_latest_seq(self, model: str) -> int:
        """The highest seq of a model's vectors (0 if none): one index lookup."""
        query = select(func.coalesce(func.max(table.c.seq), 0)).where(table.c.model == model)
        with self.transaction() as conn:
            return conn.execute(query).scalar_one()

    def embeddings_after(self, model: str, after_seq: int, limit: int = 20000) -> list[Any]:
        """Vectors written after `after_seq`, in seq order, with the article fields filters use.

        Each row has: article_id, seq, dimension, vector, source, language, published_at.
        """
        query = (
            select(
                table.c.article_id,
                table.c.seq,
                table.c.dimension,
                table.c.vector,
                articles.c.source,
                articles.c.language,
                articles.c.published_at,
            )
            .join(articles, articles.c.id == table.c.article_id)
            .where(table.c.model == model, table.c.seq > after_seq)
            .order_by(table.c.seq)
            .limit(limit)
        )
        with self.transaction() as conn:
            return conn.execute(query).all()

    def embedding_of(self, article_id: str, model: str) -> bytes | None:
        """The stored vector bytes of one article, or None if it has not been embedded."""
        query = select(table.c.vector).where(
            table.c.article_id == article_id, table.c.model == model
        )
        with self.transaction() as conn:
            return conn.execute(query).scalar_one_or_none()
