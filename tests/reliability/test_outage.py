"""Database outage: a PostgreSQL of the test's own goes away while the service runs, then returns.

The server is started here with ``initdb`` and ``pg_ctl`` (as the ``postgres`` user when
the tests run as root: initdb refuses root) on a free port below 32768, with its data and
socket in a temporary directory; the machine's shared instance is never touched.
"""

from __future__ import annotations

import glob
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from quotesvc.store import migrate, open_store
from tests.conftest import REQUIRE_SERVICES
from tests.reliability.corpus import article
from tests.reliability.service import Service, quotesvc_env

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_low_port() -> int:
    for _ in range(200):
        port = random.randrange(20_000, 32_000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32768")


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary directory, started and stopped by the test."""

    def __init__(self, bindir: Path):
        self.bindir, self.port = bindir, _free_low_port()
        self.root = Path(tempfile.mkdtemp(prefix="quotesvc-pg-"))
        self.data = self.root / "data"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(self.bindir / tool), *args], check=True, capture_output=True,
                       timeout=120, cwd=self.root)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with_cluster = (self.data / "postmaster.pid").exists()
        if with_cluster:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def throwaway_postgres():
    bindir = _bindir()
    if bindir is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        message = "PostgreSQL's initdb/pg_ctl (or runuser, as root) are not installed"
        if REQUIRE_SERVICES:
            pytest.fail(message + " (QUOTESVC_TEST_REQUIRE_SERVICES=1 requires them)")
        pytest.skip(message)
    pg = ThrowawayPostgres(bindir)
    try:
        pg.start()
        yield pg
    finally:
        pg.remove()


def test_requests_get_quick_503s_while_the_database_is_down_and_recover_by_themselves(throwaway_postgres, tmp_path):
    pg = throwaway_postgres
    store = open_store(pg.url)
    migrate.upgrade(store.engine)
    store.engine.dispose()

    with Service(quotesvc_env(pg.url), tmp_path / "gunicorn.log", workers=2, timeout=30) as service:
        # Both workers hold pooled connections before the outage: those die with the server.
        assert service.request("POST", "/api/v1/articles", article(1)).status == 201
        for _ in range(4):
            assert service.request("GET", "/api/v1/quotes").status == 200
        assert service.request("GET", "/readyz").status == 200

        pg.stop()
        for method, path, body in [("GET", "/api/v1/quotes", None), ("GET", "/api/v1/articles/1", None),
                                   ("POST", "/api/v1/articles", article(2)), ("GET", "/readyz", None),
                                   ("GET", "/api/v1/quotes", None), ("GET", "/api/v1/speakers", None)]:
            r = service.request(method, path, body, timeout=20)
            assert r.status == 503, (method, path, r.status, r.body[:300])
            assert r.headers["Content-Type"] == "application/problem+json"
            assert "database is unavailable" in r.json()["detail"]
            assert str(pg.port) not in r.json()["detail"]  # the driver's message stays in the log
            assert int(r.headers["Retry-After"]) > 0
            assert r.seconds < 3, (method, path, r.seconds)
        assert service.request("GET", "/healthz").status == 200  # alive, only not ready

        pg.start()
        deadline = time.monotonic() + 30
        while service.request("GET", "/readyz").status != 200:
            assert time.monotonic() < deadline, "the service did not recover"
            time.sleep(0.2)
        for _ in range(4):  # every worker, whatever connection it had
            r = service.request("GET", "/api/v1/quotes")
            # (a stale pooled connection once failed here after a sub-second restart: see
            # store.engine._has_pending_input; the service's log is shown if it happens again)
            assert r.status == 200, (r.body[:300], (tmp_path / "gunicorn.log").read_text()[-3000:])
        assert service.request("POST", "/api/v1/articles", article(2)).status == 201
        assert service.request("GET", "/api/v1/articles/1").status == 200
    assert "database unavailable: " in (tmp_path / "gunicorn.log").read_text()


def test_a_statement_stuck_behind_a_lock_times_out_as_503(throwaway_postgres, tmp_path):
    pg = throwaway_postgres
    store = open_store(pg.url)
    migrate.upgrade(store.engine)
    url = pg.url + "?options=-c%20statement_timeout%3D1000"  # the default (30 s) is too long to wait for here
    with Service(quotesvc_env(url), tmp_path / "gunicorn.log", workers=1, timeout=30) as service, \
            store.engine.connect() as locker:
        locker.execute(text("LOCK TABLE quotes IN ACCESS EXCLUSIVE MODE"))  # held until rollback
        r = service.request("GET", "/api/v1/quotes", timeout=20)
        assert r.status == 503 and r.seconds < 3
        locker.rollback()
        assert service.request("GET", "/api/v1/quotes").status == 200
    store.engine.dispose()
    assert "canceling statement due to statement timeout" in (tmp_path / "gunicorn.log").read_text()
