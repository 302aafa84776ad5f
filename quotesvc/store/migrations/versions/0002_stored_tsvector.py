"""PostgreSQL full text from stored ``tsvector`` columns instead of expression indexes.

``quotes.search`` and ``articles.search`` are generated columns (``to_tsvector('english',
...)`` of the same text the expression indexes covered) with a GIN index each. Writes cost
the same (the vector is computed once per row either way), but a query reads the stored
vector where the expression index made the planner and every recheck compute it again:
the 20 load-bench words went from 1.50-1.56 to 1.06-1.24 ms a page in process at 56,000
quotes, with the same results. SQLite keeps its FTS5 tables: nothing changes there.

Adding a stored generated column rewrites the table under an exclusive lock (seconds for
~100,000 quotes); downgrading restores the expression indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: table -> the document its full text covers (as in 0001's expression indexes).
DOCUMENTS = {
    "quotes": "text",
    "articles": "coalesce(title, '') || ' ' || text",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, document in DOCUMENTS.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN search tsvector"
                   f" GENERATED ALWAYS AS (to_tsvector('english', {document})) STORED")
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search)")
        op.execute(f"DROP INDEX ix_{table}_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, document in DOCUMENTS.items():
        op.execute(f"CREATE INDEX ix_{table}_fts ON {table} USING gin (to_tsvector('english', {document}))")
        op.execute(f"ALTER TABLE {table} DROP COLUMN search")  # and its index
