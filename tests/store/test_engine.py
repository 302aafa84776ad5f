"""Engine set-up: server connections are pinged only after they sat idle."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from quotesvc.store import engine as engine_module
from quotesvc.store import make_engine


def backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def test_an_idle_server_connection_that_died_is_replaced_before_use(database_url, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no server connection to lose")
    engine = make_engine(database_url)
    try:
        first = backend_pid(engine)
        admin = make_engine(database_url)
        with admin.connect() as conn:  # the server drops the pooled connection
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        admin.dispose()
        monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 0.0)
        assert backend_pid(engine) != first  # pinged, found dead, replaced: no error
    finally:
        engine.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(database_url, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no server connection to ping")
    engine = make_engine(database_url)
    pings = []
    try:
        backend_pid(engine)
        monkeypatch.setattr(engine.dialect, "do_ping", lambda conn: pings.append(conn) or True)
        backend_pid(engine)
        assert pings == []
        monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 0.0)
        backend_pid(engine)
        assert len(pings) == 1
    finally:
        engine.dispose()
