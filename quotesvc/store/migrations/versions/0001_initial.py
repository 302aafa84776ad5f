"""Articles, speakers, quotes, their indexes and full-text search.

Full text is FTS5 external-content tables kept in step by triggers on SQLite, and GIN
indexes over ``to_tsvector('english', ...)`` expressions on PostgreSQL (the repository
queries the very same expressions, so the planner can use them).

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE quotes_fts USING fts5("
    " text, content='quotes', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    " title, text, content='articles', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    " VALUES ('delete', old.id, old.title, old.text); END",
]

POSTGRES_FTS = [
    "CREATE INDEX ix_quotes_fts ON quotes USING gin (to_tsvector('english', text))",
    "CREATE INDEX ix_articles_fts ON articles"
    " USING gin (to_tsvector('english', coalesce(title, '') || ' ' || text))",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("external_id", sa.String(512)),
        sa.Column("url", sa.String(2048)),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("source", sa.String(256)),
        sa.Column("published_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("quote_count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("external_id", name="uq_articles_external_id"),
        sa.UniqueConstraint("url", name="uq_articles_url"),
        sa.UniqueConstraint("text_hash", name="uq_articles_text_hash"),
    )
    op.create_index("ix_articles_source_id", "articles", ["source", "id"])
    op.create_index("ix_articles_published_at_id", "articles", ["published_at", "id"])

    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("quote_count", sa.Integer, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_speakers"),
        sa.UniqueConstraint("key", name="uq_speakers_key"),
    )
    op.create_index("ix_speakers_quote_count_id", "speakers", ["quote_count", "id"])
    op.create_index("ix_speakers_name_id", "speakers", ["name", "id"])

    op.create_table(
        "speaker_names",
        sa.Column("speaker_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("is_alias", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("speaker_id", "key", name="pk_speaker_names"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="CASCADE",
                                name="fk_speaker_names_speaker_id_speakers"),
    )
    op.create_index("ix_speaker_names_key", "speaker_names", ["key"])

    op.create_table(
        "speaker_roles",
        sa.Column("speaker_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(512), nullable=False),
        sa.PrimaryKeyConstraint("speaker_id", "role", name="pk_speaker_roles"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="CASCADE",
                                name="fk_speaker_roles_speaker_id_speakers"),
    )

    op.create_table(
        "article_speakers",
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("speaker_id", sa.Integer, nullable=False),
        sa.Column("quote_count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "speaker_id", name="pk_article_speakers"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_article_speakers_article_id_articles"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="CASCADE",
                                name="fk_article_speakers_speaker_id_speakers"),
    )
    op.create_index("ix_article_speakers_speaker_id", "article_speakers", ["speaker_id"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("speaker_id", sa.Integer),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("mention", sa.Text),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("cue", sa.String(128)),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("rule", sa.String(128), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("source", sa.String(256)),
        sa.Column("published_key", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_quotes_article_id_articles"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="SET NULL",
                                name="fk_quotes_speaker_id_speakers"),
    )
    for columns in (["article_id", "id"], ["speaker_id", "published_key", "id"],
                    ["kind", "published_key", "id"], ["source", "published_key", "id"],
                    ["published_key", "id"], ["confidence", "id"]):
        op.create_index("ix_quotes_" + "_".join(columns), "quotes", columns)
    op.create_index("ix_quotes_lower_cue", "quotes", [sa.text("lower(cue)"), "published_key", "id"])

    fts = SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else POSTGRES_FTS
    for statement in fts:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS quotes_fts")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("quotes", "article_speakers", "speaker_roles", "speaker_names", "speakers", "articles"):
        op.drop_table(table)
