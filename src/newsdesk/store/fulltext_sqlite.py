"""The SQLite full-text index: FTS5 table `articles_fts`, written by the index stage, and queried.

`articles_fts` indexes `articles.title` and `articles.body_text` with `articles` as its external
content (the text is not stored twice), rowid for rowid. Ranking is bm25 with the title
weighted above the body.

External content puts one duty on the writer: FTS5 cannot look up what it indexed for a row, so
removing a row's old words takes the exact text that was indexed (the 'delete' command). Given
anything else it removes the wrong words and keeps the old ones findable. The text indexed for
an article is always the record of the version that `stage_progress` says the index stage
processed (see `index`), and `article_versions` keeps that record.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from newsdesk.store.fulltext_query import (
    RANK_POOL,
    Filters,
    TextHit,
    TextQuery,
    filter_sql,
    stored_dates,
    words,
)

FTS_TABLE = "articles_fts"
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0

RANK_SAMPLE = 2_000  # newest articles that tell which words are too common to rank by
RANK_SLACK_ROWS = 200  # rows a second ranking statement may read beyond 4x the pool's size

# The (article id, version) pairs of a batch, handed in as one JSON parameter.
_BATCH = """(SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS version
             FROM json_each(:batch))"""


# Writing -----------------------------------------------------------------------------------


def index(conn: Connection, versions: list[tuple[str, int]], stage: str) -> None:
    """Index each (article id, version): that version's title and body replace what the index
    holds for the article, found from its `stage` progress row (read before the caller
    overwrites it). Three statements per batch, whatever its size."""
    if not versions:
        return
    params = {"batch": json.dumps(versions), "stage": stage}
    if _indexed_without_progress(conn, params):
        # The stage's progress was reset (or lost) over an index that still holds the text:
        # which text is unknown, so no row can be removed safely; index everything afresh.
        rebuild(conn)
        return
    conn.execute(
        text(f"""
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body_text)
            SELECT 'delete', a.rowid, json_extract(v.record, '$.title'),
                   json_extract(v.record, '$.body_text')
            FROM {_BATCH} AS b
            JOIN articles a ON a.id = b.id
            JOIN stage_progress p ON p.stage = :stage AND p.article_id = b.id
            JOIN article_versions v ON v.article_id = b.id AND v.version = p.version
        """),
        params,
    )
    # The row holds the batch's version unless a newer one was written since the batch was
    # read; then that version's record is indexed, the version the caller marks done.
    conn.execute(
        text(f"""
            INSERT INTO {FTS_TABLE}(rowid, title, body_text)
            SELECT a.rowid,
                   CASE WHEN a.version = b.version THEN a.title
                        ELSE json_extract(v.record, '$.title') END,
                   CASE WHEN a.version = b.version THEN a.body_text
                        ELSE json_extract(v.record, '$.body_text') END
            FROM {_BATCH} AS b
            JOIN articles a ON a.id = b.id
            LEFT JOIN article_versions v
              ON a.version <> b.version AND v.article_id = b.id AND v.version = b.version
        """),
        params,
    )


def _indexed_without_progress(conn: Connection, params: dict[str, Any]) -> bool:
    """Whether the index holds (has a document size for) an article of the batch that has
    no progress row: the stage's progress was reset without rebuilding the index."""
    sql = f"""
        SELECT 1 FROM {_BATCH} AS b
        JOIN articles a ON a.id = b.id
        JOIN {FTS_TABLE}_docsize d ON d.id = a.rowid
        WHERE NOT EXISTS (
          SELECT 1 FROM stage_progress p WHERE p.stage = :stage AND p.article_id = b.id
        )
        LIMIT 1
    """
    return conn.execute(text(sql), params).first() is not None


def rebuild(conn: Connection) -> None:
    """Index every article's current text afresh (the caller marks them all indexed)."""
    conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))


# Searching ---------------------------------------------------------------------------------


def search(
    conn: Connection, query: TextQuery, filters: Filters, limit: int, offset: int, newest: bool
) -> list[TextHit]:
    """Best matches first (bm25), or with `newest` the latest published first."""
    expression = fts5_expression(query)
    if not expression:
        return []
    if newest:
        return _newest(conn, expression, filters, limit, offset)
    ranks = _ranked_pool(conn, query, expression, filters)
    # Equal ranks (none at all when every word is common): the newest first.
    order = sorted(ranks, key=lambda rid: (ranks[rid], -rid))[offset : offset + limit]
    if not order:
        return []
    ids = dict(
        conn.execute(
            text(f"SELECT rowid, id FROM articles WHERE rowid IN ({', '.join(map(str, order))})")
        ).all()
    )
    capped = len(ranks) >= RANK_POOL
    return [TextHit(ids[rid], -ranks[rid], capped) for rid in order if rid in ids]


def fts5_expression(query: TextQuery) -> str:
    """The FTS5 MATCH string: every word quoted, so nothing a user types is FTS5 syntax."""
    quote = lambda found: '"' + " ".join(found) + '"'  # noqa: E731
    parts = [quote(words(t)) for t in query.terms if words(t)]
    parts += [quote(w) for p in query.phrases if (w := [x for s in p for x in words(s)])]
    parts += [quote(words(p)) + " *" for p in query.prefixes if words(p)]
    joined = (" OR " if query.any_of else " AND ").join(parts)
    if not joined:
        return ""
    excluded = [quote(words(t)) for t in query.excluded if words(t)]
    return "(" + joined + ")" + "".join(f" NOT {e}" for e in excluded)


def _newest(
    conn: Connection, expression: str, filters: Filters, limit: int, offset: int
) -> list[TextHit]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    pool = _pool_sql(expression, filters, "", params)
    # SQLite sorts NULL below every date, so undated articles come last when descending.
    sql = f"""
        WITH pool AS MATERIALIZED ({pool})
        SELECT a.id, (SELECT count(*) FROM pool) AS pool FROM pool
        JOIN articles a ON a.rowid = pool.rowid
        ORDER BY a.published_at DESC, a.rowid DESC LIMIT :limit OFFSET :offset
    """
    rows = conn.execute(text(sql), stored_dates(params)).all()
    return [TextHit(r.id, 0.0, r.pool >= RANK_POOL) for r in rows]


def _ranked_pool(
    conn: Connection, query: TextQuery, expression: str, filters: Filters
) -> dict[int, float]:
    """bm25 (lower is better) of the newest RANK_POOL matches, by rowid.

    bm25 costs a microsecond or so a match: a word in every article of a 100k store would cost
    a tenth of a second to rank. Walking the index newest first stops at RANK_POOL; the caller
    is told when that cut anything off. Ranking in the same statement is simplest; when some
    parts of the query weigh nothing (see _Ranking) the pool is ranked by the others in a
    second statement over the pool's rowid range, unless that range holds many more rows that
    the ranking query matches than the pool does (ranking costs some microseconds a row).
    """
    ranking = _Ranking.of(conn, query, expression)
    pool = _pool(conn, expression, filters, ranked=ranking is None)
    if ranking is None or ranking.query.is_empty or not pool:
        return pool
    low, high = min(pool), max(pool)
    if (high - low + 1) * ranking.share > 4 * len(pool) + RANK_SLACK_ROWS:  # too sparse
        return _pool(conn, expression, filters, ranked=True)
    sql = f"""
        SELECT rowid, bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank
        FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND rowid BETWEEN :low AND :high
    """
    params = {"q": fts5_expression(ranking.query), "low": low, "high": high}
    for row in conn.execute(text(sql), params):
        if row.rowid in pool:
            pool[row.rowid] = row.rank
    return pool  # a row the reduced query missed holds only words that weigh nothing: rank 0


def _pool(conn: Connection, expression: str, filters: Filters, ranked: bool) -> dict[int, float]:
    """The newest RANK_POOL matches that pass the filters: rowid -> bm25, or 0.0 unranked."""
    params: dict[str, Any] = {}
    rank = f", bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT})" if ranked else ", 0.0"
    sql = _pool_sql(expression, filters, rank, params)
    return {rowid: rank for rowid, rank in conn.execute(text(sql), stored_dates(params))}


def _pool_sql(expression: str, filters: Filters, columns: str, params: dict[str, Any]) -> str:
    """SELECT of the newest RANK_POOL matches' rowids (plus `columns`); fills `params`."""
    params |= {"q": expression, "pool": RANK_POOL}
    where = filter_sql(filters, "a", params)
    join = f"JOIN articles a ON a.rowid = {FTS_TABLE}.rowid" if where else ""
    return f"""
        SELECT {FTS_TABLE}.rowid AS rowid{columns} FROM {FTS_TABLE} {join}
        WHERE {FTS_TABLE} MATCH :q{where}
        ORDER BY {FTS_TABLE}.rowid DESC LIMIT :pool
    """


@dataclass(frozen=True)
class _Ranking:
    """A cheaper query to rank a pool by: the parts of the query that carry weight in bm25,
    as plain words and prefixes.

    bm25 first counts the articles holding each part, reading its whole posting list: for a
    word in most articles that is most of the cost of a query, and FTS5 then gives such a word
    (one in half the articles or more) an idf of 1e-6, so it moves no rank. Such words are
    found from the newest RANK_SAMPLE articles and left out of the ranking (the pool query
    still requires them). A phrase is ranked by its words: counting a phrase also reads every
    position of its words. If every part is that common nothing is left to rank by, and the
    newest articles come first. Stores under RANK_SAMPLE articles are ranked by plain bm25.
    """

    query: TextQuery
    share: float  # estimated share of all articles that `query` matches

    @classmethod
    def of(cls, conn: Connection, query: TextQuery, expression: str) -> _Ranking | None:
        """None when plain bm25 in one pass is the better way: the cheaper query would be the
        query itself, or the matches look too far apart for it (see _ranked_pool)."""
        terms = list(dict.fromkeys([*query.terms, *(w for p in query.phrases for w in p)]))
        parts = [(w, False) for w in terms] + [(p, True) for p in dict.fromkeys(query.prefixes)]
        sample = _sample(conn, parts, expression)
        if sample.articles < RANK_SAMPLE:  # a small store: plain bm25 costs little
            return None
        counts = zip(parts, sample.counts, strict=True)
        shares = {part: count / sample.articles for part, count in counts}
        kept = [part for part in parts if shares[part] < 0.5]
        if len(kept) == len(parts) and not query.phrases:
            return None
        if not kept:  # nothing to rank by: no ranking statement, however far the pool reaches
            return cls(TextQuery(any_of=query.any_of), 0.0)
        kept_shares = [shares[part] for part in kept]
        share = min(1.0, sum(kept_shares)) if query.any_of else math.prod(kept_shares)
        if share * sample.span() > 4 * sample.pool() + RANK_SLACK_ROWS:
            return None
        kept_terms = tuple(part for part, is_prefix in kept if not is_prefix)
        prefixes = tuple(part for part, is_prefix in kept if is_prefix)
        return cls(TextQuery(kept_terms, (), prefixes, any_of=query.any_of), share)


@dataclass(frozen=True)
class _Sample:
    """What the newest RANK_SAMPLE articles say about a query (see _sample)."""

    articles: int  # articles among the newest RANK_SAMPLE rowids
    newest: int  # the highest rowid: about how many articles there are
    matches: int  # of `articles`, how many the whole query matches
    counts: list[int]  # of `articles`, how many hold each part

    def pool(self) -> float:
        """About how many matches the pool will hold."""
        return min(RANK_POOL, self.matches / max(self.articles, 1) * self.newest)

    def span(self) -> float:
        """About how many rowids back the pool will reach."""
        if not self.matches:
            return float(self.newest)
        return min(self.newest, self.pool() * self.articles / self.matches)


def _sample(conn: Connection, parts: list[tuple[str, bool]], expression: str) -> _Sample:
    """How many of the newest RANK_SAMPLE rowids are articles, how many of those match the
    whole query, and how many hold each (word, is_prefix)."""
    params: dict[str, Any] = {"whole": expression}
    counts = [
        f"(SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :whole "
        "AND rowid > (SELECT newest FROM edge))"
    ]
    for number, (part, is_prefix) in enumerate(parts):
        query = TextQuery(prefixes=(part,)) if is_prefix else TextQuery(terms=(part,))
        params[f"q{number}"] = fts5_expression(query) or '""'
        counts.append(
            f"(SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q{number} "
            "AND rowid > (SELECT newest FROM edge))"
        )
    sql = f"""
        WITH edge AS (SELECT coalesce(max(rowid), 0) - {RANK_SAMPLE} AS newest FROM articles)
        SELECT (SELECT count(*) FROM articles WHERE rowid > (SELECT newest FROM edge)),
               (SELECT newest FROM edge) + {RANK_SAMPLE},
               {", ".join(counts)}
    """
    row = conn.execute(text(sql), params).one()
    return _Sample(row[0], row[1], row[2], list(row[3:]))
