"""Full-text search in SQL: SQLite FTS5 or PostgreSQL tsvector, behind one set of functions.

SQLite: `articles_fts`, an FTS5 table over `articles.title` and `articles.body_text` with
`articles` as its external content; ranking is bm25 (store/fulltext_sqlite.py).
PostgreSQL: `articles.search_document`, a tsvector column with a GIN index; ranking is
`ts_rank` (store/fulltext_postgres.py). What a query is and what it finds: fulltext_query.py.

The index is written by its own pipeline stage, "index", right after ingest and outside the
ingest transaction (keeping it current inside cost ingest about 30%): the stage hands each batch
of pending articles to `index_articles` and marks them done in the same transaction. Until
then an article is stored but not found by full-text search. The stage's progress rows say
which version of each article the index holds, which SQLite needs to remove it again.

Snippets and highlights are made by the caller (search.py) from the text it loads anyway: FTS5's
`snippet()` and `ts_headline` re-read every match of every word, which cost more than the search.
Every function takes an open SQLAlchemy `Connection`; `Store` wraps them.

Two things a later migration must know:
- (SQLite) Alembic's batch mode rebuilds a table it alters, and may renumber the rowids the index
  points at. Call `restore_after_articles_rebuilt(conn)` at the end of such a migration.
- The FTS5 table, its shadow tables and the PostgreSQL column are not in `schema.metadata`:
  compare the schema with `include_object` below (env.py and the migration test should pass it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, literal, select, text

from newsdesk.store import fulltext_postgres, fulltext_sqlite
from newsdesk.store.fulltext_postgres import PG_COLUMN, PG_CONFIG, PG_INDEX
from newsdesk.store.fulltext_query import RANK_POOL, Filters, TextHit, TextQuery
from newsdesk.store.fulltext_sqlite import BODY_WEIGHT, FTS_TABLE, TITLE_WEIGHT, fts5_expression
from newsdesk.store.schema import UTCDateTime, articles, stage_progress

__all__ = [
    "BODY_WEIGHT",
    "FTS_TABLE",
    "INDEX_STAGE",
    "PG_COLUMN",
    "PG_CONFIG",
    "PG_INDEX",
    "RANK_POOL",
    "TITLE_WEIGHT",
    "Filters",
    "TextHit",
    "TextQuery",
    "fts5_expression",
    "include_object",
    "index_articles",
    "like_scan",
    "mark_all_indexed",
    "rebuild",
    "restore_after_articles_rebuilt",
    "search",
]

INDEX_STAGE = "index"  # the pipeline stage that writes the index (its stage_progress rows)


# Writing -----------------------------------------------------------------------------------


def index_articles(conn: Connection, versions: list[tuple[str, int]]) -> None:
    """(Re)index these (article id, version) pairs of stored articles.

    Call it before marking the same pairs done for INDEX_STAGE, in the same transaction: on
    SQLite it reads which version the index holds from that stage's progress. An article given
    twice is indexed once, at the last version given (as `mark_done` records it).
    """
    latest = list(dict(versions).items())  # one per article: the last version given wins
    if not latest:
        return
    if conn.dialect.name == "sqlite":
        fulltext_sqlite.index(conn, latest, INDEX_STAGE)
    elif conn.dialect.name == "postgresql":
        fulltext_postgres.index(conn, [article_id for article_id, _ in latest])
    else:
        raise NotImplementedError(f"no full-text search for {conn.dialect.name}")


def rebuild(conn: Connection) -> None:
    """Re-index every article's current text, and mark every article indexed at its current
    version (after a restore, a VACUUM that renumbered rows, or a doubt)."""
    if conn.dialect.name == "sqlite":
        fulltext_sqlite.rebuild(conn)
    else:
        fulltext_postgres.rebuild(conn)
    mark_all_indexed(conn)


def restore_after_articles_rebuilt(conn: Connection) -> None:
    """(SQLite) Rebuild the index over the rebuilt `articles`; PostgreSQL: no-op."""
    if conn.dialect.name == "sqlite":
        rebuild(conn)


def mark_all_indexed(conn: Connection) -> None:
    """Record every stored article as indexed at its current version (and nothing else)."""
    conn.execute(delete(stage_progress).where(stage_progress.c.stage == INDEX_STAGE))
    now = literal(datetime.now(UTC), UTCDateTime)
    rows = select(literal(INDEX_STAGE), articles.c.id, articles.c.version, now)
    columns = ["stage", "article_id", "version", "done_at"]
    conn.execute(stage_progress.insert().from_select(columns, rows))


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic `include_object` hook: leave the search objects out of schema comparisons."""
    if type_ == "table" and name and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    if type_ == "column" and name == PG_COLUMN:
        return False
    return not (type_ == "index" and name == PG_INDEX)


# Reading -----------------------------------------------------------------------------------


def search(
    conn: Connection,
    query: TextQuery,
    filters: Filters,
    limit: int,
    offset: int = 0,
    newest: bool = False,
) -> list[TextHit]:
    """The best matches, best first, or with `newest` the latest published first (undated
    last; score 0); [] for a query with nothing to find. Either way only the newest RANK_POOL
    matches stored are considered, and only articles the index stage has processed."""
    if query.is_empty or limit <= 0 or filters.article_ids == frozenset():
        return []
    if conn.dialect.name == "sqlite":
        return fulltext_sqlite.search(conn, query, filters, limit, offset, newest)
    return fulltext_postgres.search(conn, query, filters, limit, offset, newest)


def like_scan(conn: Connection, words: list[str], limit: int) -> list[str]:
    """The floor a benchmark compares with: every word as a case-insensitive substring scan."""
    params: dict[str, Any] = {"limit": limit}
    operator = "ILIKE" if conn.dialect.name == "postgresql" else "LIKE"
    clauses = []
    for number, word in enumerate(words):
        params[f"w{number}"] = f"%{word}%"
        clauses.append(f"(title {operator} :w{number} OR body_text {operator} :w{number})")
    where = " AND ".join(clauses) or "1=1"
    # Newest first, as a plain reader would list them (no relevance without an index).
    sql = f"SELECT id FROM articles WHERE {where} ORDER BY published_at DESC, id LIMIT :limit"
    return list(conn.execute(text(sql), params).scalars())
