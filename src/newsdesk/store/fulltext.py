"""Full-text search in SQL: SQLite FTS5 or PostgreSQL tsvector, behind one set of functions.

SQLite: `articles_fts`, an FTS5 table over `articles.title` and `articles.body_text` with
`articles` as its external content (the text is not stored twice), kept current by three
triggers. Ranking is bm25 with the title weighted above the body; snippets come from FTS5.

PostgreSQL: `articles.search_document`, a stored generated tsvector column (title weight A, body
weight B, English configuration) with a GIN index; ranking is `ts_rank`, snippets `ts_headline`.

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

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

FTS_TABLE = "articles_fts"
PG_COLUMN = "search_document"
PG_INDEX = "ix_articles_search_document"
PG_CONFIG = "english"
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0

# Marks around matched words in snippets: private-use characters that never reach a reader
# (search.py turns them into highlight offsets); text from sources is never parsed as markup.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_WORDS = 32
RANK_POOL = 2_000  # matches ranked per query at most: the newest ones (see _sqlite_search)

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
    snippet: str  # body text around the matches, matches between MARK_START and MARK_END
    title: str  # the title, matches marked the same way
    extra: dict[str, Any] = field(default_factory=dict)


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
    conn: Connection, query: TextQuery, filters: Filters, limit: int, offset: int = 0
) -> list[TextHit]:
    """The best matches, best first, with marked snippets; [] for a query with nothing to find."""
    if query.is_empty or limit <= 0 or filters.article_ids == frozenset():
        return []
    if conn.dialect.name == "sqlite":
        return _sqlite_search(conn, query, filters, limit, offset)
    return _pg_search(conn, query, filters, limit, offset)


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
    params: dict[str, Any] = {"q": expression, "limit": limit, "offset": offset}
    params |= {"pool": RANK_POOL, "ms": MARK_START, "me": MARK_END, "words": SNIPPET_WORDS}
    where = _filter_sql(filters, "a", params)
    join = "JOIN articles a ON a.rowid = articles_fts.rowid" if where else ""
    # bm25 costs a few microseconds a match: a word in every article of a 100k store would
    # cost half a second. So only the newest RANK_POOL matches are ranked (walking the index
    # newest first stops there), and the caller is told when that cut anything off. Snippets
    # are made for the page of rows shown only.
    sql = f"""
        WITH recent AS MATERIALIZED (
          SELECT articles_fts.rowid AS rid,
                 bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank
          FROM articles_fts {join}
          WHERE articles_fts MATCH :q{where}
          ORDER BY articles_fts.rowid DESC LIMIT :pool
        ),
        top AS (SELECT rid, rank FROM recent ORDER BY rank, rid LIMIT :limit OFFSET :offset)
        SELECT a.id AS id, top.rank AS rank,
               snippet(articles_fts, 1, :ms, :me, '…', :words) AS snippet,
               highlight(articles_fts, 0, :ms, :me) AS title,
               (SELECT count(*) FROM recent) AS pool
        FROM top
        JOIN articles_fts ON articles_fts.rowid = top.rid
        JOIN articles AS a ON a.rowid = top.rid
        WHERE articles_fts MATCH :q
        ORDER BY top.rank, top.rid
    """
    rows = conn.execute(text(sql), _date_param(params)).all()
    capped = {"ranked_newest": RANK_POOL} if rows and rows[0].pool >= RANK_POOL else {}
    return [
        TextHit(r.id, -float(r.rank), r.snippet or "", r.title or "", dict(capped)) for r in rows
    ]


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
    conn: Connection, query: TextQuery, filters: Filters, limit: int, offset: int
) -> list[TextHit]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    tsquery = _pg_tsquery(query, params)
    if not tsquery:
        return []
    where = _filter_sql(filters, "a", params)
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
        'MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
    )
    title_options = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
    # The tsquery is written out (not joined in from a CTE) so the planner can use the GIN
    # index. As on SQLite only the newest RANK_POOL matches are ranked: ts_rank reads each
    # match's whole tsvector, a second for every 25k matches here. Normalisation 1 divides by
    # 1 + log(length), so long articles do not win by size.
    params["pool"] = RANK_POOL
    sql = f"""
        WITH recent AS MATERIALIZED (
          SELECT a.id FROM articles a
          WHERE a.{PG_COLUMN} @@ {tsquery}{where}
          ORDER BY a.first_seen_at DESC, a.id DESC LIMIT :pool
        ),
        top AS (
          SELECT a.id, ts_rank(a.{PG_COLUMN}, {tsquery}, 1) AS rank
          FROM recent JOIN articles a ON a.id = recent.id
          ORDER BY rank DESC, a.id LIMIT :limit OFFSET :offset
        )
        SELECT top.id, top.rank,
               ts_headline('{PG_CONFIG}', a.body_text, {tsquery}, :options) AS snippet,
               ts_headline('{PG_CONFIG}', a.title, {tsquery}, :title_options) AS title,
               (SELECT count(*) FROM recent) AS pool
        FROM top JOIN articles a ON a.id = top.id
        ORDER BY top.rank DESC, top.id
    """
    params |= {"options": options, "title_options": title_options}
    rows = conn.execute(text(sql), _date_param(params)).all()
    capped = {"ranked_newest": RANK_POOL} if rows and rows[0].pool >= RANK_POOL else {}
    return [
        TextHit(r.id, float(r.rank), r.snippet or "", r.title or "", dict(capped)) for r in rows
    ]


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
