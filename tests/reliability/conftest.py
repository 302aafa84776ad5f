"""Fresh databases for tests that run the service in other processes.

SQLite: a file under tmp_path. PostgreSQL: a database of its own on the shared server
(``CREATE DATABASE qs_test_<random>``), dropped afterwards; unreachable, it skips with the
reason, unless ``QUOTESVC_TEST_REQUIRE_SERVICES=1`` makes that a failure.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quotesvc.store import migrate, open_store
from tests.conftest import POSTGRES_URL, REQUIRE_SERVICES


def postgres_database() -> Iterator[str]:
    """Create a database on the shared server, yield its URL, drop it."""
    name = f"qs_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # any failure to reach the server means the same: no PostgreSQL
        admin.dispose()
        message = f"PostgreSQL at {POSTGRES_URL} is unreachable: {exc.__class__.__name__}: {exc}"
        if REQUIRE_SERVICES:
            pytest.fail(message + " (QUOTESVC_TEST_REQUIRE_SERVICES=1 requires it)")
        pytest.skip(message)
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_url(request, tmp_path) -> Iterator[str]:
    """Yield the URL of a new, migrated database of each backend, for this test alone."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path / 'quotesvc.db'}"])
    else:
        urls = postgres_database()
    url = next(urls)
    store = open_store(url)
    migrate.upgrade(store.engine)
    store.engine.dispose()
    yield url
    next(urls, None)  # drops the PostgreSQL database
