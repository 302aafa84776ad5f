"""Run quotesvc as it runs in production (gunicorn, real HTTP on 127.0.0.1) and talk to it.

Each service runs in a process group of its own, so a test can kill it with SIGKILL, master
and workers at once, as a crash or an OOM kill would; nothing else on the machine is touched.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import gunicorn


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quotesvc_env(database_url: str, **settings: str) -> dict[str, str]:
    """Return the environment of a quotesvc process: this one's, minus QUOTESVC_*, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTESVC_")}
    env["QUOTESVC_DATABASE_URL"] = database_url
    env["QUOTESVC_LOG_LEVEL"] = "WARNING"
    env.update({f"QUOTESVC_{k.upper()}": v for k, v in settings.items()})
    return env


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def json(self):
        return json.loads(self.body)


class Service:
    """A gunicorn serving ``quotesvc.app:create_app()`` on a free port of 127.0.0.1."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 4, timeout: int = 60):
        self.env, self.log, self.workers, self.timeout = env, log, workers, timeout
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self, wait: float = 60) -> Service:
        argv = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                "--timeout", str(self.timeout), "--graceful-timeout", "5"]
        if int(gunicorn.__version__.split(".")[0]) >= 27:
            argv.append("--no-control-socket")
        argv.append("quotesvc.app:create_app()")
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True, cwd=Path(__file__).parents[2])
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if self.request("GET", "/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"gunicorn did not answer within {wait} s:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (the process group this service started)."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """Stop gracefully, or kill after 15 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()
        with contextlib.suppress(ProcessLookupError):  # workers left behind by a master that died first
            os.killpg(self.proc.pid, signal.SIGKILL)

    def __enter__(self) -> Service:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def request(self, method: str, path: str, body=None, headers: dict | None = None, timeout: float = 60,
                chunked: bool = False) -> Reply:
        """Send one request on a new connection; ``body`` may be bytes, a JSON value or chunks."""
        headers = dict(headers or {})
        if body is not None and not isinstance(body, bytes | list):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=iter(body) if chunked else body, headers=headers,
                         encode_chunked=chunked)
            r = conn.getresponse()
            data = r.read()
            return Reply(r.status, dict(r.getheaders()), data, time.perf_counter() - started)
        finally:
            conn.close()
