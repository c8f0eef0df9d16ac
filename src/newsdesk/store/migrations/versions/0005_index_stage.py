"""Full-text indexing becomes a pipeline stage ("index"), off the ingest transaction.

SQLite: the three triggers that kept `articles_fts` current go; the table and what it holds
stay. PostgreSQL: `search_document` stops being a generated column and becomes a plain one,
values and GIN index kept. Every stored article is already indexed, so each is marked done for
the index stage at its current version: the upgrade re-indexes nothing.

Revision ID: 0005
Revises: 0004
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STAGE = "index"
TRIGGERS = {  # as 0002 made them; recreated by the downgrade
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
DOCUMENT = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(body_text, '')), 'B')"
)

articles = sa.table("articles", sa.column("id", sa.String), sa.column("version", sa.Integer))
stage_progress = sa.table(
    "stage_progress",
    sa.column("stage", sa.String),
    sa.column("article_id", sa.String),
    sa.column("version", sa.Integer),
    sa.column("done_at", UTCDateTime),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("ALTER TABLE articles ALTER COLUMN search_document DROP EXPRESSION")
    op.execute(stage_progress.delete().where(stage_progress.c.stage == STAGE))
    now = sa.literal(datetime.now(UTC), UTCDateTime)
    current = sa.select(sa.literal(STAGE), articles.c.id, articles.c.version, now)
    columns = ["stage", "article_id", "version", "done_at"]
    op.execute(stage_progress.insert().from_select(columns, current))


def downgrade() -> None:
    # The database keeps the index current again: index what the stage had not reached yet.
    if op.get_bind().dialect.name == "sqlite":
        for ddl in TRIGGERS.values():
            op.execute(ddl)
        op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    else:
        op.execute("DROP INDEX ix_articles_search_document")
        op.execute("ALTER TABLE articles DROP COLUMN search_document")
        op.execute(
            f"ALTER TABLE articles ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
        )
        op.execute(
            "CREATE INDEX ix_articles_search_document ON articles USING GIN (search_document)"
        )
    op.execute(stage_progress.delete().where(stage_progress.c.stage == STAGE))
