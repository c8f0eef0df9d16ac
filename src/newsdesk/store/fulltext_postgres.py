"""The PostgreSQL full-text index: tsvector column `articles.search_document`, and its queries.

The column holds the title (weight A) and body (weight B) in the English configuration, with a
GIN index; NULL until the index stage has run over the article, so an article not yet indexed
matches nothing. Ranking is `ts_rank`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, bindparam, text

from newsdesk.store.fulltext_query import (
    RANK_POOL,
    Filters,
    TextHit,
    TextQuery,
    filter_sql,
    stored_dates,
    words,
)

PG_COLUMN = "search_document"
PG_INDEX = "ix_articles_search_document"
PG_CONFIG = "english"
PG_DOCUMENT = (
    f"setweight(to_tsvector('{PG_CONFIG}', coalesce(title, '')), 'A') || "
    f"setweight(to_tsvector('{PG_CONFIG}', coalesce(body_text, '')), 'B')"
)

PG_SAMPLE = 500  # newest articles that tell how common a query's matches are
PG_SHORT_WALK = 10_000  # rows a walk may unpack before the other plan is worth counting for


# Writing -----------------------------------------------------------------------------------


def index(conn: Connection, article_ids: list[str]) -> None:
    """Index the current title and body of these articles, in one statement."""
    if not article_ids:
        return
    sql = text(f"UPDATE articles SET {PG_COLUMN} = {PG_DOCUMENT} WHERE id IN :ids")
    conn.execute(sql.bindparams(bindparam("ids", expanding=True)), {"ids": article_ids})


def rebuild(conn: Connection) -> None:
    """Index every article's current text afresh (the caller marks them all indexed)."""
    conn.execute(text(f"UPDATE articles SET {PG_COLUMN} = {PG_DOCUMENT}"))


# Searching ---------------------------------------------------------------------------------


def search(
    conn: Connection, query: TextQuery, filters: Filters, limit: int, offset: int, newest: bool
) -> list[TextHit]:
    """Best matches first (ts_rank), or with `newest` the latest published first."""
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    tsquery = _tsquery(query, params)
    if not tsquery:
        return []
    where = filter_sql(filters, "a", params)
    # The tsquery is written out (not joined in from a CTE) so the planner can use the GIN
    # index. Only the newest RANK_POOL matches are ranked: ts_rank reads each match's whole
    # tsvector, a second for every 25k matches here. The subquery with its own LIMIT keeps
    # ts_rank off every other match, and carries the tsvector out so that no join back to
    # `articles` is needed. Normalisation 1 divides by 1 + log(length), so long articles do
    # not win by size.
    params["pool"] = RANK_POOL
    rank = f"ts_rank(recent.document, {tsquery}, 1)" if not newest else "0.0"
    order = "recent.published_at DESC NULLS LAST" if newest else "rank DESC"
    sql = f"""
        SELECT recent.id, {rank} AS rank, count(*) OVER () AS pool
        FROM (
          SELECT a.id, a.published_at, a.{PG_COLUMN} AS document FROM articles a
          WHERE a.{PG_COLUMN} @@ {tsquery}{where}
          ORDER BY a.first_seen_at DESC, a.id DESC LIMIT :pool
        ) AS recent
        ORDER BY {order}, recent.id LIMIT :limit OFFSET :offset
    """
    with _plan(conn, query, filters):
        rows = conn.execute(text(sql), stored_dates(params)).all()
    return [TextHit(r.id, float(r.rank), r.pool >= RANK_POOL) for r in rows]


def _tsquery(query: TextQuery, params: dict[str, Any]) -> str:
    """A tsquery built from bound values by PostgreSQL's own parsers (no string splicing)."""
    parts = []
    for number, term in enumerate(query.terms):
        params[f"t{number}"] = " ".join(words(term))
        parts.append(f"plainto_tsquery('{PG_CONFIG}', :t{number})")
    for number, phrase in enumerate(query.phrases):
        params[f"p{number}"] = " ".join(w for s in phrase for w in words(s))
        parts.append(f"phraseto_tsquery('{PG_CONFIG}', :p{number})")
    for number, prefix in enumerate(query.prefixes):
        found = words(prefix)
        if not found:
            continue
        # A prefix is matched on the raw word (not stemmed), quoted as a tsquery lexeme.
        params[f"x{number}"] = found[0].replace("'", "")
        parts.append(f"to_tsquery('simple', quote_literal(:x{number}) || ':*')")
    if not parts:
        return ""
    expression = "(" + (" || " if query.any_of else " && ").join(parts) + ")"
    for number, term in enumerate(query.excluded):
        params[f"n{number}"] = " ".join(words(term))
        expression += f" && !! plainto_tsquery('{PG_CONFIG}', :n{number})"
    return f"({expression})"


@contextmanager
def _plan(conn: Connection, query: TextQuery, filters: Filters) -> Iterator[None]:
    """Choose between the two plans for the newest matches, which the planner cannot price.

    The planner prices `@@` as cheap, so it likes to walk first_seen_at backwards testing each
    row until RANK_POOL match; but each test unpacks a whole tsvector. For a word in most
    articles the walk is short and best. For a word in one article of twenty it reads 40k
    tsvectors (0.3 s at 100k articles), and for a phrase whose words meet in 12k articles but
    which is in 38, all 100k (0.7 s): asking the GIN index for the matches, which reads no
    tsvector, and sorting them costs far less. The query's share of the newest
    PG_SAMPLE articles tells how long the walk would be. A phrase still needs every article
    holding all its words unpacked to be checked: then the shorter of the two is taken.
    """
    params: dict[str, Any] = {"sample": PG_SAMPLE}
    sql = f"""
        SELECT count(*) FROM (
          SELECT {PG_COLUMN} FROM articles ORDER BY first_seen_at DESC LIMIT :sample
        ) AS newest WHERE newest.{PG_COLUMN} @@ {_tsquery(query, params)}
    """
    in_sample = conn.execute(text(sql), params).scalar_one()
    walk = RANK_POOL * PG_SAMPLE / in_sample if in_sample else math.inf
    conn.execute(text("SET LOCAL enable_seqscan = off"))  # the indexes, for the counts too
    if walk > PG_SHORT_WALK and not (
        query.phrases and not query.any_of and _count_together(conn, query, filters) > walk
    ):
        conn.execute(text("SET LOCAL enable_indexscan = off"))
    yield
    # Not in a `finally`: after a failed statement the transaction takes no command, and its
    # rollback undoes SET LOCAL anyway.
    conn.execute(text("RESET enable_seqscan"))
    conn.execute(text("RESET enable_indexscan"))


def _count_together(conn: Connection, query: TextQuery, filters: Filters) -> int:
    """Articles holding every word of the query, phrases or not (the GIN index alone)."""
    all_words = (*query.terms, *(w for phrase in query.phrases for w in phrase))
    params: dict[str, Any] = {}
    tsquery = _tsquery(TextQuery(all_words, (), query.prefixes), params)
    where = filter_sql(filters, "a", params)
    sql = f"SELECT count(*) FROM articles a WHERE a.{PG_COLUMN} @@ {tsquery}{where}"
    return conn.execute(text(sql), stored_dates(params)).scalar_one()
