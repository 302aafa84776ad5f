"""Engine set-up: server connections are pinged only after they sat idle or the server wrote to them."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from quotesvc.store import engine as engine_module
from quotesvc.store import make_engine


def backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def terminate(database_url: str, pid: int) -> None:
    """End a server session from another connection, as a restart would."""
    admin = make_engine(database_url)
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()


def test_an_idle_server_connection_that_died_is_replaced_before_use(database_url, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no server connection to lose")
    engine = make_engine(database_url)
    try:
        first = backend_pid(engine)
        terminate(database_url, first)  # the server drops the pooled connection
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


def test_a_connection_the_server_ended_a_moment_ago_is_replaced_before_use(database_url):
    """A restart quicker than the idle threshold: the server's "terminating connection"
    notice is waiting on the pooled socket, so the checkout pings and replaces it (this
    once reached a request right after /readyz came back, as a 503)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no server connection to lose")
    engine = make_engine(database_url)
    try:
        first = backend_pid(engine)
        terminate(database_url, first)
        time.sleep(0.2)  # the notice reaches the socket; still well inside PING_AFTER_IDLE_S
        assert engine_module.PING_AFTER_IDLE_S > 0.5
        assert backend_pid(engine) != first  # no AdminShutdown error: pinged and replaced
    finally:
        engine.dispose()
