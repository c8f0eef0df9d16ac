"""Search: the full-text index (SQLite FTS5 / PostgreSQL tsvector) and article embeddings.

At this revision the database kept the index current itself (SQLite triggers, a PostgreSQL
generated column); 0005 hands that to the index stage. The DDL is written out here, as it was,
so that upgrading through 0002 builds what 0005 expects to find.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TRIGGERS = {
    "articles_fts_insert": """
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts(rowid, title, body_text)
          VALUES (new.rowid, new.title, new.body_text);
        END""",
    "articles_fts_delete": """
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
          INSERT INTO articles_fts(articles_fts, rowid, title, body_text)
          VALUES ('delete', old.rowid, old.title, old.body_text);
        END""",
    "articles_fts_update": """
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body_text ON articles BEGIN
          INSERT INTO articles_fts(articles_fts, rowid, title, body_text)
          VALUES ('delete', old.rowid, old.title, old.body_text);
          INSERT INTO articles_fts(rowid, title, body_text)
          VALUES (new.rowid, new.title, new.body_text);
        END""",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body_text, "
            "content='articles', content_rowid='rowid', "
            "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4')"
        )
        op.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')")
        for ddl in TRIGGERS.values():
            op.execute(ddl)
        op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    else:
        op.execute(
            "ALTER TABLE articles ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(body_text, '')), 'B')) STORED"
        )
        op.execute(
            "CREATE INDEX ix_articles_search_document ON articles USING GIN (search_document)"
        )
    op.create_table(
        "article_embeddings",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("model", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("dimension", sa.Integer, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("embedded_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_article_embeddings_model_seq", "article_embeddings", ["model", "seq"])


def downgrade() -> None:
    op.drop_table("article_embeddings")
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_articles_search_document")
        op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search_document")
