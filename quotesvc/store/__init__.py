"""Persistence: SQLAlchemy 2 tables, alembic migrations and a repository of domain records.

Nothing here imports Flask; the API and the CLI both build a ``Repository`` with
``open_store(database_url)``.
"""

from __future__ import annotations

from quotesvc.store.engine import make_engine
from quotesvc.store.repository import Repository


def open_store(database_url: str, **engine_kwargs) -> Repository:
    """Return a repository over the database at ``database_url``."""
    return Repository(make_engine(database_url, **engine_kwargs))


__all__ = ["Repository", "make_engine", "open_store"]
