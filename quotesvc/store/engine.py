"""Create the SQLAlchemy engine: SQLite with WAL and foreign keys, or PostgreSQL as given."""

from __future__ import annotations

import select
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

#: How long a SQLite writer waits for the lock before giving up, in milliseconds.
SQLITE_BUSY_MS = 10_000
#: Page cache of each SQLite connection, in KiB (SQLite's default is 2,000). Ingest writes
#: quotes through seven indexes and the full-text index: with the default cache the
#: pages went back and forth to the OS, and ``quotesvc ingest`` of 2,000 PolNeAR copies
#: ran at 115 articles/s against ~200 with this. Filled only as pages are read; a sync
#: gunicorn worker uses one connection.
SQLITE_CACHE_KIB = 65_536
#: PostgreSQL defaults, unless the URL says otherwise: a server that does not answer
#: (or a statement stuck behind a lock) becomes a quick 503 instead of a hung worker.
PG_CONNECT_TIMEOUT_S = 5
PG_STATEMENT_TIMEOUT_MS = 30_000
#: A pooled server connection idle for longer than this is pinged before it is handed out.
PING_AFTER_IDLE_S = 1.0


def make_engine(url: str, **kwargs) -> Engine:
    """Return an engine for ``url``, creating the directory of a SQLite file if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        ping_idle = "pool_pre_ping" not in kwargs
        if parsed.get_backend_name() == "postgresql":
            connect_args = kwargs.setdefault("connect_args", {})
            if "connect_timeout" not in parsed.query:
                connect_args.setdefault("connect_timeout", PG_CONNECT_TIMEOUT_S)
            if "options" not in parsed.query:
                connect_args.setdefault("options", f"-c statement_timeout={PG_STATEMENT_TIMEOUT_MS}")
        engine = create_engine(url, **kwargs)
        if ping_idle:
            _ping_idle_connections(engine)
        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    _configure_sqlite(engine)
    return engine


def _ping_idle_connections(engine: Engine) -> None:
    """Ping a pooled connection before use only when it has been idle for ``PING_AFTER_IDLE_S``.

    ``pool_pre_ping`` pings at every checkout: one more round trip for every request, ~0.3
    ms of a ~3.4 ms ``GET /quotes`` on PostgreSQL. A connection that was used a moment ago
    is almost surely alive, unless the server has written to it since (it only does to
    end the session: see ``_has_pending_input``); one left idle (through a server restart,
    say) or written to is pinged, and replaced if the ping fails. A connection that dies while in use fails its request
    with a 503, as before, and the pool is then discarded (SQLAlchemy does that on a
    disconnect error).
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record):
        record.info["quotesvc_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy):
        idle_since = record.info.get("quotesvc_idle_since")
        if idle_since is None:
            return
        if time.monotonic() - idle_since < PING_AFTER_IDLE_S and not _has_pending_input(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the pool replaces the connection and tries again
            raise DisconnectionError(f"an idle connection failed its ping: {exc}") from exc


def _has_pending_input(dbapi_connection) -> bool:
    """Has the server written to an idle connection? It only does so to end it (a restart
    sends "terminating connection due to administrator command" to every session, then
    closes the socket): one poll of the socket, no round trip. A restart quicker than
    ``PING_AFTER_IDLE_S`` is caught this way. True when the socket cannot be polled."""
    try:
        readable, _, _ = select.select([dbapi_connection.pgconn.socket], [], [], 0)
    except Exception:  # noqa: BLE001 — not a psycopg connection, or a closed one: ping it
        return True
    return bool(readable)


def _configure_sqlite(engine: Engine) -> None:
    """Set the pragmas on every connection and take the write lock at BEGIN for writers.

    pysqlite's own transaction handling is switched off (``isolation_level = None``) so
    that we emit BEGIN ourselves: a writer begins IMMEDIATE, so it waits for the lock up
    front (busy_timeout) instead of failing with "database is locked" when a read
    transaction tries to turn into a write one.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("quotesvc_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
