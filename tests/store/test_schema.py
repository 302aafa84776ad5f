"""The migrated schema: it matches the table metadata, migrates both ways, and its indexes serve the filters."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from quotesvc.store import migrate, open_store
from quotesvc.store.documents import from_text
from quotesvc.store.records import ArticleFilter, QuoteFilter, Sort
from quotesvc.store.tables import articles, metadata
from tests.conftest import CO_OPS, CO_OPS_RESULT, NURSES, NURSES_RESULT, POSTGRES_URL, _postgres_schema_url

FTS_TABLES = {"quotes_fts", "articles_fts"}
PG_FTS_INDEXES = {"ix_quotes_search", "ix_articles_search"}


def _is_fts_shadow(diff) -> bool:
    """FTS5 tables and their shadow tables are the migration's on purpose, not metadata's."""
    obj = diff[1]
    name = getattr(obj, "name", "") or ""
    table = getattr(getattr(obj, "table", None), "name", "") or ""
    if diff[0] == "remove_column":  # PostgreSQL's stored tsvector columns (migration 0002)
        return diff[3].name == "search"
    return any(n.startswith(t) for t in FTS_TABLES for n in (name, table)) or name in PG_FTS_INDEXES


def test_the_migration_creates_exactly_the_metadata(repo):
    with repo.engine.connect() as conn, warnings.catch_warnings():
        # SQLite reflection cannot read the lower(cue) expression index; it is created by the migration.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    flat = [d for group in diffs for d in (group if isinstance(group, list) else [group])]
    real = [d for d in flat if not (isinstance(d, tuple) and _is_fts_shadow(d))]
    assert real == []


def test_downgrade_to_base_and_upgrade_again(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    migrate.upgrade(store.engine)
    migrate.downgrade(store.engine, "base")
    assert migrate.current(store.engine) is None
    migrate.upgrade(store.engine)
    assert migrate.current(store.engine) == migrate.head()
    store.engine.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    with store.engine.connect() as conn:
        pragmas = {p: conn.execute(text(f"PRAGMA {p}")).scalar() for p in ("journal_mode", "foreign_keys",
                                                                               "busy_timeout", "cache_size")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10_000, "cache_size": -65_536}
    store.engine.dispose()


# Each main filter of GET /quotes, with the default sort (newest first), and the index
# SQLite must read it through (PostgreSQL only has to avoid a sequential scan of quotes).
FILTERS = {
    "speaker": (QuoteFilter(speaker="reissmann"), "ix_quotes_speaker_id_published_key_id"),
    "speaker_id": (QuoteFilter(speaker_id=3), "ix_quotes_speaker_id_published_key_id"),
    "article_id": (QuoteFilter(article_id=3), "ix_quotes_article_id_id"),
    "kind": (QuoteFilter(kinds=("direct",)), "ix_quotes_kind_published_key_id"),
    "cue": (QuoteFilter(cue="said"), "ix_quotes_lower_cue"),
    "q": (QuoteFilter(q="disaster"), "quotes_fts VIRTUAL TABLE INDEX"),
    "source": (QuoteFilter(source="bbc"), "ix_quotes_source_published_key_id"),
    "published_after": (QuoteFilter(published_after=datetime(2024, 1, 1)), "ix_quotes_published_key_id"),
    # Either reads the matches in order or finds them first: both are index reads.
    "min_confidence": (QuoteFilter(min_confidence=0.9), "ix_quotes_confidence_id|ix_quotes_published_key_id"),
    "none, deep page": (QuoteFilter(), "ix_quotes_published_key_id"),
}


# Where PostgreSQL's index differs: its full text is a GIN index (on the stored tsvector); on empty tables the planner
# reads an unfiltered deep page through whichever index suits its joins, so only the
# absence of a sequential scan is checked there.
POSTGRES_INDEX = {"q": "ix_quotes_search", "none, deep page": None}


@pytest.mark.parametrize("name", FILTERS)
def test_quote_filters_are_served_by_an_index(repo, name):
    f, index = FILTERS[name]
    after = (datetime(2024, 6, 1), 5000) if name == "none, deep page" else None
    query = repo.quote_page_query(f, Sort("published_at", descending=True), after)
    with repo.engine.connect() as conn:
        if repo.dialect == "sqlite":
            sql = str(query.compile(repo.engine, compile_kwargs={"literal_binds": True}))
            plan = " | ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert any(i in plan for i in index.split("|")), plan
            assert not re.search(r"SCAN quotes\b(?! USING)", plan), plan  # no full table scan
        else:
            # Empty tables make any scan cheapest; forbid sequential scans to see what indexes can do.
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            compiled = query.compile(repo.engine, compile_kwargs={"render_postcompile": True})
            plan = "\n".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params))
            assert "Seq Scan on quotes" not in plan, plan
            # The page's ids come first, as an array (no semi-join for the planner to weigh).
            assert "InitPlan" in plan and "Index Cond: (id = ANY" in plan, plan
            expected = POSTGRES_INDEX.get(name, index)
            assert expected is None or any(i in plan for i in expected.split("|")), plan


@pytest.mark.postgres
def test_postgres_full_text_moves_to_stored_columns_on_an_existing_database():
    # Migration 0002 replaces the GIN expression indexes of 0001 with stored tsvector
    # columns on a database that holds articles already: the same words find the same
    # quotes and articles before and after, through the new indexes, and a downgrade
    # brings the expression indexes back.
    url, schema = _postgres_schema_url()
    store = open_store(url)
    words = ["cuts", "disaster", "angry nurses", "mutual", '"growing faster"', "good news", "members -nurses"]
    documents = {"quotes": "text", "articles": "coalesce(title, '') || ' ' || text"}

    def expression_matches(conn, table):
        sql = text(f"SELECT id FROM {table} WHERE to_tsvector('english', {documents[table]})"
                   " @@ websearch_to_tsquery('english', :q) ORDER BY id")
        return {w: list(conn.execute(sql, {"q": w}).scalars()) for w in words}

    try:
        migrate.upgrade(store.engine, "0001")
        store.save(from_text(NURSES, published_at=datetime(2024, 3, 1)), NURSES_RESULT)
        store.save(from_text(CO_OPS), CO_OPS_RESULT)
        with store.engine.connect() as conn:
            before = {table: expression_matches(conn, table) for table in documents}
        assert all(before["quotes"][w] for w in ("cuts", "disaster", "mutual", '"growing faster"', "good news"))
        assert before["quotes"]["members -nurses"] and before["articles"]["angry nurses"]

        migrate.upgrade(store.engine)
        assert {w: sorted(q.id for q in store.iter_quotes(QuoteFilter(q=w), Sort())) for w in words} == before["quotes"]
        assert {w: sorted(a.id for a in store.list_articles(ArticleFilter(q=w), Sort(), None, 10).items)
                for w in words} == before["articles"]
        with store.engine.connect() as conn:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            for query, index in ((store.quote_page_query(QuoteFilter(q="cuts"), Sort("published_at", True)),
                                  "ix_quotes_search"),
                                 (select(articles.c.id).where(*store._article_conditions(ArticleFilter(q="cuts"))),
                                  "ix_articles_search")):
                compiled = query.compile(store.engine, compile_kwargs={"render_postcompile": True})
                plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params))
                assert index in plan, plan

        migrate.downgrade(store.engine, "0001")
        with store.engine.connect() as conn:
            indexes = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = :s"),
                                       {"s": schema}).scalars())
            assert {"ix_quotes_fts", "ix_articles_fts"} <= indexes and not PG_FTS_INDEXES & indexes
            assert expression_matches(conn, "quotes") == before["quotes"]
    finally:
        store.engine.dispose()
        admin = open_store(POSTGRES_URL)
        with admin.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.engine.dispose()
