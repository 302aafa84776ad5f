"""Apps over one migrated SQLite file: access control and limits do not depend on the backend."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from quotesvc.config import Settings
from quotesvc.store import migrate, open_store

TABLES = ("quotes", "article_speakers", "speaker_roles", "speaker_names", "speakers", "articles")


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory) -> str:
    """Return the URL of a migrated SQLite database shared by the security tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'quotesvc.db'}"
    store = open_store(url)
    migrate.upgrade(store.engine)
    store.engine.dispose()
    return url


@pytest.fixture
def secure_app(make_app, sqlite_url):
    """Return a factory of apps over empty tables: ``secure_app(api_keys=("k",), ...)``."""
    store = open_store(sqlite_url)
    with store.engine.begin() as conn:
        for table in TABLES:
            conn.execute(text(f"DELETE FROM {table}"))
    store.engine.dispose()

    def make(**overrides):
        return make_app(Settings(database_url=sqlite_url, **overrides))

    return make
