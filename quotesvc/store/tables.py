"""The tables of the store, as SQLAlchemy Core metadata.

The alembic migrations under ``migrations/versions`` create exactly these tables (plus the
full-text machinery, which differs between SQLite and PostgreSQL); a test compares the two.

Quotes copy their article's ``source`` and date (``published_key``) so that the filters and
sorts of ``GET /quotes`` run on one table with one index each. Articles never change after
ingest, so the copies cannot drift.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String(512), unique=True),
    Column("url", String(2048), unique=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("author", Text),
    Column("source", String(256)),
    # Naive UTC everywhere: SQLite has no time zones, and one convention beats two.
    Column("published_at", DateTime),
    Column("created_at", DateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("quote_count", Integer, nullable=False, default=0),
    Index("ix_articles_source_id", "source", "id"),
    Index("ix_articles_published_at_id", "published_at", "id"),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    # Lower-cased canonical name: the merge key across articles. A lone surname gets a
    # per-article key instead (see repository._speaker_key), so it never merges.
    Column("key", String(512), nullable=False, unique=True),
    Column("name", String(512), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("quote_count", Integer, nullable=False, default=0),
    Column("article_count", Integer, nullable=False, default=0),
    Index("ix_speakers_quote_count_id", "quote_count", "id"),
    Index("ix_speakers_name_id", "name", "id"),
)

# Every lower-cased name a speaker answers to: canonical name, aliases, a person's surname.
speaker_names = Table(
    "speaker_names",
    metadata,
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(512), primary_key=True),
    Column("name", String(512), nullable=False),
    Column("is_alias", Integer, nullable=False, default=0),
    Index("ix_speaker_names_key", "key"),
)

speaker_roles = Table(
    "speaker_roles",
    metadata,
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(512), primary_key=True),
)

article_speakers = Table(
    "article_speakers",
    metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    Column("quote_count", Integer, nullable=False, default=0),
    Index("ix_article_speakers_speaker_id", "speaker_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="SET NULL")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("mention", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", String(128)),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("confidence", Float, nullable=False),
    Column("rule", String(128), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("source", String(256)),
    # The article's published_at, or UNDATED when it has none: a NOT NULL sort key keeps
    # keyset pagination to one comparison (NULLs would need their own branch).
    Column("published_key", DateTime, nullable=False),
    # Each filter's index ends in the default sort (published_key, id), so a filtered page
    # is read in order from the index instead of sorting every match.
    Index("ix_quotes_article_id_id", "article_id", "id"),
    Index("ix_quotes_speaker_id_published_key_id", "speaker_id", "published_key", "id"),
    Index("ix_quotes_kind_published_key_id", "kind", "published_key", "id"),
    Index("ix_quotes_source_published_key_id", "source", "published_key", "id"),
    Index("ix_quotes_published_key_id", "published_key", "id"),
    Index("ix_quotes_confidence_id", "confidence", "id"),
)
Index("ix_quotes_lower_cue", func.lower(quotes.c.cue), quotes.c.published_key, quotes.c.id)
