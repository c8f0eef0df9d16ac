"""Full-text search in SQL: SQLite FTS5 or PostgreSQL tsvector, behind one set of functions.

SQLite: `articles_fts`, an FTS5 table over `articles.title` and `articles.body_text` with
`articles` as its external content (the text is not stored twice), kept current by three
triggers. Ranking is bm25 with the title weighted above the body.

PostgreSQL: `articles.search_document`, a stored generated tsvector column (title weight A, body
weight B, English configuration) with a GIN index; ranking is `ts_rank`.

Snippets and highlights are made by the caller (search.py) from the text it loads anyway: FTS5's
`snippet()` and `ts_headline` re-read every match of every word, which cost more than the search.

Both are kept up to date by the database itself as articles are written: no caller has to
remember. Every function takes an open SQLAlchemy `Connection`; `Store` wraps them.

Two things a later migration must know (SQLite):
- Alembic's batch mode rebuilds a table it alters: rebuilding `articles` drops the triggers and may
  renumber the rowids the index points at. Call `restore_after_articles_rebuilt(conn)` at the end
  of such a migration.
- The FTS5 table, its shadow tables and the PostgreSQL column are not in `schema.metadata`:
  compare the schema with `include_object` below (env.py and the migration test should pass it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

FTS_TABLE = "articles_fts"
PG_COLUMN = "search_document"
PG_INDEX = "ix_articles_search_document"
PG_CONFIG = "english"
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0

RANK_POOL = 2_000  # matches ranked per query at most: the newest ones (see _sqlite_pool)
RANK_SAMPLE = 2_000  # newest articles that tell which words are too common to rank by
PG_SAMPLE = 500  # newest articles that tell how common a query's matches are (PostgreSQL)
PG_SHORT_WALK = 10_000  # rows a walk may unpack before the other plan is worth counting for
RANK_SLACK_ROWS = 200  # rows a second ranking statement may read beyond 4x the pool's size

_SQLITE_TRIGGERS = {
    "articles_fts_insert": f"""
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
          INSERT INTO {FTS_TABLE}(rowid, title, body_text)
          VALUES (new.rowid, new.title, new.body_text);
        END""",
    "articles_fts_delete": f"""
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
          INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body_text)
          VALUES ('delete', old.rowid, old.title, old.body_text);
        END""",
    # Only a change of the indexed text re-indexes: a re-sighting touches last_seen_at alone.
    "articles_fts_update": f"""
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body_text ON articles BEGIN
          INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body_text)
          VALUES ('delete', old.rowid, old.title, old.body_text);
          INSERT INTO {FTS_TABLE}(rowid, title, body_text)
          VALUES (new.rowid, new.title, new.body_text);
        END""",
}


@dataclass(frozen=True)
class TextQuery:
    """A parsed query: every term, phrase and prefix must match; no excluded term may."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()  # each a run of words that must be adjacent
    prefixes: tuple[str, ...] = ()  # "satell*": any word starting with it
    excluded: tuple[str, ...] = ()
    any_of: bool = False  # match any one term instead of all (related articles)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.prefixes)


@dataclass(frozen=True)
class Filters:
    """What a search is limited to; `article_ids` lets entity and story filters narrow it."""

    source: str | None = None  # publisher, case-insensitive
    language: str | None = None
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before
    article_ids: frozenset[str] | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.source or self.language or self.since or self.until) and (
            self.article_ids is None
        )


@dataclass
class TextHit:
    article_id: str
    score: float  # higher is better; comparable only within one query
    capped: bool = False  # more articles matched than RANK_POOL: only the newest were ranked


# Schema ------------------------------------------------------------------------------------


def create(conn: Connection) -> None:
    """Create the index for this database and fill it from the articles already stored."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body_text, "
                "content='articles', content_rowid='rowid', "
                "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4')"
            )
        )
        conn.execute(
            text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', :rank)"),
            {"rank": f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})"},
        )
        restore_after_articles_rebuilt(conn)
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                f"ALTER TABLE articles ADD COLUMN {PG_COLUMN} tsvector GENERATED ALWAYS AS ("
                f"setweight(to_tsvector('{PG_CONFIG}', coalesce(title, '')), 'A') || "
                f"setweight(to_tsvector('{PG_CONFIG}', coalesce(body_text, '')), 'B')) STORED"
            )
        )
        conn.execute(text(f"CREATE INDEX {PG_INDEX} ON articles USING GIN ({PG_COLUMN})"))
    else:
        raise NotImplementedError(f"no full-text search for {conn.dialect.name}")


def drop(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        conn.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))
        conn.execute(text(f"ALTER TABLE articles DROP COLUMN IF EXISTS {PG_COLUMN}"))


def restore_after_articles_rebuilt(conn: Connection) -> None:
    """(SQLite) Re-create the triggers and rebuild the index from `articles`; PostgreSQL: no-op."""
    if conn.dialect.name != "sqlite":
        return
    for name, ddl in _SQLITE_TRIGGERS.items():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        conn.execute(text(ddl))
    rebuild(conn)


def rebuild(conn: Connection) -> None:
    """Re-index every article (after a restore, a VACUUM that renumbered rows, or a doubt)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
    # PostgreSQL's generated column cannot go stale.


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic `include_object` hook: leave the search objects out of schema comparisons."""
    if type_ == "table" and name and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    if type_ == "column" and name == PG_COLUMN:
        return False
    return not (type_ == "index" and name == PG_INDEX)


# Queries -----------------------------------------------------------------------------------


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
    matches stored are considered."""
    if query.is_empty or limit <= 0 or filters.article_ids == frozenset():
        return []
    if conn.dialect.name == "sqlite":
        if newest:
            return _sqlite_newest(conn, query, filters, limit, offset)
        return _sqlite_search(conn, query, filters, limit, offset)
    return _pg_search(conn, query, filters, limit, offset, newest)


def _words(value: str) -> list[str]:
    """The words the index would see; punctuation is never passed on as query syntax."""
    return re.findall(r"\w+", value.casefold())


def fts5_expression(query: TextQuery) -> str:
    """The FTS5 MATCH string: every word quoted, so nothing a user types is FTS5 syntax."""
    quote = lambda words: '"' + " ".join(words) + '"'  # noqa: E731
    parts = [quote(_words(t)) for t in query.terms if _words(t)]
    parts += [quote(w) for p in query.phrases if (w := [x for s in p for x in _words(s)])]
    parts += [quote(_words(p)) + " *" for p in query.prefixes if _words(p)]
    joined = (" OR " if query.any_of else " AND ").join(parts)
    if not joined:
        return ""
    excluded = [quote(_words(t)) for t in query.excluded if _words(t)]
    return "(" + joined + ")" + "".join(f" NOT {e}" for e in excluded)


def _filter_sql(filters: Filters, alias: str, params: dict[str, Any]) -> str:
    clauses = []
    if filters.source:
        clauses.append(f"lower({alias}.source) = :f_source")
        params["f_source"] = filters.source.lower()
    if filters.language:
        clauses.append(f"lower({alias}.language) = :f_language")
        params["f_language"] = filters.language.lower()
    if filters.since:
        clauses.append(f"{alias}.published_at >= :f_since")
        params["f_since"] = filters.since
    if filters.until:
        clauses.append(f"{alias}.published_at < :f_until")
        params["f_until"] = filters.until
    if filters.article_ids is not None:
        names = []
        for index, article_id in enumerate(sorted(filters.article_ids)):
            params[f"f_id{index}"] = article_id
            names.append(f":f_id{index}")
        clauses.append(f"{alias}.id IN ({', '.join(names)})")
    return "".join(f" AND {c}" for c in clauses)


def _date_param(params: dict[str, Any]) -> dict[str, Any]:
    """Datetimes as the UTCDateTime column stores them (naive UTC), for textual SQL."""
    for key in ("f_since", "f_until"):
        if key in params:
            params[key] = params[key].astimezone(UTC).replace(tzinfo=None)
    return params


def _sqlite_search(
    conn: Connection, query: TextQuery, filters: Filters, limit: int, offset: int
) -> list[TextHit]:
    expression = fts5_expression(query)
    if not expression:
        return []
    ranks = _sqlite_ranked_pool(conn, query, expression, filters)
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


def _sqlite_newest(
    conn: Connection, query: TextQuery, filters: Filters, limit: int, offset: int
) -> list[TextHit]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    pool = _sqlite_pool_sql(fts5_expression(query), filters, "", params)
    # SQLite sorts NULL below every date, so undated articles come last when descending.
    sql = f"""
        WITH pool AS MATERIALIZED ({pool})
        SELECT a.id, (SELECT count(*) FROM pool) AS pool FROM pool
        JOIN articles a ON a.rowid = pool.rowid
        ORDER BY a.published_at DESC, a.rowid DESC LIMIT :limit OFFSET :offset
    """
    rows = conn.execute(text(sql), _date_param(params)).all()
    return [TextHit(r.id, 0.0, r.pool >= RANK_POOL) for r in rows]


def _sqlite_ranked_pool(
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
    pool = _sqlite_pool(conn, expression, filters, ranked=ranking is None)
    if ranking is None or ranking.query.is_empty or not pool:
        return pool
    low, high = min(pool), max(pool)
    if (high - low + 1) * ranking.share > 4 * len(pool) + RANK_SLACK_ROWS:  # too sparse
        return _sqlite_pool(conn, expression, filters, ranked=True)
    sql = f"""
        SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank
        FROM articles_fts WHERE articles_fts MATCH :q AND rowid BETWEEN :low AND :high
    """
    params = {"q": fts5_expression(ranking.query), "low": low, "high": high}
    for row in conn.execute(text(sql), params):
        if row.rowid in pool:
            pool[row.rowid] = row.rank
    return pool  # a row the reduced query missed holds only words that weigh nothing: rank 0


def _sqlite_pool(
    conn: Connection, expression: str, filters: Filters, ranked: bool
) -> dict[int, float]:
    """The newest RANK_POOL matches that pass the filters: rowid -> bm25, or 0.0 unranked."""
    params: dict[str, Any] = {}
    rank = f", bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})" if ranked else ", 0.0"
    sql = _sqlite_pool_sql(expression, filters, rank, params)
    return {rowid: rank for rowid, rank in conn.execute(text(sql), _date_param(params))}


def _sqlite_pool_sql(
    expression: str, filters: Filters, columns: str, params: dict[str, Any]
) -> str:
    """SELECT of the newest RANK_POOL matches' rowids (plus `columns`); fills `params`."""
    params |= {"q": expression, "pool": RANK_POOL}
    where = _filter_sql(filters, "a", params)
    join = "JOIN articles a ON a.rowid = articles_fts.rowid" if where else ""
    return f"""
        SELECT articles_fts.rowid AS rowid{columns} FROM articles_fts {join}
        WHERE articles_fts MATCH :q{where}
        ORDER BY articles_fts.rowid DESC LIMIT :pool
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
        query itself, or the matches look too far apart for it (see _sqlite_ranked_pool)."""
        words = list(dict.fromkeys([*query.terms, *(w for p in query.phrases for w in p)]))
        parts = [(w, False) for w in words] + [(p, True) for p in dict.fromkeys(query.prefixes)]
        sample = _sqlite_sample(conn, parts, expression)
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
        terms = tuple(part for part, is_prefix in kept if not is_prefix)
        prefixes = tuple(part for part, is_prefix in kept if is_prefix)
        return cls(TextQuery(terms, (), prefixes, any_of=query.any_of), share)


@dataclass(frozen=True)
class _Sample:
    """What the newest RANK_SAMPLE articles say about a query (see _sqlite_sample)."""

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


def _sqlite_sample(conn: Connection, parts: list[tuple[str, bool]], expression: str) -> _Sample:
    """How many of the newest RANK_SAMPLE rowids are articles, how many of those match the
    whole query, and how many hold each (word, is_prefix)."""
    params: dict[str, Any] = {"whole": expression}
    counts = [
        f"(SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :whole "
        "AND rowid > (SELECT newest FROM edge))"
    ]
    for index, (part, is_prefix) in enumerate(parts):
        query = TextQuery(prefixes=(part,)) if is_prefix else TextQuery(terms=(part,))
        params[f"q{index}"] = fts5_expression(query) or '""'
        counts.append(
            f"(SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q{index} "
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


def _pg_tsquery(query: TextQuery, params: dict[str, Any]) -> str:
    """A tsquery built from bound values by PostgreSQL's own parsers (no string splicing)."""
    parts = []
    for index, term in enumerate(query.terms):
        params[f"t{index}"] = " ".join(_words(term))
        parts.append(f"plainto_tsquery('{PG_CONFIG}', :t{index})")
    for index, phrase in enumerate(query.phrases):
        params[f"p{index}"] = " ".join(w for s in phrase for w in _words(s))
        parts.append(f"phraseto_tsquery('{PG_CONFIG}', :p{index})")
    for index, prefix in enumerate(query.prefixes):
        words = _words(prefix)
        if not words:
            continue
        # A prefix is matched on the raw word (not stemmed), quoted as a tsquery lexeme.
        params[f"x{index}"] = words[0].replace("'", "")
        parts.append(f"to_tsquery('simple', quote_literal(:x{index}) || ':*')")
    if not parts:
        return ""
    expression = "(" + (" || " if query.any_of else " && ").join(parts) + ")"
    for index, term in enumerate(query.excluded):
        params[f"n{index}"] = " ".join(_words(term))
        expression += f" && !! plainto_tsquery('{PG_CONFIG}', :n{index})"
    return f"({expression})"


def _pg_search(
    conn: Connection, query: TextQuery, filters: Filters, limit: int, offset: int, newest: bool
) -> list[TextHit]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    tsquery = _pg_tsquery(query, params)
    if not tsquery:
        return []
    where = _filter_sql(filters, "a", params)
    # The tsquery is written out (not joined in from a CTE) so the planner can use the GIN
    # index. As on SQLite only the newest RANK_POOL matches are ranked: ts_rank reads each
    # match's whole tsvector, a second for every 25k matches here. The subquery with its own
    # LIMIT keeps ts_rank off every other match, and carries the tsvector out so that no join
    # back to `articles` is needed. Normalisation 1 divides by 1 + log(length), so long
    # articles do not win by size.
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
    with _pg_plan(conn, query, filters):
        rows = conn.execute(text(sql), _date_param(params)).all()
    return [TextHit(r.id, float(r.rank), r.pool >= RANK_POOL) for r in rows]


@contextmanager
def _pg_plan(conn: Connection, query: TextQuery, filters: Filters) -> Iterator[None]:
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
        ) AS newest WHERE newest.{PG_COLUMN} @@ {_pg_tsquery(query, params)}
    """
    in_sample = conn.execute(text(sql), params).scalar_one()
    walk = RANK_POOL * PG_SAMPLE / in_sample if in_sample else math.inf
    conn.execute(text("SET LOCAL enable_seqscan = off"))  # the indexes, for the counts too
    if walk > PG_SHORT_WALK and not (
        query.phrases and not query.any_of and _pg_count_together(conn, query, filters) > walk
    ):
        conn.execute(text("SET LOCAL enable_indexscan = off"))
    yield
    # Not in a `finally`: after a failed statement the transaction takes no command, and its
    # rollback undoes SET LOCAL anyway.
    conn.execute(text("RESET enable_seqscan"))
    conn.execute(text("RESET enable_indexscan"))


def _pg_count_together(conn: Connection, query: TextQuery, filters: Filters) -> int:
    """Articles holding every word of the query, phrases or not (the GIN index alone)."""
    words = (*query.terms, *(w for phrase in query.phrases for w in phrase))
    params: dict[str, Any] = {}
    tsquery = _pg_tsquery(TextQuery(words, (), query.prefixes), params)
    where = _filter_sql(filters, "a", params)
    sql = f"SELECT count(*) FROM articles a WHERE a.{PG_COLUMN} @@ {tsquery}{where}"
    return conn.execute(text(sql), _date_param(params)).scalar_one()


def like_scan(conn: Connection, words: list[str], limit: int) -> list[str]:
    """The floor a benchmark compares with: every word as a case-insensitive substring scan."""
    params: dict[str, Any] = {"limit": limit}
    operator = "ILIKE" if conn.dialect.name == "postgresql" else "LIKE"
    clauses = []
    for index, word in enumerate(words):
        params[f"w{index}"] = f"%{word}%"
        clauses.append(f"(title {operator} :w{index} OR body_text {operator} :w{index})")
    where = " AND ".join(clauses) or "1=1"
    # Newest first, as a plain reader would list them (no relevance without an index).
    sql = f"SELECT id FROM articles WHERE {where} ORDER BY published_at DESC, id LIMIT :limit"
    return list(conn.execute(text(sql), params).scalars())
